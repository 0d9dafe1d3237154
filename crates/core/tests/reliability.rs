//! Reliability: no fault or bad input loses a user's progress. One test (or more) per case of
//! `docs/reliability.md`, named `case_NN_…` after it; the cases whose fault is the browser
//! itself are in `tests/web_reliability.rs` and `e2e/reliability.test.mjs`.
//!
//! Also runs every input the fuzzers keep (`fuzz/seeds/`, and `fuzz/regressions/` for any
//! input that once crashed a decoder) through the real decoders, so a crash found by fuzzing
//! stays fixed.
//!
//! What the app itself does about these faults is tested in the app's `tests/`.

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, Orphan, Prefer};
use decision_core::card::Card;
use decision_core::engine;
use decision_core::envelope::{
    decode, decode_detailed, encode, DecodeError, Envelope, MAX_BYTES, MAX_TIME_MS, SCHEMA,
};
use decision_core::messages;
use decision_core::share::{decode_file, decode_link, encode_file, encode_link, ShareError};
use proptest::prelude::*;
use std::path::PathBuf;

const CARD: &str = "model-api-vs-self-hosted";

fn card() -> &'static Card {
    common::content_card(CARD)
}

fn answered() -> Answers {
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position: 2, weight: Some(3) });
    a.factors.insert("latency".into(), FactorAnswer { position: -1, weight: None });
    a.ticked.insert("strong-privacy-or-control-needs".into());
    a.evidence.insert(
        "cost-model".into(),
        EvidenceAnswer { status: EvidenceStatus::InProgress, note: "asked finance".into() },
    );
    a.notes.insert("data-sensitivity".into(), "EU customer data".into());
    a.triggers.insert("cost-profile-changes".into());
    a
}

fn envelope_text(answers: &Answers) -> String {
    encode(&Envelope::new(CARD, card().version, 1_700_000_000_000.0, answers.clone()))
}

// --- 1 and 2: blocked storage, full storage: export is offered ---------------------------------

#[test]
fn case_01_02_export_file_holds_every_answer_and_imports_back() {
    // The "Export answers" button of the save warning downloads exactly this file.
    let mut answers = answered();
    answers.notes.insert("removed-question".into(), "kept from an earlier version".into());
    let text = encode_file(card(), &answers, &Default::default(), None, None, 1_700_000_000_000.0);
    let env = decode(&text, CARD).expect("the export is a valid envelope");
    assert_eq!(env.answers, answers, "nothing is left out, not even orphaned answers");
    assert_eq!(env.schema, SCHEMA);
    let imported = decode_file(&text, card()).expect("Import reads the export");
    assert_eq!(imported.answers, answers);
}

// --- 3: unreadable stored text ---------------------------------------------------------------

#[test]
fn case_03_every_truncation_of_saved_progress_is_refused_never_half_read() {
    let text = envelope_text(&answered());
    for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        match decode(&text[..cut], CARD) {
            Err(e) => assert!(e.is_unreadable(), "cut at {cut}: {e:?}"),
            Ok(env) => panic!("cut at {cut} decoded as {env:?}"),
        }
    }
}

#[test]
fn case_03_text_that_is_not_json_is_refused_with_a_sentence() {
    for raw in [
        "\u{feff}{\"schema\":2}",
        "\0\0\0\0",
        "<html><body>login</body></html>",
        "undefined",
        "[object Object]",
        "{\"schema\":2,\"card\":\"model-api-vs-self-hosted\"",
        "\u{fffd}\u{fffd}\u{fffd}",
    ] {
        let err = decode(raw, CARD).expect_err(raw);
        assert!(err.is_unreadable(), "{raw:?}");
        let message = err.to_string();
        assert!(message.starts_with("The saved data") && message.ends_with('.'), "{message}");
    }
}

// --- 4: valid JSON, wrong shape or numbers -----------------------------------------------------

