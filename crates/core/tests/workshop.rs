//! The workshop: duplicates, the spread per factor, tallies, how the group's answers are
//! formed, the group verdict, disagreement ranking, the stored form and the Markdown summary.

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::card::Card;
use decision_core::engine::{self, Outcome};
use decision_core::envelope::DecodeError;
use decision_core::workshop::*;
use proptest::prelude::*;

const CARD: &str = "model-api-vs-self-hosted";

fn card() -> &'static Card {
    common::content_card(CARD)
}

fn answers(positions: &[(&str, i8)], ticked: &[&str]) -> Answers {
    let mut a = Answers::default();
    for (id, p) in positions {
        a.factors.insert((*id).into(), FactorAnswer { position: *p, weight: None });
    }
    a.ticked = ticked.iter().map(|s| (*s).to_string()).collect();
    a
}

fn person(name: &str, a: Answers) -> Participant {
    Participant { name: name.into(), answers: a }
}

#[test]
fn the_same_answers_are_one_participant() {
    let mut w = Workshop::new(card());
    let a = answers(&[("privacy", 2)], &["speed-matters"]);
    assert_eq!(w.add(None, a.clone()), Added::New { index: 0 });
    assert_eq!(w.add(None, a.clone()), Added::Duplicate { of: 0 });
    // The same answers stored with an explicit "not answered" entry are still the same.
    let mut padded = a.clone();
    padded.factors.insert("latency".into(), FactorAnswer::default());
    padded.notes.insert("data-sensitivity".into(), String::new());
    assert_eq!(w.add(None, padded), Added::Duplicate { of: 0 });
    // A name arriving later is taken by the unnamed duplicate.
    assert_eq!(w.add(Some("Ana"), a.clone()), Added::Duplicate { of: 0 });
    assert_eq!(w.label(0), "Ana");
    assert_eq!(w.add(Some(" ana "), a.clone()), Added::Duplicate { of: 0 });
    // Two people can give identical answers: different names are different participants.
    assert_eq!(w.add(Some("Bo"), a.clone()), Added::New { index: 1 });
    assert_eq!(w.add(None, answers(&[("privacy", 1)], &[])), Added::New { index: 2 });
    assert_eq!(w.label(2), "Participant 3");
    assert_eq!(w.participants.len(), 3);
}

#[test]
fn a_workshop_has_room_for_a_room_not_a_survey() {
    let mut w = Workshop::new(card());
    for i in 0..MAX_PARTICIPANTS {
        let mut a = Answers::default();
        a.notes.insert("data-sensitivity".into(), format!("note {i}"));
        assert!(matches!(w.add(None, a), Added::New { .. }));
    }
    assert_eq!(w.add(Some("late"), Answers::default()), Added::Full);
}

#[test]
fn the_spread_counts_positions_and_measures_disagreement() {
    let people = vec![
        person("A", answers(&[("privacy", 2), ("latency", 0)], &[])),
        person("B", answers(&[("privacy", -2), ("latency", 0)], &[])),
        person("C", answers(&[("privacy", 1), ("latency", 1)], &[])),
    ];
    let s = summarize(card(), &people);
    let privacy = &s.factors[0];
    assert_eq!(privacy.id, "privacy");
    assert_eq!(privacy.positions, vec![2, -2, 1]);
    assert_eq!(privacy.counts, vec![1, 0, 0, 1, 1]);
    assert_eq!((privacy.min, privacy.max, privacy.range()), (-2, 2, 4));
    assert_eq!(privacy.median, 1.0);
    assert!((privacy.mean - 1.0 / 3.0).abs() < 1e-9);
    assert!((privacy.spread - (26.0f64 / 9.0).sqrt()).abs() < 1e-9);
    assert_eq!(privacy.group_position, 1);
    // Latency is one step apart at most: not disputed. Privacy is the most disputed.
    assert_eq!(s.disputed, vec![0]);
}

#[test]
fn a_split_room_rounds_toward_neutral() {
    let people = vec![
        person("A", answers(&[("privacy", 2), ("control", -2)], &[])),
        person("B", answers(&[("privacy", -1), ("control", -1)], &[])),
    ];
    let group = group_answers(card(), &people);
    // Medians 0.5 and -1.5 round toward neutral: 0 and -1.
    assert_eq!(group.position("privacy"), 0);
    assert_eq!(group.position("control"), -1);
}

#[test]
fn importance_is_the_median_and_halfway_goes_toward_the_default() {
    let weighted = |w: u8| {
        let mut a = Answers::default();
        a.factors.insert("latency".into(), FactorAnswer { position: 0, weight: Some(w) });
        a
    };
    // Latency's default importance is 1.
    let people = vec![person("A", weighted(0)), person("B", weighted(3))];
    assert_eq!(group_answers(card(), &people).weight(card(), "latency"), 1);
    let people = vec![person("A", weighted(2)), person("B", weighted(3))];
    assert_eq!(group_answers(card(), &people).weight(card(), "latency"), 2);
    let people = vec![person("A", weighted(3)), person("B", weighted(3)), person("C", Answers::default())];
    assert_eq!(group_answers(card(), &people).weight(card(), "latency"), 3);
}

