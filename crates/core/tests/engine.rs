//! Tests of the decision engine: named scenarios on a fixture that mirrors the seed card's
//! numbers, and property tests over arbitrary answers on two unrelated cards.

use decision_core::answers::*;
use decision_core::card::*;
use decision_core::engine::*;
use decision_core::explain;
use proptest::prelude::*;

mod common;
use common::{answers, factor, other_card as other, pitfall, seed_like as seed, set, tick};

fn ticked_pitfalls_only(card: &Card) -> Answers {
    let mut a = Answers::default();
    a.ticked.extend(card.pitfalls().map(|p| p.id.clone()));
    a
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

#[test]
fn neutral_answers_are_not_clear_yet_and_keep_the_default() {
    for c in [seed(), other()] {
        let v = evaluate(&c, &Answers::default());
        assert_eq!(v.outcome, Outcome::NotClearYet, "{}", c.id);
        assert_eq!(v.recommends, c.default_side());
        assert_eq!(v.points_to, c.default_side());
        assert_eq!(v.strength, Strength::Slightly);
        assert_eq!(v.score, 0.0);
        assert_eq!(v.lean, 0.0);
        assert!(v.contributions.is_empty());
        assert!(v.warnings.is_empty());
        assert_eq!(v.rests_on_pitfalls, None);
        assert_eq!(v.gate, None);
    }
}

#[test]
fn burden_comes_from_the_undo_cost() {
    assert_eq!(evaluate(&seed(), &Answers::default()).burden, 4.0);
    assert_eq!(evaluate(&other(), &Answers::default()).burden, 3.0);
}

fn strong_case_for_self_hosting() -> Answers {
    let mut a = Answers::default();
    set(&mut a, "privacy", 2);
    set(&mut a, "control", 2);
    a.factors.get_mut("control").unwrap().weight = Some(3);
    tick(&mut a, &["sig-sh-data-residency", "sig-sh-volume"]);
    a
}

#[test]
fn clear_case_with_ops_capability_switches_to_the_other_option() {
    let mut a = strong_case_for_self_hosting();
    set(&mut a, "ops", 1);
    let v = evaluate(&seed(), &a);
    // privacy 3 + control 3 + ops 1 + two signals 2 = 9 > burden 4.
    assert_eq!(v.score, 9.0);
    assert_eq!(v.outcome, Outcome::Switch);
    assert_eq!(v.recommends, Side::B);
    assert_eq!(v.points_to, Side::B);
    assert_eq!(v.strength, Strength::Strongly);
    assert_eq!(v.gate, None);
    assert!(v.lean > 0.0 && v.lean <= 1.0);
}

#[test]
fn capability_gate_pointing_away_holds_back_the_switch() {
    let mut a = strong_case_for_self_hosting();
    set(&mut a, "ops", -2);
    let v = evaluate(&seed(), &a);
    // 3 + 3 - 2 + 2 = 6: the case clears the burden, but the gate points to the API.
    assert_eq!(v.score, 6.0);
    assert_eq!(v.outcome, Outcome::Gated);
    assert_eq!(v.gate.as_deref(), Some("ops"));
    assert_eq!(v.recommends, Side::A);
    assert_eq!(v.points_to, Side::B);
    // The nearest way out of the gate is ops at neutral.
    let flip = flip(&seed(), &a).expect("a gate can be lifted");
    assert_eq!((flip.factor.as_str(), flip.to), ("ops", 0));
    assert_eq!((flip.outcome, flip.recommends, flip.points_to), (Outcome::Switch, Side::B, Side::B));
}

#[test]
fn a_neutral_gate_does_not_block() {
    let mut a = strong_case_for_self_hosting();
    set(&mut a, "ops", 0);
    assert_eq!(evaluate(&seed(), &a).outcome, Outcome::Switch);
}

#[test]
fn gate_on_the_second_card_works_toward_option_zero() {
    let mut a = Answers::default();
    set(&mut a, "fit", -2);
    tick(&mut a, &["sig-core-differentiator"]);
    let v = evaluate(&other(), &a);
    // Default is option 1, so the case for leaving it is -score = 3 + 1 = 4 > 3.
    assert_eq!(v.outcome, Outcome::Switch);
    assert_eq!(v.recommends, Side::A);

    set(&mut a, "team", 1);
    let v = evaluate(&other(), &a);
    // team 1 toward "buy" lowers the case to 3, which no longer clears the burden.
    assert_eq!(v.outcome, Outcome::NotClearYet);

    tick(&mut a, &["sig-unique-workflow"]);
    let v = evaluate(&other(), &a);
    assert_eq!(v.outcome, Outcome::Gated);
    assert_eq!(v.gate.as_deref(), Some("team"));
    assert_eq!(v.recommends, Side::B);
}

#[test]
fn evidence_for_the_default_confirms_it() {
    let mut a = Answers::default();
    set(&mut a, "privacy", -2);
    set(&mut a, "economics", -1);
    let v = evaluate(&seed(), &a);
    // -3 - 1 = -4 reaches the burden on the default's side.
    assert_eq!(v.outcome, Outcome::DefaultConfirmed);
    assert_eq!(v.recommends, Side::A);
    assert_eq!(v.strength, Strength::Clearly);
    assert_ne!(v.strength, Strength::Slightly);
}

#[test]
fn only_pitfalls_ticked_change_nothing_but_warnings() {
    let c = seed();
    let neutral = evaluate(&c, &Answers::default());
    let v = evaluate(&c, &ticked_pitfalls_only(&c));
    assert_eq!(v.score, 0.0);
    assert_eq!(v.outcome, neutral.outcome);
    assert_eq!(v.recommends, neutral.recommends);
    assert!(v.contributions.is_empty());
    assert_eq!(v.warnings, ["bad-hype", "bad-vendor-fear", "anti-resume", "anti-no-effort"]);
    // Three pitfalls favour self-hosting, one the API: the self-hosting case rests on them.
    assert_eq!(v.rests_on_pitfalls, Some(Side::B));
}

#[test]
fn an_id_listed_both_as_signal_and_as_pitfall_counts_as_pitfall() {
    let mut c = seed();
    c.pressures.bad_reasons.push(pitfall("sig-sh-volume", "self-hosted"));
    let mut a = Answers::default();
    tick(&mut a, &["sig-sh-volume"]);
    let v = evaluate(&c, &a);
    assert_eq!(v.score, 0.0);
    assert!(v.contributions.is_empty());
    assert_eq!(v.warnings, ["sig-sh-volume"]);
}

#[test]
fn pitfalls_outweighed_by_genuine_reasons_are_only_warnings() {
    let c = seed();
    let mut a = strong_case_for_self_hosting();
    tick(&mut a, &["bad-hype"]);
    let v = evaluate(&c, &a);
    assert_eq!(v.warnings, ["bad-hype"]);
    assert_eq!(v.rests_on_pitfalls, None);
}

#[test]
fn pitfalls_on_both_sides_name_the_heavier_side() {
    let c = seed();
    let mut a = Answers::default();
    tick(&mut a, &["anti-no-effort"]);
    assert_eq!(evaluate(&c, &a).rests_on_pitfalls, Some(Side::A));
    tick(&mut a, &["bad-hype"]);
    // One each: the tie names the non-default option.
    assert_eq!(evaluate(&c, &a).rests_on_pitfalls, Some(Side::B));
}

#[test]
fn evidence_changes_confidence_only() {
    let c = seed();
    let mut a = strong_case_for_self_hosting();
    let before = evaluate(&c, &a);
    assert_eq!(before.confidence.level, ConfidenceLevel::Low);
    assert_eq!(before.confidence.fraction, 0.0);

    let status = |s| EvidenceAnswer { status: s, note: String::new() };
    a.evidence.insert("ev-cost-model".into(), status(EvidenceStatus::InProgress));
    let v = evaluate(&c, &a);
    assert_eq!(v.confidence.fraction, 0.25);
    assert_eq!(v.confidence.level, ConfidenceLevel::Low);

    a.evidence.insert("ev-ops-audit".into(), status(EvidenceStatus::Gathered));
    let v = evaluate(&c, &a);
    assert_eq!(v.confidence.fraction, 0.75);
    assert_eq!(v.confidence.level, ConfidenceLevel::High);

    a.evidence.insert("ev-unknown".into(), status(EvidenceStatus::Gathered));
    a.evidence.insert("ev-cost-model".into(), status(EvidenceStatus::Gathered));
    let after = evaluate(&c, &a);
    assert_eq!(after.confidence.fraction, 1.0);

    assert_eq!(
        Verdict { confidence: before.confidence, ..after },
        before,
        "evidence must change nothing but confidence"
    );
}

#[test]
fn half_the_evidence_is_medium_confidence() {
    let c = seed();
    let mut a = Answers::default();
    a.evidence.insert(
        "ev-ops-audit".into(),
        EvidenceAnswer { status: EvidenceStatus::Gathered, note: String::new() },
    );
    let v = evaluate(&c, &a);
    assert_eq!(v.confidence.fraction, 0.5);
    assert_eq!(v.confidence.level, ConfidenceLevel::Medium);
}

#[test]
fn a_card_without_evidence_items_has_full_confidence() {
    let mut c = seed();
    c.evidence.clear();
    let v = evaluate(&c, &Answers::default());
    assert_eq!(v.confidence.fraction, 1.0);
    assert_eq!(v.confidence.level, ConfidenceLevel::High);
}

#[test]
fn contributions_are_largest_first_factors_before_signals_on_ties() {
    let mut a = Answers::default();
    set(&mut a, "latency", -2); // -1
    set(&mut a, "privacy", 2); // 3
    set(&mut a, "economics", 1); // 1
    tick(&mut a, &["sig-api-speed", "sig-sh-volume", "bad-hype", "no-such-id"]);
    let v = evaluate(&seed(), &a);
    let got: Vec<(&str, ContributionKind, f64)> =
        v.contributions.iter().map(|c| (c.id.as_str(), c.kind, c.amount)).collect();
    use ContributionKind::*;
    assert_eq!(
        got,
        [
            ("privacy", Factor, 3.0),
            ("latency", Factor, -1.0),
            ("economics", Factor, 1.0),
            ("sig-api-speed", Signal, -1.0),
            ("sig-sh-volume", Signal, 1.0),
        ]
    );
    assert_eq!(v.score, 3.0);
}

#[test]
fn flip_names_the_smallest_move() {
    let c = seed();
    let mut a = Answers::default();
    set(&mut a, "privacy", 2);
    let v = evaluate(&c, &a);
    assert_eq!(v.outcome, Outcome::NotClearYet);
    // The score 3 must pass 4: no single step does it. Control, ops and economics at +2 each
    // add 2 (distance 2); control comes first in card order.
    let flip = flip(&c, &a).expect("a flip exists");
    assert_eq!(
        (flip.factor.as_str(), flip.to, flip.outcome, flip.recommends),
        ("control", 2, Outcome::Switch, Side::B)
    );
}

#[test]
fn a_move_that_keeps_the_recommendation_is_not_a_flip() {
    let c = seed();
    let a = answers(&[("privacy", -1), ("control", -1), ("economics", -1)], &[]);
    let v = evaluate(&c, &a);
    // -1.5 - 1 - 1 = -3.5: one step of latency toward the API would confirm the default, a
    // different outcome for the same option; no single move reaches +4 for the other option.
    assert_eq!(v.outcome, Outcome::NotClearYet);
    assert_eq!(evaluate(&c, &moved(&a, "latency", -1)).outcome, Outcome::DefaultConfirmed);
    assert_eq!(flip(&c, &a), None);
}

#[test]
fn leaving_a_switch_names_what_would_bring_the_default_back() {
    let mut a = strong_case_for_self_hosting();
    set(&mut a, "ops", 1);
    let v = evaluate(&seed(), &a);
    assert_eq!(v.outcome, Outcome::Switch);
    // The nearest way back to the API: ops one step toward it closes the gate.
    let flip = flip(&seed(), &a).expect("a flip exists");
    assert_eq!((flip.factor.as_str(), flip.to), ("ops", -1));
    assert_eq!((flip.outcome, flip.recommends, flip.points_to), (Outcome::Gated, Side::A, Side::B));
}

#[test]
fn the_engine_reads_numbers_from_the_card() {
    let mut c = seed();
    c.reversibility.undo_cost = "easy".into();
    let mut a = Answers::default();
    set(&mut a, "control", 2);
    // 2 > 1.5 clears the easy burden but not the moderate-hard one.
    assert_eq!(evaluate(&c, &a).outcome, Outcome::Switch);
    assert_eq!(evaluate(&seed(), &a).outcome, Outcome::NotClearYet);

    c.scoring.signal_strength = 2.5;
    let mut a = Answers::default();
    tick(&mut a, &["sig-sh-volume"]);
    assert_eq!(evaluate(&c, &a).score, 2.5);
}

#[test]
fn zero_burden_keeps_neutral_answers_not_clear_yet() {
    let mut c = seed();
    c.scoring.burden.insert("moderate-hard".into(), 0.0);
    let v = evaluate(&c, &Answers::default());
    assert_eq!(v.outcome, Outcome::NotClearYet);
    assert_eq!(v.recommends, Side::A);

    let mut a = Answers::default();
    set(&mut a, "latency", 1);
    assert_eq!(evaluate(&c, &a).outcome, Outcome::Switch);
    set(&mut a, "latency", -1);
    assert_eq!(evaluate(&c, &a).outcome, Outcome::DefaultConfirmed);
}

#[test]
fn broken_card_numbers_give_finite_outputs() {
    let mut a = strong_case_for_self_hosting();
    set(&mut a, "ops", 2);
    for strength in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, f64::MAX] {
        for burden in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -3.0, f64::MAX] {
            let mut c = seed();
            c.scoring.signal_strength = strength;
            c.scoring.burden.insert("moderate-hard".into(), burden);
            let v = evaluate(&c, &a);
            assert!(v.score.is_finite() && v.burden.is_finite() && v.lean.is_finite());
            assert!((-1.0..=1.0).contains(&v.lean));
            assert!(v.burden >= 0.0);
        }
    }
}

