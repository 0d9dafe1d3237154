//! The stored envelope: round trip, every way stored text can be bad, clamping, and the
//! schema 1 → 2 migration.

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::envelope::{decode, decode_detailed, encode, DecodeError, Envelope, MAX_BYTES, SCHEMA};
use decision_core::json::{Expected, ShapeError};
use proptest::prelude::*;

const CARD: &str = "model-api-vs-self-hosted";

fn sample_answers() -> Answers {
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position: 2, weight: Some(3) });
    a.factors.insert("latency".into(), FactorAnswer { position: -1, weight: None });
    a.ticked.insert("signal-a-1".into());
    a.evidence.insert(
        "evidence-1".into(),
        EvidenceAnswer { status: EvidenceStatus::InProgress, note: "asked legal, \"pending\"".into() },
    );
    a.notes.insert("question-1".into(), "Ünïcode ✓ and\nnewlines".into());
    a.triggers.insert("trigger-1".into());
    a
}

fn sample() -> Envelope {
    Envelope::new(CARD, 3, 1_700_000_000_123.0, sample_answers())
}

fn err(raw: &str) -> DecodeError {
    decode(raw, CARD).expect_err("should not decode")
}

#[test]
fn round_trip_keeps_everything() {
    let env = sample();
    let text = encode(&env);
    let back = decode_detailed(&text, CARD).unwrap();
    assert_eq!(back.envelope, env);
    assert_eq!(back.from_schema, SCHEMA);
    assert!(!back.migrated());
}

#[test]
fn encoded_form_has_the_documented_fields() {
    let v: serde_json::Value = serde_json::from_str(&encode(&sample())).unwrap();
    assert_eq!(v["schema"], SCHEMA);
    assert_eq!(v["card"], CARD);
    assert_eq!(v["content_version"], 3);
    assert_eq!(v["saved_at"], 1_700_000_000_123.0);
    assert_eq!(v["answers"]["factors"]["privacy"]["position"], 2);
    assert_eq!(v["answers"]["factors"]["latency"]["weight"], serde_json::Value::Null);
}

#[test]
fn non_finite_time_is_written_as_zero_not_null() {
    let mut env = sample();
    env.saved_at = f64::NAN;
    let back = decode(&encode(&env), CARD).unwrap();
    assert_eq!(back.saved_at, 0.0);
    assert_eq!(back.answers, env.answers);
}

#[test]
fn corrupt_json_is_not_json() {
    assert!(matches!(err("{\"schema\": 2, oops}"), DecodeError::NotJson { .. }));
    assert!(matches!(err("hello"), DecodeError::NotJson { .. }));
    assert!(matches!(err("{} trailing"), DecodeError::NotJson { .. }));
}

#[test]
fn truncated_json_is_truncated() {
    let text = encode(&sample());
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
        assert_eq!(err(&text[..cut]), DecodeError::Truncated, "cut at {cut}");
    }
}

#[test]
fn empty_or_blank_text_is_truncated() {
    assert_eq!(err(""), DecodeError::Truncated);
    assert_eq!(err("  \n"), DecodeError::Truncated);
}

#[test]
fn wrong_shapes_are_reported_with_detail() {
    let cases = [
        "[1, 2, 3]",
        "42",
        "null",
        "{}",
        r#"{"schema": "2", "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0, "answers": {}}"#,
        r#"{"schema": 0, "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0, "answers": {}}"#,
        r#"{"schema": 2, "content_version": 1, "saved_at": 0, "answers": {}}"#,
        // missing answers
        r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0}"#,
        // positions as strings
        r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0,
            "answers": {"factors": {"privacy": {"position": "2"}}}}"#,
        // fractional position
        r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0,
            "answers": {"factors": {"privacy": {"position": 1.5}}}}"#,
        r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1, "saved_at": 0,
            "answers": {"ticked": "all"}}"#,
        r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": -1, "saved_at": 0, "answers": {}}"#,
    ];
    for raw in cases {
        match err(raw) {
            DecodeError::WrongShape(shape) => assert!(!shape.to_string().is_empty(), "{raw}"),
            other => panic!("{raw}: expected WrongShape, got {other:?}"),
        }
    }
}