#[test]
fn a_signal_counts_for_the_group_when_more_than_half_ticked_it() {
    let people = vec![
        person("A", answers(&[], &["speed-matters", "self-hosting-for-prestige"])),
        person("B", answers(&[], &["speed-matters"])),
        person("C", answers(&[], &["serving-capability-exists", "self-hosting-for-prestige"])),
        person("D", answers(&[], &[])),
    ];
    let s = summarize(card(), &people);
    let count = |id: &str| s.signals.iter().chain(&s.pitfalls).find(|t| t.id == id).unwrap().count;
    assert_eq!(count("speed-matters"), 2);
    assert_eq!(count("serving-capability-exists"), 1);
    assert_eq!(count("self-hosting-for-prestige"), 2);
    assert_eq!(s.signals.len(), card().signals().count());
    assert_eq!(s.pitfalls.len(), card().pitfalls().count());
    // Two of four is not more than half.
    assert!(s.group.ticked.is_empty());
    let s = summarize(card(), &people[..3]);
    assert!(s.group.is_ticked("speed-matters"));
    assert!(s.group.is_ticked("self-hosting-for-prestige"));
    assert!(!s.group.is_ticked("serving-capability-exists"));
}

#[test]
fn evidence_takes_the_median_status_rounded_down() {
    let status = |s: EvidenceStatus| {
        let mut a = Answers::default();
        a.evidence.insert("cost-model".into(), EvidenceAnswer { status: s, note: "n".into() });
        a
    };
    let people =
        vec![person("A", status(EvidenceStatus::Gathered)), person("B", status(EvidenceStatus::NotStarted))];
    assert_eq!(group_answers(card(), &people).evidence_status("cost-model"), EvidenceStatus::InProgress);
    let people =
        vec![person("A", status(EvidenceStatus::Gathered)), person("B", status(EvidenceStatus::InProgress))];
    assert_eq!(group_answers(card(), &people).evidence_status("cost-model"), EvidenceStatus::InProgress);
}

#[test]
fn every_participant_gets_a_verdict_and_the_group_one_from_the_engine() {
    let switch = answers(
        &[("privacy", 2), ("control", 2), ("ops-maturity", 2), ("economics", 2)],
        &["strong-privacy-or-control-needs"],
    );
    let people = vec![
        person("A", switch.clone()),
        person("B", switch.clone()),
        person("C", answers(&[("privacy", -2)], &["speed-matters"])),
    ];
    let s = summarize(card(), &people);
    assert_eq!(s.verdicts.len(), 3);
    assert_eq!(s.verdicts[0].outcome, Outcome::Switch);
    assert_eq!(s.verdicts[2], engine::evaluate(card(), &people[2].answers));
    let group = s.group_verdict.as_ref().unwrap();
    assert_eq!(group, &engine::evaluate(card(), &s.group));
    assert_eq!(group.outcome, Outcome::Switch);

    let empty = summarize(card(), &[]);
    assert_eq!(empty.group_verdict, None);
    assert_eq!(empty.participants, 0);
    assert!(empty.disputed.is_empty());
}

#[test]
fn the_most_disputed_factors_come_first() {
    let people = vec![
        person("A", answers(&[("privacy", 2), ("latency", -1), ("economics", -2), ("control", 1)], &[])),
        person("B", answers(&[("privacy", -2), ("latency", 1), ("economics", 0), ("control", -1)], &[])),
    ];
    let s = summarize(card(), &people);
    let ids: Vec<&str> = s.disputed.iter().map(|&i| s.factors[i].id.as_str()).collect();
    // Privacy is 4 steps apart; the rest 2 steps apart with equal spread go in card order,
    // and only the first MAX_DISPUTED are named.
    assert_eq!(ids, vec!["privacy", "control", "latency"]);
    assert!(ids.len() <= MAX_DISPUTED);
    for pair in s.disputed.windows(2) {
        assert!(s.factors[pair[0]].spread >= s.factors[pair[1]].spread);
    }
}

