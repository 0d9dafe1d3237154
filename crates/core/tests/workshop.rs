//! The workshop: duplicates, the spread per factor, tallies, how the group's answers are
//! formed, the group verdict, disagreement ranking, the stored form and the Markdown summary.

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::card::Card;
use decision_core::engine::{self, Outcome};
use decision_core::envelope::DecodeError;
use decision_core::json::{Expected, ShapeError};
use decision_core::workshop::{self, *};
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

/// The reference statistics sort with the standard library, unlike the code they check.
#[allow(clippy::disallowed_methods)]
fn sorted<T: Ord + Clone>(items: &[T]) -> Vec<T> {
    let mut items = items.to_vec();
    items.sort();
    items
}

fn decode_err_text(text: &str) -> String {
    decode(text, CARD).unwrap_err().to_string()
}

fn person(name: &str, a: Answers) -> Participant {
    Participant::named(name, a)
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
fn a_workshop_takes_thousands_and_still_stores_them() {
    let mut w = Workshop::new(card());
    let mut adder = w.adder();
    for i in 0..2_000 {
        let mut a = Answers::default();
        a.notes.insert("data-sensitivity".into(), format!("note {i}"));
        assert!(matches!(adder.add(Participant::named("", a)), Added::New { .. }));
    }
    assert_eq!(w.participants.len(), 2_000);
    // Room to spare in what the browser stores, and it reads back whole.
    let stored = encode(&w);
    assert!(stored.len() < MAX_BYTES / 4, "{} bytes", stored.len());
    assert_eq!(decode(&stored, CARD), Ok(w));
}

#[test]
fn the_same_name_with_other_answers_is_added_and_said() {
    let mut w = Workshop::new(card());
    assert_eq!(w.add(Some("Ana"), answers(&[("privacy", 2)], &[])), Added::New { index: 0 });
    assert_eq!(
        w.add(Some("ana"), answers(&[("privacy", -1)], &[])),
        Added::SameName { index: 1, earlier: 0 }
    );
    assert_eq!(w.participants.len(), 2);
}

#[test]
fn a_downloaded_workshop_is_added_back_whole() {
    let mut first = Workshop::new(card());
    first.add(Some("Ana"), answers(&[("privacy", 2)], &[]));
    first.add(Some("Bo"), answers(&[("privacy", -1)], &[]));
    let mut w = Workshop::new(card());
    w.add(Some("Bo"), answers(&[("privacy", -1)], &[]));
    let reports = w.add_file(card(), "workshop.json", &encode(&first));
    let outcomes: Vec<_> = reports.into_iter().map(|r| r.outcome.unwrap()).collect();
    assert_eq!(
        outcomes,
        vec![
            workshop::AddOutcome::Added { who: "Ana".into() },
            workshop::AddOutcome::Duplicate { who: "Bo".into() }
        ]
    );
    let labels: Vec<String> = (0..w.participants.len()).map(|i| w.label(i)).collect();
    assert_eq!(labels, ["Bo", "Ana"]);
    // A workshop of another card is refused as the answers file it is not.
    let other = encode(&Workshop::empty("rent-vs-build", 1));
    let reports = w.add_file(card(), "other.json", &other);
    assert!(matches!(reports[..], [Report { outcome: Some(workshop::AddOutcome::Refused(_)), .. }]));
    assert_eq!(w.participants.len(), 2);
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
    let newer = text.replacen("\"schema\":2", "\"schema\":3", 1);
    let err = decode(&newer, CARD).unwrap_err();
    assert_eq!(err, DecodeError::Newer { schema: 3 });
    assert!(decision_core::messages::stored_workshop_problem(&err).contains("kept unchanged"));
    assert!(matches!(decode(&text[..text.len() / 2], CARD), Err(DecodeError::Truncated)));
    assert!(matches!(decode("not json", CARD), Err(DecodeError::NotJson { .. })));
    assert!(matches!(decode("{}", CARD), Err(DecodeError::WrongShape { .. })));
    // A damaged participant is named by its place in the list and the field that is wrong.
    let mut two = Workshop::new(card());
    two.add(Some("Ana"), answers(&[("privacy", 2)], &[]));
    two.add(Some("Bo"), answers(&[("privacy", -1)], &[]));
    let damaged = encode(&two).replace(r#""position":-1"#, r#""position":"-1""#);
    let err = decode(&damaged, CARD).unwrap_err();
    assert_eq!(
        err,
        DecodeError::WrongShape(ShapeError::Expected {
            path: "rounds[0].participants[1].answers.factors.privacy.position".into(),
            expected: Expected::Whole { min: -2, max: Some(2) },
        })
    );
    let damaged = encode(&two).replace(r#""name":"Bo""#, r#""name":false"#);
    assert_eq!(
        decode_err_text(&damaged),
        "The saved data is not in a form this page understands (rounds[0].participants[1].name: expected text)."
    );
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(MAX_BYTES));
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
    let merged = merge(&base, &here, &there, decision_core::answers::Prefer::Ours);
    let names: Vec<String> = (0..merged.participants.len()).map(|i| merged.label(i)).collect();
    assert_eq!(names, vec!["Ana", "Cy", "Bo"]);
    assert!(merged.hidden, "hiding in the other tab is kept");
    // Merging is symmetric in what it keeps.
    let other_way = merge(&base, &there, &here, decision_core::answers::Prefer::Ours);
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
    assert!(md.contains(aggregation_rule()));
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
                Participant::named("", a)
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

    /// The histogram-based statistics equal the plain computation: every position and
    /// importance listed, sorted, summed and averaged.
    #[test]
    fn factor_stats_equal_a_plain_computation(
        groups in prop::collection::vec(
            (prop::collection::vec((-3i8..=3, prop::option::of(0u8..=4)), 5), prop::collection::vec(0usize..3, 3)),
            0..40,
        )
    ) {
        let c = card();
        let people: Vec<Participant> = groups
            .into_iter()
            .map(|(fs, evidence)| {
                let mut a = Answers::default();
                for (f, (p, w)) in c.factors.iter().zip(fs) {
                    a.factors.insert(f.id.clone(), FactorAnswer { position: p, weight: w });
                }
                for (e, status) in c.evidence.iter().zip(evidence) {
                    let status = EvidenceStatus::ALL[status];
                    a.evidence.insert(e.id.clone(), EvidenceAnswer { status, note: String::new() });
                }
                Participant::named("", a)
            })
            .collect();
        let stats = factor_stats(c, &people);
        prop_assert_eq!(stats.len(), c.factors.len());
        let n = people.len();
        // The middle of a sorted list: one value, or the two either side of the halfway point.
        fn middle<T: Copy>(sorted: &[T]) -> Option<(T, T)> {
            let n = sorted.len();
            (n > 0).then(|| (sorted[(n - 1) / 2], sorted[n / 2]))
        }
        for (f, s) in c.factors.iter().zip(&stats) {
            let positions: Vec<i8> = people.iter().map(|p| p.answers.position(&f.id)).collect();
            let ordered = sorted(&positions);
            prop_assert_eq!(&s.id, &f.id);
            prop_assert_eq!(&s.positions, &positions);
            let counts: Vec<usize> = (-2..=2).map(|v| positions.iter().filter(|&&p| p == v).count()).collect();
            prop_assert_eq!(&s.counts, &counts);
            prop_assert_eq!(s.min, ordered.first().copied().unwrap_or(0));
            prop_assert_eq!(s.max, ordered.last().copied().unwrap_or(0));
            let mean = if n == 0 { 0.0 } else { positions.iter().map(|&p| f64::from(p)).sum::<f64>() / n as f64 };
            let variance = if n == 0 {
                0.0
            } else {
                positions.iter().map(|&p| (f64::from(p) - mean).powi(2)).sum::<f64>() / n as f64
            };
            prop_assert!((s.mean - mean).abs() < 1e-12, "{} vs {}", s.mean, mean);
            prop_assert!((s.spread - variance.sqrt()).abs() < 1e-9, "{} vs {}", s.spread, variance.sqrt());
            let (median, group_position) = match middle(&ordered) {
                None => (0.0, 0),
                Some((a, b)) => ((f64::from(a) + f64::from(b)) / 2.0, ((i16::from(a) + i16::from(b)) / 2) as i8),
            };
            prop_assert_eq!(s.median, median);
            prop_assert_eq!(s.group_position, group_position);
            let weights = sorted(&people.iter().map(|p| p.answers.weight(c, &f.id)).collect::<Vec<u8>>());
            let group_weight = match middle(&weights) {
                None => f.weight,
                Some((a, b)) if a == b => a,
                // A halfway point goes toward the card's default.
                Some((a, b)) => if f.weight > (a + b) / 2 { (a + b).div_ceil(2) } else { (a + b) / 2 },
            };
            prop_assert_eq!(s.group_weight, group_weight);
        }
        // The group's answers are built on the same statistics, and the summary on both.
        let group = group_answers(c, &people);
        for e in &c.evidence {
            let codes: Vec<usize> = people
                .iter()
                .map(|p| EvidenceStatus::ALL.iter().position(|&s| s == p.answers.evidence_status(&e.id)).unwrap())
                .collect();
            let codes = sorted(&codes);
            let status = middle(&codes).map_or(EvidenceStatus::NotStarted, |(a, b)| EvidenceStatus::ALL[(a + b) / 2]);
            prop_assert_eq!(group.evidence_status(&e.id), status);
        }
        let summary = summarize(c, &people);
        prop_assert_eq!(&summary.factors, &stats);
        prop_assert_eq!(&summary.group, &group);
    }
}

#[test]
fn the_csv_reads_back_as_one_row_per_participant() {
    let mut w = Workshop::new(card());
    let mut a = answers(&[("privacy", 2), ("latency", -1)], &["speed-matters"]);
    a.factors.insert("control".into(), FactorAnswer { position: 1, weight: Some(3) });
    a.evidence.insert(
        "cost-model".into(),
        EvidenceAnswer { status: EvidenceStatus::Gathered, note: String::new() },
    );
    w.add(Some("Lima, \"Ana\""), a.clone());
    w.add(Some("=HYPERLINK(\"http://x\")"), answers(&[("privacy", -2)], &[]));
    w.add(None, Answers::default());
    let summary = summarize(card(), &w.participants);
    let text = csv(card(), &w);
    let text = text.strip_prefix('\u{feff}').expect("a byte order mark first");
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(rows.len(), 3);
    let c = card();
    let columns = 3 + 2 * c.factors.len() + c.signals().count() + c.pitfalls().count() + c.evidence.len() + 1;
    assert_eq!(header.len(), columns);
    assert_eq!(header[..3], ["Round", "Participant", "Token"]);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    assert_eq!(rows[0][1], "Lima, \"Ana\"");
    // A name a spreadsheet would run as a formula stays text.
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\")");
    assert_eq!(rows[2][1], "Participant 3");
    assert!(rows.iter().all(|r| r[0] == "1" && r[2].is_empty()));
    for (i, p) in w.participants.iter().enumerate() {
        for f in &c.factors {
            assert_eq!(rows[i][at(&format!("{} position", f.name))], p.answers.position(&f.id).to_string());
            assert_eq!(
                rows[i][at(&format!("{} importance", f.name))],
                p.answers.weight(c, &f.id).to_string()
            );
        }
        for (side, s) in c.signals() {
            let column = at(&format!("Signal for {}: {}", c.option(side).name, s.text));
            assert_eq!(rows[i][column], if p.answers.is_ticked(&s.id) { "1" } else { "0" });
        }
        for e in &c.evidence {
            assert_eq!(
                rows[i][at(&format!("Evidence: {}", e.text))],
                p.answers.evidence_status(&e.id).label()
            );
        }
        let verdict = decision_core::explain::headline(c, &summary.verdicts[i]).0;
        assert_eq!(rows[i][columns - 1], verdict);
    }
    assert_eq!(rows[0][at("Control importance")], "3");
    assert_eq!(rows[0][header.iter().position(|h| h.starts_with("Evidence:")).unwrap()], "Gathered");
    assert!(text.ends_with("\r\n"));
}
