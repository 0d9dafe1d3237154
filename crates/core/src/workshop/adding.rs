//! Adding participants from what the facilitator was sent: share links, in a list or in a
//! whole pasted chat, and answers files (one participant's, or a whole workshop downloaded
//! before). Each link or file gets a [`Report`] line saying what became of it.

use super::codec::{self, MAX_BYTES};
use super::model::{Added, Adder, Workshop};
use crate::card::Card;
use crate::share::{self, ShareError, Shared};
use crate::sort;
use crate::transcript;

/// Where a participant's answers came from, for the report of what was added.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A line of pasted text, from 1.
    Line(usize),
    /// An answers file, by name.
    File(String),
}

/// What became of one link or file given to the workshop.
#[derive(Debug, Clone, PartialEq)]
pub enum AddOutcome {
    /// Added as a new participant, named `who`.
    Added { who: String },
    /// Added as `who`, though `earlier` has the same name and other answers.
    AddedAgain { who: String, earlier: String },
    /// The same answers are already there, as participant `who`.
    Duplicate { who: String },
    /// A line with a web address that is not a share link.
    NotALink,
    /// A link or file that could not be read, and why.
    Refused(ShareError),
    /// The browser could not read the file, with its message.
    Unreadable(String),
    /// The lines of chat around the links, left out (a report without a source).
    Chatter { lines: usize },
}

/// One line of the report shown after adding links or files.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `None` for a report about the whole paste ("nothing to add").
    pub source: Option<Source>,
    pub outcome: Option<AddOutcome>,
}

impl Report {
    /// Whether this went well (added, already there, or chat left out); the rest is shown
    /// as a problem to look at.
    pub fn is_ok(&self) -> bool {
        matches!(
            self.outcome,
            Some(AddOutcome::Added { .. } | AddOutcome::Duplicate { .. } | AddOutcome::Chatter { .. })
        )
    }

    /// Whether this added a participant.
    pub fn is_added(&self) -> bool {
        matches!(self.outcome, Some(AddOutcome::Added { .. } | AddOutcome::AddedAgain { .. }))
    }
}

/// What pasting text into the workshop did.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// One report per link and per line with another web address, then one for the chat
    /// left out; a single report with no source and no outcome when there was no link.
    pub reports: Vec<Report>,
    /// The lines that could not be added, to fix or remove.
    pub kept: String,
}

impl Adder<'_> {
    /// Adds the answers of a link or file, and says what happened.
    pub fn add_shared(&mut self, shared: Shared, label: Option<String>, source: Source) -> Report {
        let name = label.or(shared.name);
        let label = |adder: &Self, i| adder.workshop.label(i);
        let outcome = match self.add(name.as_deref(), shared.answers) {
            Added::New { index } => AddOutcome::Added { who: label(self, index) },
            Added::SameName { index, earlier } => AddOutcome::AddedAgain {
                who: label(self, index),
                earlier: format!("participant {}", earlier + 1),
            },
            Added::Duplicate { of } => AddOutcome::Duplicate { who: label(self, of) },
        };
        Report { source: Some(source), outcome: Some(outcome) }
    }
}

impl Workshop {
    /// Adds every share link found in pasted text: a list of links, or a whole chat
    /// ([`transcript::scan`] finds the links and their senders).
    pub fn add_pasted(&mut self, card: &Card, text: &str) -> Pasted {
        let scan = transcript::scan(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut refused: Vec<(usize, Report)> = Vec::new();
        let mut reports = Vec::new();
        let mut adder = self.adder();
        for found in scan.links {
            let source = Source::Line(found.line);
            match share::decode_link(found.link, card) {
                Ok(shared) => reports.push((found.line, adder.add_shared(shared, found.name, source))),
                Err(err) => {
                    let report = Report { source: Some(source), outcome: Some(AddOutcome::Refused(err)) };
                    refused.push((found.line, report));
                }
            }
        }
        for line in scan.other_addresses {
            let report = Report { source: Some(Source::Line(line)), outcome: Some(AddOutcome::NotALink) };
            refused.push((line, report));
        }
        // Lines that could not be added stay, once each and in their order, to fix.
        let mut kept_lines: Vec<usize> = refused.iter().map(|(line, _)| *line).collect();
        sort::sort(&mut kept_lines);
        kept_lines.dedup();
        let kept: Vec<&str> = kept_lines.iter().filter_map(|&n| lines.get(n - 1).map(|l| l.trim())).collect();
        reports.extend(refused);
        sort::sort_by(&mut reports, |a, b| a.0 < b.0);
        let mut reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();
        if reports.is_empty() {
            reports.push(Report { source: None, outcome: None });
        } else if scan.chatter > 0 {
            reports.push(Report { source: None, outcome: Some(AddOutcome::Chatter { lines: scan.chatter }) });
        }
        Pasted { reports, kept: kept.join("\n") }
    }

    /// Adds the answers of a file the facilitator picked: one participant's answers file,
    /// or a whole workshop downloaded before (every participant in it).
    pub fn add_file(&mut self, card: &Card, name: &str, text: &str) -> Vec<Report> {
        let source = || Source::File(name.to_owned());
        let mut adder = self.adder();
        match share::decode_file(text, card) {
            Ok(shared) => vec![adder.add_shared(shared, None, source())],
            // Not one participant's file: perhaps a whole workshop, keyed by ids like an
            // answers file, so it is read across content versions too.
            Err(err) => match codec::decode(text, &card.id) {
                Ok(other) => other
                    .participants
                    .into_iter()
                    .map(|p| {
                        let shared = Shared {
                            name: Some(p.name),
                            content_version: other.content_version,
                            answers: p.answers,
                            history: Default::default(),
                        };
                        adder.add_shared(shared, None, source())
                    })
                    .collect(),
                Err(_) => vec![Report { source: Some(source()), outcome: Some(AddOutcome::Refused(err)) }],
            },
        }
    }
}

/// Refuse a file by its size alone, before it is read: the largest a whole workshop can be.
pub fn check_file_size(bytes: u64) -> Result<(), ShareError> {
    if bytes > MAX_BYTES as u64 {
        Err(ShareError::FileTooLarge { bytes })
    } else {
        Ok(())
    }
}
