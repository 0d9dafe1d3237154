//! The decision record: the answers and the verdict as Markdown in the MADR shape
//! (context, drivers, considered options, outcome, consequences, when to revisit).

use crate::answers::Answers;
use crate::card::{Card, Side};
use crate::engine::{Outcome, Verdict};
use crate::explain;
use std::fmt::Write;

/// Render the record. `date` is supplied by the caller so this stays pure.
pub fn markdown(card: &Card, answers: &Answers, verdict: &Verdict, date: &str) -> String {
    let mut md = String::new();
    let chosen = card.option(verdict.recommends);
    let (headline, qualifier) = explain::headline(card, verdict);

    let _ = writeln!(md, "# Decision record: {}\n", card.title);
    let status = if matches!(verdict.outcome, Outcome::NotClearYet | Outcome::Gated) {
        "proposed (the case is not settled)"
    } else {
        "proposed"
    };
    let _ = writeln!(md, "- Status: {status}");
    let _ = writeln!(md, "- Date: {date}");
    let _ = writeln!(md, "- Card: {} (content version {})\n", card.id, card.version);

    let _ = writeln!(md, "## Context and problem statement\n");
    let _ = writeln!(md, "{}\n", card.decision.question);
    // Optional sections a card leaves out leave no empty line in the record either.
    line(&mut md, "Default stance", &card.decision.default_stance);
    line(&mut md, "Heuristic", &card.decision.heuristic);
    md.push('\n');

    let _ = writeln!(md, "## Decision drivers\n");
    for factor in &card.factors {
        let _ = writeln!(
            md,
            "- {}: {} (importance {})",
            factor.name,
            explain::position_words(card, answers.position(&factor.id)),
            explain::weight_words(answers.weight(card, &factor.id))
        );
    }
    let signals: Vec<_> = card.signals().filter(|(_, s)| answers.is_ticked(&s.id)).collect();
    if !signals.is_empty() {
        let _ = writeln!(md, "\nSignals observed:\n");
        for (side, s) in signals {
            let _ = writeln!(md, "- {} (for {})", s.text, card.option(side).name);
        }
    }

    let _ = writeln!(md, "\n## Considered options\n");
    for side in Side::BOTH {
        let option = card.option(side);
        let _ = writeln!(md, "{}. {} ({})", side.index() + 1, option.name, explain::option_letter(side));
    }

    let _ = writeln!(md, "\n## Decision outcome\n");
    let because = reasons(card, verdict);
    let _ = writeln!(md, "Chosen option: \"{}\", because {}\n", chosen.name, because);
    let _ = writeln!(md, "{headline}. {qualifier}\n");
    let _ = writeln!(
        md,
        "- Confidence: {} ({} of the evidence gathered)",
        explain::confidence_words(verdict.confidence.level),
        explain::percent(verdict.confidence.fraction)
    );
    if let Some(flip) = explain::flip_sentence(card, verdict) {
        let _ = writeln!(md, "- Flip point: {flip}");
    }
    if let Some(gate) = explain::gate_sentence(card, verdict) {
        let _ = writeln!(md, "- Capability gap: {gate}");
        let side = card.option(verdict.points_to);
        for mode in &side.failure_modes {
            let _ = writeln!(md, "- Failure mode of {}: {mode}", side.name);
        }
    }

    let change = crate::sensitivity::words::markdown(card, &crate::sensitivity::analyse(card, answers));
    if !change.is_empty() {
        let _ = writeln!(md, "\n### What would change this decision\n\n{change}");
    }

    let _ = writeln!(md, "\n### Consequences\n");
    for s in &chosen.strengths {
        let _ = writeln!(md, "- Good: {s}");
    }
    for c in &chosen.costs {
        let _ = writeln!(md, "- Bad: {c}");
    }
    for c in &chosen.hidden_costs {
        let _ = writeln!(md, "- Hidden cost: {c}");
    }
    for m in &chosen.failure_modes {
        let _ = writeln!(md, "- Failure mode when misused: {m}");
    }
    line(&mut md, "Who absorbs the cost", &chosen.who_absorbs_cost.join("; "));

    if !verdict.warnings.is_empty() {
        let _ = writeln!(md, "\n### Warnings: reasons that were set aside\n");
        for p in card.pitfalls().filter(|p| verdict.warnings.contains(&p.id)) {
            let _ = writeln!(md, "- \"{}\" does not count: {}", p.text, p.why);
        }
        if let Some(s) = explain::pitfall_sentence(card, verdict) {
            let _ = writeln!(md, "- {s}");
        }
    }

    if !card.evidence.is_empty() {
        let _ = writeln!(md, "\n## Evidence\n");
        let _ = writeln!(md, "| Evidence | Status | Note |\n| --- | --- | --- |");
    }
    for item in &card.evidence {
        let note = answers.evidence.get(&item.id).map_or("", |e| e.note.as_str());
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            cell(&item.text),
            answers.evidence_status(&item.id).label(),
            cell(note)
        );
    }

    let notes: Vec<_> = card
        .questions
        .iter()
        .filter_map(|q| answers.notes.get(&q.id).filter(|n| !n.trim().is_empty()).map(|n| (q, n)))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(md, "\n## Questions asked\n");
        for (q, note) in notes {
            let _ = writeln!(md, "- {}\n  {}", q.text, note.trim().replace('\n', "\n  "));
        }
    }

    let _ = writeln!(md, "\n## When to revisit\n");
    let _ = writeln!(md, "Undo cost: {}\n", card.reversibility.undo_cost);
    for t in &card.reversibility.relook_triggers {
        let mark = if answers.triggers.contains(&t.id) { "x" } else { " " };
        let _ = writeln!(md, "- [{mark}] {}", t.text);
    }
    md
}

/// A `- Label: text` line, or nothing when the card has no such text.
fn line(md: &mut String, label: &str, text: &str) {
    if !text.is_empty() {
        let _ = writeln!(md, "- {label}: {text}");
    }
}

/// "because …": the largest contributions in words, or the default stance when none.
fn reasons(card: &Card, verdict: &Verdict) -> String {
    let top: Vec<String> = verdict
        .contributions
        .iter()
        .take(3)
        .map(|c| {
            format!(
                "{} ({})",
                explain::contribution_label(card, c.kind, &c.id),
                explain::amount_words(card, c.amount)
            )
        })
        .collect();
    match verdict.outcome {
        Outcome::NotClearYet if top.is_empty() => {
            format!(
                "it is the default stance and nothing argues against it yet ({}).",
                card.decision.default_stance
            )
        }
        Outcome::NotClearYet => format!(
            "the case for leaving the default does not yet clear the burden of proof; strongest factors: {}.",
            top.join("; ")
        ),
        Outcome::Gated => format!(
            "the case for the alternative depends on a capability that is missing; strongest factors: {}.",
            top.join("; ")
        ),
        _ => format!("{}.", top.join("; ")),
    }
}

/// Make free text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
