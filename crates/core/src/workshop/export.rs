//! What a workshop gives to take away: the group summary as Markdown (every round, and what
//! moved), and one row per participant per round as CSV for a spreadsheet. Pure: the date
//! comes from the caller.

use super::rounds::movement;
use super::words::{aggregation_rule, movement_sentence, trend_word, WorkshopWord as W};
use super::{label_in, summarize, Summary, Workshop};
use crate::answers::STEPS;
use crate::card::{Card, Side};
use crate::engine;
use crate::explain;
use crate::{say, say_n};
use std::fmt::Write;

/// How many of the participants who moved most the summary names.
pub const MOVERS_NAMED: usize = 5;

/// The group summary as Markdown: the rounds and what moved (when there is more than one),
/// then the round being gathered in full. `summary` is that round's; `date` comes from the
/// caller so this stays pure.
pub fn markdown(card: &Card, workshop: &Workshop, summary: &Summary, date: &str) -> String {
    let mut md = String::new();
    let name = |side: Side| card.option(side).name.as_str();
    let round = workshop.round();
    let _ = writeln!(md, "# {}\n", say!(W::SummaryTitle, title = card.title));
    let _ = writeln!(md, "- {}", say!(W::SummaryDate, date = date));
    let _ = writeln!(md, "- {}", say!(W::SummaryCard, card = card.id, version = card.version));
    if round > 1 {
        let _ = writeln!(md, "- {}", say!(W::SummaryRounds, round = round));
    }
    let _ = writeln!(md, "- {}\n", say!(W::SummaryParticipants, count = summary.participants));
    let _ = writeln!(md, "{}\n", card.decision.question);
    if round > 1 {
        rounds_markdown(&mut md, card, workshop);
    }

    let _ = writeln!(md, "## {}\n", say!(W::GroupVerdict));
    match &summary.group_verdict {
        Some(v) => {
            let (headline, qualifier) = explain::headline(card, v);
            let _ = writeln!(md, "**{headline}.** {qualifier}\n");
            let confidence = say!(
                W::SummaryConfidence,
                level = explain::confidence_words(v.confidence.level),
                percent = explain::percent(v.confidence.fraction)
            );
            let _ = writeln!(md, "- {confidence}");
            if let Some(flip) = explain::flip_sentence(card, &summary.group) {
                let _ = writeln!(md, "- {}", say!(W::SummaryFlip, flip = flip));
            }
            if let Some(gate) = explain::gate_sentence(card, v) {
                let _ = writeln!(md, "- {}", say!(W::SummaryGate, gate = gate));
            }
            if let Some(p) = explain::pitfall_sentence(card, v) {
                let _ = writeln!(md, "- {p}");
            }
            let _ = writeln!(md, "- {}\n", say!(W::SummaryFormed, rule = aggregation_rule()));
        }
        None => {
            let _ = writeln!(md, "{}\n", say!(W::NoParticipantsYet));
        }
    }

    let _ = writeln!(md, "## {}\n", say!(W::Participants));
    let _ = writeln!(md, "{}", table_head(&[say!(W::Participant), say!(W::Verdict)]));
    for (i, v) in summary.verdicts.iter().enumerate() {
        let _ = writeln!(md, "| {} | {} |", cell(&workshop.label(i)), cell(&explain::headline(card, v).0));
    }

    let _ = writeln!(md, "\n## {}\n", say!(W::Factors));
    let _ = writeln!(md, "{}\n", say!(W::PositionsRun, steps = STEPS, a = name(Side::A), b = name(Side::B)));
    let head = [
        say!(W::Factor),
        say!(W::Positions),
        say!(W::Median),
        say!(W::SpreadSd),
        say!(W::GroupPosition),
        say!(W::GroupImportance),
    ];
    let _ = writeln!(md, "{}", table_head(&head));
    for (f, s) in card.factors.iter().zip(&summary.factors) {
        let positions: Vec<String> = s.positions.iter().map(|p| format!("{p:+}")).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&f.name),
            positions.join(" "),
            explain::signed_number(s.median, 1),
            explain::number(s.spread, 2),
            cell(&explain::position_words(card, s.group_position)),
            explain::weight_words(s.group_weight)
        );
    }

    let _ = writeln!(md, "\n## {}\n", say!(W::Disagrees));
    if summary.disputed.is_empty() {
        let _ = writeln!(md, "{}", say!(W::NoDispute));
    }
    for &i in &summary.disputed {
        let (f, s) = (&card.factors[i], &summary.factors[i]);
        let disputed = say!(
            W::SummaryDisputed,
            factor = f.name,
            spread = explain::number(s.spread, 2),
            from = explain::position_words(card, s.min),
            to = explain::position_words(card, s.max),
            prompt = f.prompt
        );
        let _ = writeln!(md, "- {disputed}");
        if let Some(sides) = crate::sensitivity::words::sides_words(&summary.sides[i]) {
            let _ = writeln!(md, "  - {sides}");
        }
    }

    if !card.questions.is_empty() {
        let _ = writeln!(md, "\n## {}\n", say!(W::QuestionsToDiscuss));
    }
    for q in &card.questions {
        let _ = writeln!(md, "- {}", q.text);
        for (i, p) in workshop.participants.iter().enumerate() {
            if let Some(note) = p.answers.notes.get(&q.id).filter(|n| !n.trim().is_empty()) {
                let note =
                    say!(W::SummaryNote, who = workshop.label(i), note = note.trim().replace('\n', " "));
                let _ = writeln!(md, "  - {note}");
            }
        }
    }
    if card.has_signals() {
        let _ = writeln!(md, "\n## {}\n", say!(W::Signals));
        let _ = writeln!(md, "{}", table_head(&[say!(W::Signal), say!(W::PointsTo), say!(W::TickedBy)]));
    }
    let ticked_by = |count: usize| say!(W::CountOf, count = count, total = summary.participants);
    for ((side, s), t) in card.signals().zip(&summary.signals) {
        let _ = writeln!(md, "| {} | {} | {} |", cell(&s.text), name(side), ticked_by(t.count));
    }
    if card.pitfalls().next().is_some() {
        let _ = writeln!(md, "\n## {}\n", say!(W::ReasonsThatDoNotCount));
        let head = [say!(W::BadReasonOrAntiPattern), say!(W::TickedBy), say!(W::WhyItDoesNotCount)];
        let _ = writeln!(md, "{}", table_head(&head));
    }
    for (p, t) in card.pitfalls().zip(&summary.pitfalls) {
        let _ = writeln!(md, "| {} | {} | {} |", cell(&p.text), ticked_by(t.count), cell(&p.why));
    }
    md
}

