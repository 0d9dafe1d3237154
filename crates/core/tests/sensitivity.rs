//! Tests of "what could change the answer": named cases on the seed card, and property tests
//! on the cards of `content/`, the engine's fixtures and generated degenerate cards (one
//! factor, importances at zero, a burden of 0, gates everywhere) that check every claim of the
//! analysis against the engine itself, through `Answers::apply` and `evaluate`.

use decision_core::answers::*;
use decision_core::card::*;
use decision_core::engine::{evaluate, flip, Outcome};
use decision_core::sensitivity::{self, analyse, words, Change, Move, Sensitivity};
use proptest::prelude::*;

mod common;
use common::{answers, seed_card};

/// The answers with `moves` made through `Answers::apply`.
fn applied(answers: &Answers, moves: &[Move]) -> Answers {
    let mut a = answers.clone();
    for m in moves {
        a.apply(m.edit());
    }
    a
}

fn recommends(card: &Card, answers: &Answers) -> Side {
    evaluate(card, answers).recommends
}

/// Each factor id once, in card order.
fn factor_ids(card: &Card) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in &card.factors {
        if !ids.contains(&f.id) {
            ids.push(f.id.clone());
        }
    }
    ids
}

/// Genuine signal ids (not also a pitfall), each once.
fn signal_ids(card: &Card) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (_, s) in card.signals() {
        if !card.pitfalls().any(|p| p.id == s.id) && !ids.contains(&s.id) {
            ids.push(s.id.clone());
        }
    }
    ids
}

/// Every single move from these answers, with its size and whether it is an importance move,
/// and the answer it changes (`(kind, id)`).
fn all_moves(card: &Card, a: &Answers) -> Vec<(Move, u32, bool, (u8, String))> {
    let mut out = Vec::new();
    for id in factor_ids(card) {
        let (p, w) = (a.position(&id), a.weight(card, &id));
        for to in -STEPS..=STEPS {
            if to != p {
                let m = Move::Position { factor: id.clone(), position: to };
                out.push((m, u32::from((to - p).unsigned_abs()), false, (0, id.clone())));
            }
        }
        for to in 0..=MAX_WEIGHT {
            if to != w {
                let m = Move::Importance { factor: id.clone(), weight: to };
                out.push((m, u32::from(to.abs_diff(w)), true, (1, id.clone())));
            }
        }
    }
    for id in signal_ids(card) {
        let m = Move::Signal { id: id.clone(), on: !a.is_ticked(&id) };
        out.push((m, 1, false, (2, id)));
    }
    out
}

