//! Decisions over time in words: the line at the top of a decided card, why a revisit is
//! due, the timeline's entries, what changed since a decision, and why a draft cannot be
//! recorded yet. The page, the record and the calendar file all speak through here.

use super::compare::{Comparison, Due};
use super::{Decision, DraftError, History, MAX_REVISIT_YEARS};
use crate::card::Card;
use crate::dates::{Date, DateError};
use crate::explain::{lower_first, position_words, weight_words};
use crate::page_data::Decided;

/// "4 Dec 2026".
pub fn date(d: Date) -> String {
    d.display_en()
}

/// The card's name for an item id: a factor's name, an item's text in quotes, or the id
/// itself when the card no longer has it.
pub fn item_name(card: &Card, id: &str) -> String {
    if let Some(f) = card.factor(id) {
        return f.name.clone();
    }
    let items =
        card.signals().map(|(_, s)| (&s.id, &s.text)).chain(card.pitfalls().map(|p| (&p.id, &p.text))).chain(
            card.evidence
                .iter()
                .chain(&card.questions)
                .chain(&card.reversibility.relook_triggers)
                .map(|i| (&i.id, &i.text)),
        );
    match items.into_iter().find(|(item, _)| item.as_str() == id) {
        Some((_, text)) => format!("\u{201c}{text}\u{201d}"),
        None => id.to_string(),
    }
}

/// "Decided on 4 Dec 2026: Model API. Revisit by 4 Jun 2027."
pub fn decided(card: &Card, d: &Decision) -> String {
    format!(
        "Decided on {}: {}. Revisit by {}.",
        date(d.decided_on),
        card.option(d.chosen).name,
        date(d.revisit_by)
    )
}

/// "Chosen against the verdict because …", when it was.
pub fn against(d: &Decision) -> Option<String> {
    d.against_verdict().then(|| format!("Chosen against the verdict because {}", d.reason))
}

/// Why the decision in force is due for a revisit.
pub fn due(card: &Card, due: &Due) -> String {
    let mut why = Vec::new();
    if let Some(on) = due.date_passed {
        why.push(format!("its revisit date, {}, has come", date(on)));
    }
    if !due.triggers.is_empty() {
        let names: Vec<String> = due.triggers.iter().map(|id| item_name(card, id)).collect();
        let what = if names.len() == 1 { "a re-look trigger has" } else { "re-look triggers have" };
        why.push(format!("{what} been ticked since it was recorded: {}", names.join(", ")));
    }
    format!("This decision is due for a revisit: {}.", why.join("; and "))
}

/// A timeline entry's title: "4 Dec 2026: Model API (in force)", or "(superseded on …)".
pub fn entry_title(card: &Card, history: &History, index: usize) -> String {
    let d = &history.decisions[index];
    let status = match history.decisions.get(index + 1) {
        Some(next) => format!("superseded on {}", date(next.decided_on)),
        None => "in force".to_string(),
    };
    format!("{}: {} ({status})", date(d.decided_on), card.option(d.chosen).name)
}

/// The facts of a decision, one per line: who, why, when to revisit, the verdict then.
pub fn facts(card: &Card, d: &Decision) -> Vec<String> {
    let mut lines = Vec::new();
    if !d.by.is_empty() {
        lines.push(format!("Decided by: {}", d.by));
    }
    match against(d) {
        Some(because) => lines.push(format!("{because}.")),
        None => lines.push("Chosen as the verdict recommended.".to_string()),
    }
    lines.push(format!("The verdict then recommended {}.", card.option(d.recommended).name));
    lines.push(format!("Revisit by {}.", date(d.revisit_by)));
    lines
}

/// How each factor stood when the decision was made.
pub fn factors_then(card: &Card, d: &Decision) -> Vec<String> {
    card.factors
        .iter()
        .map(|f| {
            format!(
                "{}: {} (importance {})",
                f.name,
                position_words(card, d.answers.position(&f.id)),
                weight_words(d.answers.weight_of(f)).to_ascii_lowercase()
            )
        })
        .collect()
}

