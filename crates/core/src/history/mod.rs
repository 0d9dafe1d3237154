//! Decisions over time: each decision a team records on a card, kept with the answers, the
//! verdict and the card's content version of that moment, oldest first. The latest is the
//! decision in force; every earlier one is superseded by the one after it.
//!
//! A history lives in the card's stored progress ([`crate::envelope`], schema 3) and travels
//! in the answers file. It is read entry by entry: an entry this version cannot read (damaged,
//! or of a shape a newer version wrote) is kept aside as it was and written back unchanged,
//! so no recorded decision is ever dropped.
//!
//! [`compare`] says what changed since a decision (answers, verdict, the card itself) and
//! whether a revisit is due; [`words`] puts both into sentences. Dates are
//! [`crate::dates::Date`]: civil dates, as the team wrote them, with no time zone to drift.

pub mod compare;
pub mod words;

use crate::answers::Answers;
use crate::card::{Card, Side};
use crate::dates::Date;
use crate::engine::{Outcome, Verdict};
use crate::envelope::{read_answers, write_answers, MAX_TIME_MS};
use crate::ids::IdSet;
use crate::json::{self, At, Expected, Json, ObjectWriter, ShapeError};
use crate::sort::sort_by;

/// Longest reason or name kept, in characters: a reason is one line, a name a few words.
pub const MAX_LINE_CHARS: usize = 300;

/// Furthest a revisit date may be from the decision, in years: further is a typing slip.
pub const MAX_REVISIT_YEARS: i32 = 10;

/// Months to the revisit date when the card names no period of its own.
pub const DEFAULT_REVISIT_MONTHS: i32 = 6;

/// One recorded decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// When it was recorded, in whole milliseconds since the Unix epoch: the decision's
    /// identity (its calendar UID), unique within a history.
    pub recorded_at: f64,
    /// The option the team chose.
    pub chosen: Side,
    /// What the verdict recommended then, and how.
    pub recommended: Side,
    pub outcome: Outcome,
    /// Why the team chose against the verdict; empty when it followed it.
    pub reason: String,
    /// Who decided; empty when not said.
    pub by: String,
    pub decided_on: Date,
    pub revisit_by: Date,
    /// The card's content version, and the ids of its items, at that moment: what lets a
    /// later page say what the card has gained or lost since.
    pub content_version: u32,
    pub items: IdSet,
    pub answers: Answers,
}

impl Decision {
    /// Whether the team chose the option the verdict did not recommend.
    pub fn against_verdict(&self) -> bool {
        self.chosen != self.recommended
    }
}

/// Every decision recorded on one card, oldest first, and the entries that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub decisions: Vec<Decision>,
    /// Stored entries this version could not read, exactly as they were.
    pub unreadable: Vec<Json>,
}

impl History {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.unreadable.is_empty()
    }

    /// The decision in force: the latest recorded.
    pub fn latest(&self) -> Option<&Decision> {
        self.decisions.last()
    }

    /// The decision in force, while `answers` are still its answers.
    pub fn in_force_for(&self, answers: &Answers) -> Option<&Decision> {
        self.latest().filter(|d| &d.answers == answers)
    }

    /// Adds a decision as the latest. Its `recorded_at` is moved on by whole milliseconds
    /// past any decision already kept (a clock set back, two records in one millisecond), so
    /// identities stay unique and the order of recording is the order of the list.
    pub fn record(&mut self, mut decision: Decision) {
        let newest = self.decisions.iter().map(|d| d.recorded_at).fold(f64::NEG_INFINITY, f64::max);
        if decision.recorded_at <= newest {
            decision.recorded_at = newest + 1.0;
        }
        self.decisions.push(decision);
    }

    /// The histories of two tabs (or a file and this browser) together: every decision of
    /// either, once, in the order they were recorded; every unreadable entry of either, once.
    pub fn union(ours: &History, theirs: &History) -> History {
        let mut decisions = ours.decisions.clone();
        for d in &theirs.decisions {
            if !decisions.iter().any(|o| o.recorded_at == d.recorded_at) {
                decisions.push(d.clone());
            }
        }
        sort_by(&mut decisions, |a, b| a.recorded_at < b.recorded_at);
        let mut unreadable = ours.unreadable.clone();
        for u in &theirs.unreadable {
            if !unreadable.contains(u) {
                unreadable.push(u.clone());
            }
        }
        History { decisions, unreadable }
    }
}

