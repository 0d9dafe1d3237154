//! The decision record: the answers and the verdict as Markdown in the MADR shape
//! (context, drivers, considered options, outcome, consequences, when to revisit), with the
//! decisions recorded on the card, a link that reopens the answers, and the calendar file
//! of the revisit date.
//!
//! While the answers on the page are those of the decision in force, the record is that
//! decision's (status "accepted", its option, date and revisit date); once they differ it
//! is a proposal for the answers as they are, with the decisions so far listed below.
//!
//! Its words, headings included, are the page's language's (`lang/<code>/record.toml`,
//! [`crate::lang`]); only the Markdown marks around them are written here.

use crate::answers::Answers;
use crate::calendar::{self, CalendarEvent};
use crate::card::{Card, Side};
use crate::dates::Date;
use crate::engine::{Outcome, Verdict};
use crate::explain;
use crate::history::{words, Decision, History};
use crate::say;
use crate::sections::SectionWord;
use std::fmt::Write;

crate::words!(Record:
    /// The words of the decision record and of the revisit's calendar event
    /// (`lang/<code>/record.toml`).
    pub enum RecordWord {
        Title,
        Field,
        ListJoin,
        Status,
        Accepted,
        Proposed,
        ProposedUnsettled,
        Date,
        DecidedBy,
        RevisitBy,
        Card,
        CardValue,
        ReopenAnswers,
        ContextHeading,
        DriversHeading,
        Driver,
        SignalsObserved,
        SignalFor,
        OptionsHeading,
        OutcomeHeading,
        ChosenAgainst,
        VerdictRecommendedBecause,
        ChosenBecause,
        Confidence,
        CapabilityGap,
        FailureModeOf,
        WhatWouldChange,
        Consequences,
        Good,
        Bad,
        HiddenCost,
        FailureModeMisused,
        WarningsHeading,
        DoesNotCount,
        EvidenceHeading,
        EvidenceColumn,
        StatusColumn,
        NoteColumn,
        QuestionsHeading,
        RevisitHeading,
        UndoCost,
        HistoryHeading,
        HistoryEntry,
        SupersededBy,
        AcceptedChanged,
        HistoryDecidedBy,
        HistoryRevisitBy,
        Reason,
        BecauseDefault,
        BecauseNotClear,
        BecauseGated,
        BecauseFactors,
        CalendarSummary,
        CalendarTriggers,
        CalendarTicked,
        CalendarReopen,
    }
);

