//! Every sentence a user or an author reads about what went wrong, or about where their
//! data stands, is made here: rewording or translating them touches this one file. The
//! types they describe (errors, problems, statuses) carry variants and data, and the
//! modules that produce them never make prose themselves; tests outside the UI assert on
//! those variants.
//!
//! The words of the card template live in [`crate::sections`], and the verdict's own
//! sentences in [`crate::explain`].

use crate::answers::{Answers, EvidenceStatus, Orphan};
use crate::card::Card;
use crate::envelope::{self, DecodeError, MAX_BYTES};
use crate::explain;
use crate::json::{Expected, ParseError, ShapeError};
use crate::page_data::DataError;
use crate::share::{ShareError, LINK_FORMAT, MAX_LINK_CHARS};
use crate::store::{Hold, Notice, NoticeKind, SaveError, SaveState, Stored, Unavailable};
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
            DecodeError::WrongShape(shape) => {
                write!(f, "The saved data is not in a form this page understands ({shape}).")
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

// --- Documents that are not what their reader expects ---------------------------------

/// What a value should have been, as words: "a whole number from -2 to 2".
fn expected_words(expected: &Expected) -> String {
    match expected {
        Expected::Object => "an object".into(),
        Expected::List => "a list".into(),
        Expected::Text => "text".into(),
        Expected::Bool => "true or false".into(),
        Expected::Number => "a number".into(),
        Expected::Whole { min, max: Some(max) } => format!("a whole number from {min} to {max}"),
        Expected::Whole { min, max: None } => format!("a whole number from {min} up"),
        Expected::OneOf(words) => format!("one of {}", words.join(", ")),
        Expected::TextOrNull => "text or null".into(),
        Expected::ListOf(n) => format!("a list of {n} items"),
        Expected::Date => "a date written YYYY-MM-DD".into(),
        Expected::Period => "a period such as \"6 months\"".into(),
        Expected::Token => "a participant token (eleven letters, digits, \"-\" or \"_\")".into(),
    }
}

/// "answers.factors.privacy.position: expected a whole number from -2 to 2",
/// "content_version is missing".
impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Missing { path } => write!(f, "{path} is missing"),
            ShapeError::Expected { path, expected } if path.is_empty() => {
                write!(f, "expected {}", expected_words(expected))
            }
            ShapeError::Expected { path, expected } => {
                write!(f, "{path}: expected {}", expected_words(expected))
            }
        }
    }
}

impl std::error::Error for ShapeError {}

/// Why text is not JSON: "expected `,` or `]`, at character 12".
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Eof => f.write_str("it ends too early"),
            ParseError::Invalid { at, what } => write!(f, "{what}, at character {}", at + 1),
        }
    }
}

/// Why a page's own data could not be read (shown after "Its data could not be read:").
impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NotJson(e) => write!(f, "it is not JSON ({e})"),
            DataError::Shape(shape) => write!(f, "{shape}"),
        }
    }
}

// --- Saving in the browser ------------------------------------------------------------

/// "saved progress" / "the saved workshop": what a sentence about stored data is about.
fn stored_noun(what: Stored) -> &'static str {
    match what {
        Stored::Progress => "Saved progress",
        Stored::Workshop => "The saved workshop",
    }
}

/// Why there is no storage, as a sentence.
pub fn unavailable(why: &Unavailable, what: Stored) -> String {
    match why {
        Unavailable::NotInBrowser => {
            "Not running in a browser window: nothing is kept after the page closes.".into()
        }
        Unavailable::NoStorage => {
            "This browser offers no storage to this page: everything is kept in memory \
             only and is lost when the page closes."
                .into()
        }
        Unavailable::Blocked => "The browser blocks storage for this page (for example inside a sandboxed \
             frame, or with site data turned off): everything is kept in memory only and is lost when \
             the page closes."
            .into(),
        Unavailable::Refused(message) => {
            format!(
                "The browser refuses to save for this page ({message}): everything is kept in memory only."
            )
        }
        Unavailable::ReadFailed(message) => format!(
            "{} could not be read from this browser's storage ({message}). Changes are kept in memory only.",
            stored_noun(what)
        ),
    }
}