/// Checks every claim of the analysis of `a` on `card` against the engine.
fn check(card: &Card, a: &Answers) -> Result<Sensitivity, TestCaseError> {
    let s = analyse(card, a);
    let now = recommends(card, a);
    prop_assert_eq!(s.recommends, now);

    // Every change named changes the recommendation, exactly as said.
    for c in s.changes.iter().chain(&s.pairs) {
        let moved = evaluate(card, &applied(a, &c.moves));
        prop_assert_ne!(moved.recommends, now, "{:?}", c);
        prop_assert_eq!(
            (moved.recommends, moved.outcome, moved.points_to),
            (c.recommends, c.outcome, c.points_to)
        );
    }
    // Singles: one move each; "or further" is true; nothing nearer on the same control does it.
    let moves = all_moves(card, a);
    for c in &s.changes {
        prop_assert_eq!(c.moves.len(), 1);
        let (_, size, _, subject) = moves.iter().find(|(m, ..)| *m == c.moves[0]).expect("a real move");
        prop_assert_eq!(c.size, *size);
        for (m, d, _, subj) in &moves {
            if subj == subject && d < size {
                prop_assert_eq!(
                    recommends(card, &applied(a, std::slice::from_ref(m))),
                    now,
                    "{:?} is nearer",
                    m
                );
            }
        }
        // "Or further" exactly when every position beyond, to the end of the slider, changes
        // it too (and there is one).
        if let Move::Position { factor, position } = &c.moves[0] {
            let from = a.position(factor);
            let step = if *position > from { 1 } else { -1 };
            let mut p = *position;
            let mut all = *position != step * STEPS;
            while p != step * STEPS {
                p += step;
                let m = Move::Position { factor: factor.clone(), position: p };
                all &= recommends(card, &applied(a, &[m])) != now;
            }
            prop_assert_eq!(c.or_further, all, "or further from {:?}", c.moves[0]);
        }
    }
    // Smallest first.
    for w in s.changes.windows(2) {
        prop_assert!(w[0].size <= w[1].size);
    }
    // A factor is settled exactly when none of its single moves changes the recommendation;
    // every control with such a move has one listed.
    for (m, _, _, subject) in &moves {
        let changes = recommends(card, &applied(a, std::slice::from_ref(m))) != now;
        let listed = s.changes.iter().any(|c| {
            let n = &c.moves[0];
            match (n, m) {
                (Move::Position { factor: x, .. }, Move::Position { factor: y, .. })
                | (Move::Importance { factor: x, .. }, Move::Importance { factor: y, .. }) => x == y,
                (Move::Signal { id: x, .. }, Move::Signal { id: y, .. }) => x == y,
                _ => false,
            }
        });
        if changes {
            prop_assert!(listed, "{:?} changes it but its control is not listed", m);
            if subject.0 < 2 {
                prop_assert!(!s.settled.contains(&subject.1), "{} is called settled", subject.1);
            }
        }
    }
    for id in &s.settled {
        for to in -STEPS..=STEPS {
            let m = Move::Position { factor: id.clone(), position: to };
            prop_assert_eq!(recommends(card, &applied(a, &[m])), now, "settled {} at {}", id, to);
        }
        for w in 0..=MAX_WEIGHT {
            let m = Move::Importance { factor: id.clone(), weight: w };
            prop_assert_eq!(recommends(card, &applied(a, &[m])), now, "settled {} at importance {}", id, w);
        }
    }
    // The grid of positions × importances.
    let reach = sensitivity::reach(card, a);
    prop_assert_eq!(reach.len(), factor_ids(card).len());
    for r in &reach {
        for w in 0..=MAX_WEIGHT {
            for p in -STEPS..=STEPS {
                let moved = applied(
                    a,
                    &[
                        Move::Position { factor: r.factor.clone(), position: p },
                        Move::Importance { factor: r.factor.clone(), weight: w },
                    ],
                );
                prop_assert_eq!(
                    r.changes_at(p, w),
                    recommends(card, &moved) != now,
                    "{} at {} / {}",
                    r.factor,
                    p,
                    w
                );
            }
        }
    }
    // Pairs: only where no single move does it; the smallest; idle factors in none.
    if !s.changes.is_empty() {
        prop_assert!(s.pairs.is_empty() && s.idle.is_empty());
    } else {
        let key =
            |c: &Change| (c.size, c.moves.iter().filter(|m| matches!(m, Move::Importance { .. })).count());
        let best = s.pairs.first().map(key);
        let mut paired: Vec<String> = Vec::new();
        let mut smallest = 0;
        for (i, (m1, d1, i1, s1)) in moves.iter().enumerate() {
            for (m2, d2, i2, s2) in &moves[i + 1..] {
                if s1 == s2 || recommends(card, &applied(a, &[m1.clone(), m2.clone()])) == now {
                    continue;
                }
                paired.extend([m1, m2].into_iter().filter_map(|m| m.factor().map(str::to_owned)));
                let k = (d1 + d2, usize::from(*i1) + usize::from(*i2));
                let best = best.expect("a pair changes it, so pairs are listed");
                prop_assert!(k >= best, "{:?} + {:?} is smaller than the pairs listed", m1, m2);
                smallest += usize::from(k == best);
            }
        }
        prop_assert_eq!(smallest, s.pairs.len(), "every smallest pair is listed");
        for p in &s.pairs {
            prop_assert_eq!(Some(key(p)), best);
        }
        for id in &s.idle {
            prop_assert!(!paired.contains(id), "{} is in a pair that changes it", id);
        }
    }
    // Evidence to find out first: open, and informing a factor a listed move names.
    for (e, f) in &s.first_evidence {
        let item = card.evidence.iter().find(|x| x.id == *e).expect("a card item");
        prop_assert!(item.informs.contains(f));
        prop_assert_ne!(a.evidence_status(e), EvidenceStatus::Gathered);
        prop_assert!(s.changes.iter().chain(&s.pairs).any(|c| c.moves.iter().any(|m| m.factor() == Some(f))));
    }
    // ... and every such item, once, under the first factor it informs in the order of the
    // listed moves; items under the same move in card order.
    let named: Vec<&str> =
        s.changes.iter().chain(&s.pairs).flat_map(|c| c.moves.iter().filter_map(Move::factor)).collect();
    let mut expected: Vec<(usize, &str, &str)> = card
        .evidence
        .iter()
        .filter(|e| a.evidence_status(&e.id) != EvidenceStatus::Gathered)
        .filter_map(|e| {
            let rank = named.iter().position(|f| e.informs.iter().any(|i| i == f))?;
            Some((rank, e.id.as_str(), named[rank]))
        })
        .collect();
    #[allow(clippy::disallowed_methods)] // the standard stable sort, as the reference
    expected.sort_by_key(|&(rank, ..)| rank);
    let found: Vec<(&str, &str)> = s.first_evidence.iter().map(|(e, f)| (e.as_str(), f.as_str())).collect();
    prop_assert_eq!(found, expected.into_iter().map(|(_, e, f)| (e, f)).collect::<Vec<_>>());
    // The engine's flip point is the nearest slider move named here.
    let nearest_slider =
        s.changes.iter().filter(|c| matches!(c.moves[0], Move::Position { .. })).map(|c| c.size).min();
    let flip_size = flip(card, a).map(|f| u32::from((f.to - a.position(&f.factor)).unsigned_abs()));
    prop_assert_eq!(nearest_slider, flip_size);
    // The words: something whenever a change is reachable, and never a panic.
    let panel = words::panel(card, &s);
    if !s.changes.is_empty() || !s.pairs.is_empty() {
        prop_assert!(!panel.changes.is_empty());
    }
    let _ = words::markdown(card, &s);
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// The seed card
// ---------------------------------------------------------------------------------------------

#[test]
fn neutral_seed_card_names_the_smallest_pairs_and_the_idle_factor() {
    let card = seed_card();
    let s = analyse(card, &Answers::default());
    assert!(s.changes.is_empty(), "no single answer can change it: {:?}", s.changes);
    let pairs: Vec<Vec<Move>> = s.pairs.iter().map(|c| c.moves.clone()).collect();
    let clearly_b = |f: &str| Move::Position { factor: f.into(), position: 2 };
    assert_eq!(
        pairs,
        [
            vec![clearly_b("privacy"), clearly_b("control")],
            vec![clearly_b("privacy"), clearly_b("ops-maturity")],
            vec![clearly_b("privacy"), clearly_b("economics")],
        ]
    );
    assert!(s.pairs.iter().all(|c| c.outcome == Outcome::Switch && c.recommends == Side::B));
    assert_eq!(s.idle, ["latency"]);
    let evidence: Vec<&str> = s.first_evidence.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(evidence, ["privacy-compliance-review", "serving-maturity-assessment", "cost-model"]);

    let panel = words::panel(card, &s);
    assert_eq!(
        panel.changes[0].0,
        "Privacy and Control both to \u{201c}points clearly to Self-Hosted Model\u{201d}: Self-Hosted Model would be \
         justified."
    );
    assert_eq!(panel.changes[0].1, "position:privacy:2 position:control:2");
    assert_eq!(
        panel.settled.as_deref(),
        Some("Latency would not change it even together with one other answer.")
    );
    assert_eq!(
        panel.evidence.as_deref(),
        Some(
            "Find out first: Privacy and compliance review (Privacy); Serving maturity assessment (Ops maturity); \
             Cost model (Economics)."
        )
    );
}

#[test]
fn with_privacy_for_self_hosting_three_factors_alone_could_change_it() {
    let card = seed_card();
    let a = answers(&[("privacy", 2)], &[]);
    let s = analyse(card, &a);
    let sliders: Vec<(&str, i8, bool)> = s
        .changes
        .iter()
        .filter_map(|c| match &c.moves[0] {
            Move::Position { factor, position } => Some((factor.as_str(), *position, c.or_further)),
            _ => None,
        })
        .collect();
    assert_eq!(sliders, [("control", 2, false), ("ops-maturity", 2, false), ("economics", 2, false)]);
    assert_eq!(s.settled, ["privacy", "latency"]);
    let panel = words::panel(card, &s);
    assert_eq!(panel.settled.as_deref(), Some("Settled whichever way they point: Privacy and Latency."));
    check(card, &a).unwrap();
}

#[test]
fn a_gated_case_is_changed_only_by_lifting_the_gate_or_by_what_the_gate_holds_back() {
    let card = seed_card();
    // 3 + 2 + 2 − 2 = 5 > 4, but Ops maturity points to the API.
    let a = answers(&[("privacy", 2), ("control", 2), ("economics", 2), ("ops-maturity", -2)], &[]);
    assert_eq!(evaluate(card, &a).outcome, Outcome::Gated);
    let s = check(card, &a).unwrap();
    let first = &s.changes[0];
    assert_eq!(first.moves, [Move::Position { factor: "ops-maturity".into(), position: 0 }]);
    assert!(first.or_further);
    assert_eq!((first.outcome, first.recommends), (Outcome::Switch, Side::B));
    // Lowering the case below the burden keeps the API: not a change.
    assert!(s.settled.contains(&"latency".to_string()));
    let sentence = words::change_sentence(card, first);
    assert_eq!(
        sentence,
        "Ops maturity to \u{201c}neutral\u{201d} or further: Self-Hosted Model would be justified."
    );
}

#[test]
fn the_record_says_what_would_change_the_decision() {
    let card = seed_card();
    let a = answers(&[("privacy", 2)], &[]);
    let md = decision_core::record::markdown(
        card,
        &decision_core::record::Record::proposed(&a, &evaluate(card, &a), "2026-12-04"),
    );
    let section = md.split("### What would change this decision\n\n").nth(1).expect("the section");
    let section = section.split("\n### ").next().unwrap();
    assert!(section.starts_with(
        "- Control to \u{201c}points clearly to Self-Hosted Model\u{201d}: Self-Hosted Model would be justified.\n"
    ));
    assert!(
        section.contains("\n\nSettled whichever way they point: Privacy and Latency.\n\nFind out first: ")
    );
}

#[test]
fn gathered_evidence_is_not_asked_for_again() {
    let card = seed_card();
    let mut a = Answers::default();
    a.apply(Edit::EvidenceStatus { id: "cost-model".into(), status: EvidenceStatus::Gathered });
    let s = analyse(card, &a);
    assert!(s.first_evidence.iter().all(|(e, _)| e != "cost-model"));
    assert_eq!(s.first_evidence.len(), 2);
}

#[test]
fn informs_must_name_factors_and_belongs_to_evidence_only() {
    use decision_core::validate::{errors, ProblemKind};
    let mut card = seed_card().clone();
    card.evidence[0].informs.push("no-such-factor".into());
    card.questions[0].informs.push("privacy".into());
    let found: Vec<(String, bool)> = errors(&card)
        .into_iter()
        .map(|p| (p.path.clone(), matches!(p.kind, ProblemKind::NotAFactor { .. })))
        .collect();
    assert_eq!(
        found,
        [("questions[0].informs".to_string(), false), ("evidence[0].informs[1]".to_string(), true)]
    );
    let message = errors(&card)[1].kind.to_string();
    assert!(
        message.starts_with("`no-such-factor` is not a factor of this card (factors: `privacy`"),
        "{message}"
    );
}

#[test]
fn a_workshop_ranks_first_the_disagreement_that_could_change_the_group_s_answer() {
    use decision_core::workshop::{self, Participant, Workshop};
    let card = seed_card();
    let person = |name: &str, latency: i8, economics: i8| {
        Participant::named(
            name,
            answers(&[("privacy", 2), ("latency", latency), ("economics", economics)], &[]),
        )
    };
    // The group: Privacy 3, Economics 0, Latency 0: 3, under the burden of 4. Economics at
    // "points clearly to Self-Hosted Model" would clear it; no Latency position would.
    let people = vec![person("Ana", -2, 2), person("Ben", 2, 0), person("Cy", 0, 0)];
    let s = workshop::summarize(card, &people);
    let ids: Vec<&str> = s.disputed.iter().map(|&i| s.factors[i].id.as_str()).collect();
    // Latency has the wider spread, but only Economics could change the answer.
    assert!(s.factors[3].spread > s.factors[4].spread);
    assert_eq!(ids, ["economics", "latency"]);
    assert_eq!((s.sides[4].changing, s.sides[4].holding, s.sides[4].matters()), (1, 2, true));
    assert!(s.sides[3].settled && !s.sides[3].matters());
    let economics = words::sides_words(&s.sides[4]).unwrap();
    assert_eq!(
        economics,
        "This disagreement could change the group's answer: 1 participant sits where the group's recommendation \
         would change, 2 where it would not."
    );
    let latency = words::sides_words(&s.sides[3]).unwrap();
    assert!(latency.starts_with("This disagreement does not change the group's answer"), "{latency}");
    let mut w = Workshop::new(card);
    for p in people {
        w.add(Some(&p.name), p.answers);
    }
    let md = workshop::markdown(card, &w, &s, "2026-12-04");
    assert!(md.contains(&format!("  - {economics}")), "{md}");
}

// ---------------------------------------------------------------------------------------------
// Degenerate cards
// ---------------------------------------------------------------------------------------------

#[test]
fn a_card_where_nothing_can_change_the_answer_says_so_and_nothing_else() {
    // One factor of importance 0 that cannot be raised enough, no signals, a burden the
    // largest score cannot clear.
    let mut card = common::card(
        "still",
        [common::option("a", &[]), common::option("b", &[])],
        "a",
        vec![common::factor("only", 0, None)],
        vec![],
        vec![],
        &["ev"],
        "hard",
    );
    card.scoring.burden.insert("hard".into(), 100.0);
    let s = check(&card, &Answers::default()).unwrap();
    assert!(s.changes.is_empty() && s.pairs.is_empty());
    assert_eq!(s.settled, ["only"]);
    assert_eq!(s.idle, ["only"]);
    let panel = words::panel(&card, &s);
    assert_eq!(
        panel.lead.as_deref(),
        Some("No single answer, and no two answers together, would change the recommendation.")
    );
    assert!(panel.changes.is_empty() && panel.evidence.is_none());
}

#[test]
fn one_factor_needing_both_its_slider_and_its_importance_is_a_pair() {
    let mut card = common::card(
        "one",
        [common::option("a", &[]), common::option("b", &[])],
        "a",
        vec![common::factor("only", 1, None)],
        vec![],
        vec![],
        &[],
        "easy",
    );
    card.scoring.burden.insert("easy".into(), 1.5);
    let s = check(&card, &Answers::default()).unwrap();
    assert!(s.changes.is_empty());
    assert_eq!(
        s.pairs[0].moves,
        [
            Move::Position { factor: "only".into(), position: 2 },
            Move::Importance { factor: "only".into(), weight: 2 }
        ]
    );
}

/// A generated card: one to five factors, any importances (all zero included), gates on any
/// or every factor for either option, a burden of 0 or more, any signal strength, zero to two
/// signals per side, evidence informing any factors.
fn degenerate_card() -> impl Strategy<Value = Card> {
    (
        prop::collection::vec((0u8..=MAX_WEIGHT, 0u8..3), 1..=5),
        prop::sample::select(vec![0.0, 0.5, 1.0, 1.5, 3.0, 4.0, 100.0]),
        prop::sample::select(vec![0.0, 0.5, 1.0, 2.0]),
        0usize..=2,
        0usize..=2,
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(0usize..5, 0..3), 0..3),
    )
        .prop_map(|(factors, burden, strength, na, nb, default_b, evidence)| {
            let sa: Vec<String> = (0..na).map(|i| format!("sig-a{i}")).collect();
            let sb: Vec<String> = (0..nb).map(|i| format!("sig-b{i}")).collect();
            let sa: Vec<&str> = sa.iter().map(String::as_str).collect();
            let sb: Vec<&str> = sb.iter().map(String::as_str).collect();
            let n = factors.len();
            let factors = factors
                .into_iter()
                .enumerate()
                .map(|(i, (w, gate))| {
                    let gate = match gate {
                        1 => Some("a"),
                        2 => Some("b"),
                        _ => None,
                    };
                    common::factor(&format!("f{i}"), w, gate)
                })
                .collect();
            let mut card = common::card(
                "generated",
                [common::option("a", &sa), common::option("b", &sb)],
                if default_b { "b" } else { "a" },
                factors,
                vec![],
                vec![],
                &[],
                "undo",
            );
            card.scoring.burden.insert("undo".into(), burden);
            card.scoring.signal_strength = strength;
            card.evidence = evidence
                .into_iter()
                .enumerate()
                .map(|(i, informs)| Item {
                    informs: informs.into_iter().map(|f| format!("f{}", f % n)).collect(),
                    ..Item::new(format!("ev{i}"), format!("Evidence {i}"))
                })
                .collect();
            card
        })
}

