//! Share links and answers files: round trips, the measured length of a fully filled card's
//! link, every kind of bad input, and property tests (round trip is identity; any input gives
//! answers or a clear error, never a panic).

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::card::Card;
use decision_core::envelope::{DecodeError, MAX_BYTES};
use decision_core::json::{Expected, ShapeError};
use decision_core::share::{
    base64url_encode, check_file_size, crc32, decode_file, decode_link, encode_file, encode_link, is_link,
    is_token, link_card, new_token, shareable, Sender, ShareError, LINK_FORMAT, MAX_LINK_CHARS,
};
use proptest::prelude::*;

const CARD: &str = "model-api-vs-self-hosted";

fn card() -> &'static Card {
    common::content_card(CARD)
}

/// Every control of the seed card answered, with a realistic sentence in every note.
fn fully_filled() -> Answers {
    let card = card();
    let mut a = Answers::default();
    for (i, f) in card.factors.iter().enumerate() {
        a.factors.insert(
            f.id.clone(),
            FactorAnswer { position: [2, 1, -1, 0, 2][i % 5], weight: Some([3, 2, 3, 1, 2][i % 5]) },
        );
    }
    for (_, s) in card.signals() {
        a.ticked.insert(s.id.clone());
    }
    for p in card.pitfalls() {
        a.ticked.insert(p.id.clone());
    }
    for t in &card.reversibility.relook_triggers {
        a.triggers.insert(t.id.clone());
    }
    let evidence_notes = [
        "Finance model v3: hosting breaks even at about 40M tokens a day; we are at 12M today.",
        "p95 must stay under 800 ms for the chat surface; the provider's EU region measures 620 ms.",
        "Legal says EU customer data may leave our cloud only with the DPA addendum, signed in May.",
        "Platform team has run GPU inference for the search ranker for a year, with a 24/7 on-call.",
    ];
    for (e, note) in card.evidence.iter().zip(evidence_notes) {
        a.evidence
            .insert(e.id.clone(), EvidenceAnswer { status: EvidenceStatus::Gathered, note: note.into() });
    }
    let question_notes = [
        "Data residency for EU tenants and no surprise model changes; cost only matters at scale.",
        "Some: the ranker team serves models today, but nobody owns an LLM lifecycle end to end.",
        "Support tickets hold personal data and contracts; legal exposure matters more than ops.",
        "A price rise of 2x would hurt but not kill the product; a silent behaviour change would.",
    ];
    for (q, note) in card.questions.iter().zip(question_notes) {
        a.notes.insert(q.id.clone(), note.into());
    }
    a
}

