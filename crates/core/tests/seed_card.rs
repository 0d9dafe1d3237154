//! The seed card's own scenarios, end to end through the pure model: the engine's verdict,
//! its words, and the decision record, on the real bundled content.

mod common;

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::card::Card;
use decision_core::engine::{evaluate, Outcome};
use decision_core::{explain, record};

fn card() -> &'static Card {
    common::content_card("model-api-vs-self-hosted")
}

fn set(answers: &mut Answers, factor: &str, position: i8, weight: Option<u8>) {
    answers.factors.insert(factor.to_string(), FactorAnswer { position, weight });
}

/// Privacy and Control clearly toward self-hosting at high importance, the B signals ticked.
fn case_for_self_hosting(ops: i8) -> Answers {
    let mut a = Answers::default();
    set(&mut a, "privacy", 2, Some(3));
    set(&mut a, "control", 2, Some(3));
    set(&mut a, "ops-maturity", ops, None);
    a.ticked.insert("strong-privacy-or-control-needs".into());
    a.ticked.insert("serving-capability-exists".into());
    a
}

#[test]
fn neutral_answers_keep_the_api_and_say_the_case_is_not_clear() {
    let card = card();
    let v = evaluate(card, &Answers::default());
    assert_eq!(v.outcome, Outcome::NotClearYet);
    assert_eq!(card.option(v.recommends).name, "Model API");
    let (headline, qualifier) = explain::headline(card, &v);
    assert_eq!(headline, "Stay with Model API — the default");
    assert_eq!(qualifier, "The case for Self-Hosted Model is not clear yet.");
}

#[test]
fn a_clear_case_with_serving_capability_justifies_self_hosting() {
    let card = card();
    let v = evaluate(card, &case_for_self_hosting(1));
    assert_eq!(v.outcome, Outcome::Switch);
    assert_eq!(card.option(v.recommends).name, "Self-Hosted Model");
    assert_eq!(explain::headline(card, &v).0, "Self-Hosted Model is justified");
}

#[test]
fn the_same_case_without_ops_maturity_names_the_capability_gap_and_failure_mode() {
    let card = card();
    let v = evaluate(card, &case_for_self_hosting(-2));
    assert_eq!(v.outcome, Outcome::Gated);
    assert_eq!(v.gate.as_deref(), Some("ops-maturity"));
    assert_eq!(card.option(v.recommends).name, "Model API");
    let gate = explain::gate_sentence(card, &v).expect("a gate sentence");
    assert!(gate.starts_with("Ops maturity points away from Self-Hosted Model"), "{gate}");
    let md = record::markdown(card, &record::Record::proposed(&case_for_self_hosting(-2), &v, "2026-11-27"));
    assert!(md.contains("Creates an AI infrastructure program where a product decision was needed."));
}

#[test]
fn only_bad_reasons_keep_the_default_and_name_the_anti_pattern() {
    let card = card();
    let mut a = Answers::default();
    a.ticked.insert("self-hosting-automatically-cheaper".into());
    a.ticked.insert("self-hosting-for-prestige".into());
    let v = evaluate(card, &a);
    assert_eq!(v.outcome, Outcome::NotClearYet);
    assert_eq!(v.score, 0.0);
    let warning = explain::pitfall_sentence(card, &v).expect("the case rests on pitfalls");
    assert!(warning.contains("Self-hosting for prestige"), "{warning}");
    assert!(warning.contains("Self-Hosted Model"), "{warning}");
}

#[test]
fn the_flip_point_names_a_factor_and_a_position_in_words() {
    let card = card();
    let mut a = Answers::default();
    set(&mut a, "privacy", 2, None);
    let flip = explain::flip_sentence(card, &a).expect("one factor can flip this");
    assert!(flip.contains("Self-Hosted Model would be justified if"), "{flip}");
    // Option names keep their capitals inside the sentence.
    assert!(flip.contains("\u{201c}points clearly to Self-Hosted Model\u{201d}"), "{flip}");
}