use RecordWord as W;

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

    let _ = writeln!(md, "# {}\n", say!(W::Title, title = card.title));
    let status = match decision {
        Some(_) => say!(W::Accepted),
        None if matches!(verdict.outcome, Outcome::NotClearYet | Outcome::Gated) => {
            say!(W::ProposedUnsettled)
        }
        None => say!(W::Proposed),
    };
    field(&mut md, say!(W::Status), status);
    match decision {
        Some(d) => {
            field(&mut md, say!(W::Date), &d.decided_on.to_iso());
            line(&mut md, say!(W::DecidedBy), &d.by);
            field(&mut md, say!(W::RevisitBy), &d.revisit_by.to_iso());
        }
        None => {
            field(&mut md, say!(W::Date), record.today);
        }
    }
    field(&mut md, say!(W::Card), &say!(W::CardValue, id = card.id, version = card.version));
    line(&mut md, say!(W::ReopenAnswers), record.link);
    md.push('\n');

    let _ = writeln!(md, "## {}\n", say!(W::ContextHeading));
    let _ = writeln!(md, "{}\n", card.decision.question);
    // Optional sections a card leaves out leave no empty line in the record either.
    line(&mut md, say!(SectionWord::DefaultStance), &card.decision.default_stance);
    line(&mut md, say!(SectionWord::Heuristic), &card.decision.heuristic);
    md.push('\n');

    let _ = writeln!(md, "## {}\n", say!(W::DriversHeading));
    for factor in &card.factors {
        let driver = say!(
            W::Driver,
            factor = factor.name,
            position = explain::position_words(card, answers.position(&factor.id)),
            importance = explain::weight_words(answers.weight(card, &factor.id))
        );
        let _ = writeln!(md, "- {driver}");
    }
    let signals: Vec<_> = card.signals().filter(|(_, s)| answers.is_ticked(&s.id)).collect();
    if !signals.is_empty() {
        let _ = writeln!(md, "\n{}\n", say!(W::SignalsObserved));
        for (side, s) in signals {
            let _ =
                writeln!(md, "- {}", say!(W::SignalFor, signal = s.text, option = card.option(side).name));
        }
    }

    let _ = writeln!(md, "\n## {}\n", say!(W::OptionsHeading));
    for side in Side::BOTH {
        let option = card.option(side);
        let _ = writeln!(md, "{}. {} ({})", side.index() + 1, option.name, explain::option_letter(side));
    }

    let _ = writeln!(md, "\n## {}\n", say!(W::OutcomeHeading));
    let because = reasons(card, verdict);
    match decision.and_then(words::against) {
        Some(against) => {
            let _ = writeln!(md, "{}\n", say!(W::ChosenAgainst, option = chosen.name, against = against));
            let recommended = &card.option(verdict.recommends).name;
            let _ = writeln!(
                md,
                "{}\n",
                say!(W::VerdictRecommendedBecause, option = recommended, because = because)
            );
        }
        None => {
            let _ = writeln!(md, "{}\n", say!(W::ChosenBecause, option = chosen.name, because = because));
        }
    }
    let _ = writeln!(md, "{headline}. {qualifier}\n");
    let confidence = say!(
        W::Confidence,
        level = explain::confidence_words(verdict.confidence.level),
        percent = explain::percent(verdict.confidence.fraction)
    );
    let _ = writeln!(md, "- {confidence}");
    if let Some(gate) = explain::gate_sentence(card, verdict) {
        field(&mut md, say!(W::CapabilityGap), &gate);
        let side = card.option(verdict.points_to);
        for mode in &side.failure_modes {
            let _ = writeln!(md, "- {}", say!(W::FailureModeOf, option = side.name, mode = mode));
        }
    }

    let change = crate::sensitivity::words::markdown(card, &crate::sensitivity::analyse(card, answers));
    if !change.is_empty() {
        let _ = writeln!(md, "\n### {}\n\n{change}", say!(W::WhatWouldChange));
    }

    let _ = writeln!(md, "\n### {}\n", say!(W::Consequences));
    for s in &chosen.strengths {
        field(&mut md, say!(W::Good), s);
    }
    for c in &chosen.costs {
        field(&mut md, say!(W::Bad), c);
    }
    for c in &chosen.hidden_costs {
        field(&mut md, say!(W::HiddenCost), c);
    }
    for m in &chosen.failure_modes {
        field(&mut md, say!(W::FailureModeMisused), m);
    }
    line(&mut md, say!(SectionWord::WhoAbsorbsCost), &chosen.who_absorbs_cost.join(say!(W::ListJoin)));

    if !verdict.warnings.is_empty() {
        let _ = writeln!(md, "\n### {}\n", say!(W::WarningsHeading));
        for p in card.pitfalls().filter(|p| verdict.warnings.contains(&p.id)) {
            let _ = writeln!(md, "- {}", say!(W::DoesNotCount, reason = p.text, why = p.why));
        }
        if let Some(s) = explain::pitfall_sentence(card, verdict) {
            let _ = writeln!(md, "- {s}");
        }
    }

    if !card.evidence.is_empty() {
        let _ = writeln!(md, "\n## {}\n", say!(W::EvidenceHeading));
        let _ = writeln!(
            md,
            "| {} | {} | {} |\n| --- | --- | --- |",
            cell(say!(W::EvidenceColumn)),
            cell(say!(W::StatusColumn)),
            cell(say!(W::NoteColumn))
        );
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
        let _ = writeln!(md, "\n## {}\n", say!(W::QuestionsHeading));
        for (q, note) in notes {
            let _ = writeln!(md, "- {}\n  {}", q.text, note.trim().replace('\n', "\n  "));
        }
    }

    let _ = writeln!(md, "\n## {}\n", say!(W::RevisitHeading));
    if let Some(d) = decision {
        let _ = writeln!(
            md,
            "{}\n",
            say!(W::Field, label = say!(W::RevisitBy), text = words::date(d.revisit_by))
        );
    }
    let _ =
        writeln!(md, "{}\n", say!(W::Field, label = say!(W::UndoCost), text = card.reversibility.undo_cost));
    for t in &card.reversibility.relook_triggers {
        let mark = if answers.triggers.contains(&t.id) { "x" } else { " " };
        let _ = writeln!(md, "- [{mark}] {}", t.text);
    }

    if !record.history.is_empty() {
        let _ = writeln!(md, "\n## {}\n", say!(W::HistoryHeading));
        let decisions = &record.history.decisions;
        for (i, d) in decisions.iter().enumerate().rev() {
            let status = match decisions.get(i + 1) {
                Some(next) => say!(W::SupersededBy, date = next.decided_on.to_iso()),
                None if decision.is_some() => say!(W::Accepted).to_string(),
                None => say!(W::AcceptedChanged).to_string(),
            };
            // One line per decision: its parts follow one another, joined as a list.
            let mut parts = vec![say!(
                W::HistoryEntry,
                date = d.decided_on.to_iso(),
                option = card.option(d.chosen).name,
                status = status
            )];
            if !d.by.is_empty() {
                parts.push(say!(W::HistoryDecidedBy, by = d.by));
            }
            if let Some(against) = words::against(d) {
                parts.push(explain::lower_first(&against));
            }
            parts.push(say!(W::HistoryRevisitBy, date = d.revisit_by.to_iso()));
            let _ = writeln!(md, "- {}", parts.join(say!(W::ListJoin)));
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
        let _ = write!(description, "\n\n{}", say!(W::CalendarTriggers));
        for t in &card.reversibility.relook_triggers {
            let trigger = if decision.answers.triggers.contains(&t.id) {
                say!(W::CalendarTicked, trigger = t.text)
            } else {
                t.text.clone()
            };
            let _ = write!(description, "\n- {trigger}");
        }
    }
    if !link.is_empty() {
        let _ = write!(description, "\n\n{}", say!(W::CalendarReopen, link = link));
    }
    let summary = say!(W::CalendarSummary, title = card.title);
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
        field(md, label, text);
    }
}

/// A `- Label: text` line, written even when `text` is empty.
fn field(md: &mut String, label: &str, text: &str) {
    let _ = writeln!(md, "- {}", say!(W::Field, label = label, text = text));
}

/// "because …": the largest contributions in words, or the default stance when none.
fn reasons(card: &Card, verdict: &Verdict) -> String {
    let top: Vec<String> = verdict
        .contributions
        .iter()
        .take(3)
        .map(|c| {
            say!(
                W::Reason,
                reason = explain::contribution_label(card, c.kind, &c.id),
                amount = explain::amount_words(card, c.amount)
            )
        })
        .collect();
    let factors = top.join(say!(W::ListJoin));
    match verdict.outcome {
        Outcome::NotClearYet if top.is_empty() => {
            say!(W::BecauseDefault, stance = card.decision.default_stance)
        }
        Outcome::NotClearYet => say!(W::BecauseNotClear, factors = factors),
        Outcome::Gated => say!(W::BecauseGated, factors = factors),
        _ => say!(W::BecauseFactors, factors = factors),
    }
}

/// Make free text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
