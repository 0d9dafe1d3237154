//! The decision record: the answers and the verdict as Markdown in the MADR shape
//! (context, drivers, considered options, outcome, consequences, when to revisit), with the
//! decisions recorded on the card, a link that reopens the answers, and the calendar file
//! of the revisit date.
//!
//! While the answers on the page are those of the decision in force, the record is that
//! decision's (status "accepted", its option, date and revisit date); once they differ it
//! is a proposal for the answers as they are, with the decisions so far listed below.

use crate::answers::Answers;
use crate::calendar::{self, CalendarEvent};
use crate::card::{Card, Side};
use crate::dates::Date;
use crate::engine::{Outcome, Verdict};
use crate::explain;
use crate::history::{words, Decision, History};
use std::fmt::Write;

/// What a record is made of. The date and the link come from the caller (the browser knows
/// them), so this stays pure.
pub struct Record<'a> {
    pub answers: &'a Answers,
    pub verdict: &'a Verdict,
    pub history: &'a History,
    /// Today, for a proposal.
    pub today: &'a str,
    /// The share link that reopens these answers; empty when there is none.
    pub link: &'a str,
}

impl<'a> Record<'a> {
    /// A proposal for `answers`, with no decision recorded and no link.
    pub fn proposed(answers: &'a Answers, verdict: &'a Verdict, today: &'a str) -> Record<'a> {
        const NONE: &History = &History { decisions: Vec::new(), unreadable: Vec::new() };
        Record { answers, verdict, history: NONE, today, link: "" }
    }

    /// The decision in force, when the answers are still its answers.
    pub fn decision(&self) -> Option<&'a Decision> {
        self.history.in_force_for(self.answers)
    }
}

/// Render the record.
pub fn markdown(card: &Card, record: &Record) -> String {
    let (answers, verdict) = (record.answers, record.verdict);
    let decision = record.decision();
    let mut md = String::new();
    let chosen = card.option(decision.map_or(verdict.recommends, |d| d.chosen));
    let (headline, qualifier) = explain::headline(card, verdict);

    let _ = writeln!(md, "# Decision record: {}\n", card.title);
    let status = match decision {
        Some(_) => "accepted",
        None if matches!(verdict.outcome, Outcome::NotClearYet | Outcome::Gated) => {
            "proposed (the case is not settled)"
        }
        None => "proposed",
    };
    let _ = writeln!(md, "- Status: {status}");
    match decision {
        Some(d) => {
            let _ = writeln!(md, "- Date: {}", d.decided_on.to_iso());
            line(&mut md, "Decided by", &d.by);
            let _ = writeln!(md, "- Revisit by: {}", d.revisit_by.to_iso());
        }
        None => {
            let _ = writeln!(md, "- Date: {}", record.today);
        }
    }
    let _ = writeln!(md, "- Card: {} (content version {})", card.id, card.version);
    line(&mut md, "Reopen these answers", record.link);
    md.push('\n');

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
    match decision.and_then(words::against) {
        Some(against) => {
            let _ = writeln!(md, "Chosen option: \"{}\". {against}.\n", chosen.name);
            let recommended = &card.option(verdict.recommends).name;
            let _ = writeln!(md, "The verdict recommended \"{recommended}\", because {because}\n");
        }
        None => {
            let _ = writeln!(md, "Chosen option: \"{}\", because {}\n", chosen.name, because);
        }
    }
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
    if let Some(d) = decision {
        let _ = writeln!(md, "Revisit by: {}\n", words::date(d.revisit_by));
    }
    let _ = writeln!(md, "Undo cost: {}\n", card.reversibility.undo_cost);
    for t in &card.reversibility.relook_triggers {
        let mark = if answers.triggers.contains(&t.id) { "x" } else { " " };
        let _ = writeln!(md, "- [{mark}] {}", t.text);
    }

    if !record.history.is_empty() {
        let _ = writeln!(md, "\n## Decision history\n");
        let decisions = &record.history.decisions;
        for (i, d) in decisions.iter().enumerate().rev() {
            let status = match decisions.get(i + 1) {
                Some(next) => format!("superseded by the decision of {}", next.decided_on.to_iso()),
                None if decision.is_some() => "accepted".to_string(),
                None => "accepted; the answers have changed since".to_string(),
            };
            let _ = write!(md, "- {}: {} ({status})", d.decided_on.to_iso(), card.option(d.chosen).name);
            if !d.by.is_empty() {
                let _ = write!(md, "; decided by {}", d.by);
            }
            if let Some(against) = words::against(d) {
                let _ = write!(md, "; {}", explain::lower_first(&against));
            }
            let _ = writeln!(md, "; revisit by {}", d.revisit_by.to_iso());
        }
        let unreadable = record.history.unreadable.len();
        if unreadable > 0 {
            let _ = writeln!(md, "- {}", words::unreadable(unreadable));
        }
    }
    md
}

/// The record's file name for an ADR folder: `0007-<card-id>.md` with a number, else
/// `<date>-<card-id>.md`.
pub fn file_name(card: &Card, number: Option<u32>, date: Date) -> String {
    match number {
        Some(n) => format!("{n:04}-{}.md", card.id),
        None => format!("{}-{}.md", date.to_iso(), card.id),
    }
}

/// The calendar file (RFC 5545) with one all-day event on the decision's revisit date:
/// what was decided, the re-look triggers, and the link that reopens the answers. Its UID
/// is the decision's, so downloading it again updates the same event.
pub fn calendar(card: &Card, decision: &Decision, link: &str, now_ms: f64) -> String {
    let mut description = words::decided(card, decision);
    if let Some(against) = words::against(decision) {
        let _ = write!(description, "\n{against}.");
    }
    if !card.reversibility.relook_triggers.is_empty() {
        description.push_str("\n\nWhat should force a re-look:");
        for t in &card.reversibility.relook_triggers {
            let mark = if decision.answers.triggers.contains(&t.id) { " (ticked when decided)" } else { "" };
            let _ = write!(description, "\n- {}{mark}", t.text);
        }
    }
    if !link.is_empty() {
        let _ = write!(description, "\n\nReopen the decision: {link}");
    }
    let summary = format!("Revisit: {}", card.title);
    calendar::to_ics(&CalendarEvent {
        uid: &calendar::uid(&card.id, decision.recorded_at),
        stamp_utc_ms: now_ms,
        date: decision.revisit_by,
        summary: &summary,
        description: &description,
        url: (!link.is_empty()).then_some(link),
    })
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
