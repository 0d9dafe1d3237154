//! Workshops in rounds: who is who by participant token, what a chat pasted again does, what
//! moved between rounds, the stored rounds and their migration, merging and exporting them.

mod common;

use decision_core::answers::{Answers, FactorAnswer, Prefer};
use decision_core::card::Card;
use decision_core::share::{encode_link, Sender};
use decision_core::workshop::{self, *};
use proptest::prelude::*;

const CARD: &str = "model-api-vs-self-hosted";
const BASE: &str = "https://wiki.example/cards/model-api-vs-self-hosted.html";

fn card() -> &'static Card {
    common::content_card(CARD)
}

fn answers(positions: &[(&str, i8)]) -> Answers {
    let mut a = Answers::default();
    for (id, p) in positions {
        a.factors.insert((*id).into(), FactorAnswer { position: *p, weight: None });
    }
    a
}

/// A token of the right shape for participant `n`.
fn token(n: usize) -> String {
    format!("tok{n:0>8}")
}

/// A chat line: `name` sends a link made at `made` by participant `n` (no token when `None`).
fn line(name: &str, n: Option<usize>, made: u32, a: &Answers) -> String {
    let token = n.map(token);
    let sender = token.as_deref().map(|token| Sender { token, made });
    format!("[10:{made:02}] {name}: {BASE}#{}", encode_link(card(), a, None, sender))
}

fn outcomes(pasted: &Pasted) -> Vec<AddOutcome> {
    pasted.reports.iter().filter_map(|r| r.outcome.clone()).collect()
}

fn person(name: &str, n: Option<usize>, made: u32, a: Answers) -> Participant {
    Participant { token: n.map(token), made: Some(made), ..Participant::named(name, a) }
}

#[test]
fn a_chat_pasted_again_in_round_two_changes_nothing_and_new_links_count_once() {
    let mut w = Workshop::new(card());
    let round_1 = [
        line("Ana", Some(1), 1, &answers(&[("privacy", 2)])),
        line("Bo", Some(2), 2, &answers(&[("privacy", -1)])),
        line("Cy", None, 3, &answers(&[("latency", 1)])),
    ]
    .join("\n");
    let first = w.add_pasted(card(), &round_1);
    assert!(outcomes(&first).iter().all(|o| matches!(o, AddOutcome::Added { .. })), "{first:?}");
    w.start_round();
    assert_eq!((w.round(), w.participants.len(), w.closed[0].len()), (2, 0, 3));

    // The whole chat, pasted again with the round's new messages.
    let round_2 = [
        round_1.clone(),
        line("Ana", Some(1), 20, &answers(&[("privacy", 1)])),
        line("Cy", None, 21, &answers(&[("latency", 2)])),
        line("Dee", Some(4), 22, &answers(&[("control", 2)])),
        line("", None, 23, &answers(&[("economics", -2)])),
        line("Zed", Some(2), 24, &answers(&[("privacy", 2)])),
    ]
    .join("\n");
    let pasted = w.add_pasted(card(), &round_2);
    assert_eq!(
        outcomes(&pasted),
        vec![
            AddOutcome::Gathered { round: 1 },
            AddOutcome::Gathered { round: 1 },
            AddOutcome::Gathered { round: 1 },
            AddOutcome::Added { who: "Ana".into() },
            AddOutcome::Added { who: "Cy".into() },
            AddOutcome::AddedNew { who: "Dee".into(), round: 2 },
            AddOutcome::AddedWithoutToken { who: "Participant 4".into(), round: 2 },
            AddOutcome::SharedToken { who: "Zed".into(), other: "Bo".into() },
            AddOutcome::Chatter { lines: 0 },
        ]
        .into_iter()
        .filter(|o| !matches!(o, AddOutcome::Chatter { .. }))
        .collect::<Vec<_>>()
    );
    assert_eq!(w.participants.len(), 5);
    assert_eq!(w.closed[0].len(), 3, "the closed round is kept as it was");

    // The same chat a third time: nothing at all changes.
    let before = w.clone();
    let again = w.add_pasted(card(), &round_2);
    let unchanged = |o: &AddOutcome| {
        matches!(
            o,
            AddOutcome::Gathered { .. } | AddOutcome::Superseded { .. } | AddOutcome::Duplicate { .. }
        )
    };
    assert!(outcomes(&again).iter().all(unchanged), "{again:?}");
    assert!(again.reports.iter().all(|r| !r.is_added()));
    assert_eq!(w, before);

    // Ana answers again in this round: the newer answers are kept; an older link of hers
    // changes nothing.
    let newer = line("Ana", Some(1), 30, &answers(&[("privacy", 0)]));
    assert_eq!(outcomes(&w.add_pasted(card(), &newer)), vec![AddOutcome::Replaced { who: "Ana".into() }]);
    assert_eq!(w.participants[0].answers.position("privacy"), 0);
    let older = line("Ana", Some(1), 25, &answers(&[("privacy", -2)]));
    assert_eq!(outcomes(&w.add_pasted(card(), &older)), vec![AddOutcome::Superseded { round: 2 }]);
    assert_eq!(w.participants[0].answers.position("privacy"), 0);
    // Every one of these has a sentence for the facilitator.
    for report in pasted.reports.iter().chain(&again.reports) {
        assert!(!decision_core::workshop::words::report(report).is_empty());
    }
}