/// Why stored data is left alone, as a sentence.
pub fn hold(hold: &Hold, what: Stored) -> String {
    match (hold, what) {
        (Hold::Newer { schema }, Stored::Progress) => DecodeError::Newer { schema: *schema }.to_string(),
        (Hold::Newer { schema }, Stored::Workshop) => {
            stored_workshop_problem(&DecodeError::Newer { schema: *schema })
        }
        (Hold::NoRoomForBackup, Stored::Progress) => {
            "Saved progress could not be read, and there is no room \
             to keep a copy of it, so it is left untouched and changes are not saved. Download it, then \
             choose to start over."
                .into()
        }
        (Hold::NoRoomForBackup, Stored::Workshop) => "The saved workshop could not be read, and there is no \
             room to keep a copy of it, so it is left untouched and changes are not saved."
            .into(),
    }
}

/// Why a save did not happen, as a sentence (without the "Not saved" the status line adds).
pub fn save_error(err: &SaveError, what: Stored) -> String {
    match err {
        SaveError::Unavailable(why) => unavailable(why, what),
        SaveError::ReadOnly(h) => hold(h, what),
        SaveError::Quota => "This browser's storage is full; the last saved copy is kept.".into(),
        SaveError::TooLarge { bytes, limit } => format!(
            "It is too large to keep ({} KB; the limit is {} KB){}",
            bytes.div_ceil(1024),
            limit / 1024,
            match what {
                Stored::Progress => ": shorten the longest notes.",
                Stored::Workshop => ".",
            }
        ),
        SaveError::Other(message) => format!("The browser refused ({message})."),
    }
}

/// The status line about saving.
pub fn save_state(state: &SaveState, what: Stored) -> String {
    let (stays, keep_latest, keep_changes) = match what {
        Stored::Progress => (
            "Your answers stay only while this page is open; export them to keep them.",
            "Export your answers to keep the latest ones.",
            "Export your answers to keep changes made here.",
        ),
        Stored::Workshop => (
            "The workshop stays only while this page is open; download it to keep it.",
            "Everyone is still here on this page: download the workshop to keep the latest, and add \
             the file back later.",
            "Download the workshop to keep changes made here.",
        ),
    };
    match state {
        SaveState::Idle => match what {
            Stored::Progress => "Progress is saved in this browser as you go.".into(),
            Stored::Workshop => "The workshop is saved in this browser as you go.".into(),
        },
        SaveState::Pending => "Saving\u{2026}".into(),
        SaveState::Saved(at) => format!("Saved in this browser at {at}."),
        SaveState::MemoryOnly(why) => format!("Not saved: {} {stays}", unavailable(why, what)),
        SaveState::Failed(err) => format!("Not saved: {} {keep_latest}", save_error(err, what)),
        SaveState::ReadOnly(h) => format!("Read-only: {} {keep_changes}", hold(h, what)),
        SaveState::OtherTab(at) => format!("Updated with changes made in another tab at {at}."),
    }
}

/// A notice about stored data that could not be used.
pub fn notice(notice: &Notice) -> String {
    match &notice.kind {
        NoticeKind::KeptAside { backup_key, error } => {
            let reason = match notice.what {
                Stored::Progress => error.to_string(),
                Stored::Workshop => stored_workshop_problem(error),
            };
            let kept = match backup_key {
                Some(key) => format!(" A copy was kept in this browser under \u{201c}{key}\u{201d}."),
                None => " It was left in place and will not be overwritten until you download it.".into(),
            };
            let fresh = match notice.what {
                Stored::Progress => " The card starts fresh.",
                Stored::Workshop => " The workshop starts empty.",
            };
            format!("{reason}{kept}{fresh}")
        }
        NoticeKind::Newer { schema } => hold(&Hold::Newer { schema: *schema }, notice.what),
    }
}

// --- Answers kept from an earlier version of a card ------------------------------------

/// What kind of item an orphaned answer was given to.
pub fn orphan_kind(orphan: &Orphan) -> &'static str {
    match orphan {
        Orphan::Factor { .. } => "Factor",
        Orphan::Ticked { .. } => "Ticked item",
        Orphan::Evidence { .. } => "Evidence",
        Orphan::Note { .. } => "Note on a question",
        Orphan::Trigger { .. } => "Re-look trigger",
    }
}