#[test]
fn the_stored_form_round_trips_and_refuses_what_it_cannot_use() {
    let mut w = Workshop::new(card());
    w.hidden = true;
    w.add(Some("Ana"), answers(&[("privacy", 2)], &["speed-matters"]));
    w.add(None, answers(&[("privacy", -1)], &[]));
    let text = encode(&w);
    assert_eq!(decode(&text, CARD), Ok(w.clone()));

    assert!(matches!(decode(&text, "other-card"), Err(DecodeError::OtherCard { .. })));
    let newer = text.replacen("\"schema\":1", "\"schema\":2", 1);
    let err = decode(&newer, CARD).unwrap_err();
    assert_eq!(err, DecodeError::Newer { schema: 2 });
    assert!(decision_core::messages::stored_workshop_problem(&err).contains("kept unchanged"));
    assert!(matches!(decode(&text[..text.len() / 2], CARD), Err(DecodeError::Truncated)));
    assert!(matches!(decode("not json", CARD), Err(DecodeError::NotJson { .. })));
    assert!(matches!(decode("{}", CARD), Err(DecodeError::WrongShape { .. })));
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(2 << 20));
    assert!(matches!(decode(&huge, CARD), Err(DecodeError::TooLarge { .. })));

    // Stray numbers are clamped, like saved progress.
    let wild = text.replacen("\"position\":2", "\"position\":100", 1);
    assert_eq!(decode(&wild, CARD).unwrap().participants[0].answers.position("privacy"), 2);
}

#[test]
fn merging_keeps_what_either_tab_added_and_drops_what_either_removed() {
    let mut base = Workshop::new(card());
    base.add(Some("Ana"), answers(&[("privacy", 2)], &[]));
    base.add(Some("Eve"), answers(&[("economics", 2)], &[]));
    let mut there = base.clone();
    there.add(Some("Bo"), answers(&[("privacy", -2)], &[]));
    there.participants.retain(|p| p.name != "Eve");
    there.hidden = true;
    let mut here = base.clone();
    here.add(Some("Cy"), answers(&[("latency", 1)], &[]));
    let merged = merge(&base, &here, &there, decision_core::envelope::Prefer::Ours);
    let names: Vec<String> = (0..merged.participants.len()).map(|i| merged.label(i)).collect();
    assert_eq!(names, vec!["Ana", "Cy", "Bo"]);
    assert!(merged.hidden, "hiding in the other tab is kept");
    // Merging is symmetric in what it keeps.
    let other_way = merge(&base, &there, &here, decision_core::envelope::Prefer::Ours);
    assert_eq!(other_way.participants.len(), 3);
}

#[test]
fn the_group_summary_is_markdown_with_the_cards_questions() {
    let mut w = Workshop::new(card());
    let mut a = answers(&[("privacy", 2), ("control", 2)], &["speed-matters", "self-hosting-for-prestige"]);
    a.notes.insert("data-sensitivity".into(), "Support | tickets\nhold PII".into());
    w.add(Some("Ana | PM"), a);
    w.add(None, answers(&[("privacy", -2)], &["speed-matters"]));
    let s = summarize(card(), &w.participants);
    let md = markdown(card(), &w, &s, "2026-05-01");
    assert!(md.starts_with("# Workshop summary: Model API vs Self-Hosted Model\n"));
    assert!(md.contains("- Participants: 2"));
    assert!(md.contains("## Group verdict"));
    assert!(md.contains("Stay with Model API"));
    assert!(md.contains(AGGREGATION_RULE));
    assert!(md.contains("| Ana \\| PM |"));
    assert!(md.contains("| Participant 2 |"));
    assert!(md.contains("| Privacy | +2 -2 | +0.0 | 2.00 | Neutral |"), "{md}");
    assert!(md.contains("- **Privacy** (spread 2.00"));
    for q in &card().questions {
        assert!(md.contains(&format!("- {}", q.text)));
    }
    assert!(md.contains("  - Ana | PM: Support | tickets hold PII"));
    assert!(md.contains("| Speed matters | Model API | 2 of 2 |"));
    assert!(md.contains("| Self-hosting for prestige | 1 of 2 |"));
}

proptest! {
    #[test]
    fn summaries_are_bounded_for_any_group(
        groups in prop::collection::vec(prop::collection::vec((-5i8..=5, prop::option::of(0u8..=9)), 5), 0..12)
    ) {
        let people: Vec<Participant> = groups
            .into_iter()
            .map(|fs| {
                let mut a = Answers::default();
                for (f, (p, w)) in card().factors.iter().zip(fs) {
                    a.factors.insert(f.id.clone(), FactorAnswer { position: p, weight: w });
                }
                Participant { name: String::new(), answers: a }
            })
            .collect();
        let s = summarize(card(), &people);
        for f in &s.factors {
            prop_assert!((-2..=2).contains(&f.min) && f.min <= f.max && f.max <= 2);
            prop_assert!(f.spread >= 0.0 && f.spread <= 2.0);
            prop_assert!(f64::from(f.min) <= f.median && f.median <= f64::from(f.max));
            prop_assert!(f.group_weight <= 3);
            prop_assert_eq!(f.counts.iter().sum::<usize>(), people.len());
        }
        if let Some(v) = &s.group_verdict {
            prop_assert!(v.lean.abs() <= 1.0);
        }
    }
}