#[test]
fn answering_again_unchanged_counts_as_stayed() {
    let mut w = Workshop::new(card());
    let a = answers(&[("privacy", 2)]);
    w.add_pasted(card(), &line("Ana", Some(1), 1, &a));
    w.start_round();
    // The same answers, but a link made later: round 2's answer, not the old link.
    let pasted = w.add_pasted(card(), &line("Ana", Some(1), 40, &a));
    assert_eq!(outcomes(&pasted), vec![AddOutcome::Added { who: "Ana".into() }]);
    let m = movement(card(), (1, &w.closed[0]), (2, &w.participants));
    assert_eq!((m.returning, m.stayed, m.movers.len(), m.new), (1, 1, 0, 0));
}

#[test]
fn what_moved_counts_each_direction_and_names_who_moved_most() {
    // Six people; four move in round 2, two stay.
    let r1: Vec<Participant> = (0..6)
        .map(|i| person(&format!("P{i}"), Some(i), 1, answers(&[("privacy", [-2, -1, 0, 1, 2, 2][i])])))
        .collect();
    let mut r2 = r1.clone();
    for (i, to) in [(0, 0), (1, 0), (4, 1), (5, -1)] {
        r2[i].answers = answers(&[("privacy", to)]);
        r2[i].made = Some(50);
    }
    // Round 2 lists them in another order: people are matched by token, not by place.
    r2.reverse();
    let m = movement(card(), (1, &r1), (2, &r2));
    assert_eq!((m.before, m.returning, m.new, m.stayed, m.movers.len()), (6, 6, 0, 2, 4));
    let privacy = &m.factors[card().factors.iter().position(|f| f.id == "privacy").unwrap()];
    assert_eq!((privacy.toward_a, privacy.toward_b, privacy.stayed), (2, 2, 2));
    assert_eq!(privacy.trend(), Trend::Converged);
    assert_eq!(m.trend(), Trend::Converged);
    // P5 moved three steps (2 → -1), the most; then P0 and P1 … by steps.
    let who: Vec<&str> = m.movers.iter().map(|mv| r2[mv.index].name.as_str()).collect();
    assert_eq!(who[0], "P5");
    assert_eq!(m.movers[0].steps, 3);
    assert!(m.movers.windows(2).all(|w| w[0].steps >= w[1].steps));
    let sentence = movement_sentence(&m);
    assert!(sentence.starts_with("6 of 6 from round 1 answered again (4 moved, 2 stayed)."), "{sentence}");
    assert!(sentence.contains("The group converged"), "{sentence}");
}

#[test]
fn a_workshop_saved_before_rounds_opens_as_round_one() {
    let schema_1 = r#"{"schema":1,"card":"model-api-vs-self-hosted","content_version":1,"hidden":false,
        "participants":[{"name":"Ana","answers":{"factors":{"privacy":{"position":2,"weight":null}}}}]}"#;
    let w = decode(schema_1, CARD).unwrap();
    assert_eq!((w.schema, w.round(), w.participants.len()), (SCHEMA, 1, 1));
    assert_eq!(w.label(0), "Ana");
    assert!(w.closed.is_empty());
}

#[test]
fn stored_rounds_read_back_and_a_bad_token_is_named() {
    let mut w = Workshop::new(card());
    w.adder().add(person("Ana", Some(1), 5, answers(&[("privacy", 2)])));
    w.start_round();
    w.adder().add(person("Ana", Some(1), 9, answers(&[("privacy", 1)])));
    let text = encode(&w);
    assert_eq!(decode(&text, CARD), Ok(w.clone()));
    let forged = text.replacen(&token(1), "x", 1);
    let err = decode(&forged, CARD).unwrap_err().to_string();
    assert!(err.contains("rounds[0].participants[0].token"), "{err}");
    // An empty closed round (written by hand) gathered nothing and is left out.
    let empty = text.replacen(r#""rounds":["#, r#""rounds":[{"participants":[]},"#, 1);
    assert_eq!(decode(&empty, CARD), Ok(w));
}

#[test]
fn a_workshop_file_is_added_round_by_round() {
    let mut other = Workshop::new(card());
    other.adder().add(person("Ana", Some(1), 5, answers(&[("privacy", 2)])));
    other.start_round();
    other.adder().add(person("Ana", Some(1), 9, answers(&[("privacy", 1)])));
    let mut w = Workshop::new(card());
    w.adder().add(person("Bo", Some(2), 5, answers(&[("privacy", -2)])));
    let reports = w.add_file(card(), "ws.json", &encode(&other));
    assert_eq!(reports.len(), 2);
    assert_eq!(w.round(), 2);
    let names = |people: &[Participant]| people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&w.closed[0]), ["Bo", "Ana"]);
    assert_eq!(names(&w.participants), ["Ana"]);
    // Added again: every participant is there already, in their round.
    let before = w.clone();
    let again = w.add_file(card(), "ws.json", &encode(&other));
    assert!(again.iter().all(|r| matches!(r.outcome, Some(AddOutcome::Duplicate { .. }))), "{again:?}");
    assert_eq!(w, before);
}