/// What a user fills in to record a decision, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub chosen: Side,
    pub reason: String,
    pub by: String,
    /// As typed in the date fields (`YYYY-MM-DD`).
    pub decided_on: String,
    pub revisit_by: String,
}

/// Why a draft cannot be recorded yet: each says which field to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// Against the verdict without a reason.
    ReasonMissing,
    DecidedOn(crate::dates::DateError),
    RevisitBy(crate::dates::DateError),
    /// The revisit date is not after the decision date.
    RevisitNotAfter {
        decided_on: Date,
        revisit_by: Date,
    },
    /// The revisit date is more than [`MAX_REVISIT_YEARS`] after the decision.
    RevisitTooFar {
        decided_on: Date,
        revisit_by: Date,
    },
}

/// The revisit date a new decision starts with: the card's own period after `decided_on`,
/// or [`DEFAULT_REVISIT_MONTHS`].
pub fn default_revisit(card: &Card, decided_on: Date) -> Date {
    let later = match card.reversibility.revisit_after {
        Some(period) => period.after(decided_on),
        None => decided_on.add_months(DEFAULT_REVISIT_MONTHS),
    };
    // Only a date near the end of year 9999 has no later date: then the day itself.
    later.unwrap_or(decided_on)
}

/// A new draft for today: the verdict's option, today's date, the default revisit date.
pub fn draft(card: &Card, verdict: &Verdict, today: Date) -> Draft {
    Draft {
        chosen: verdict.recommends,
        reason: String::new(),
        by: String::new(),
        decided_on: today.to_iso(),
        revisit_by: default_revisit(card, today).to_iso(),
    }
}

/// One line of free text as it is kept: control characters (newlines included) become
/// spaces, surrounding space goes, and it is cut at [`MAX_LINE_CHARS`].
pub fn one_line(text: &str) -> String {
    let line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    line.trim().chars().take(MAX_LINE_CHARS).collect()
}

/// Checks a draft and makes the decision of `answers` on `card`, recorded at `now_ms`.
pub fn decide(
    card: &Card,
    answers: &Answers,
    verdict: &Verdict,
    draft: &Draft,
    now_ms: f64,
) -> Result<Decision, DraftError> {
    let reason = one_line(&draft.reason);
    if draft.chosen != verdict.recommends && reason.is_empty() {
        return Err(DraftError::ReasonMissing);
    }
    let decided_on = Date::parse_iso(draft.decided_on.trim()).map_err(DraftError::DecidedOn)?;
    let revisit_by = Date::parse_iso(draft.revisit_by.trim()).map_err(DraftError::RevisitBy)?;
    if revisit_by <= decided_on {
        return Err(DraftError::RevisitNotAfter { decided_on, revisit_by });
    }
    if decided_on.add_months(12 * MAX_REVISIT_YEARS).is_some_and(|furthest| revisit_by > furthest) {
        return Err(DraftError::RevisitTooFar { decided_on, revisit_by });
    }
    Ok(Decision {
        recorded_at: clean_ms(now_ms),
        chosen: draft.chosen,
        recommended: verdict.recommends,
        outcome: verdict.outcome,
        reason: if draft.chosen == verdict.recommends { String::new() } else { reason },
        by: one_line(&draft.by),
        decided_on,
        revisit_by,
        content_version: card.version,
        items: item_ids(card),
        answers: answers.clone(),
    })
}

/// Every answerable item's id on `card`: factors, signals, bad reasons and anti-patterns,
/// evidence, questions and re-look triggers.
pub fn item_ids(card: &Card) -> IdSet {
    let mut ids = IdSet::new();
    let all = card
        .factors
        .iter()
        .map(|f| &f.id)
        .chain(card.signals().map(|(_, s)| &s.id))
        .chain(card.pitfalls().map(|p| &p.id))
        .chain(card.evidence.iter().map(|e| &e.id))
        .chain(card.questions.iter().map(|q| &q.id))
        .chain(card.reversibility.relook_triggers.iter().map(|t| &t.id));
    for id in all {
        ids.insert(id.clone());
    }
    ids
}