/// An orphaned answer in words: "position -1", "In progress: asked finance".
pub fn orphan_answer(orphan: &Orphan) -> String {
    match orphan {
        Orphan::Factor { position, .. } => format!("position {position}"),
        Orphan::Ticked { .. } => "ticked".into(),
        Orphan::Evidence { status, note, .. } if note.is_empty() => status.label().into(),
        Orphan::Evidence { status, note, .. } => format!("{}: {note}", status.label()),
        Orphan::Note { text, .. } => text.clone(),
        Orphan::Trigger { .. } => "applies today".into(),
    }
}

// --- The library ------------------------------------------------------------------------

/// The line under the library's heading.
pub fn library_intro(cards: usize) -> String {
    let decisions = if cards == 1 { "One decision".to_string() } else { format!("{cards} decisions") };
    format!(
        "{decisions}, each with its trade-offs, the signals that should push the call, and a verdict that \
         explains itself. Your answers stay in this browser."
    )
}

/// How far this browser got with a card: "3 of 5 factors set · saved 2 Dec".
pub fn progress_line(set: usize, factors: usize, saved_on: &str) -> String {
    format!("{set} of {factors} factors set \u{b7} saved {saved_on}")
}

/// A card this browser has no progress for.
pub fn progress_none() -> String {
    "Not started in this browser.".into()
}

/// A card whose saved progress cannot be read.
pub fn progress_unreadable() -> String {
    "Saved progress for this card could not be read: open the card to see why and keep a copy.".into()
}

/// How many cards the library's search and filter show: "3 decisions", "1 of 3 decisions".
pub fn library_shown(shown: usize, of: usize) -> String {
    let noun = |n: usize| if n == 1 { "decision" } else { "decisions" };
    if shown == of {
        format!("{of} {}", noun(of))
    } else {
        format!("{shown} of {of} {}", noun(of))
    }
}

/// An old link names a card this build does not have.
pub fn no_such_card(id: &str) -> String {
    format!("There is no card called \u{201c}{id}\u{201d} in this build. These are the cards it has.")
}

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
            ShareError::BadToken => f.write_str(
                "These answers carry a participant token this app never makes, so they were not \
                 used. Ask the participant for a new link from their own card page.",
            ),
        }
    }
}

impl std::error::Error for ShareError {}

fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", explain::decimal(bytes as f64 / (1024.0 * 1024.0), 1))
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
        DecodeError::WrongShape(shape) => {
            format!("This file is JSON, but not a Decision Cards answers file ({shape}).")
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

/// A share link the card could not use, as the message shown above the card.
pub fn link_refused(err: &ShareError) -> String {
    format!("The link could not be opened. {err} Your saved answers are unchanged.")
}

/// Why a picked answers file was not used.
#[derive(Debug, Clone, PartialEq)]
pub enum FileRefused {
    Share(ShareError),
    /// The browser could not read the file, with its message.
    Unreadable(String),
}

/// A picked answers file that was not imported, as the message shown above the card.
pub fn file_refused(name: &str, err: &FileRefused) -> String {
    let why = match err {
        FileRefused::Share(err) => err.to_string(),
        FileRefused::Unreadable(why) => format!("The browser could not read it ({why})."),
    };
    format!("\u{201c}{name}\u{201d} was not imported. {why} Your saved answers are unchanged.")
}

/// Where answers offered to the card came from.
#[derive(Debug, Clone, PartialEq)]
pub enum IncomingSource {
    Link,
    /// An answers file, by name.
    File(String),
}

/// The words of the prompt that offers shared answers to the card.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingWords {
    /// "This link holds answers from Ana. Replace your saved answers with them?"
    pub question: String,
    /// Each factor the answers move: "Privacy: Points clearly to Self-Hosted Model".
    pub factors: Vec<String>,
    /// What else they hold, counted.
    pub counts: String,
}