fn page_url(fragment: &str) -> String {
    format!("https://wiki.example.com/team/decisions/widget/index.html?card={CARD}#{fragment}")
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

#[test]
fn a_fully_filled_card_round_trips_through_a_link_well_under_2000_characters() {
    let answers = fully_filled();
    let fragment = encode_link(card(), &answers, Some("Ana Lima"), None);
    let url = page_url(&fragment);
    // The measured length is quoted in docs/sharing.md.
    println!("fragment: {} characters; whole link: {} characters", fragment.len() + 1, url.len());
    assert!(url.len() < 2000, "link is {} characters", url.len());
    assert!(fragment.len() < 1500, "fragment is {} characters", fragment.len());

    let shared = decode_link(&url, card()).expect("decodes");
    assert_eq!(shared.answers, answers);
    assert_eq!(shared.name.as_deref(), Some("Ana Lima"));
    assert_eq!(shared.content_version, card().version);
}

#[test]
fn empty_answers_make_a_short_link() {
    let fragment = encode_link(card(), &Answers::default(), None, None);
    assert!(fragment.starts_with(&format!("a={LINK_FORMAT}.{CARD}.{}.", card().version)));
    assert!(fragment.len() < 64, "{fragment}");
    let shared = decode_link(&fragment, card()).unwrap();
    assert_eq!(shared.answers, Answers::default());
    assert_eq!(shared.name, None);
}

#[test]
fn links_are_found_in_pasted_text() {
    let fragment = encode_link(card(), &fully_filled(), None, None);
    for text in [
        format!("#{fragment}"),
        fragment.clone(),
        format!("  {}  \n", page_url(&fragment)),
        format!("{}.", page_url(&fragment)),
        format!("<{}>", page_url(&fragment)),
        format!("({})", page_url(&fragment)),
    ] {
        assert_eq!(decode_link(&text, card()).map(|s| s.answers), Ok(fully_filled()), "{text}");
        assert!(is_link(&text));
        assert_eq!(link_card(&text).as_deref(), Some(CARD));
    }
    assert!(!is_link("https://example.com/#dc-factors"));
    assert_eq!(decode_link("#dc-factors", card()), Err(ShareError::NotALink));
    assert_eq!(decode_link("", card()), Err(ShareError::NotALink));
}

#[test]
fn answers_to_items_the_card_lacks_stay_out_of_links() {
    let mut answers = fully_filled();
    answers.factors.insert("gone".into(), FactorAnswer { position: 2, weight: None });
    answers.ticked.insert("gone-signal".into());
    answers.notes.insert("gone-question".into(), "kept in files".into());
    answers.notes.insert(card().questions[0].id.clone(), String::new());
    answers.factors.insert(card().factors[0].id.clone(), FactorAnswer::default());
    let shared = decode_link(&encode_link(card(), &answers, None, None), card()).unwrap();
    assert_eq!(shared.answers, shareable(card(), &answers));
    assert!(!shared.answers.ticked.contains("gone-signal"));
    assert!(!shared.answers.notes.contains_key(&card().questions[0].id));
}

/// Regression: a link cut off while pasting must never be read as (fewer) answers.
#[test]
fn every_truncation_of_a_link_is_refused() {
    let fragment = encode_link(card(), &fully_filled(), Some("Bo"), None);
    let header = format!("a={LINK_FORMAT}.{CARD}.{}.", card().version);
    for end in header.len()..fragment.len() {
        let cut = &fragment[..end];
        assert_eq!(decode_link(cut, card()), Err(ShareError::Incomplete), "cut at {end}");
    }
    for end in 0..header.len() {
        assert!(decode_link(&fragment[..end], card()).is_err(), "cut at {end}");
    }
}

#[test]
fn a_changed_character_is_refused() {
    let fragment = encode_link(card(), &fully_filled(), None, None);
    let at = fragment.len() - 20;
    let mut bytes = fragment.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(bytes).unwrap();
    assert_eq!(decode_link(&changed, card()), Err(ShareError::Incomplete));
}

#[test]
fn a_link_for_another_card_says_so() {
    let fragment = encode_link(card(), &fully_filled(), None, None).replace(CARD, "rent-vs-build");
    let err = decode_link(&fragment, card()).unwrap_err();
    assert_eq!(err, ShareError::OtherCard { card: "rent-vs-build".into() });
    assert!(err.to_string().contains("another card"));
    assert!(err.to_string().contains("rent-vs-build"));
}

#[test]
fn a_link_from_a_newer_format_says_so() {
    let fragment = encode_link(card(), &fully_filled(), None, None);
    let newer = fragment.replacen("a=2.", "a=3.", 1);
    let err = decode_link(&newer, card()).unwrap_err();
    assert_eq!(err, ShareError::NewerLink { format: "3".into() });
    assert!(err.to_string().contains("newer version"));
    let huge = fragment.replacen("a=2.", "a=99999999999999999999999.", 1);
    assert!(matches!(decode_link(&huge, card()), Err(ShareError::NewerLink { .. })));
}

#[test]
fn a_link_for_another_content_version_says_so() {
    let mut other = card().clone();
    other.version += 1;
    let fragment = encode_link(&other, &fully_filled(), None, None);
    let err = decode_link(&fragment, card()).unwrap_err();
    assert_eq!(err, ShareError::OtherVersion { link: card().version + 1, page: card().version });
    assert!(err.to_string().contains("exported file"));
}

#[test]
fn an_overlong_link_is_refused_before_it_is_read() {
    let fragment = format!("a=1.{CARD}.1.{}", "A".repeat(MAX_LINK_CHARS));
    assert!(matches!(decode_link(&fragment, card()), Err(ShareError::LinkTooLong { .. })));
}

/// A format 1 payload (links made before participant tokens, still read) with a valid
/// checksum, so that only the structure and ranges are tested.
fn signed(body: &[u8]) -> String {
    signed_as(1, body)
}

fn signed_as(format: u32, body: &[u8]) -> String {
    let header = format!("{format}.{CARD}.{}.", card().version);
    let crc = crc32(header.as_bytes().iter().chain(body.iter()).copied());
    let mut bytes = body.to_vec();
    bytes.extend_from_slice(&crc.to_be_bytes());
    format!("a={header}{}", base64url_encode(&bytes))
}

fn neutral_body() -> Vec<u8> {
    let card = card();
    let mut body = vec![0u8]; // no name
    body.extend(std::iter::repeat_n(10u8, card.factors.len())); // neutral, default weight
    let ticks = card.signals().count() + card.pitfalls().count();
    body.extend(std::iter::repeat_n(0u8, ticks.div_ceil(8)));
    body.extend(std::iter::repeat_n(0u8, card.reversibility.relook_triggers.len().div_ceil(8)));
    body.extend(std::iter::repeat_n(0u8, card.evidence.len().div_ceil(4)));
    body.extend(std::iter::repeat_n(0u8, card.evidence.len() + card.questions.len()));
    body
}

#[test]
fn a_link_carries_the_senders_token_and_when_it_was_made() {
    let token = new_token({
        let mut n = 7u32;
        move || {
            n = n.wrapping_mul(2_654_435_761).wrapping_add(1);
            n
        }
    });
    assert!(is_token(&token), "{token}");
    let sender = Sender { token: &token, made: 1_800_000_000 };
    let shared =
        decode_link(&encode_link(card(), &fully_filled(), Some("Ana"), Some(sender)), card()).unwrap();
    assert_eq!((shared.token.as_deref(), shared.made), (Some(token.as_str()), Some(1_800_000_000)));
    // A format 1 link (made before tokens) reads as before, without them.
    let shared = decode_link(&signed(&neutral_body()), card()).unwrap();
    assert_eq!((shared.token, shared.made), (None, None));
    // A token of another shape is refused with its own message, whatever its length.
    for forged in ["short", "eleven-char!", "twelve-chars"] {
        let mut body = vec![0u8, forged.len() as u8];
        body.extend(forged.bytes());
        body.push(0);
        body.extend(&neutral_body()[1..]);
        let err = decode_link(&signed_as(2, &body), card()).unwrap_err();
        assert_eq!(err, ShareError::BadToken, "{forged}");
        assert!(err.to_string().contains("participant token"));
    }
    // In a file too; a file's time is when it was saved.
    let file =
        encode_file(card(), &fully_filled(), &Default::default(), None, Some(&token), 1_800_000_000_500.0);
    let shared = decode_file(&file, card()).unwrap();
    assert_eq!((shared.token.as_deref(), shared.made), (Some(token.as_str()), Some(1_800_000_000)));
    let forged = file.replace(&token, "not a token");
    assert_eq!(decode_file(&forged, card()), Err(ShareError::BadToken));
}

#[test]
fn numbers_out_of_range_in_a_link_are_refused() {
    assert_eq!(decode_link(&signed(&neutral_body()), card()).map(|s| s.answers), Ok(Answers::default()));

    let mut body = neutral_body();
    body[1] = 25; // past "clearly B, importance High"
    let err = decode_link(&signed(&body), card()).unwrap_err();
    assert!(matches!(err, ShareError::OutOfRange { .. }), "{err:?}");
    assert!(err.to_string().contains("Privacy"), "{err}");

    let mut body = neutral_body();
    let evidence_at = 1 + card().factors.len() + 1 + 1;
    body[evidence_at] = 0b11; // status 3 does not exist
    assert!(matches!(decode_link(&signed(&body), card()), Err(ShareError::OutOfRange { .. })));

    let mut body = neutral_body();
    body.push(0);
    assert!(matches!(decode_link(&signed(&body), card()), Err(ShareError::Damaged { .. })));

    let mut body = neutral_body();
    let triggers_at = 1 + card().factors.len() + 1;
    body[triggers_at] = 0b1000_0000; // a fourth trigger the card does not have
    assert!(matches!(decode_link(&signed(&body), card()), Err(ShareError::Damaged { .. })));

    let mut body = neutral_body();
    body[0] = 61; // a name of 61 bytes…
    body.splice(1..1, std::iter::repeat_n(b'x', 61));
    assert!(matches!(decode_link(&signed(&body), card()), Err(ShareError::OutOfRange { .. })));
}

#[test]
fn every_error_has_a_message_for_people() {
    let errors = [
        ShareError::NotALink,
        ShareError::LinkTooLong { chars: 9000 },
        ShareError::NewerLink { format: "2".into() },
        ShareError::OtherCard { card: "x".into() },
        ShareError::OtherVersion { link: 2, page: 1 },
        ShareError::Incomplete,
        ShareError::Damaged { detail: "d".into() },
        ShareError::OutOfRange { detail: "d".into() },
        ShareError::FileTooLarge { bytes: 50 * 1024 * 1024 },
        ShareError::File(DecodeError::NotJson { detail: "d".into() }),
        ShareError::File(DecodeError::Truncated),
        ShareError::File(DecodeError::Newer { schema: 9 }),
        ShareError::File(DecodeError::OtherCard { card: "x".into() }),
        ShareError::File(DecodeError::WrongShape(ShapeError::Expected {
            path: "answers.ticked".into(),
            expected: Expected::List,
        })),
        ShareError::File(DecodeError::TooLarge { bytes: 2 << 20 }),
    ];
    for e in errors {
        let text = e.to_string();
        assert!(text.len() > 30 && text.ends_with('.'), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

#[test]
fn a_file_round_trips_with_the_name_and_every_answer() {
    let mut answers = fully_filled();
    answers.notes.insert("retired-question".into(), "kept, never dropped".into());
    let text = encode_file(card(), &answers, &Default::default(), Some("  Ana  "), None, 1_700_000_000_000.0);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], 3);
    assert_eq!(value["card"], CARD);
    assert_eq!(value["content_version"], card().version);
    let shared = decode_file(&text, card()).unwrap();
    assert_eq!(shared.answers, answers);
    assert_eq!(shared.name.as_deref(), Some("Ana"));

    let anonymous = encode_file(card(), &answers, &Default::default(), None, None, 0.0);
    assert!(!anonymous.contains("participant"));
    assert_eq!(decode_file(&anonymous, card()).unwrap().name, None);
}

#[test]
fn a_50_mb_file_is_refused_by_its_size() {
    let bytes = 50 * 1024 * 1024;
    let err = check_file_size(bytes).unwrap_err();
    assert_eq!(err, ShareError::FileTooLarge { bytes });
    assert!(err.to_string().contains("50.0 MB"), "{err}");
    assert!(check_file_size(MAX_BYTES as u64).is_ok());
    let big = " ".repeat(MAX_BYTES + 1);
    assert!(matches!(decode_file(&big, card()), Err(ShareError::FileTooLarge { .. })));
}

#[test]
fn a_file_that_is_not_json_is_refused() {
    let err = decode_file("PK\u{3}\u{4} this is a zip", card()).unwrap_err();
    assert!(matches!(err, ShareError::File(DecodeError::NotJson { .. })));
    assert!(err.to_string().contains("not JSON"));
    assert!(matches!(decode_file("", card()), Err(ShareError::File(DecodeError::Truncated))));
    assert!(matches!(decode_file("[1,2]", card()), Err(ShareError::File(DecodeError::WrongShape { .. }))));
}

#[test]
fn a_file_of_the_wrong_shape_names_the_field() {
    let text = encode_file(card(), &fully_filled(), &Default::default(), Some("Ana"), None, 0.0);
    let bad = text.replace(r#""participant":"Ana""#, r#""participant":["Ana"]"#);
    let err = decode_file(&bad, card()).unwrap_err();
    let want = ShapeError::Expected { path: "participant".into(), expected: Expected::Text };
    assert_eq!(err, ShareError::File(DecodeError::WrongShape(want)));
    assert_eq!(
        err.to_string(),
        "This file is JSON, but not a Decision Cards answers file (participant: expected text)."
    );
    let bad = text.replacen(r#""note":""#, r#""note":7,"x":""#, 1);
    let err = decode_file(&bad, card()).unwrap_err().to_string();
    assert!(err.contains("(answers.evidence.") && err.contains(".note: expected text)"), "{err}");
}

#[test]
fn a_file_for_another_card_or_a_newer_schema_is_refused() {
    let text = encode_file(card(), &fully_filled(), &Default::default(), None, None, 0.0);
    let other = text.replace(CARD, "rent-vs-build");
    assert!(matches!(decode_file(&other, card()), Err(ShareError::File(DecodeError::OtherCard { .. }))));
    let newer = text.replacen("\"schema\":3", "\"schema\":4", 1);
    let err = decode_file(&newer, card()).unwrap_err();
    assert_eq!(err, ShareError::File(DecodeError::Newer { schema: 4 }));
    assert!(err.to_string().contains("newer version"));
}

#[test]
fn numbers_out_of_range_in_a_file_are_refused_not_clamped() {
    let file = |factors: &str| {
        format!(
            r#"{{"schema":2,"card":"{CARD}","content_version":1,"saved_at":0,"answers":{{"factors":{factors}}}}}"#
        )
    };
    assert!(decode_file(&file(r#"{"privacy":{"position":-2,"weight":3}}"#), card()).is_ok());
    for bad in [
        r#"{"privacy":{"position":7}}"#,
        r#"{"privacy":{"position":-3}}"#,
        r#"{"privacy":{"position":1,"weight":4}}"#,
        r#"{"latency":{"weight":-1}}"#,
        r#"{"latency":{"position":100000000000000000000}}"#,
    ] {
        let err = decode_file(&file(bad), card()).unwrap_err();
        assert!(
            matches!(err, ShareError::OutOfRange { .. })
                || matches!(err, ShareError::File(DecodeError::WrongShape { .. })),
            "{bad}: {err:?}"
        );
    }
    let err = decode_file(&file(r#"{"privacy":{"position":7}}"#), card()).unwrap_err();
    assert!(err.to_string().contains("position 7 for \u{201c}Privacy\u{201d}"), "{err}");
    // Schema 1 kept positions in their own map: checked just the same.
    let v1 = format!(
        r#"{{"schema":1,"card":"{CARD}","content_version":1,"saved_at":0,"answers":{{"positions":{{"privacy":9}}}}}}"#
    );
    assert!(matches!(decode_file(&v1, card()), Err(ShareError::OutOfRange { .. })));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Arbitrary answers to the seed card's own items, in the canonical shape links return.
fn card_answers() -> impl Strategy<Value = Answers> {
    let card = card();
    let factors = card.factors.len();
    let ticks: Vec<String> =
        card.signals().map(|(_, s)| s.id.clone()).chain(card.pitfalls().map(|p| p.id.clone())).collect();
    let triggers: Vec<String> = card.reversibility.relook_triggers.iter().map(|t| t.id.clone()).collect();
    let evidence = card.evidence.len();
    let questions = card.questions.len();
    (
        prop::collection::vec((-2i8..=2, prop::option::of(0u8..=3)), factors),
        prop::collection::vec(any::<bool>(), ticks.len()),
        prop::collection::vec(any::<bool>(), triggers.len()),
        prop::collection::vec((0usize..3, ".{0,40}"), evidence),
        prop::collection::vec(".{0,60}", questions),
    )
        .prop_map(move |(f, t, tr, e, q)| {
            let mut a = Answers::default();
            for (factor, (position, weight)) in card.factors.iter().zip(f) {
                let answer = FactorAnswer { position, weight };
                if answer != FactorAnswer::default() {
                    a.factors.insert(factor.id.clone(), answer);
                }
            }
            a.ticked = ticks.iter().zip(t).filter(|(_, on)| *on).map(|(id, _)| id.clone()).collect();
            a.triggers = triggers.iter().zip(tr).filter(|(_, on)| *on).map(|(id, _)| id.clone()).collect();
            for (item, (status, note)) in card.evidence.iter().zip(e) {
                let answer = EvidenceAnswer { status: EvidenceStatus::ALL[status], note };
                if answer != EvidenceAnswer::default() {
                    a.evidence.insert(item.id.clone(), answer);
                }
            }
            for (item, note) in card.questions.iter().zip(q) {
                if !note.is_empty() {
                    a.notes.insert(item.id.clone(), note);
                }
            }
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn link_round_trip_is_identity(answers in card_answers(), name in prop::option::of("[A-Za-zÀ-ÿ ]{1,30}")) {
        prop_assert_eq!(&shareable(card(), &answers), &answers);
        let shared = decode_link(&encode_link(card(), &answers, name.as_deref(), None), card()).unwrap();
        prop_assert_eq!(shared.answers, answers);
        let expected = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        prop_assert_eq!(shared.name, expected);
    }

    #[test]
    fn file_round_trip_is_identity(answers in card_answers()) {
        let shared = decode_file(&encode_file(card(), &answers, &Default::default(), None, None, 5.0), card()).unwrap();
        prop_assert_eq!(shared.answers, answers);
    }

    #[test]
    fn any_text_decodes_or_says_why(text in ".{0,300}") {
        let _ = decode_link(&text, card());
        let _ = decode_link(&format!("#a=1.{CARD}.1.{text}"), card());
        let _ = decode_file(&text, card());
        let _ = link_card(&text);
    }

    #[test]
    fn any_bytes_decode_or_say_why(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        // Unsigned: stops at the checksum.
        let _ = decode_link(&format!("a=1.{CARD}.1.{}", base64url_encode(&bytes)), card());
        // Signed: reaches the structure and range checks.
        let _ = decode_link(&signed(&bytes), card());
        let _ = decode_file(&String::from_utf8_lossy(&bytes), card());
    }

    #[test]
    fn any_valid_link_decodes_to_answers_in_range(answers in card_answers()) {
        let fragment = encode_link(card(), &answers, None, None);
        let mut decoded = decode_link(&fragment, card()).unwrap().answers;
        let before = decoded.clone();
        decoded.clamp();
        prop_assert_eq!(decoded, before);
    }
}
