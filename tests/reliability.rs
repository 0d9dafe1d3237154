//! Reliability cases (docs/reliability.md) in the app's own code: what the status line
//! treats as "not saved" (the failure notice's file names are checked by
//! `e2e/reliability.test.mjs`, where the page's script makes them). The pure decoders
//! are tested in `crates/core/tests/reliability.rs`, the browser faults in
//! `tests/web_reliability.rs` and `e2e/reliability.test.mjs`.

use decision_core::store::{Hold, SaveError, SaveState, Unavailable};

#[test]
fn case_01_02_every_unsaved_state_is_a_problem_that_offers_export() {
    for state in [
        SaveState::MemoryOnly(Unavailable::Blocked),
        SaveState::Failed(SaveError::Quota),
        SaveState::ReadOnly(Hold::Newer { schema: 9 }),
    ] {
        assert!(state.is_problem(), "{state:?} must show the warning and the export button");
    }
    for state in [
        SaveState::Idle,
        SaveState::Pending,
        SaveState::Saved("12:00".into()),
        SaveState::OtherTab("12:00".into()),
    ] {
        assert!(!state.is_problem(), "{state:?}");
    }
}

// --- 11: panic ---------------------------------------------------------------------------------
