//! Every sentence a user or an author reads about what went wrong, or about where their
//! data stands, is made here: rewording or translating them touches this one file. The
//! types they describe (errors, problems, statuses) carry variants and data, and the
//! modules that produce them never make prose themselves; tests outside the UI assert on
//! those variants.
//!
//! The words of the card template live in [`crate::sections`], and the verdict's own
//! sentences in [`crate::explain`].

use crate::envelope::{self, DecodeError, MAX_BYTES};
use crate::share::{ShareError, LINK_FORMAT, MAX_LINK_CHARS};
use crate::validate::{Problem, ProblemKind, Severity};
use crate::workshop;
use std::fmt;

// --- Stored progress -------------------------------------------------------------------

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge { bytes } => write!(
                f,
                "The saved data is too large to be read safely ({} KB; the limit is {} KB).",
                bytes.div_ceil(1024),
                MAX_BYTES / 1024
            ),
            DecodeError::Truncated => {
                f.write_str("The saved data is empty or cut off part-way, so it cannot be read.")
            }
            DecodeError::NotJson { detail } => {
                write!(f, "The saved data is damaged and cannot be read ({detail}).")
            }
            DecodeError::WrongShape { detail } => {
                write!(f, "The saved data is not in a form this page understands ({detail}).")
            }
            DecodeError::Newer { schema } => write!(
                f,
                "This progress was saved by a newer version of Decision Cards (format {schema}; \
                 this page reads up to format {}). It is kept unchanged: open it with the \
                 newer version.",
                envelope::SCHEMA
            ),
            DecodeError::OtherCard { card } => {
                write!(f, "The saved data belongs to another card (\"{card}\").")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

// --- Share links and answers files -----------------------------------------------------

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => f.write_str(
                "This is not a Decision Cards share link: a share link ends in \u{201c}#a=\u{2026}\u{201d}.",
            ),
            ShareError::LinkTooLong { chars } => write!(
                f,
                "This link is too long to be a share link ({chars} characters; the limit is \
                 {MAX_LINK_CHARS}). Ask for an exported file instead."
            ),
            ShareError::NewerLink { format } => write!(
                f,
                "This link was made by a newer version of Decision Cards (link format {format}; \
                 this page reads format {LINK_FORMAT}). Open it with the newer version, or ask \
                 for an exported file."
            ),
            ShareError::OtherCard { card } => write!(
                f,
                "This link holds answers to another card (\u{201c}{card}\u{201d}), not this one. \
                 Open it on that card's page."
            ),
            ShareError::OtherVersion { link, page } => write!(
                f,
                "This link was made for version {link} of this card, and this page has version \
                 {page}. Links are matched item by item, so it cannot be read safely: ask for an \
                 exported file instead (files are matched by each item's id)."
            ),
            ShareError::Incomplete => f.write_str(
                "This link is incomplete or was changed on its way (it may have been cut off \
                 when it was copied or pasted). Ask for the link again, or for an exported file.",
            ),
            ShareError::Damaged { detail } => write!(
                f,
                "This link is damaged and cannot be read ({detail}). Ask for the link again, or \
                 for an exported file."
            ),
            ShareError::OutOfRange { detail } => write!(
                f,
                "These answers hold a value this card does not allow ({detail}), so they were \
                 not used."
            ),
            ShareError::FileTooLarge { bytes } => write!(
                f,
                "This file is too large to be an answers file ({}; the limit is {} KB). It was \
                 not read.",
                size_words(*bytes),
                MAX_BYTES / 1024
            ),
            ShareError::File(err) => f.write_str(&file_message(err)),
        }
    }
}

impl std::error::Error for ShareError {}

fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The envelope decoder speaks of "saved data"; for an imported file, say "file".
fn file_message(err: &DecodeError) -> String {
    match err {
        DecodeError::TooLarge { bytes } => ShareError::FileTooLarge { bytes: *bytes as u64 }.to_string(),
        DecodeError::Truncated => "This file is empty or cut off part-way, so it cannot be read.".to_string(),
        DecodeError::NotJson { .. } => {
            "This file is not a Decision Cards answers file (it is not JSON). Choose the .json \
             file that \u{201c}Export file\u{201d} saved."
                .to_string()
        }
        DecodeError::WrongShape { detail } => {
            format!("This file is JSON, but not a Decision Cards answers file ({detail}).")
        }
        DecodeError::Newer { schema } => format!(
            "This file was saved by a newer version of Decision Cards (format {schema}; this \
             page reads up to format {}). Open it with the newer version.",
            envelope::SCHEMA
        ),
        DecodeError::OtherCard { card } => {
            format!("This file holds answers to another card (\u{201c}{card}\u{201d}), not this one.")
        }
    }
}

// --- Workshops -------------------------------------------------------------------------

/// Words for a stored workshop that could not be read.
pub fn stored_workshop_problem(err: &DecodeError) -> String {
    match err {
        DecodeError::Newer { schema } => format!(
            "This workshop was saved by a newer version of Decision Cards (format {schema}; this \
             page reads up to format {}). It is kept unchanged, and nothing here is saved \
             over it.",
            workshop::SCHEMA
        ),
        other => format!("The saved workshop could not be read: {other}"),
    }
}

// --- Authoring: problems in a card file --------------------------------------------------

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Empty => f.write_str("must not be empty"),
            ProblemKind::BlankItem => f.write_str("an item of this list is blank"),
            ProblemKind::BadId { id } if id.is_empty() => f.write_str("must not be empty"),
            ProblemKind::BadId { id } => write!(
                f,
                "`{id}` is not a valid id: use lowercase letters, digits and single dashes (kebab-case)"
            ),
            ProblemKind::DuplicateId { id, first } => {
                write!(f, "duplicate id `{id}` (already used at {first})")
            }
            ProblemKind::SameOptionIds { id } => {
                write!(f, "both options have the id `{id}`; each needs its own")
            }
            ProblemKind::VersionZero => f.write_str("must be 1 or more"),
            ProblemKind::NotAnOption { id, options } => write!(
                f,
                "`{id}` is not an option of this card (options: `{}`, `{}`)",
                options[0], options[1]
            ),
            ProblemKind::WeightOutOfRange { weight } => {
                write!(f, "{weight} is out of range: weights run from 0 to {}", crate::card::MAX_WEIGHT)
            }
            ProblemKind::UnknownUndoCost { undo_cost, known } => {
                let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                write!(f, "`{undo_cost}` has no burden of proof in scoring.burden (it has: {known})")
            }
            ProblemKind::NotPositive { value } => {
                write!(f, "must be a finite number above 0, found {value}")
            }
            ProblemKind::NoPrompt => {
                f.write_str("this factor has no prompt: readers get no help placing its slider")
            }
            ProblemKind::SignalRepeatsPitfall { pitfall } => write!(
                f,
                "this signal has the same words as the pressure `{pitfall}`, which the card says \
                 does not count"
            ),
            ProblemKind::GateForDefault => f.write_str(
                "a capability gate for the default option never holds anything back: gates are \
                 for the option the case has to earn",
            ),
            ProblemKind::NoEvidence => {
                f.write_str("the card asks for no evidence, so every verdict reads as high confidence")
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}