/// Every round's group verdict, then what moved from round 1 to the latest round.
fn rounds_markdown(md: &mut String, card: &Card, workshop: &Workshop) {
    let _ = writeln!(md, "## {}\n", say!(W::Rounds));
    let _ = writeln!(md, "{}", table_head(&[say!(W::Round), say!(W::Participants), say!(W::GroupVerdict)]));
    for (r, people) in workshop.rounds().enumerate() {
        let verdict = summarize(card, people).group_verdict.map(|v| explain::headline(card, &v).0);
        let _ = writeln!(md, "| {} | {} | {} |", r + 1, people.len(), cell(&verdict.unwrap_or_default()));
    }
    let latest = workshop.round();
    let m =
        movement(card, (1, workshop.round_participants(1)), (latest, workshop.round_participants(latest)));
    let _ = writeln!(md, "\n## {}\n", say!(W::WhatMovedRounds, round = latest));
    let _ = writeln!(md, "{}\n", movement_sentence(&m));
    let head = [
        say!(W::Factor).to_string(),
        say!(W::Spread).to_string(),
        say!(W::Median).to_string(),
        say!(W::Toward, option = card.option(Side::A).name),
        say!(W::Toward, option = card.option(Side::B).name),
        say!(W::Stayed).to_string(),
    ];
    let _ = writeln!(md, "{}", table_head(&head));
    for (f, fm) in card.factors.iter().zip(&m.factors) {
        let _ = writeln!(
            md,
            "| {} | {} → {} ({}) | {} → {} | {} | {} | {} |",
            cell(&f.name),
            explain::number(fm.spread.0, 2),
            explain::number(fm.spread.1, 2),
            trend_word(fm.trend()),
            explain::signed_number(fm.median.0, 1),
            explain::signed_number(fm.median.1, 1),
            fm.toward_a,
            fm.toward_b,
            fm.stayed
        );
    }
    if !m.movers.is_empty() {
        let _ = writeln!(md, "\n{}\n", say!(W::SummaryWhoMovedMost));
    }
    let people = workshop.round_participants(latest);
    for mover in m.movers.iter().take(MOVERS_NAMED) {
        let moves: Vec<String> = mover
            .moves
            .iter()
            .map(|&(f, from, to)| format!("{} {from:+} → {to:+}", card.factors[f].name))
            .collect();
        let line = say_n!(
            mover.steps as usize,
            W::SummaryMover,
            who = label_in(people, mover.index),
            moves = moves.join(", ")
        );
        let _ = writeln!(md, "- {line}");
    }
    let _ = writeln!(md);
}