/// The prompt for answers that arrived by link or file; `has_own` when the card already
/// holds answers the incoming ones would replace.
pub fn incoming(
    card: &Card,
    source: &IncomingSource,
    name: Option<&str>,
    a: &Answers,
    has_own: bool,
) -> IncomingWords {
    let source = match source {
        IncomingSource::Link => "This link".to_string(),
        IncomingSource::File(file) => format!("The file \u{201c}{file}\u{201d}"),
    };
    let from = name.map(|n| format!(" from {n}")).unwrap_or_default();
    let question = if has_own {
        format!("{source} holds answers{from}. Replace your saved answers with them?")
    } else {
        format!("{source} holds answers{from}. Use them?")
    };
    let factors = card
        .factors
        .iter()
        .filter(|f| a.factors.get(&f.id).is_some_and(|x| x.position != 0))
        .map(|f| format!("{}: {}", f.name, explain::position_words(card, a.position(&f.id))))
        .collect();
    let signals = card.signals().filter(|(_, s)| a.is_ticked(&s.id)).count();
    let pitfalls = card.pitfalls().filter(|p| a.is_ticked(&p.id)).count();
    let started =
        card.evidence.iter().filter(|e| a.evidence_status(&e.id) != EvidenceStatus::NotStarted).count();
    let notes = a.notes.values().filter(|n| !n.trim().is_empty()).count()
        + a.evidence.values().filter(|e| !e.note.trim().is_empty()).count();
    let mut counts = format!(
        "{signals} of {} signals ticked, {pitfalls} reasons that do not count, evidence started on {started} of \
         {}, {notes} notes.",
        card.signals().count(),
        card.evidence.len()
    );
    let orphans = a.orphans(card).len();
    if orphans > 0 {
        counts.push_str(&format!(
            " {orphans} answers are to items this version of the card does not have; they are kept aside."
        ));
    }
    IncomingWords { question, factors, counts }
}

// --- Actions ---------------------------------------------------------------------------

/// Something the user asked for that the browser may refuse: a copy to the clipboard or a
/// download. Its status line says how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The card's share link.
    CopyShareLink,
    /// The workshop's invitation link.
    CopyInvite,
    /// The card's answers file.
    ExportAnswers,
    CopyRecord,
    DownloadRecord,
    /// The calendar file of a decision's revisit date.
    DownloadCalendar,
    /// The workshop's Markdown summary.
    CopySummary,
    DownloadSummary,
    DownloadCsv,
    /// The whole workshop as a file.
    DownloadWorkshop,
    /// Shared answers put on the card, replacing what was there.
    UseShared,
    /// Shared answers declined.
    KeepOwn,
}

/// How an action went, as its status line says it.
pub fn action_status(action: Action, ok: bool) -> &'static str {
    use Action::*;
    match (action, ok) {
        (CopyShareLink, true) => "Link copied. Paste it into a chat or an email.",
        (CopyInvite, true) => "Link copied.",
        (CopyShareLink | CopyInvite, false) => "Copy failed: select the link and copy it.",
        (ExportAnswers, true) => "Answers file downloaded.",
        (ExportAnswers, false) => "The download was refused by the browser.",
        (CopyRecord, true) => "Copied to the clipboard.",
        (CopyRecord, false) => "Copy failed: select the text below instead.",
        (DownloadRecord, false) => "Download failed: copy the text below instead.",
        (CopySummary, true) => "Summary copied.",
        (CopySummary, false) => "Copy failed: download it instead.",
        (DownloadSummary, false) => "Download failed: copy it instead.",
        (DownloadCalendar, true) => "Calendar file downloaded: open it to add the revisit date.",
        (DownloadRecord | DownloadSummary | DownloadCsv | DownloadWorkshop, true) => "Download started.",
        (DownloadCalendar | DownloadCsv | DownloadWorkshop, false) => "Download failed.",
        (UseShared, _) => "The shared answers are now on this card and saved in this browser.",
        (KeepOwn, _) => "Kept your answers; the shared ones were not used.",
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

/// "1 participant", "3 participants".
pub fn participants(n: usize) -> String {
    match n {
        1 => "1 participant".to_string(),
        n => format!("{n} participants"),
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
            ProblemKind::BadLang { lang } => write!(
                f,
                "\"{lang}\" is not a language code such as \"en\", \"fr\" or \"pt-BR\" (the folder of lang/ with the tool's words in that language)"
            ),
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
            ProblemKind::NotAFactor { id, factors } => {
                let factors: Vec<String> = factors.iter().map(|k| format!("`{k}`")).collect();
                write!(f, "`{id}` is not a factor of this card (factors: {})", factors.join(", "))
            }
            ProblemKind::InformsOutsideEvidence => {
                f.write_str("only evidence items inform factors: `informs` belongs under [[evidence]]")
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}
