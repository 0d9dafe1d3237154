//! The workshop's words: the report line of each link or file added, and what moved
//! between rounds, for the page and the summary alike; with the words of the summary and
//! the spreadsheet, which are the area's too (`lang/<code>/workshop.toml`, [`crate::lang`]).

use super::adding::{AddOutcome, Report, Source};
use super::rounds::{Movement, Trend};
use crate::share::ShareError;
use crate::{say, say_n};

crate::words!(Workshop:
    /// The workshop's words (`lang/<code>/workshop.toml`): the report of what was added,
    /// what moved between rounds, the summary's Markdown and the spreadsheet's columns.
    pub enum WorkshopWord {
        SourceLine,
        SourceFile,
        PasteFirst,
        Added,
        Duplicate,
        AddedNew,
        AddedWithoutToken,
        AddedAgain,
        SharedToken,
        Replaced,
        Gathered,
        Superseded,
        AtProblem,
        Unreadable,
        AddedCount,
        Chatter,
        ParticipantNumbered,
        EarlierParticipant,
        Converged,
        Split,
        Held,
        GroupConverged,
        GroupSplit,
        GroupHeld,
        NoneWidened,
        NewInRound,
        Movement,
        AggregationRule,
        SummaryTitle,
        SummaryDate,
        SummaryCard,
        SummaryRounds,
        SummaryParticipants,
        GroupVerdict,
        SummaryConfidence,
        SummaryFlip,
        SummaryGate,
        SummaryFormed,
        NoParticipantsYet,
        Participants,
        Participant,
        Verdict,
        Factors,
        PositionsRun,
        Factor,
        Positions,
        Median,
        SpreadSd,
        GroupPosition,
        GroupImportance,
        Disagrees,
        NoDispute,
        SummaryDisputed,
        QuestionsToDiscuss,
        SummaryNote,
        Signals,
        Signal,
        PointsTo,
        TickedBy,
        CountOf,
        ReasonsThatDoNotCount,
        BadReasonOrAntiPattern,
        WhyItDoesNotCount,
        Rounds,
        Round,
        WhatMovedRounds,
        Spread,
        Toward,
        Stayed,
        SummaryWhoMovedMost,
        SummaryMover,
        Token,
        FactorPosition,
        FactorImportance,
        SignalFor,
        DoesNotCount,
        EvidenceItem,
    }
);

use WorkshopWord as W;

/// "line 3", "“ana.json”": where an added participant came from.
fn source_words(source: &Source) -> String {
    match source {
        Source::Line(n) => say!(W::SourceLine, n = n),
        Source::File(name) => say!(W::SourceFile, name = name),
    }
}

/// One line of the report after adding links or files to a workshop.
pub fn report(report: &Report) -> String {
    use AddOutcome as Outcome;
    let (Some(source), Some(outcome)) = (&report.source, &report.outcome) else {
        return match report.outcome {
            Some(Outcome::Chatter { lines }) => chatter(lines),
            _ => say!(W::PasteFirst).into(),
        };
    };
    let at = source_words(source);
    // Where a line starts with the source, the source is capitalised ("Line 3: …").
    let at_start = capitalise(&at);
    let problem = |problem: &dyn std::fmt::Display| say!(W::AtProblem, at = at_start, problem = problem);
    match outcome {
        Outcome::Added { who } => say!(W::Added, who = who, at = at),
        Outcome::Duplicate { who } => say!(W::Duplicate, at = at_start, who = who),
        Outcome::AddedNew { who, round } => {
            say!(W::AddedNew, who = who, at = at, round = round, previous = round - 1)
        }
        Outcome::AddedWithoutToken { who, round } => {
            say!(W::AddedWithoutToken, who = who, at = at, round = round, previous = round - 1)
        }
        Outcome::AddedAgain { who, earlier } => say!(W::AddedAgain, who = who, at = at, earlier = earlier),
        Outcome::SharedToken { who, other } => say!(W::SharedToken, who = who, at = at, other = other),
        Outcome::Replaced { who } => say!(W::Replaced, at = at_start, who = who),
        Outcome::Gathered { round } => say!(W::Gathered, at = at_start, round = round),
        Outcome::Superseded { round } => say!(W::Superseded, at = at_start, round = round),
        Outcome::NotALink => problem(&ShareError::NotALink),
        Outcome::Chatter { lines } => problem(&chatter(*lines)),
        Outcome::Refused(err) => problem(err),
        Outcome::Unreadable(why) => say!(W::Unreadable, at = at_start, why = why),
    }
}

/// "Added 150 participants." after a paste too long to list.
pub fn added_count(n: usize) -> String {
    say_n!(n, W::AddedCount)
}

/// "412 lines of chat without a link left out."
fn chatter(lines: usize) -> String {
    say_n!(lines, W::Chatter)
}

/// The first letter in upper case. ASCII only: Unicode case mapping costs about 30 KB of
/// WASM (its tables), and the first word is always one of ours.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// "Participant 3": a participant who gave no name, by their place in the round (from 1).
pub fn numbered(n: usize) -> String {
    say!(W::ParticipantNumbered, n = n)
}

/// "participant 2", inside a sentence: the earlier participant of the same name.
pub(super) fn earlier_participant(n: usize) -> String {
    say!(W::EarlierParticipant, n = n)
}

/// "converged", "split", "held".
pub fn trend_word(trend: Trend) -> &'static str {
    match trend {
        Trend::Converged => say!(W::Converged),
        Trend::Split => say!(W::Split),
        Trend::Held => say!(W::Held),
    }
}

/// "4 of 6 from round 1 answered again (2 moved, 2 stayed); 1 new. The group converged:
/// the spread narrowed on 3 of 5 factors."
pub fn movement_sentence(m: &Movement) -> String {
    let narrowed = m.factors.iter().filter(|f| f.trend() == Trend::Converged).count();
    let widened = match m.factors.iter().filter(|f| f.trend() == Trend::Split).count() {
        0 => say!(W::NoneWidened).to_string(),
        n => n.to_string(),
    };
    let group = match m.trend() {
        Trend::Converged => say!(W::GroupConverged),
        Trend::Split => say!(W::GroupSplit),
        Trend::Held => say!(W::GroupHeld),
    };
    let new = match m.new {
        0 => String::new(),
        n => say!(W::NewInRound, n = n, round = m.to),
    };
    say!(
        W::Movement,
        returning = m.returning,
        before = m.before,
        from = m.from,
        moved = m.movers.len(),
        stayed = m.stayed,
        new = new,
        group = group,
        narrowed = narrowed,
        factors = m.factors.len(),
        widened = widened
    )
}

/// How the group's answers are formed (the rules in `statistics.rs`), in one sentence for
/// the screen and the summary.
pub fn aggregation_rule() -> &'static str {
    say!(W::AggregationRule)
}
