//! Decisions over time in words: the line at the top of a decided card, why a revisit is
//! due, the timeline's entries, what changed since a decision, and why a draft cannot be
//! recorded yet. The page, the record and the calendar file all speak through here, in the
//! page's language (`lang/<code>/history.toml`, [`crate::lang`]).

use super::compare::{Comparison, Due};
use super::{Decision, DraftError, History, MAX_REVISIT_YEARS};
use crate::card::Card;
use crate::dates::{Date, DateError};
use crate::explain::{lower_first, position_words, weight_words};
use crate::page_data::Decided;
use crate::{say, say_n};

crate::words!(History:
    /// The words of decisions over time (`lang/<code>/history.toml`).
    pub enum HistoryWord {
        Jan,
        Feb,
        Mar,
        Apr,
        May,
        Jun,
        Jul,
        Aug,
        Sep,
        Oct,
        Nov,
        Dec,
        Date,
        DayOne,
        Quoted,
        Decided,
        Against,
        Due,
        DueDate,
        DueTriggers,
        DueBoth,
        EntryTitle,
        SupersededOn,
        InForce,
        DecidedBy,
        AsRecommended,
        VerdictThen,
        RevisitBy,
        FactorThen,
        CardChanged,
        Added,
        Removed,
        Moved,
        ImportanceMoved,
        TickedSince,
        NoLongerTicked,
        EvidenceChanged,
        TriggersSince,
        NoAnswerChanged,
        VerdictWouldNow,
        VerdictStill,
        LibraryLine,
        LibraryRevisitBy,
        LibraryRevisitDue,
        Unreadable,
        ReasonMissing,
        DecisionDateProblem,
        RevisitDateProblem,
        RevisitNotAfter,
        RevisitTooFar,
        DateEmpty,
        DateNoSuchDay,
        DateOutOfRange,
        DateMalformed,
    }
);

use HistoryWord as W;

/// The months in the catalogue's order, January first.
const MONTHS: [W; 12] =
    [W::Jan, W::Feb, W::Mar, W::Apr, W::May, W::Jun, W::Jul, W::Aug, W::Sep, W::Oct, W::Nov, W::Dec];

/// "4 Dec 2026": the day, the month's short name and the year, in the language's order.
pub fn date(d: Date) -> String {
    let month = MONTHS.get(usize::from(d.month()).saturating_sub(1)).map_or("", |m| say!(*m));
    // Some languages write the first of a month as an ordinal ("1er").
    let day = if d.day() == 1 { say!(W::DayOne).to_string() } else { d.day().to_string() };
    say!(W::Date, day = day, month = month, year = d.year())
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
        Some((_, text)) => say!(W::Quoted, text = text),
        None => id.to_string(),
    }
}

/// "Decided on 4 Dec 2026: Model API. Revisit by 4 Jun 2027."
pub fn decided(card: &Card, d: &Decision) -> String {
    say!(
        W::Decided,
        date = date(d.decided_on),
        option = card.option(d.chosen).name,
        revisit = date(d.revisit_by)
    )
}

/// "Chosen against the verdict because …", when it was.
pub fn against(d: &Decision) -> Option<String> {
    d.against_verdict().then(|| say!(W::Against, reason = d.reason))
}

/// Why the decision in force is due for a revisit.
pub fn due(card: &Card, due: &Due) -> String {
    let by_date = due.date_passed.map(|on| say!(W::DueDate, date = date(on)));
    let by_triggers = (!due.triggers.is_empty()).then(|| {
        let names: Vec<String> = due.triggers.iter().map(|id| item_name(card, id)).collect();
        say_n!(names.len(), W::DueTriggers, triggers = names.join(", "))
    });
    let why = match (by_date, by_triggers) {
        (Some(first), Some(second)) => say!(W::DueBoth, first = first, second = second),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    };
    say!(W::Due, why = why)
}

/// A timeline entry's title: "4 Dec 2026: Model API (in force)", or "(superseded on …)".
pub fn entry_title(card: &Card, history: &History, index: usize) -> String {
    let d = &history.decisions[index];
    let status = match history.decisions.get(index + 1) {
        Some(next) => say!(W::SupersededOn, date = date(next.decided_on)),
        None => say!(W::InForce).to_string(),
    };
    say!(W::EntryTitle, date = date(d.decided_on), option = card.option(d.chosen).name, status = status)
}

/// The facts of a decision, one per line: who, why, when to revisit, the verdict then.
pub fn facts(card: &Card, d: &Decision) -> Vec<String> {
    let mut lines = Vec::new();
    if !d.by.is_empty() {
        lines.push(say!(W::DecidedBy, by = d.by));
    }
    match against(d) {
        // `against` has no full stop of its own (the record's history line carries on after
        // it); here it ends the sentence.
        Some(because) => lines.push(format!("{because}.")),
        None => lines.push(say!(W::AsRecommended).to_string()),
    }
    lines.push(say!(W::VerdictThen, option = card.option(d.recommended).name));
    lines.push(say!(W::RevisitBy, date = date(d.revisit_by)));
    lines
}