/// What has changed since the decision, one line per change; the verdict's line always.
pub fn changes(card: &Card, c: &Comparison) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(change) = &c.card {
        let mut line = format!(
            "The card has changed since this decision (content version {} then, {} now).",
            change.then_version, change.now_version
        );
        let list = |ids: &[String]| ids.iter().map(|id| item_name(card, id)).collect::<Vec<_>>().join(", ");
        if !change.added.is_empty() {
            line.push_str(&format!(" Added: {}.", list(&change.added)));
        }
        if !change.removed.is_empty() {
            line.push_str(&format!(" Removed: {}.", change.removed.join(", ")));
        }
        lines.push(line);
    }
    for m in &c.moved {
        let name = item_name(card, &m.id);
        if m.then != m.now {
            lines.push(format!(
                "{name} moved: {} then, {} now.",
                position_words(card, m.then),
                lower_first(&position_words(card, m.now))
            ));
        }
        if let Some((w0, w1)) = m.weight {
            lines.push(format!(
                "{name} importance: {} then, {} now.",
                weight_words(w0),
                weight_words(w1).to_ascii_lowercase()
            ));
        }
    }
    let quoted = |ids: &[String]| ids.iter().map(|id| item_name(card, id)).collect::<Vec<_>>().join(", ");
    if !c.ticked.is_empty() {
        lines.push(format!("Ticked since: {}.", quoted(&c.ticked)));
    }
    if !c.unticked.is_empty() {
        lines.push(format!("No longer ticked: {}.", quoted(&c.unticked)));
    }
    for e in &c.evidence {
        lines.push(format!(
            "Evidence {}: {} then, {} now.",
            item_name(card, &e.id),
            e.then.label(),
            e.now.label().to_ascii_lowercase()
        ));
    }
    if !c.triggers.is_empty() {
        lines.push(format!("Re-look triggers ticked since: {}.", quoted(&c.triggers)));
    }
    if c.answers_unchanged() {
        lines.push("No answer has changed since.".to_string());
    }
    lines.push(if c.verdict_differs() {
        format!(
            "The verdict would now recommend {} (it recommended {} then).",
            card.option(c.now).name,
            card.option(c.then).name
        )
    } else {
        format!("The verdict still recommends {}.", card.option(c.now).name)
    });
    lines
}

/// The library's line for a decided card: "Decided on 4 Dec 2026 · revisit by 4 Jun 2027",
/// or "… · revisit due".
pub fn library_line(decided: &Decided) -> String {
    let revisit = if decided.due {
        "revisit due".to_string()
    } else {
        format!("revisit by {}", date(decided.revisit_by))
    };
    format!("Decided on {} \u{b7} {revisit}", date(decided.decided_on))
}

/// "1 recorded decision could not be read …".
pub fn unreadable(count: usize) -> String {
    match count {
        1 => "One recorded decision could not be read; it is kept as it was.".to_string(),
        n => format!("{n} recorded decisions could not be read; they are kept as they were."),
    }
}

/// What is wrong with a draft, for the field it names.
pub fn draft_error(e: &DraftError) -> String {
    match e {
        DraftError::ReasonMissing => {
            "Say in one line why you choose against the verdict: the record shows it.".to_string()
        }
        DraftError::DecidedOn(e) => format!("The decision date {}", date_error(e)),
        DraftError::RevisitBy(e) => format!("The revisit date {}", date_error(e)),
        DraftError::RevisitNotAfter { decided_on, revisit_by } => format!(
            "The revisit date ({}) must come after the decision date ({}).",
            date(*revisit_by),
            date(*decided_on)
        ),
        DraftError::RevisitTooFar { revisit_by, .. } => format!(
            "The revisit date ({}) is more than {MAX_REVISIT_YEARS} years after the decision: check the year.",
            date(*revisit_by)
        ),
    }
}

fn date_error(e: &DateError) -> String {
    match e {
        DateError::Empty => "is empty: pick a date.".to_string(),
        DateError::NoSuchDay { .. } => "names a day that does not exist.".to_string(),
        DateError::OutOfRange { .. } => "is outside the years 1970 to 9999.".to_string(),
        _ => "is not a date: write it as YYYY-MM-DD.".to_string(),
    }
}