#[test]
fn a_wrong_value_is_named_by_its_path() {
    let stored = |answers: &str| {
        format!(
            r#"{{"schema": 2, "card": "{CARD}", "content_version": 1, "saved_at": 0, "answers": {answers}}}"#
        )
    };
    let expected =
        |path: &str, expected| DecodeError::WrongShape(ShapeError::Expected { path: path.into(), expected });
    let position = Expected::Whole { min: -2, max: Some(2) };
    let cases = [
        ("[1, 2]".to_string(), expected("", Expected::Object)),
        (r#"{"schema": "2"}"#.to_string(), expected("schema", Expected::Whole { min: 1, max: None })),
        (
            r#"{"card": "x"}"#.to_string(),
            DecodeError::WrongShape(ShapeError::Missing { path: "schema".into() }),
        ),
        (
            stored(r#"{"factors": {"privacy": {"position": 1.5}}}"#),
            expected("answers.factors.privacy.position", position),
        ),
        (
            stored(r#"{"factors": {"privacy": {"position": "2"}}}"#),
            expected("answers.factors.privacy.position", position),
        ),
        (
            stored(r#"{"factors": {"privacy": {"weight": true}}}"#),
            expected("answers.factors.privacy.weight", Expected::Whole { min: 0, max: Some(3) }),
        ),
        (stored(r#"{"factors": {"privacy": 2}}"#), expected("answers.factors.privacy", Expected::Object)),
        (stored(r#"{"ticked": "all"}"#), expected("answers.ticked", Expected::List)),
        (stored(r#"{"triggers": ["a", 2]}"#), expected("answers.triggers[1]", Expected::Text)),
        (
            stored(r#"{"evidence": {"cost-model": {"status": "done"}}}"#),
            expected("answers.evidence.cost-model.status", Expected::OneOf(&EvidenceStatus::KEYS)),
        ),
        (
            stored(r#"{"evidence": {"cost-model": {"note": 1}}}"#),
            expected("answers.evidence.cost-model.note", Expected::Text),
        ),
        (stored(r#"{"notes": {"q": null}}"#), expected("answers.notes.q", Expected::Text)),
        (stored("[]"), expected("answers", Expected::Object)),
        (
            stored("{}").replace(r#""content_version": 1"#, r#""content_version": -1"#),
            expected("content_version", Expected::Whole { min: 0, max: Some(4_294_967_295) }),
        ),
        (
            stored("{}").replace(r#""saved_at": 0"#, r#""saved_at": "now""#),
            expected("saved_at", Expected::Number),
        ),
        (
            stored("{}").replace(r#""card": "model-api-vs-self-hosted""#, r#""card": 7"#),
            expected("card", Expected::Text),
        ),
        (
            format!(r#"{{"schema": 2, "card": "{CARD}", "content_version": 1, "saved_at": 0}}"#),
            DecodeError::WrongShape(ShapeError::Missing { path: "answers".into() }),
        ),
        (
            format!(
                r#"{{"schema": 1, "card": "{CARD}", "content_version": 1, "saved_at": 0, "answers": {{"positions": [1]}}}}"#
            ),
            expected("answers.positions", Expected::Object),
        ),
        (
            // Schema 1's maps are checked where the migration put them.
            format!(
                r#"{{"schema": 1, "card": "{CARD}", "content_version": 1, "saved_at": 0, "answers": {{"positions": {{"privacy": "2"}}}}}}"#
            ),
            expected("answers.factors.privacy.position", position),
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(err(&raw), want, "{raw}");
    }
    // The sentence names the field.
    let m = err(&stored(r#"{"factors": {"privacy": {"position": 1.5}}}"#)).to_string();
    assert_eq!(
        m,
        "The saved data is not in a form this page understands \
         (answers.factors.privacy.position: expected a whole number from -2 to 2)."
    );
    let m = err(&stored("{}").replace(r#""saved_at": 0, "#, "")).to_string();
    assert!(m.contains("(saved_at is missing)"), "{m}");
}

#[test]
fn schema_1_positions_as_strings_is_wrong_shape() {
    let raw = r#"{"schema": 1, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 0, "answers": {"positions": {"privacy": "2"}}}"#;
    assert!(matches!(err(raw), DecodeError::WrongShape { .. }));
    let raw = r#"{"schema": 1, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 0, "answers": {"positions": ["privacy", 2]}}"#;
    assert!(matches!(err(raw), DecodeError::WrongShape { .. }));
}

#[test]
fn newer_schema_is_reported_not_read() {
    let raw = r#"{"schema": 4, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 0, "answers": {"something": "new"}}"#;
    assert_eq!(err(raw), DecodeError::Newer { schema: 4 });
    assert!(!err(raw).is_unreadable());
    let huge = r#"{"schema": 99999999999, "whatever": true}"#;
    assert_eq!(err(huge), DecodeError::Newer { schema: 99_999_999_999 });
    assert!(err(raw).to_string().contains("newer version"));
}

#[test]
fn other_card_is_reported() {
    let env = Envelope::new("another-card", 1, 0.0, sample_answers());
    assert_eq!(err(&encode(&env)), DecodeError::OtherCard { card: "another-card".into() });
}

#[test]
fn too_large_is_refused_before_parsing() {
    // Valid JSON would be accepted if the size were not checked first.
    let mut env = sample();
    env.answers.notes.insert("huge".into(), "x".repeat(MAX_BYTES));
    let text = encode(&env);
    assert!(matches!(err(&text), DecodeError::TooLarge { bytes } if bytes == text.len()));
}

#[test]
fn out_of_range_numbers_are_clamped() {
    let raw = r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 5, "answers": {"factors": {
            "privacy": {"position": 99, "weight": 200},
            "latency": {"position": -99, "weight": -4},
            "control": {"position": 100000, "weight": 18446744073709551615},
            "economics": {"position": -2, "weight": 2}
        }}}"#;
    let a = decode(raw, CARD).unwrap().answers;
    assert_eq!(a.factors["privacy"], FactorAnswer { position: 2, weight: Some(3) });
    assert_eq!(a.factors["latency"], FactorAnswer { position: -2, weight: Some(0) });
    assert_eq!(a.factors["control"], FactorAnswer { position: 2, weight: Some(3) });
    assert_eq!(a.factors["economics"], FactorAnswer { position: -2, weight: Some(2) });
}

#[test]
fn numbers_too_big_for_json_are_refused() {
    // serde_json refuses infinities written as huge literals; nothing non-finite gets through.
    let raw = r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 1e999, "answers": {}}"#;
    assert!(err(raw).is_unreadable());
    assert!(matches!(err("NaN"), DecodeError::NotJson { .. }));
}

#[test]
fn schema_1_migrates_to_schema_2_keeping_every_answer() {
    let raw = r#"{
        "schema": 1, "card": "model-api-vs-self-hosted", "content_version": 3,
        "saved_at": 1700000000123,
        "answers": {
            "positions": {"privacy": 2, "latency": -1, "control": 7},
            "weights": {"privacy": 3, "economics": 1},
            "ticked": ["signal-a-1"],
            "evidence": {"evidence-1": {"status": "in_progress", "note": "asked legal, \"pending\""}},
            "notes": {"question-1": "Ünïcode ✓ and\nnewlines"},
            "triggers": ["trigger-1"]
        }
    }"#;
    let decoded = decode_detailed(raw, CARD).unwrap();
    assert_eq!(decoded.from_schema, 1);
    assert!(decoded.migrated());
    let env = decoded.envelope;
    assert_eq!(env.schema, SCHEMA);
    assert_eq!(env.content_version, 3);
    assert_eq!(env.saved_at, 1_700_000_000_123.0);
    let a = &env.answers;
    assert_eq!(a.factors["privacy"], FactorAnswer { position: 2, weight: Some(3) });
    assert_eq!(a.factors["latency"], FactorAnswer { position: -1, weight: None });
    // Clamped like any other answer.
    assert_eq!(a.factors["control"], FactorAnswer { position: 2, weight: None });
    // A weight without a position is kept, at neutral.
    assert_eq!(a.factors["economics"], FactorAnswer { position: 0, weight: Some(1) });
    assert_eq!(a.factors.len(), 4);
    let mut expected = sample_answers();
    expected.factors = a.factors.clone();
    assert_eq!(*a, expected, "everything but the factors is unchanged");

    // Writing it back gives schema 2, which reads the same.
    let text = encode(&env);
    let again = decode_detailed(&text, CARD).unwrap();
    assert_eq!(again.from_schema, SCHEMA);
    assert_eq!(again.envelope, env);
}

#[test]
fn schema_1_without_factor_maps_migrates() {
    let raw = r#"{"schema": 1, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 0, "answers": {"ticked": ["x"]}}"#;
    let env = decode(raw, CARD).unwrap();
    assert!(env.answers.factors.is_empty());
    assert!(env.answers.is_ticked("x"));
}

#[test]
fn unknown_fields_from_the_same_schema_are_ignored() {
    let raw = r#"{"schema": 2, "card": "model-api-vs-self-hosted", "content_version": 1,
        "saved_at": 0, "extra": [1], "answers": {"factors": {}, "later": true}}"#;
    assert!(decode(raw, CARD).is_ok());
}

#[test]
fn messages_are_plain_sentences() {
    for e in [
        DecodeError::TooLarge { bytes: 2 * MAX_BYTES },
        DecodeError::Truncated,
        DecodeError::NotJson { detail: "expected value at line 1 column 1".into() },
        DecodeError::WrongShape(ShapeError::Missing { path: "answers".into() }),
        DecodeError::Newer { schema: 9 },
        DecodeError::OtherCard { card: "x".into() },
    ] {
        let m = e.to_string();
        assert!(m.starts_with("The saved data") || m.starts_with("This progress"), "{m}");
        assert!(m.ends_with('.'), "{m}");
    }
}

proptest! {
    #[test]
    fn decoding_any_text_never_panics(raw in any::<String>()) {
        let _ = decode(&raw, CARD);
    }

    #[test]
    fn decoding_json_like_text_never_panics(
        raw in r#"[\[\]{}":,0-9a-z\- .eE+]{0,200}"#,
        schema in 0u32..5,
    ) {
        let _ = decode(&raw, CARD);
        let wrapped = format!(
            r#"{{"schema": {schema}, "card": "{CARD}", "content_version": 1, "saved_at": 0, "answers": {raw}}}"#
        );
        let _ = decode(&wrapped, CARD);
    }

    #[test]
    fn any_numbers_round_trip_clamped(position in any::<i8>(), weight in proptest::option::of(any::<u8>())) {
        let mut a = Answers::default();
        a.factors.insert("f".into(), FactorAnswer { position, weight });
        let back = decode(&encode(&Envelope::new(CARD, 1, 0.0, a.clone())), CARD).unwrap();
        a.clamp();
        prop_assert_eq!(back.answers, a);
    }
}