#[test]
fn the_flip_point_of_a_case_held_down_by_ops_names_the_move_that_changes_the_recommendation() {
    let card = card();
    let mut a = Answers::default();
    for id in ["privacy", "control", "latency"] {
        set(&mut a, id, 2, None);
    }
    set(&mut a, "ops-maturity", -2, None);
    let v = evaluate(card, &a);
    assert_eq!(explain::headline(card, &v).0, "Stay with Model API — the default");
    // Ops pulls the score under the burden: the case is not clear. One step of ops toward
    // neutral would clear it but leave the gate shut, so that move changes nothing a reader
    // acts on; at neutral the gate opens too.
    assert_eq!(v.outcome, Outcome::NotClearYet);
    let flip = explain::flip_sentence(card, &a).expect("one factor can flip this");
    assert_eq!(
        flip,
        "Self-Hosted Model would be justified if Ops maturity moved to \u{201c}neutral\u{201d}."
    );
    let mut moved = a.clone();
    set(&mut moved, "ops-maturity", -1, None);
    assert_eq!(evaluate(card, &moved).outcome, Outcome::Gated);
    set(&mut moved, "ops-maturity", 0, None);
    let after = evaluate(card, &moved);
    assert_eq!(
        (after.outcome, card.option(after.recommends).name.as_str()),
        (Outcome::Switch, "Self-Hosted Model")
    );
}

#[test]
fn slider_words_name_both_options() {
    let card = card();
    let words: Vec<String> = (-2..=2).map(|p| explain::position_words(card, p)).collect();
    assert_eq!(
        words,
        [
            "Points clearly to Model API",
            "Leans to Model API",
            "Neutral",
            "Leans to Self-Hosted Model",
            "Points clearly to Self-Hosted Model"
        ]
    );
}

#[test]
fn the_record_has_every_madr_part_and_the_users_words() {
    let card = card();
    let mut a = case_for_self_hosting(1);
    a.notes.insert("gain-from-self-hosting".into(), "EU data residency | legal".into());
    a.evidence.insert(
        "cost-model".into(),
        EvidenceAnswer { status: EvidenceStatus::Gathered, note: "Sheet v3\nsigned off".into() },
    );
    a.triggers.insert("cost-profile-changes".into());
    a.ticked.insert("self-hosting-for-prestige".into());
    let v = evaluate(card, &a);
    let md = record::markdown(card, &record::Record::proposed(&a, &v, "2026-11-27"));
    for part in [
        "# Decision record: Model API vs Self-Hosted Model",
        "- Date: 2026-11-27",
        "## Context and problem statement",
        "## Decision drivers",
        "## Considered options",
        "## Decision outcome",
        "Chosen option: \"Self-Hosted Model\", because",
        "### Consequences",
        "## When to revisit",
        "- [x] Cost profile changes",
        "- [ ] Privacy requirements tighten",
        "\"Self-hosting for prestige\" does not count",
        "EU data residency | legal",
        // Free text is made safe inside a table cell.
        "| Cost model | Gathered | Sheet v3 signed off |",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
}

#[test]
fn chart_labels_are_whole_names_never_cut() {
    // The chart wraps its labels (style/main.css, `.dc-bar-name`) instead of shortening them.
    let card = card();
    use decision_core::engine::ContributionKind;
    assert_eq!(explain::contribution_label(card, ContributionKind::Factor, "privacy"), "Privacy");
    assert_eq!(
        explain::contribution_label(card, ContributionKind::Signal, "strong-privacy-or-control-needs"),
        "Signal: Strong privacy or control needs"
    );
}

#[test]
fn a_section_the_card_leaves_out_leaves_no_trace_in_the_record() {
    let mut card = card().clone();
    card.decision.heuristic.clear();
    card.evidence.clear();
    card.reversibility.relook_triggers.clear();
    for o in &mut card.options {
        o.who_absorbs_cost.clear();
        o.hidden_costs.clear();
    }
    let a = case_for_self_hosting(1);
    let md = record::markdown(&card, &record::Record::proposed(&a, &evaluate(&card, &a), "2026-12-02"));
    for gone in ["Heuristic", "## Evidence", "| Evidence |", "Who absorbs", "Hidden cost", "- [ ]"] {
        assert!(!md.contains(gone), "{gone:?} should be left out of\n{md}");
    }
    for kept in ["- Default stance: ", "## When to revisit", "Undo cost: "] {
        assert!(md.contains(kept), "missing {kept:?} in\n{md}");
    }
    assert!(!md.contains("\n\n\n"), "no run of blank lines where a section was:\n{md}");
}