fn clean_ms(ms: f64) -> f64 {
    if ms.is_finite() {
        ms.trunc().clamp(0.0, MAX_TIME_MS)
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Stored form
// ---------------------------------------------------------------------------------------------

const SIDE_KEYS: [&str; 2] = ["a", "b"];
const OUTCOME_KEYS: [&str; 4] = ["default_confirmed", "not_clear_yet", "switch", "gated"];
const OUTCOMES: [Outcome; 4] =
    [Outcome::DefaultConfirmed, Outcome::NotClearYet, Outcome::Switch, Outcome::Gated];

fn outcome_key(outcome: Outcome) -> &'static str {
    OUTCOME_KEYS[OUTCOMES.iter().position(|o| *o == outcome).unwrap_or(0)]
}

/// Writes the history as a JSON list: readable decisions in order, then the unreadable
/// entries exactly as they were read.
pub fn write(out: &mut String, history: &History) {
    out.push('[');
    let mut first = true;
    let mut comma = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    for d in &history.decisions {
        comma(out);
        write_decision(out, d);
    }
    for raw in &history.unreadable {
        comma(out);
        json::write_value(out, raw);
    }
    out.push(']');
}

fn write_decision(out: &mut String, d: &Decision) {
    let mut o = ObjectWriter::new(out);
    o.int("recorded_at", clean_ms(d.recorded_at) as i64);
    o.string("chosen", SIDE_KEYS[d.chosen.index()]);
    o.string("recommended", SIDE_KEYS[d.recommended.index()]);
    o.string("outcome", outcome_key(d.outcome));
    o.string("reason", &d.reason);
    o.string("by", &d.by);
    o.string("decided_on", &d.decided_on.to_iso());
    o.string("revisit_by", &d.revisit_by.to_iso());
    o.int("content_version", i64::from(d.content_version));
    json::write_strings(o.key("items"), d.items.iter().map(String::as_str));
    write_answers(o.key("answers"), &d.answers);
    o.end();
}

/// Reads a stored history list. The list itself must be a list; each entry that cannot be
/// read is kept aside, never dropped.
pub fn read(at: &At) -> Result<History, ShapeError> {
    let mut history = History::default();
    for entry in at.items()? {
        match read_decision(&entry) {
            Ok(d) if !history.decisions.iter().any(|o| o.recorded_at == d.recorded_at) => {
                history.decisions.push(d)
            }
            // A second entry with the same identity is not a decision of its own.
            Ok(_) | Err(_) => history.unreadable.push(entry.value.clone()),
        }
    }
    sort_by(&mut history.decisions, |a, b| a.recorded_at < b.recorded_at);
    Ok(history)
}

fn read_decision(at: &At) -> Result<Decision, ShapeError> {
    let side = |key: &str| -> Result<Side, ShapeError> {
        let field = at.field(key)?;
        match SIDE_KEYS.iter().position(|k| Some(*k) == field.value.as_str()) {
            Some(0) => Ok(Side::A),
            Some(_) => Ok(Side::B),
            None => Err(field.expected(Expected::OneOf(&SIDE_KEYS))),
        }
    };
    let date = |key: &str| -> Result<Date, ShapeError> {
        let field = at.field(key)?;
        Date::parse_iso(field.str()?).map_err(|_| field.expected(Expected::Date))
    };
    let outcome = at.field("outcome")?;
    let outcome = OUTCOME_KEYS
        .iter()
        .position(|k| Some(*k) == outcome.value.as_str())
        .map(|i| OUTCOMES[i])
        .ok_or_else(|| outcome.expected(Expected::OneOf(&OUTCOME_KEYS)))?;
    let mut items = IdSet::new();
    for id in at.field("items")?.items()? {
        items.insert(id.text()?);
    }
    let mut answers = read_answers(&at.field("answers")?)?;
    answers.clamp();
    let decided_on = date("decided_on")?;
    let revisit_by = date("revisit_by")?;
    Ok(Decision {
        recorded_at: at.field("recorded_at")?.whole(0, MAX_TIME_MS as i64)? as f64,
        chosen: side("chosen")?,
        recommended: side("recommended")?,
        outcome,
        reason: one_line(&at.text_of("reason")?),
        by: one_line(&at.text_of("by")?),
        decided_on,
        revisit_by,
        content_version: at.field("content_version")?.whole(0, i64::from(u32::MAX))? as u32,
        items,
        answers,
    })
}
