//! What a workshop gives to take away: the group summary as Markdown, and one row per
//! participant as CSV for a spreadsheet. Pure: the date comes from the caller.

use super::{Summary, Workshop, AGGREGATION_RULE};
use crate::answers::STEPS;
use crate::card::{Card, Side};
use crate::explain;
use std::fmt::Write;

/// The group summary as Markdown. `date` comes from the caller so this stays pure.
pub fn markdown(card: &Card, workshop: &Workshop, summary: &Summary, date: &str) -> String {
    let mut md = String::new();
    let name = |side: Side| card.option(side).name.as_str();
    let _ = writeln!(md, "# Workshop summary: {}\n", card.title);
    let _ = writeln!(md, "- Date: {date}");
    let _ = writeln!(md, "- Card: {} (content version {})", card.id, card.version);
    let _ = writeln!(md, "- Participants: {}\n", summary.participants);
    let _ = writeln!(md, "{}\n", card.decision.question);

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

/// Make text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One row per participant, for a spreadsheet (RFC 4180: comma-separated, CRLF, fields
/// with a comma, quote or line break quoted; a byte order mark first so spreadsheet apps
/// read the text as UTF-8).
///
/// Columns: the participant; each factor's position (`-2` clearly the first option … `2`
/// clearly the second) and the importance they used (0–3); each signal, bad reason and
/// anti-pattern (1 ticked, 0 not); each evidence item's status; their verdict. Text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is prefixed with `'`, so a name typed as `=HYPERLINK(…)` stays a name.
pub fn csv(card: &Card, workshop: &Workshop, summary: &Summary) -> String {
    let mut out = String::from("\u{feff}");
    let mut header = vec!["Participant".to_string()];
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
    for (i, (p, verdict)) in workshop.participants.iter().zip(&summary.verdicts).enumerate() {
        let mut fields = vec![text_field(&workshop.label(i))];
        for f in &card.factors {
            fields.push(p.answers.position(&f.id).to_string());
            fields.push(p.answers.weight(card, &f.id).to_string());
        }
        let ticked = |id: &str| if p.answers.is_ticked(id) { "1" } else { "0" }.to_string();
        fields.extend(card.signals().map(|(_, s)| ticked(&s.id)));
        fields.extend(card.pitfalls().map(|t| ticked(&t.id)));
        fields.extend(card.evidence.iter().map(|e| text_field(p.answers.evidence_status(&e.id).label())));
        fields.push(text_field(&explain::headline(card, verdict).0));
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