fn any_answers(card: Card) -> impl Strategy<Value = (Card, Answers)> {
    let ids = factor_ids(&card);
    let signals = signal_ids(&card);
    let evidence: Vec<String> = card.evidence.iter().map(|e| e.id.clone()).collect();
    (
        prop::collection::vec((-STEPS..=STEPS, prop::option::of(0u8..=MAX_WEIGHT)), ids.len()),
        prop::collection::vec(any::<bool>(), signals.len()),
        prop::collection::vec(0usize..3, evidence.len()),
    )
        .prop_map(move |(positions, ticks, statuses)| {
            let mut a = Answers::default();
            for (id, (position, weight)) in ids.iter().zip(positions) {
                a.factors.insert(id.clone(), FactorAnswer { position, weight });
            }
            for (id, on) in signals.iter().zip(ticks) {
                a.apply(Edit::Tick { id: id.clone(), on });
            }
            for (id, s) in evidence.iter().zip(statuses) {
                a.apply(Edit::EvidenceStatus { id: id.clone(), status: EvidenceStatus::ALL[s] });
            }
            (card.clone(), a)
        })
}

fn content_or_fixture_card() -> impl Strategy<Value = Card> {
    let mut cards = common::content_cards().to_vec();
    cards.extend([common::seed_like(), common::other_card()]);
    prop::sample::select(cards)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_every_claim_holds_on_real_cards((card, a) in content_or_fixture_card().prop_flat_map(any_answers)) {
        check(&card, &a)?;
    }

    #[test]
    fn prop_every_claim_holds_on_degenerate_cards((card, a) in degenerate_card().prop_flat_map(any_answers)) {
        check(&card, &a)?;
    }
}
