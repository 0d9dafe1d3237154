//! The workshop's words: the report line of each link or file added, and what moved
//! between rounds, for the page and the summary alike.

use super::adding::{AddOutcome, Report, Source};
use super::rounds::{Movement, Trend};
use crate::messages;
use crate::share::ShareError;

/// "line 3", "“ana.json”": where an added participant came from.
fn source_words(source: &Source) -> String {
    match source {
        Source::Line(n) => format!("line {n}"),
        Source::File(name) => format!("\u{201c}{name}\u{201d}"),
    }
}

/// One line of the report after adding links or files to a workshop.
pub fn report(report: &Report) -> String {
    use AddOutcome as Outcome;
    let (Some(source), Some(outcome)) = (&report.source, &report.outcome) else {
        return match report.outcome {
            Some(Outcome::Chatter { lines }) => chatter(lines),
            _ => "Paste at least one share link first.".into(),
        };
    };
    let at = source_words(source);
    let at_start = capitalise(&at);
    match outcome {
        Outcome::Added { who } => format!("Added {who} ({at})."),
        Outcome::Duplicate { who } => format!("{at_start}: the same answers as {who}, so not added again."),
        Outcome::AddedNew { who, round } => {
            format!("Added {who} ({at}): new in round {round}, not in round {}.", round - 1)
        }
        Outcome::AddedWithoutToken { who, round } => format!(
            "Added {who} ({at}) as new in round {round}: these answers carry no participant token \
             (an older link, or their browser\u{2019}s storage was cleared) and no name from round {}.",
            round - 1
        ),
        Outcome::AddedAgain { who, earlier } => format!(
            "Added {who} ({at}), though {earlier} has the same name and other answers: \
             if one person answered twice, remove the older one."
        ),
        Outcome::SharedToken { who, other } => format!(
            "Added {who} ({at}), though {other} sent answers from the same browser under another name: \
             both are kept; if one person answered twice, remove the older one."
        ),
        Outcome::Replaced { who } => format!("{at_start}: {who}\u{2019}s newer answers replace their earlier ones."),
        Outcome::Gathered { round } => format!("{at_start}: already gathered in round {round}, so nothing changed."),
        Outcome::Superseded { round } => format!(
            "{at_start}: older than this participant\u{2019}s answers gathered in round {round}, so nothing changed."
        ),
        Outcome::NotALink => format!("{at_start}: {}", ShareError::NotALink),
        Outcome::Chatter { lines } => format!("{at_start}: {}", chatter(*lines)),
        Outcome::Refused(err) => format!("{at_start}: {err}"),
        Outcome::Unreadable(why) => format!("{at_start}: the browser could not read it ({why})."),
    }
}

/// "Added 150 participants." after a paste too long to list.
pub fn added_count(n: usize) -> String {
    format!("Added {}.", messages::participants(n))
}

/// "412 lines of chat without a link left out."
fn chatter(lines: usize) -> String {
    match lines {
        1 => "1 line of chat without a link left out.".into(),
        n => format!("{n} lines of chat without a link left out."),
    }
}

/// The first letter in upper case. ASCII only: Unicode case mapping costs about 30 KB of
/// WASM (its tables), and the first word is always one of ours.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// "converged", "split", "held".
pub fn trend_word(trend: Trend) -> &'static str {
    match trend {
        Trend::Converged => "converged",
        Trend::Split => "split",
        Trend::Held => "held",
    }
}

/// "4 of 6 from round 1 answered again (2 moved, 2 stayed); 1 new. The group converged:
/// the spread narrowed on 3 of 5 factors."
pub fn movement_sentence(m: &Movement) -> String {
    let moved = m.movers.len();
    let narrowed = m.factors.iter().filter(|f| f.trend() == Trend::Converged).count();
    let widened = match m.factors.iter().filter(|f| f.trend() == Trend::Split).count() {
        0 => "none".to_string(),
        n => n.to_string(),
    };
    let group = match m.trend() {
        Trend::Converged => "The group converged",
        Trend::Split => "The group split further",
        Trend::Held => "The group held its spread",
    };
    let new = match m.new {
        0 => String::new(),
        n => format!("; {n} new in round {}", m.to),
    };
    format!(
        "{} of {} from round {} answered again ({moved} moved, {} stayed){new}. {group}: the spread \
         narrowed on {narrowed} of {} factors and widened on {widened}.",
        m.returning,
        m.before,
        m.from,
        m.stayed,
        m.factors.len()
    )
}