#[test]
fn two_tabs_merge_round_by_round() {
    let mut base = Workshop::new(card());
    base.adder().add(person("Ana", Some(1), 5, answers(&[("privacy", 2)])));
    // This tab started round 2 and gathered Ana again; the other added Bo to round 1.
    let mut ours = base.clone();
    ours.start_round();
    ours.adder().add(person("Ana", Some(1), 9, answers(&[("privacy", 1)])));
    let mut theirs = base.clone();
    theirs.adder().add(person("Bo", Some(2), 6, answers(&[("privacy", -2)])));
    for merged in [merge(&base, &ours, &theirs, Prefer::Ours), merge(&base, &theirs, &ours, Prefer::Ours)] {
        assert_eq!(merged.round(), 2);
        assert_eq!(merged.closed[0].len(), 2, "{merged:?}");
        assert_eq!(merged.participants.len(), 1);
    }
}

#[test]
fn the_csv_has_a_row_per_participant_per_round_with_tokens() {
    let mut w = Workshop::new(card());
    for i in 0..3 {
        w.adder().add(person(&format!("P{i}"), Some(i), 1, answers(&[("privacy", 1)])));
    }
    w.start_round();
    for i in 0..2 {
        w.adder().add(person(&format!("P{i}"), Some(i), 9, answers(&[("privacy", -1)])));
    }
    let text = csv(card(), &w);
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let keys: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[2].as_str())).collect();
    let (t0, t1, t2) = (token(0), token(1), token(2));
    assert_eq!(keys, [("1", &*t0), ("1", &*t1), ("1", &*t2), ("2", &*t0), ("2", &*t1)]);
    let md = markdown(card(), &w, &summarize(card(), &w.participants), "2026-12-05");
    assert!(md.contains("## Rounds"), "{md}");
    assert!(md.contains("## What moved, round 1 to round 2"), "{md}");
    assert!(md.contains("2 of 3 from round 1 answered again (2 moved, 0 stayed)"), "{md}");
}

#[test]
fn three_rounds_of_a_thousand_fit_in_storage() {
    let mut w = Workshop::new(card());
    for round in 0..3u32 {
        let mut adder = w.adder();
        for i in 0..1_000 {
            let position = ((i + round as usize) % 5) as i8 - 2;
            adder.add(person(
                &format!("Participant {i}"),
                Some(i),
                10 + round,
                answers(&[("privacy", position)]),
            ));
        }
        if round < 2 {
            w.start_round();
        }
    }
    let stored = encode(&w);
    assert!(stored.len() < workshop::MAX_BYTES, "{} bytes", stored.len());
    assert_eq!(decode(&stored, CARD).map(|d| d.round()), Ok(3));
}

proptest! {
    /// Whatever the order the links of two rounds arrive in, and however often they are
    /// pasted, each participant counts once per round and a closed round never changes.
    #[test]
    fn pasting_is_idempotent_across_rounds(
        moves in prop::collection::vec(-2i8..=2, 1..8),
        repeats in 1usize..3,
    ) {
        let mut w = Workshop::new(card());
        let first: Vec<String> =
            (0..moves.len()).map(|i| line(&format!("P{i}"), Some(i), 1, &answers(&[("privacy", 0)]))).collect();
        w.add_pasted(card(), &first.join("\n"));
        w.start_round();
        let closed = w.closed.clone();
        let second: Vec<String> = moves
            .iter()
            .enumerate()
            .map(|(i, &p)| line(&format!("P{i}"), Some(i), 2, &answers(&[("privacy", p)])))
            .collect();
        for _ in 0..repeats {
            w.add_pasted(card(), &[first.join("\n"), second.join("\n")].join("\n"));
        }
        prop_assert_eq!(&w.closed, &closed);
        prop_assert_eq!(w.participants.len(), moves.len());
        let m = movement(card(), (1, &w.closed[0]), (2, &w.participants));
        prop_assert_eq!(m.returning, moves.len());
        prop_assert_eq!(m.stayed, moves.iter().filter(|&&p| p == 0).count());
    }
}
