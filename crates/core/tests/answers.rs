//! Edits carried over from a page used before its app was live: each edit changes its own
//! field and nothing else, and the last edit of a field wins.

use decision_core::answers::{Answers, Edit, EvidenceStatus, FactorAnswer, STEPS};
use decision_core::card::MAX_WEIGHT;
use proptest::prelude::*;

fn saved() -> Answers {
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position: -2, weight: Some(3) });
    a.ticked.insert("signal-a-1".into());
    a.notes.insert("question-1".into(), "kept".into());
    a
}

#[test]
fn a_moved_slider_keeps_the_saved_importance() {
    let mut a = saved();
    a.apply(Edit::Position { factor: "privacy".into(), position: 1 });
    assert_eq!(a.factors.get("privacy"), Some(&FactorAnswer { position: 1, weight: Some(3) }));
    a.apply(Edit::Weight { factor: "latency".into(), weight: 1 });
    assert_eq!(a.factors.get("latency"), Some(&FactorAnswer { position: 0, weight: Some(1) }));
    assert_eq!(a.notes.get("question-1").map(String::as_str), Some("kept"));
}

#[test]
fn ticks_and_unticks_touch_only_their_own_box() {
    let mut a = saved();
    a.apply(Edit::Tick { id: "signal-a-1".into(), on: false });
    a.apply(Edit::Tick { id: "signal-b-2".into(), on: true });
    a.apply(Edit::Trigger { id: "trigger-1".into(), on: true });
    assert!(!a.is_ticked("signal-a-1"));
    assert!(a.is_ticked("signal-b-2"));
    assert!(a.triggers.contains("trigger-1"));
    assert_eq!(a.factors.get("privacy").map(|f| f.position), Some(-2));
}

#[test]
fn evidence_status_and_note_are_separate_fields() {
    let mut a = saved();
    a.apply(Edit::EvidenceNote { id: "evidence-1".into(), note: "asked legal".into() });
    a.apply(Edit::EvidenceStatus { id: "evidence-1".into(), status: EvidenceStatus::Gathered });
    let e = a.evidence.get("evidence-1").unwrap();
    assert_eq!((e.status, e.note.as_str()), (EvidenceStatus::Gathered, "asked legal"));
}

proptest! {
    #[test]
    fn edits_are_clamped_and_the_last_one_wins(
        positions in prop::collection::vec(any::<i8>(), 1..6),
        weight in any::<u8>(),
    ) {
        let mut a = saved();
        for p in &positions {
            a.apply(Edit::Position { factor: "privacy".into(), position: *p });
        }
        a.apply(Edit::Weight { factor: "privacy".into(), weight });
        let last = *positions.last().unwrap();
        prop_assert_eq!(a.position("privacy"), last.clamp(-STEPS, STEPS));
        prop_assert_eq!(a.factors.get("privacy").unwrap().position, last.clamp(-STEPS, STEPS));
        prop_assert_eq!(a.factors.get("privacy").unwrap().weight, Some(weight.min(MAX_WEIGHT)));
        prop_assert!(a.is_ticked("signal-a-1"));
    }
}