fn with_answers(answers: &str) -> String {
    format!(r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":5,"answers":{answers}}}"#)
}

#[test]
fn case_04_wrong_shapes_and_non_finite_numbers_are_rejected() {
    let cases = [
        with_answers(r#"{"factors":{"privacy":{"position":1e999}}}"#),
        with_answers(r#"{"factors":{"privacy":{"position":-1e999}}}"#),
        with_answers(r#"{"factors":{"privacy":{"position":0.5}}}"#),
        with_answers(r#"{"factors":{"privacy":{"position":"NaN"}}}"#),
        with_answers(r#"{"factors":{"privacy":{"weight":1.5}}}"#),
        with_answers(r#"{"factors":{"privacy":{"weight":true}}}"#),
        // serde would read an array as the struct's fields in order, unclamped.
        with_answers(r#"{"factors":{"privacy":[1,2]}}"#),
        with_answers(r#"{"factors":{"privacy":[100,200]}}"#),
        with_answers(r#"{"evidence":{"cost-model":["gathered","note"]}}"#),
        with_answers(r#"[{"privacy":{"position":1}},[],{},{},[]]"#),
        with_answers("[]"),
        with_answers(r#"{"factors":[]}"#),
        with_answers(r#"{"evidence":{"cost-model":{"status":"done"}}}"#),
        with_answers(r#"{"evidence":{"cost-model":{"note":42}}}"#),
        with_answers(r#"{"notes":{"data-sensitivity":["a"]}}"#),
        with_answers(r#"{"ticked":[1,2]}"#),
        with_answers(r#"{"triggers":{"a":true}}"#),
        with_answers("null"),
        with_answers("\"answers\""),
        format!(r#"{{"schema":2,"card":"{CARD}","content_version":4294967296,"saved_at":0,"answers":{{}}}}"#),
        format!(r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":"today","answers":{{}}}}"#),
        format!(r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":1e400,"answers":{{}}}}"#),
        format!(r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":null,"answers":{{}}}}"#),
        r#"{"schema":2,"card":42,"content_version":1,"saved_at":0,"answers":{}}"#.to_string(),
        r#"{"schema":-2,"card":"x"}"#.to_string(),
        r#"{"schema":2.5,"card":"x"}"#.to_string(),
        r#"{"schema":NaN}"#.to_string(),
        r#"{"schema":Infinity}"#.to_string(),
    ];
    for raw in &cases {
        let err = decode(raw, CARD).expect_err(raw);
        assert!(err.is_unreadable(), "{raw}: {err:?}");
    }
}

#[test]
fn case_04_out_of_range_whole_numbers_are_clamped_and_the_verdict_stays_bounded() {
    let raw = with_answers(
        r#"{"factors":{
            "privacy":{"position":9223372036854775807,"weight":9223372036854775807},
            "control":{"position":-9223372036854775808,"weight":-9223372036854775808},
            "latency":{"position":18446744073709551615,"weight":18446744073709551615},
            "economics":{"position":3,"weight":4}
        }}"#,
    );
    let a = decode(&raw, CARD).expect("clamped, not refused").answers;
    assert_eq!(a.factors["privacy"], FactorAnswer { position: 2, weight: Some(3) });
    assert_eq!(a.factors["control"], FactorAnswer { position: -2, weight: Some(0) });
    assert_eq!(a.factors["latency"], FactorAnswer { position: 2, weight: Some(3) });
    assert_eq!(a.factors["economics"], FactorAnswer { position: 2, weight: Some(3) });
    let verdict = engine::evaluate(card(), &a);
    let shown = format!("{verdict:?}");
    assert!(!shown.contains("NaN") && !shown.contains("inf"), "{shown}");
}

#[test]
fn case_04_saved_time_out_of_range_is_clamped_to_whole_milliseconds_and_round_trips() {
    // Found by fuzzing (fuzz/regressions/envelope/saved-at-1e52-float-round-trip.json): a time
    // of 1.7e52 read back one unit off after a save, so saved data changed on every save.
    for (written, read) in [
        ("17010000000077777777777777777777777777777777777777770", MAX_TIME_MS),
        ("1e300", MAX_TIME_MS),
        ("-5", 0.0),
        ("-1e300", 0.0),
        ("1700000000000.12345678901234567", 1_700_000_000_000.0),
        ("1700000000123", 1_700_000_000_123.0),
    ] {
        let raw = format!(
            r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":{written},"answers":{{}}}}"#
        );
        let env = decode(&raw, CARD).expect(written);
        assert_eq!(env.saved_at, read, "{written}");
        assert_eq!(decode(&encode(&env), CARD).unwrap(), env, "{written}");
    }
    let mut env = Envelope::new(CARD, 1, 1e52, Answers::default());
    assert_eq!(decode(&encode(&env), CARD).unwrap().saved_at, MAX_TIME_MS);
    env.saved_at = f64::NEG_INFINITY;
    assert_eq!(decode(&encode(&env), CARD).unwrap().saved_at, 0.0);
}

// --- 5: older schema ---------------------------------------------------------------------------

/// One stored text per older schema, each holding the same answers as [`answered`].
fn older_schema_text(schema: u32) -> String {
    match schema {
        1 => format!(
            r#"{{"schema":1,"card":"{CARD}","content_version":1,"saved_at":1700000000000,
            "answers":{{
                "positions":{{"privacy":2,"latency":-1}},
                "weights":{{"privacy":3}},
                "ticked":["strong-privacy-or-control-needs"],
                "evidence":{{"cost-model":{{"status":"in_progress","note":"asked finance"}}}},
                "notes":{{"data-sensitivity":"EU customer data"}},
                "triggers":["cost-profile-changes"]
            }}}}"#
        ),
        2 => format!(
            r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":1700000000000,
            "answers":{{
                "factors":{{"privacy":{{"position":2,"weight":3}},"latency":{{"position":-1,"weight":null}}}},
                "ticked":["strong-privacy-or-control-needs"],
                "evidence":{{"cost-model":{{"status":"in_progress","note":"asked finance"}}}},
                "notes":{{"data-sensitivity":"EU customer data"}},
                "triggers":["cost-profile-changes"]
            }}}}"#
        ),
        other => panic!("no fixture for schema {other}: add one with the new migration"),
    }
}

#[test]
fn case_05_every_older_schema_migrates_step_by_step_to_the_current_one() {
    for schema in 1..SCHEMA {
        let decoded = decode_detailed(&older_schema_text(schema), CARD).expect("migrates");
        assert_eq!(decoded.from_schema, schema);
        assert!(decoded.migrated());
        assert_eq!(decoded.envelope.schema, SCHEMA);
        assert_eq!(decoded.envelope.answers, answered(), "schema {schema}: every answer kept");
        // Written back, it is current and reads the same.
        let again = decode_detailed(&encode(&decoded.envelope), CARD).unwrap();
        assert!(!again.migrated());
        assert_eq!(again.envelope, decoded.envelope);
    }
}

// --- 6: newer schema ---------------------------------------------------------------------------

#[test]
fn case_06_newer_schema_is_refused_with_a_message_and_never_half_read() {
    for raw in [
        format!(
            r#"{{"schema":{},"card":"{CARD}","content_version":1,"saved_at":0,"answers":{{}}}}"#,
            SCHEMA + 1
        ),
        format!(r#"{{"schema":{},"card":"{CARD}","answers":{{"factors":"a new shape"}}}}"#, SCHEMA + 1),
        r#"{"schema":18446744073709551615,"card":"other"}"#.to_string(),
    ] {
        let err = decode(&raw, CARD).expect_err(&raw);
        assert!(matches!(err, DecodeError::Newer { .. }), "{raw}: {err:?}");
        assert!(!err.is_unreadable(), "newer data is kept as it is, not backed up as damaged");
        assert!(err.to_string().contains("newer version"), "{err}");
    }
    // An imported file of a newer schema is refused the same way.
    let current = format!("\"schema\":{SCHEMA}");
    let newer = envelope_text(&answered()).replacen(&current, &format!("\"schema\":{}", SCHEMA + 1), 1);
    let newer_schema = u64::from(SCHEMA + 1);
    assert_eq!(
        decode_file(&newer, card()),
        Err(ShareError::File(DecodeError::Newer { schema: newer_schema }))
    );
}

// --- 7: two tabs -------------------------------------------------------------------------------

#[test]
fn case_07_changes_to_different_items_in_two_tabs_are_both_kept() {
    let base = answered();
    let mut ours = base.clone();
    ours.factors.insert("control".into(), FactorAnswer { position: 1, weight: None });
    ours.ticked.remove("strong-privacy-or-control-needs");
    ours.notes.insert("data-sensitivity".into(), "EU and US customer data".into());
    let mut theirs = base.clone();
    theirs.factors.insert("economics".into(), FactorAnswer { position: -2, weight: Some(1) });
    theirs.ticked.insert("serving-capability-exists".into());
    theirs.evidence.remove("cost-model");

    for prefer in [Prefer::Ours, Prefer::Theirs] {
        let merged = Answers::merge(&base, &ours, &theirs, prefer);
        assert_eq!(merged.factors["control"].position, 1);
        assert_eq!(merged.factors["economics"].position, -2);
        assert_eq!(merged.factors["privacy"], base.factors["privacy"]);
        assert!(!merged.is_ticked("strong-privacy-or-control-needs"), "an untick is a change too");
        assert!(merged.is_ticked("serving-capability-exists"));
        assert!(!merged.evidence.contains_key("cost-model"), "their reset of one item is kept");
        assert_eq!(merged.notes["data-sensitivity"], "EU and US customer data");
        assert_eq!(merged.triggers, base.triggers);
    }
}

#[test]
fn case_07_the_same_item_changed_in_both_tabs_goes_to_the_preferred_side_only() {
    let base = answered();
    let mut ours = base.clone();
    ours.notes.insert("data-sensitivity".into(), "ours".into());
    let mut theirs = base.clone();
    theirs.notes.insert("data-sensitivity".into(), "theirs".into());
    assert_eq!(Answers::merge(&base, &ours, &theirs, Prefer::Ours).notes["data-sensitivity"], "ours");
    assert_eq!(Answers::merge(&base, &ours, &theirs, Prefer::Theirs).notes["data-sensitivity"], "theirs");
    // An emptied note is the same as no note: a blank here does not wipe their text.
    let mut blank = base.clone();
    blank.notes.insert("new-question".into(), String::new());
    theirs.notes.insert("new-question".into(), "their text".into());
    assert_eq!(Answers::merge(&base, &blank, &theirs, Prefer::Ours).notes["new-question"], "their text");
}

#[test]
fn case_07_another_tabs_reset_clears_only_what_this_tab_did_not_change() {
    let base = answered();
    let mut ours = base.clone();
    ours.notes.insert("cost-model-question".into(), "typed just before the reset".into());
    let merged = Answers::merge(&base, &ours, &Answers::default(), Prefer::Theirs);
    let mut expected = Answers::default();
    expected.notes.insert("cost-model-question".into(), "typed just before the reset".into());
    assert_eq!(merged, expected);
}

fn small_answers() -> impl Strategy<Value = Answers> {
    let ids = || prop::sample::select(vec!["a", "b", "c", "d"]);
    (
        prop::collection::btree_map(ids(), (-2i8..=2, prop::option::of(0u8..=3)), 0..4),
        prop::collection::btree_set(ids(), 0..4),
        prop::collection::btree_map(ids(), prop::sample::select(vec!["", "x", "y"]), 0..4),
    )
        .prop_map(|(factors, ticked, notes)| {
            let mut a = Answers::default();
            for (id, (position, weight)) in factors {
                a.factors.insert(id.into(), FactorAnswer { position, weight });
            }
            a.ticked = ticked.into_iter().map(String::from).collect();
            a.notes = notes.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            a
        })
}

/// `x` without empty values (neutral factors, blank notes), which count as no answer.
fn normalized(x: &Answers) -> Answers {
    Answers::merge(&Answers::default(), &Answers::default(), x, Prefer::Ours)
}

proptest! {
    #[test]
    fn case_07_merge_never_loses_a_one_sided_change(
        base in small_answers(), ours in small_answers(), theirs in small_answers()
    ) {
        // A side that changed nothing takes the other side whole.
        prop_assert_eq!(Answers::merge(&base, &base, &theirs, Prefer::Ours), normalized(&theirs));
        prop_assert_eq!(Answers::merge(&base, &ours, &base, Prefer::Theirs), normalized(&ours));
        // Both sides made the same change: that change.
        prop_assert_eq!(Answers::merge(&base, &ours, &ours, Prefer::Theirs), normalized(&ours));
        // The two tabs' views are symmetric: what one keeps, the other keeps.
        let merged = Answers::merge(&base, &ours, &theirs, Prefer::Theirs);
        prop_assert_eq!(&merged, &Answers::merge(&base, &theirs, &ours, Prefer::Ours));
        // Every item only one side changed has that side's value in the result.
        let ids: Vec<&String> = base.notes.keys().chain(ours.notes.keys()).chain(theirs.notes.keys()).collect();
        for id in ids {
            let get = |a: &Answers| a.notes.get(id).filter(|n| !n.is_empty()).cloned();
            let (b, o, t, m) = (get(&base), get(&ours), get(&theirs), get(&merged));
            if o != b && t == b {
                prop_assert_eq!(&m, &o);
            }
            if t != b && o == b {
                prop_assert_eq!(&m, &t);
            }
        }
        for id in base.ticked.iter().chain(&ours.ticked).chain(&theirs.ticked) {
            let (b, o, t) = (base.is_ticked(id), ours.is_ticked(id), theirs.is_ticked(id));
            let expected = if o == b { t } else { o };
            prop_assert_eq!(merged.is_ticked(id), expected);
        }
    }
}

// --- 9: card content changed -------------------------------------------------------------------

#[test]
fn case_09_answers_to_removed_or_renamed_items_are_kept_listed_and_not_counted() {
    let mut changed = card().clone();
    changed.version += 1;
    // Removed: a factor, a question and a re-look trigger; renamed: an evidence item's id and
    // a signal's id.
    changed.factors.retain(|f| f.id != "latency");
    changed.questions.retain(|q| q.id != "data-sensitivity");
    changed.reversibility.relook_triggers.retain(|t| t.id != "cost-profile-changes");
    for e in &mut changed.evidence {
        if e.id == "cost-model" {
            e.id = "cost-model-v2".into();
        }
    }
    for o in &mut changed.options {
        for s in &mut o.signals {
            if s.id == "strong-privacy-or-control-needs" {
                s.id = "strong-privacy-needs".into();
            }
        }
    }

    // Saved under the old content version, read under the new one.
    let saved = envelope_text(&answered());
    let env = decode(&saved, CARD).expect("answers keyed by id survive a content change");
    assert_eq!(env.answers, answered(), "nothing dropped on load");

    let orphans = env.answers.orphans(&changed);
    assert_eq!(
        orphans,
        [
            Orphan::Factor { id: "latency".into(), position: -1 },
            Orphan::Ticked { id: "strong-privacy-or-control-needs".into() },
            Orphan::Evidence {
                id: "cost-model".into(),
                status: EvidenceStatus::InProgress,
                note: "asked finance".into()
            },
            Orphan::Note { id: "data-sensitivity".into(), text: "EU customer data".into() },
            Orphan::Trigger { id: "cost-profile-changes".into() },
        ]
    );
    let words: Vec<(&str, String)> =
        orphans.iter().map(|o| (messages::orphan_kind(o), messages::orphan_answer(o))).collect();
    assert_eq!(words[0], ("Factor", "position -1".to_string()));
    assert_eq!(words[2], ("Evidence", "In progress: asked finance".to_string()));
    // Answers to items that still exist still count; the orphans do not.
    assert!(env.answers.orphans(card()).is_empty());
    let with = engine::evaluate(&changed, &env.answers);
    let mut without = env.answers.clone();
    for o in &orphans {
        match o {
            Orphan::Factor { id, .. } => drop(without.factors.remove(id)),
            Orphan::Ticked { id } => drop(without.ticked.remove(id)),
            Orphan::Evidence { id, .. } => drop(without.evidence.remove(id)),
            Orphan::Note { id, .. } => drop(without.notes.remove(id)),
            Orphan::Trigger { id } => drop(without.triggers.remove(id)),
        }
    }
    assert_eq!(format!("{with:?}"), format!("{:?}", engine::evaluate(&changed, &without)));
    // Saving again keeps them (the envelope holds every id), and so does the exported file.
    let resaved = decode(&encode(&Envelope::new(CARD, changed.version, 0.0, env.answers.clone())), CARD);
    assert_eq!(resaved.unwrap().answers, answered());
    let file = encode_file(&changed, &env.answers, &Default::default(), None, None, 0.0);
    assert_eq!(decode(&file, CARD).unwrap().answers, answered());
}

// --- 10: imported files and share links ---------------------------------------------------------

#[test]
fn case_10_a_deeply_nested_file_is_refused_without_exhausting_the_stack() {
    for depth in [129, 1_000, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(decode(&nested, CARD).is_err());
        assert!(decode_file(&nested, card()).is_err());
        let in_answers =
            with_answers(&format!(r#"{{"notes":{{"x":{}"deep"{}}}}}"#, "[".repeat(depth), "]".repeat(depth)));
        assert!(decode(&in_answers, CARD).is_err());
        assert!(decode_file(&in_answers, card()).is_err());
    }
}

#[test]
fn case_10_a_file_that_is_not_utf8_is_refused_or_read_as_plain_text() {
    // Browsers read a file as UTF-8 with replacement characters (`Blob.text()`): invalid bytes
    // can never reach the decoder as anything but U+FFFD.
    let valid = encode_file(card(), &answered(), &Default::default(), None, None, 0.0).into_bytes();
    let mut latin1 = valid.clone();
    let at = latin1.windows(5).position(|w| w == b"asked").unwrap();
    latin1[at] = 0xE9; // "é" in Latin-1: not UTF-8
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(valid.iter().flat_map(|&b| [b, 0]));
    for bytes in [latin1, utf16, vec![0xC3], vec![0xFF; 64]] {
        assert!(std::str::from_utf8(&bytes).is_err());
        let text = String::from_utf8_lossy(&bytes);
        match decode_file(&text, card()) {
            Err(err) => assert!(!err.to_string().is_empty()),
            Ok(shared) => {
                let note = &shared.answers.evidence["cost-model"].note;
                assert!(note.contains('\u{fffd}'), "the damaged byte shows as such: {note}");
            }
        }
    }
}

#[test]
fn case_10_wrong_card_or_wrong_version_is_refused_with_a_message() {
    let file = encode_file(card(), &answered(), &Default::default(), None, None, 0.0);
    let other = file.replace(CARD, "rent-vs-build");
    let err = decode_file(&other, card()).unwrap_err();
    assert!(err.to_string().contains("rent-vs-build"), "{err}");

    let link = encode_link(card(), &answered(), None, None);
    let other_card = link.replacen(CARD, "rent-vs-build", 1);
    assert!(matches!(decode_link(&other_card, card()), Err(ShareError::OtherCard { .. })));
    let version = format!(".{}.", card().version);
    let other_version = link.replacen(&version, &format!(".{}.", card().version + 1), 1);
    assert!(matches!(decode_link(&other_version, card()), Err(ShareError::OtherVersion { .. })));
    let newer = link.replacen("a=2.", "a=3.", 1);
    assert!(matches!(decode_link(&newer, card()), Err(ShareError::NewerLink { .. })));
}

const MARKUP: [&str; 5] = [
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "[x](javascript:alert(1)) <a href=\"javascript:alert(1)\">link</a>",
];

#[test]
fn case_10_markup_in_notes_and_names_travels_as_exact_plain_text() {
    // The decoders neither strip nor escape: text stays the user's text, and every screen
    // shows it as text (text nodes; checked in the browser by e2e/reliability.test.mjs).
    for markup in MARKUP {
        let mut answers = answered();
        answers.notes.insert("data-sensitivity".into(), markup.into());
        answers.evidence.get_mut("cost-model").unwrap().note = markup.into();
        let name = markup.chars().take(60).collect::<String>();

        let file = encode_file(card(), &answers, &Default::default(), Some(&name), None, 0.0);
        let shared = decode_file(&file, card()).expect(markup);
        assert_eq!(shared.answers, answers);
        assert_eq!(shared.name.as_deref(), Some(name.trim()));

        let link = encode_link(card(), &answers, Some(&name), None);
        let shared = decode_link(&link, card()).expect(markup);
        assert_eq!(shared.answers.notes["data-sensitivity"], markup);
        assert_eq!(shared.name.as_deref(), Some(name.trim()));
    }
}

#[test]
fn case_10_a_javascript_url_or_markup_is_not_a_share_link() {
    for text in [
        "javascript:alert(1)",
        "javascript:alert(1)#a=",
        "#a=<script>alert(1)</script>",
        "#a=1.model-api-vs-self-hosted.1.<script>",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let err = decode_link(text, card()).expect_err(text);
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn case_10_too_large_input_is_refused_before_it_is_parsed() {
    let huge = format!(r#"{{"schema":2,"note":"{}"}}"#, "x".repeat(MAX_BYTES));
    assert!(matches!(decode(&huge, CARD), Err(DecodeError::TooLarge { .. })));
    assert!(matches!(decode_file(&huge, card()), Err(ShareError::FileTooLarge { .. })));
    let link = format!("#a=1.{CARD}.1.{}", "A".repeat(100_000));
    assert!(matches!(decode_link(&link, card()), Err(ShareError::LinkTooLong { .. })));
}

// --- Fuzzing: every kept input, through the real decoders -------------------------------------

fn kept_inputs() -> Vec<PathBuf> {
    let root = common::root().join("fuzz");
    let mut files = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(targets) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for target in targets.flatten() {
            let Ok(entries) = std::fs::read_dir(target.path()) else {
                continue;
            };
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    decision_core::sort::sort(&mut files);
    files
}

#[test]
fn fuzz_seeds_and_regressions_never_panic_any_decoder() {
    let files = kept_inputs();
    assert!(files.len() >= 5, "fuzz/seeds is missing: {files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode(&text, CARD);
        let _ = decode_file(&text, card());
        let _ = decode_link(&text, card());
        if let Ok(env) = decode(&text, CARD) {
            assert_eq!(decode(&encode(&env), CARD).as_ref(), Ok(&env), "{}", path.display());
        }
    }
}