/// How each factor stood when the decision was made.
pub fn factors_then(card: &Card, d: &Decision) -> Vec<String> {
    card.factors
        .iter()
        .map(|f| {
            say!(
                W::FactorThen,
                factor = f.name,
                position = position_words(card, d.answers.position(&f.id)),
                importance = lower_first(weight_words(d.answers.weight_of(f)))
            )
        })
        .collect()
}

/// What has changed since the decision, one line per change; the verdict's line always.
pub fn changes(card: &Card, c: &Comparison) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(change) = &c.card {
        let mut line = say!(W::CardChanged, then = change.then_version, now = change.now_version);
        let list = |ids: &[String]| ids.iter().map(|id| item_name(card, id)).collect::<Vec<_>>().join(", ");
        // Each sentence after the first is joined with a space, as sentences are.
        if !change.added.is_empty() {
            line.push(' ');
            line.push_str(&say!(W::Added, items = list(&change.added)));
        }
        if !change.removed.is_empty() {
            line.push(' ');
            line.push_str(&say!(W::Removed, items = change.removed.join(", ")));
        }
        lines.push(line);
    }
    for m in &c.moved {
        let name = item_name(card, &m.id);
        if m.then != m.now {
            lines.push(say!(
                W::Moved,
                item = name,
                then = position_words(card, m.then),
                now = lower_first(&position_words(card, m.now))
            ));
        }
        if let Some((w0, w1)) = m.weight {
            lines.push(say!(
                W::ImportanceMoved,
                item = name,
                then = weight_words(w0),
                now = lower_first(weight_words(w1))
            ));
        }
    }
    let quoted = |ids: &[String]| ids.iter().map(|id| item_name(card, id)).collect::<Vec<_>>().join(", ");
    if !c.ticked.is_empty() {
        lines.push(say!(W::TickedSince, items = quoted(&c.ticked)));
    }
    if !c.unticked.is_empty() {
        lines.push(say!(W::NoLongerTicked, items = quoted(&c.unticked)));
    }
    for e in &c.evidence {
        lines.push(say!(
            W::EvidenceChanged,
            item = item_name(card, &e.id),
            then = e.then.label(),
            now = lower_first(e.now.label())
        ));
    }
    if !c.triggers.is_empty() {
        lines.push(say!(W::TriggersSince, items = quoted(&c.triggers)));
    }
    if c.answers_unchanged() {
        lines.push(say!(W::NoAnswerChanged).to_string());
    }
    lines.push(if c.verdict_differs() {
        say!(W::VerdictWouldNow, now = card.option(c.now).name, then = card.option(c.then).name)
    } else {
        say!(W::VerdictStill, option = card.option(c.now).name)
    });
    lines
}

/// The library's line for a decided card: "Decided on 4 Dec 2026 · revisit by 4 Jun 2027",
/// or "… · revisit due".
pub fn library_line(decided: &Decided) -> String {
    let revisit = if decided.due {
        say!(W::LibraryRevisitDue).to_string()
    } else {
        say!(W::LibraryRevisitBy, date = date(decided.revisit_by))
    };
    say!(W::LibraryLine, date = date(decided.decided_on), revisit = revisit)
}

/// "1 recorded decision could not be read …".
pub fn unreadable(count: usize) -> String {
    say_n!(count, W::Unreadable)
}

/// What is wrong with a draft, for the field it names.
pub fn draft_error(e: &DraftError) -> String {
    match e {
        DraftError::ReasonMissing => say!(W::ReasonMissing).to_string(),
        DraftError::DecidedOn(e) => say!(W::DecisionDateProblem, problem = date_error(e)),
        DraftError::RevisitBy(e) => say!(W::RevisitDateProblem, problem = date_error(e)),
        DraftError::RevisitNotAfter { decided_on, revisit_by } => {
            say!(W::RevisitNotAfter, revisit = date(*revisit_by), decided = date(*decided_on))
        }
        DraftError::RevisitTooFar { revisit_by, .. } => {
            say!(W::RevisitTooFar, revisit = date(*revisit_by), years = MAX_REVISIT_YEARS)
        }
    }
}

/// What is wrong with a date, said after the field's name ("The revisit date …").
fn date_error(e: &DateError) -> &'static str {
    match e {
        DateError::Empty => say!(W::DateEmpty),
        DateError::NoSuchDay { .. } => say!(W::DateNoSuchDay),
        DateError::OutOfRange { .. } => say!(W::DateOutOfRange),
        _ => say!(W::DateMalformed),
    }
}
