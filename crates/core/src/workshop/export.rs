//! What a workshop gives to take away: the group summary as Markdown (every round, and what
//! moved), and one row per participant per round as CSV for a spreadsheet. Pure: the date
//! comes from the caller.

use super::rounds::movement;
use super::words::{movement_sentence, trend_word};
use super::{label_in, summarize, Summary, Workshop, AGGREGATION_RULE};
use crate::answers::STEPS;
use crate::card::{Card, Side};
use crate::engine;
use crate::explain;
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
    let _ = writeln!(md, "# Workshop summary: {}\n", card.title);
    let _ = writeln!(md, "- Date: {date}");
    let _ = writeln!(md, "- Card: {} (content version {})", card.id, card.version);
    if round > 1 {
        let _ = writeln!(md, "- Rounds: {round}; what follows the round list is round {round}");
    }
    let _ = writeln!(md, "- Participants: {}\n", summary.participants);
    let _ = writeln!(md, "{}\n", card.decision.question);
    if round > 1 {
        rounds_markdown(&mut md, card, workshop);
    }

    let _ = writeln!(md, "## Group verdict\n");
    match &summary.group_verdict {
        Some(v) => {
            let (headline, qualifier) = explain::headline(card, v);
            let _ = writeln!(md, "**{headline}.** {qualifier}\n");
            let _ = writeln!(
                md,
                "- Confidence: {} ({} of the evidence gathered, at the group's median)",
                explain::confidence_words(v.confidence.level),
                explain::percent(v.confidence.fraction)
            );
            if let Some(flip) = explain::flip_sentence(card, v) {
                let _ = writeln!(md, "- Flip point: {flip}");
            }
            if let Some(gate) = explain::gate_sentence(card, v) {
                let _ = writeln!(md, "- Capability gap: {gate}");
            }
            if let Some(p) = explain::pitfall_sentence(card, v) {
                let _ = writeln!(md, "- {p}");
            }
            let _ = writeln!(md, "- How it was formed: {AGGREGATION_RULE}\n");
        }
        None => {
            let _ = writeln!(md, "No participants yet.\n");
        }
    }

    let _ = writeln!(md, "## Participants\n");
    let _ = writeln!(md, "| Participant | Verdict |\n| --- | --- |");
    for (i, v) in summary.verdicts.iter().enumerate() {
        let _ = writeln!(md, "| {} | {} |", cell(&workshop.label(i)), cell(&explain::headline(card, v).0));
    }

    let _ = writeln!(md, "\n## Factors\n");
    let _ = writeln!(
        md,
        "Positions run from -{STEPS} (clearly {}) to +{STEPS} (clearly {}).\n",
        name(Side::A),
        name(Side::B)
    );
    let _ = writeln!(md, "| Factor | Positions | Median | Spread (SD) | Group position | Group importance |");
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- |");
    for (f, s) in card.factors.iter().zip(&summary.factors) {
        let positions: Vec<String> = s.positions.iter().map(|p| format!("{p:+}")).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&f.name),
            positions.join(" "),
            explain::signed_decimal(s.median, 1),
            explain::decimal(s.spread, 2),
            cell(&explain::position_words(card, s.group_position)),
            explain::weight_words(s.group_weight)
        );
    }

    let _ = writeln!(md, "\n## Where the group disagrees most\n");
    if summary.disputed.is_empty() {
        let _ = writeln!(md, "No factor is more than one step apart across the group.");
    }
    for &i in &summary.disputed {
        let (f, s) = (&card.factors[i], &summary.factors[i]);
        let _ = writeln!(
            md,
            "- **{}** (spread {}, from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}): {}",
            f.name,
            explain::decimal(s.spread, 2),
            explain::position_words(card, s.min),
            explain::position_words(card, s.max),
            f.prompt
        );
        if let Some(sides) = crate::sensitivity::words::sides_words(&summary.sides[i]) {
            let _ = writeln!(md, "  - {sides}");
        }
    }

    if !card.questions.is_empty() {
        let _ = writeln!(md, "\n## Questions to discuss\n");
    }
    for q in &card.questions {
        let _ = writeln!(md, "- {}", q.text);
        for (i, p) in workshop.participants.iter().enumerate() {
            if let Some(note) = p.answers.notes.get(&q.id).filter(|n| !n.trim().is_empty()) {
                let _ = writeln!(md, "  - {}: {}", workshop.label(i), note.trim().replace('\n', " "));
            }
        }
    }
    if card.has_signals() {
        let _ = writeln!(md, "\n## Signals\n");
        let _ = writeln!(md, "| Signal | Points to | Ticked by |\n| --- | --- | --- |");
    }
    for ((side, s), t) in card.signals().zip(&summary.signals) {
        let _ =
            writeln!(md, "| {} | {} | {} of {} |", cell(&s.text), name(side), t.count, summary.participants);
    }
    if card.pitfalls().next().is_some() {
        let _ = writeln!(md, "\n## Reasons that do not count\n");
        let _ = writeln!(
            md,
            "| Bad reason or anti-pattern | Ticked by | Why it does not count |\n| --- | --- | --- |"
        );
    }
    for (p, t) in card.pitfalls().zip(&summary.pitfalls) {
        let _ = writeln!(
            md,
            "| {} | {} of {} | {} |",
            cell(&p.text),
            t.count,
            summary.participants,
            cell(&p.why)
        );
    }
    md
}