#[test]
fn unknown_undo_cost_or_default_never_panics() {
    let mut a = strong_case_for_self_hosting();
    tick(&mut a, &["sig-third"]);
    let mut c = seed();
    c.reversibility.undo_cost = "unheard-of".into();
    c.decision.default_option = "nowhere".into();
    let v = evaluate(&c, &a);
    assert_eq!((v.burden, v.recommends), (0.0, Side::B));

    // A duplicated factor id and a gate for an unknown option.
    c.factors.push(factor("privacy", 1, Some("nowhere")));
    assert!(evaluate(&c, &a).score.is_finite());
    if let Some(flip) = &flip(&c, &a) {
        let after = evaluate(&c, &moved(&a, &flip.factor, flip.to));
        assert_eq!((after.outcome, after.recommends), (flip.outcome, flip.recommends));
    }

    let mut empty = Card { factors: vec![], evidence: vec![], ..seed() };
    for o in &mut empty.options {
        o.signals.clear();
    }
    let v = evaluate(&empty, &a);
    assert_eq!(v.score, 0.0);
    assert_eq!(v.lean, 0.0);
    assert_eq!(flip(&empty, &a), None);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Ids a user could tick on either card, plus ids neither card knows.
fn tickable(card: &Card) -> Vec<String> {
    card.signals()
        .map(|(_, s)| s.id.clone())
        .chain(card.pitfalls().map(|p| p.id.clone()))
        .chain(["no-such-signal".to_string(), "sig-from-another-card".to_string()])
        .collect()
}

fn any_card() -> impl Strategy<Value = Card> {
    prop_oneof![Just(seed()), Just(other())]
}

fn any_status() -> impl Strategy<Value = EvidenceStatus> {
    prop::sample::select(EvidenceStatus::ALL.to_vec())
}

/// Slider positions: mostly in range, sometimes anything an `i8` can hold.
fn any_position() -> impl Strategy<Value = i8> {
    prop_oneof![3 => -STEPS..=STEPS, 1 => any::<i8>()]
}

/// Arbitrary answers for a card: positions in and out of range, any u8 weights (or none),
/// any subset of the tickable ids plus unknown ones, evidence for known and unknown ids.
/// In "tilted" cases every factor except the gates points away from the default, so cases
/// that clear the burden (and gates that hold them back) come up often.
fn answers_for(card: Card) -> impl Strategy<Value = (Card, Answers)> {
    let mut factor_ids: Vec<String> = card.factors.iter().map(|f| f.id.clone()).collect();
    factor_ids.push("ghost-factor".into());
    let gates: Vec<String> =
        card.factors.iter().filter(|f| f.gate_for.is_some()).map(|f| f.id.clone()).collect();
    let away: i8 = card.default_side().other().sign();
    let ticks = tickable(&card);
    let mut evidence_ids: Vec<String> = card.evidence.iter().map(|e| e.id.clone()).collect();
    evidence_ids.push("ghost-evidence".into());
    let n_factors = factor_ids.len();
    let n_ticks = ticks.len();
    let n_evidence = evidence_ids.len();
    (
        prop::collection::vec(
            prop::option::weighted(0.9, (any_position(), prop::option::of(any::<u8>()))),
            n_factors,
        ),
        prop::collection::vec(any::<bool>(), n_ticks),
        prop::collection::vec(prop::option::of(any_status()), n_evidence),
        any::<bool>(),
    )
        .prop_map(move |(factors, ticked, evidence, tilted)| {
            let mut a = Answers::default();
            for (id, f) in factor_ids.iter().zip(factors) {
                if let Some((mut position, weight)) = f {
                    if tilted && !gates.contains(id) {
                        position = away * position.unsigned_abs().min(STEPS as u8) as i8;
                    }
                    a.factors.insert(id.clone(), FactorAnswer { position, weight });
                }
            }
            for (id, t) in ticks.iter().zip(ticked) {
                if t {
                    a.ticked.insert(id.clone());
                }
            }
            for (id, s) in evidence_ids.iter().zip(evidence) {
                if let Some(status) = s {
                    a.evidence.insert(id.clone(), EvidenceAnswer { status, note: String::new() });
                }
            }
            (card.clone(), a)
        })
}

fn card_and_answers() -> impl Strategy<Value = (Card, Answers)> {
    any_card().prop_flat_map(answers_for)
}

/// A bundled card of `content/` or a generated one, with arbitrary answers.
fn content_or_generated_card_and_answers() -> impl Strategy<Value = (Card, Answers)> {
    let bundled = prop::sample::select(common::content_cards().to_vec());
    prop_oneof![bundled, any_card()].prop_flat_map(answers_for)
}

/// What a flip sentence says would happen, read back from its words: the outcome and the
/// option it names as recommended. `None` when the sentence has none of the known shapes.
fn stated(card: &Card, sentence: &str) -> Option<(Outcome, Side)> {
    let side_named = |name: &str| Side::BOTH.into_iter().find(|&s| card.option(s).name == name);
    if let Some(rest) = sentence.strip_prefix("A capability gap would keep ") {
        let (name, _) = rest.split_once(" if ")?;
        return Some((Outcome::Gated, side_named(name)?));
    }
    if let Some(rest) = sentence.strip_prefix("The evidence would clearly confirm ") {
        let (name, _) = rest.split_once(" if ")?;
        return Some((Outcome::DefaultConfirmed, side_named(name)?));
    }
    if let Some((name, _)) = sentence.split_once(" would be justified if ") {
        return Some((Outcome::Switch, side_named(name)?));
    }
    let (name, _) = sentence.split_once(" would stand, the case for ")?;
    Some((Outcome::NotClearYet, side_named(name)?))
}

/// The same answers with one factor moved to `to`, keeping its importance.
fn moved(answers: &Answers, factor: &str, to: i8) -> Answers {
    let mut a = answers.clone();
    a.factors.entry(factor.into()).or_default().position = to;
    a
}

/// Every factor position and weight in range, the same way the engine reads them.
fn clamped(answers: &Answers) -> Answers {
    let mut a = answers.clone();
    a.clamp();
    a
}

/// Where an outcome stands on the way from the default to the other option.
fn band(o: Outcome) -> u8 {
    match o {
        Outcome::DefaultConfirmed => 0,
        Outcome::NotClearYet => 1,
        Outcome::Switch | Outcome::Gated => 2,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_neutral_positions_give_the_default((card, answers) in card_and_answers()) {
        let mut a = answers;
        for f in a.factors.values_mut() {
            f.position = 0;
        }
        // Only pitfalls and unknown ids may stay ticked: they must not count.
        let genuine: Vec<String> = card.signals().map(|(_, s)| s.id.clone()).collect();
        a.ticked.retain(|id| !genuine.contains(id));
        let v = evaluate(&card, &a);
        prop_assert_eq!(v.outcome, Outcome::NotClearYet);
        prop_assert_eq!(v.recommends, card.default_side());
        prop_assert_eq!(v.points_to, card.default_side());
        prop_assert_eq!(v.score, 0.0);
        prop_assert!(v.contributions.is_empty());
    }

    #[test]
    fn prop_moving_a_factor_toward_an_option_never_weakens_its_case(
        (card, answers) in card_and_answers(),
        pick in any::<prop::sample::Index>(),
    ) {
        let f = &card.factors[pick.index(card.factors.len())];
        let a = clamped(&answers);
        let p = a.position(&f.id);
        let v = evaluate(&card, &a);
        let other = card.default_side().other();
        // One step toward Option B: B's case (the score) never drops.
        if p < STEPS {
            let up = evaluate(&card, &moved(&a, &f.id, p + 1));
            prop_assert!(up.score >= v.score);
            prop_assert!(-up.score <= -v.score, "A's case never grows");
            if other == Side::B {
                prop_assert!(band(up.outcome) >= band(v.outcome));
            } else {
                prop_assert!(band(up.outcome) <= band(v.outcome));
            }
        }
        // One step toward Option A: the score never rises.
        if p > -STEPS {
            let down = evaluate(&card, &moved(&a, &f.id, p - 1));
            prop_assert!(down.score <= v.score);
            if other == Side::A {
                prop_assert!(band(down.outcome) >= band(v.outcome));
            } else {
                prop_assert!(band(down.outcome) <= band(v.outcome));
            }
        }
    }

    #[test]
    fn prop_a_reported_flip_really_flips((card, answers) in card_and_answers()) {
        let v = evaluate(&card, &answers);
        if let Some(flip) = &flip(&card, &answers) {
            prop_assert!((-STEPS..=STEPS).contains(&flip.to));
            prop_assert_ne!(flip.recommends, v.recommends);
            prop_assert_ne!(flip.to, answers.position(&flip.factor));
            let after = evaluate(&card, &moved(&answers, &flip.factor, flip.to));
            prop_assert_eq!(after.outcome, flip.outcome);
            prop_assert_eq!(after.recommends, flip.recommends);
            prop_assert_eq!(after.points_to, flip.points_to);
        }
    }

    #[test]
    fn prop_the_flip_sentence_states_what_the_move_gives(
        (card, answers) in content_or_generated_card_and_answers()
    ) {
        let v = evaluate(&card, &answers);
        let Some(flip) = &flip(&card, &answers) else { return Ok(()) };
        let Some(sentence) = explain::flip_sentence(&card, &answers) else {
            // Only a factor the card does not name (a duplicated id) can lack words.
            prop_assert!(card.factor(&flip.factor).is_none());
            return Ok(());
        };
        let after = evaluate(&card, &moved(&answers, &flip.factor, flip.to));
        prop_assert_ne!(after.recommends, v.recommends, "{}", sentence);
        if card.option(Side::A).name != card.option(Side::B).name {
            prop_assert_eq!(stated(&card, &sentence), Some((after.outcome, after.recommends)), "{}", sentence);
        }
        let factor = card.factor(&flip.factor).unwrap();
        let target = format!("{} moved to \u{201c}", factor.name);
        prop_assert!(sentence.contains(&target), "{}", sentence);
        prop_assert!(sentence.contains(&explain::lower_first(&explain::position_words(&card, flip.to))));
    }

    #[test]
    fn prop_no_smaller_single_factor_move_flips((card, answers) in card_and_answers()) {
        let v = evaluate(&card, &answers);
        let limit = flip(&card, &answers).as_ref().map_or(i8::MAX, |f| (f.to - answers.position(&f.factor)).abs());
        for f in &card.factors {
            let p = answers.position(&f.id);
            for to in -STEPS..=STEPS {
                if to == p {
                    continue;
                }
                let recommends = evaluate(&card, &moved(&answers, &f.id, to)).recommends;
                if (to - p).abs() < limit || limit == i8::MAX {
                    prop_assert_eq!(recommends, v.recommends, "{} to {} flips earlier", &f.id, to);
                }
            }
        }
    }

    #[test]
    fn prop_outputs_are_bounded_and_consistent((card, answers) in card_and_answers()) {
        let v = evaluate(&card, &answers);
        prop_assert!(v.score.is_finite());
        prop_assert!(v.lean.is_finite() && (-1.0..=1.0).contains(&v.lean));
        prop_assert!(v.burden.is_finite() && v.burden >= 0.0);
        prop_assert!((0.0..=1.0).contains(&v.confidence.fraction));
        let default = card.default_side();
        match v.outcome {
            Outcome::Switch => {
                prop_assert_eq!(v.recommends, default.other());
                prop_assert!(v.gate.is_none());
            }
            Outcome::Gated => {
                prop_assert_eq!(v.recommends, default);
                let gate = v.gate.as_deref().and_then(|g| card.factor(g));
                prop_assert!(gate.is_some());
                prop_assert_eq!(gate.unwrap().gate_for.as_deref(), Some(card.option(default.other()).id.as_str()));
            }
            Outcome::DefaultConfirmed | Outcome::NotClearYet => {
                prop_assert_eq!(v.recommends, default);
                prop_assert!(v.gate.is_none());
            }
        }
        prop_assert_eq!(v.outcome == Outcome::NotClearYet, v.strength == Strength::Slightly);
        // Contributions: non-zero, largest first, and they add up to the score.
        prop_assert!(v.contributions.iter().all(|c| c.amount != 0.0));
        prop_assert!(v.contributions.windows(2).all(|w| w[0].amount.abs() >= w[1].amount.abs()));
        let sum: f64 = v.contributions.iter().map(|c| c.amount).sum();
        prop_assert!((sum - v.score).abs() < 1e-9);
        // Same input, same verdict.
        prop_assert_eq!(evaluate(&card, &answers), v);
    }

    #[test]
    fn prop_pitfalls_never_move_the_score(
        (card, answers) in card_and_answers(),
        flips in prop::collection::vec(any::<bool>(), 8),
    ) {
        let v = evaluate(&card, &answers);
        let mut a = answers.clone();
        for (p, toggle) in card.pitfalls().zip(flips) {
            if toggle && !a.ticked.remove(&p.id) {
                a.ticked.insert(p.id.clone());
            }
        }
        let w = evaluate(&card, &a);
        prop_assert_eq!(w.score, v.score);
        prop_assert_eq!(w.outcome, v.outcome);
        prop_assert_eq!(w.recommends, v.recommends);
        prop_assert_eq!(&w.contributions, &v.contributions);
        prop_assert_eq!(flip(&card, &a), flip(&card, &answers));
        let expected: Vec<String> =
            card.pitfalls().filter(|p| a.ticked.contains(&p.id)).map(|p| p.id.clone()).collect();
        prop_assert_eq!(w.warnings, expected);
    }

    #[test]
    fn prop_evidence_never_changes_the_outcome(
        (card, answers) in card_and_answers(),
        statuses in prop::collection::vec(any_status(), 4),
    ) {
        let v = evaluate(&card, &answers);
        let mut a = answers.clone();
        a.evidence.clear();
        for (e, s) in card.evidence.iter().zip(statuses) {
            a.evidence.insert(e.id.clone(), EvidenceAnswer { status: s, note: "checked".into() });
        }
        let w = evaluate(&card, &a);
        prop_assert_eq!(Verdict { confidence: v.confidence, ..w }, v);
    }
}
