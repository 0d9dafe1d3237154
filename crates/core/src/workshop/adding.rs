//! Adding participants from what the facilitator was sent: share links, in a list or in a
//! whole pasted chat, and answers files (one participant's, or a whole workshop downloaded
//! before). Each link or file gets a [`Report`] line saying what became of it.

use super::codec::{self, MAX_BYTES};
use super::model::{label_in, Added, Adder, Participant, Workshop};
use super::words::earlier_participant;
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
    /// Added as a participant, named `who` (in a later round: someone of the round before
    /// who answered again).
    Added { who: String },
    /// Added in round `round` as `who`, who was not in the round before.
    AddedNew { who: String, round: usize },
    /// Added in round `round` as `who`, counted as new: the answers carry no participant
    /// token (an older link, or storage cleared) and no name of the round before.
    AddedWithoutToken { who: String, round: usize },
    /// Added as `who`, though `earlier` has the same name and other answers.
    AddedAgain { who: String, earlier: String },
    /// Added as `who`, though `other` carries the same participant token under another name:
    /// both kept, to look at.
    SharedToken { who: String, other: String },
    /// `who` sent newer answers in this round: they replace their older ones.
    Replaced { who: String },
    /// The same answers are already there, as participant `who`.
    Duplicate { who: String },
    /// This link or file was gathered already, in round `round`: nothing changed.
    Gathered { round: usize },
    /// Newer answers of the same participant were gathered already, in round `round`:
    /// nothing changed.
    Superseded { round: usize },
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
            Some(
                AddOutcome::Added { .. }
                    | AddOutcome::AddedNew { .. }
                    | AddOutcome::AddedWithoutToken { .. }
                    | AddOutcome::Replaced { .. }
                    | AddOutcome::Duplicate { .. }
                    | AddOutcome::Gathered { .. }
                    | AddOutcome::Superseded { .. }
                    | AddOutcome::Chatter { .. }
            )
        )
    }

    /// Whether this added a participant (or replaced one's answers with newer ones).
    pub fn is_added(&self) -> bool {
        matches!(
            self.outcome,
            Some(
                AddOutcome::Added { .. }
                    | AddOutcome::AddedNew { .. }
                    | AddOutcome::AddedWithoutToken { .. }
                    | AddOutcome::AddedAgain { .. }
                    | AddOutcome::SharedToken { .. }
                    | AddOutcome::Replaced { .. }
            )
        )
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
        let name = label.or(shared.name).unwrap_or_default();
        let incoming = Participant {
            token: shared.token,
            made: shared.made,
            ..Participant::named(&name, shared.answers)
        };
        let round = self.round();
        let added = self.add(incoming);
        let w = self.workshop();
        let people = w.round_participants(round);
        let who = |i| label_in(people, i);
        let outcome = match added {
            Added::New { index } if round > 1 => {
                let p = &people[index];
                let before = w.round_participants(round - 1);
                if before.iter().any(|b| b.same_person(p)) {
                    AddOutcome::Added { who: who(index) }
                } else if p.token.is_none() {
                    AddOutcome::AddedWithoutToken { who: who(index), round }
                } else {
                    AddOutcome::AddedNew { who: who(index), round }
                }
            }
            Added::New { index } => AddOutcome::Added { who: who(index) },
            Added::SameName { index, earlier } => {
                AddOutcome::AddedAgain { who: who(index), earlier: earlier_participant(earlier + 1) }
            }
            Added::SharedToken { index, other } => AddOutcome::SharedToken { who: who(index), other },
            Added::Replaced { index } => AddOutcome::Replaced { who: who(index) },
            Added::Duplicate { of } => AddOutcome::Duplicate { who: who(of) },
            Added::Gathered { round } => AddOutcome::Gathered { round },
            Added::Superseded { round } => AddOutcome::Superseded { round },
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
    /// or a whole workshop downloaded before (every participant in it, round by round: its
    /// round 1 into round 1 here, and so on, rounds started here as needed).
    pub fn add_file(&mut self, card: &Card, name: &str, text: &str) -> Vec<Report> {
        let source = || Source::File(name.to_owned());
        match share::decode_file(text, card) {
            Ok(shared) => vec![self.adder().add_shared(shared, None, source())],
            // Not one participant's file: perhaps a whole workshop, keyed by ids like an
            // answers file, so it is read across content versions too.
            Err(err) => match codec::decode(text, &card.id) {
                Ok(other) => {
                    let rounds: Vec<Vec<Participant>> =
                        other.closed.into_iter().chain([other.participants]).collect();
                    let mut reports = Vec::new();
                    for (r, people) in rounds.into_iter().enumerate().filter(|(_, p)| !p.is_empty()) {
                        while self.closed.len() < r {
                            // An empty round cannot be closed: this one gets what the file has.
                            if self.participants.is_empty() {
                                break;
                            }
                            self.start_round();
                        }
                        let mut adder = self.adder_for(r);
                        for p in people {
                            let shared = Shared {
                                name: Some(p.name),
                                token: p.token,
                                made: p.made,
                                content_version: other.content_version,
                                answers: p.answers,
                                history: Default::default(),
                            };
                            reports.push(adder.add_shared(shared, None, source()));
                        }
                    }
                    reports
                }
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