/// Every round's group verdict, then what moved from round 1 to the latest round.
fn rounds_markdown(md: &mut String, card: &Card, workshop: &Workshop) {
    let _ = writeln!(md, "## Rounds\n");
    let _ = writeln!(md, "| Round | Participants | Group verdict |\n| --- | --- | --- |");
    for (r, people) in workshop.rounds().enumerate() {
        let verdict = summarize(card, people).group_verdict.map(|v| explain::headline(card, &v).0);
        let _ = writeln!(md, "| {} | {} | {} |", r + 1, people.len(), cell(&verdict.unwrap_or_default()));
    }
    let latest = workshop.round();
    let m =
        movement(card, (1, workshop.round_participants(1)), (latest, workshop.round_participants(latest)));
    let _ = writeln!(md, "\n## What moved, round 1 to round {latest}\n");
    let _ = writeln!(md, "{}\n", movement_sentence(&m));
    let _ = writeln!(
        md,
        "| Factor | Spread | Median | Toward {} | Toward {} | Stayed |",
        card.option(Side::A).name,
        card.option(Side::B).name
    );
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- |");
    for (f, fm) in card.factors.iter().zip(&m.factors) {
        let _ = writeln!(
            md,
            "| {} | {} → {} ({}) | {} → {} | {} | {} | {} |",
            cell(&f.name),
            explain::decimal(fm.spread.0, 2),
            explain::decimal(fm.spread.1, 2),
            trend_word(fm.trend()),
            explain::signed_decimal(fm.median.0, 1),
            explain::signed_decimal(fm.median.1, 1),
            fm.toward_a,
            fm.toward_b,
            fm.stayed
        );
    }
    if !m.movers.is_empty() {
        let _ = writeln!(md, "\nWho moved most:\n");
    }
    let people = workshop.round_participants(latest);
    for mover in m.movers.iter().take(MOVERS_NAMED) {
        let moves: Vec<String> = mover
            .moves
            .iter()
            .map(|&(f, from, to)| format!("{} {from:+} → {to:+}", card.factors[f].name))
            .collect();
        let _ = writeln!(
            md,
            "- {}: {} step{} ({})",
            label_in(people, mover.index),
            mover.steps,
            if mover.steps == 1 { "" } else { "s" },
            moves.join(", ")
        );
    }
    let _ = writeln!(md);
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
    let mut header = vec!["Round".to_string(), "Participant".to_string(), "Token".to_string()];
    for f in &card.factors {
        header.push(format!("{} position", f.name));
        header.push(format!("{} importance", f.name));
    }
    header
        .extend(card.signals().map(|(side, s)| format!("Signal for {}: {}", card.option(side).name, s.text)));
    header.extend(card.pitfalls().map(|p| format!("Does not count: {}", p.text)));
    header.extend(card.evidence.iter().map(|e| format!("Evidence: {}", e.text)));
    header.push("Verdict".to_string());
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