/// A Markdown table's header row and the line under it.
fn table_head<S: AsRef<str>>(columns: &[S]) -> String {
    let mut names = String::from("|");
    let mut line = String::from("|");
    for column in columns {
        names.push(' ');
        names.push_str(&cell(column.as_ref()));
        names.push_str(" |");
        line.push_str(" --- |");
    }
    names + "\n" + &line
}

/// Make text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One row per participant per round, for a spreadsheet (RFC 4180: comma-separated, CRLF,
/// fields with a comma, quote or line break quoted; a byte order mark first so spreadsheet
/// apps read the text as UTF-8).
///
/// Columns: the round (from 1); the participant; their participant token (empty without
/// one), the key a spreadsheet pivots on to follow one person across rounds; each factor's position (`-2` clearly the first option … `2`
/// clearly the second) and the importance they used (0–3); each signal, bad reason and
/// anti-pattern (1 ticked, 0 not); each evidence item's status; their verdict. Text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is prefixed with `'`, so a name typed as `=HYPERLINK(…)` stays a name.
pub fn csv(card: &Card, workshop: &Workshop) -> String {
    let mut out = String::from("\u{feff}");
    let mut header =
        vec![say!(W::Round).to_string(), say!(W::Participant).to_string(), say!(W::Token).to_string()];
    for f in &card.factors {
        header.push(say!(W::FactorPosition, factor = f.name));
        header.push(say!(W::FactorImportance, factor = f.name));
    }
    header.extend(
        card.signals().map(|(side, s)| say!(W::SignalFor, option = card.option(side).name, signal = s.text)),
    );
    header.extend(card.pitfalls().map(|p| say!(W::DoesNotCount, reason = p.text)));
    header.extend(card.evidence.iter().map(|e| say!(W::EvidenceItem, item = e.text)));
    header.push(say!(W::Verdict).to_string());
    row(&mut out, header.iter().map(|h| text_field(h)));
    let rows =
        workshop.rounds().enumerate().flat_map(|(r, people)| (0..people.len()).map(move |i| (r, people, i)));
    for (r, people, i) in rows {
        let p = &people[i];
        let verdict = engine::evaluate(card, &p.answers);
        let mut fields = vec![
            (r + 1).to_string(),
            text_field(&label_in(people, i)),
            text_field(p.token.as_deref().unwrap_or("")),
        ];
        for f in &card.factors {
            fields.push(p.answers.position(&f.id).to_string());
            fields.push(p.answers.weight(card, &f.id).to_string());
        }
        let ticked = |id: &str| if p.answers.is_ticked(id) { "1" } else { "0" }.to_string();
        fields.extend(card.signals().map(|(_, s)| ticked(&s.id)));
        fields.extend(card.pitfalls().map(|t| ticked(&t.id)));
        fields.extend(card.evidence.iter().map(|e| text_field(p.answers.evidence_status(&e.id).label())));
        fields.push(text_field(&explain::headline(card, &verdict).0));
        row(&mut out, fields.into_iter());
    }
    out
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// A text field that a spreadsheet shows as text, never runs as a formula.
fn text_field(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
