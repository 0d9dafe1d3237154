//! Every sentence a user or an author reads about what went wrong, or about where their
//! data stands, is made here. The types they describe (errors, problems, statuses) carry
//! variants and data, and the modules that produce them never make prose themselves; tests
//! outside the UI assert on those variants.
//!
//! What page readers see comes from the catalogue of the card's language
//! ([`MessageWord`], `lang/<code>/messages.toml`; the words about JSON text and shapes are
//! [`crate::json::JsonWord`], `lang/<code>/json.toml`). The problems in a card file, at the
//! end, stay in English: they are read by card authors in the build's terminal.
//!
//! The words of the card template live in [`crate::sections`], and the verdict's own
//! sentences in [`crate::explain`].

use crate::answers::{Answers, EvidenceStatus, Orphan};
use crate::card::Card;
use crate::envelope::{self, DecodeError, MAX_BYTES};
use crate::explain;
use crate::json::{Expected, JsonWord as J, ParseError, ShapeError};
use crate::page_data::DataError;
use crate::share::{ShareError, LINK_FORMAT, MAX_LINK_CHARS};
use crate::store::{Hold, Notice, NoticeKind, SaveError, SaveState, Stored, Unavailable};
use crate::validate::{Problem, ProblemKind, Severity};
use crate::workshop;
use crate::{say, say_n};
use std::fmt;

crate::words!(Messages:
    /// What page readers are told about their stored data, saving, share links and
    /// answers files, actions and orphaned answers (`lang/<code>/messages.toml`).
    pub enum MessageWord {
        SavedTooLarge,
        SavedTruncated,
        SavedNotJson,
        SavedWrongShape,
        SavedNewer,
        SavedOtherCard,
        NotInBrowser,
        NoStorage,
        Blocked,
        Refused,
        ReadFailedProgress,
        ReadFailedWorkshop,
        NoRoomForBackupProgress,
        NoRoomForBackupWorkshop,
        Quota,
        TooLargeProgress,
        TooLargeWorkshop,
        BrowserRefused,
        StaysProgress,
        KeepLatestProgress,
        KeepChangesProgress,
        StaysWorkshop,
        KeepLatestWorkshop,
        KeepChangesWorkshop,
        IdleProgress,
        IdleWorkshop,
        Saving,
        SavedAt,
        NotSaved,
        ReadOnly,
        OtherTab,
        KeptAside,
        KeptCopy,
        LeftInPlace,
        FreshProgress,
        FreshWorkshop,
        OrphanFactor,
        OrphanTicked,
        OrphanEvidence,
        OrphanNote,
        OrphanTrigger,
        OrphanPosition,
        OrphanTickedAnswer,
        OrphanEvidenceNote,
        OrphanApplies,
        LinkNotALink,
        LinkTooLong,
        LinkNewer,
        LinkOtherCard,
        LinkOtherVersion,
        LinkIncomplete,
        LinkDamaged,
        OutOfRange,
        FileTooLarge,
        BadToken,
        SizeMb,
        SizeKb,
        FileTruncated,
        FileNotJson,
        FileWrongShape,
        FileNewer,
        FileOtherCard,
        LinkRefused,
        FileUnreadable,
        FileRefused,
        LinkHolds,
        LinkHoldsFrom,
        FileHolds,
        FileHoldsFrom,
        ReplaceQuestion,
        UseQuestion,
        FactorMoved,
        IncomingCounts,
        IncomingOrphans,
        ActionLinkCopied,
        ActionInviteCopied,
        ActionCopyLinkFailed,
        ActionAnswersDownloaded,
        ActionDownloadRefused,
        ActionCopied,
        ActionCopyRecordFailed,
        ActionDownloadRecordFailed,
        ActionSummaryCopied,
        ActionCopySummaryFailed,
        ActionDownloadSummaryFailed,
        ActionCalendarDownloaded,
        ActionDownloadStarted,
        ActionDownloadFailed,
        ActionUseShared,
        ActionKeepOwn,
        WorkshopNewer,
        WorkshopUnreadable,
        Participants,
        DamagedFormat,
        DamagedVersion,
        DamagedEvidenceBits,
        DamagedTrailing,
        DamagedEnd,
        DamagedLength,
        DamagedNoteEnd,
        DamagedNoteText,
        DamagedBits,
        DamagedCharacters,
        NameTooLong,
        FactorAnswer,
        EvidenceStatus,
        PositionOutOfRange,
        ImportanceOutOfRange,
    }
);

use MessageWord as W;

// --- Stored progress -------------------------------------------------------------------

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge { bytes } => {
                f.write_str(&say!(W::SavedTooLarge, size = bytes.div_ceil(1024), limit = MAX_BYTES / 1024))
            }
            DecodeError::Truncated => f.write_str(say!(W::SavedTruncated)),
            DecodeError::NotJson { detail } => f.write_str(&say!(W::SavedNotJson, detail = detail)),
            DecodeError::WrongShape(shape) => f.write_str(&say!(W::SavedWrongShape, shape = shape)),
            DecodeError::Newer { schema } => {
                f.write_str(&say!(W::SavedNewer, schema = schema, max = envelope::SCHEMA))
            }
            DecodeError::OtherCard { card } => f.write_str(&say!(W::SavedOtherCard, card = card)),
        }
    }
}

impl std::error::Error for DecodeError {}

// --- Documents that are not what their reader expects ---------------------------------

/// What a value should have been, as words: "a whole number from -2 to 2".
fn expected_words(expected: &Expected) -> String {
    match expected {
        Expected::Object => say!(J::Object).into(),
        Expected::List => say!(J::List).into(),
        Expected::Text => say!(J::Text).into(),
        Expected::Bool => say!(J::Bool).into(),
        Expected::Number => say!(J::Number).into(),
        Expected::Whole { min, max: Some(max) } => say!(J::WholeFromTo, min = min, max = max),
        Expected::Whole { min, max: None } => say!(J::WholeFrom, min = min),
        Expected::OneOf(words) => say!(J::OneOf, words = words.join(", ")),
        Expected::TextOrNull => say!(J::TextOrNull).into(),
        Expected::ListOf(n) => say!(J::ListOf, n = n),
        Expected::Date => say!(J::Date).into(),
        Expected::Period => say!(J::Period).into(),
        Expected::Token => say!(J::Token).into(),
    }
}

/// "answers.factors.privacy.position: expected a whole number from -2 to 2",
/// "content_version is missing".
impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ShapeError::Missing { path } => say!(J::Missing, path = path),
            ShapeError::Expected { path, expected } if path.is_empty() => {
                say!(J::Expected, expected = expected_words(expected))
            }
            ShapeError::Expected { path, expected } => {
                say!(J::ExpectedAt, path = path, expected = expected_words(expected))
            }
        })
    }
}

impl std::error::Error for ShapeError {}

/// Why text is not JSON: "expected `,` or `]`, at character 12".
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Eof => f.write_str(say!(J::EndsTooEarly)),
            ParseError::Invalid { at, what } => {
                f.write_str(&say!(J::InvalidAt, what = say!(*what), at = at + 1))
            }
        }
    }
}

/// Why a page's own data could not be read (shown after "Its data could not be read:").
impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NotJson(e) => f.write_str(&say!(J::NotJson, error = e)),
            DataError::Shape(shape) => write!(f, "{shape}"),
        }
    }
}

// --- Saving in the browser ------------------------------------------------------------

/// Why there is no storage, as a sentence.
pub fn unavailable(why: &Unavailable, what: Stored) -> String {
    match why {
        Unavailable::NotInBrowser => say!(W::NotInBrowser).into(),
        Unavailable::NoStorage => say!(W::NoStorage).into(),
        Unavailable::Blocked => say!(W::Blocked).into(),
        Unavailable::Refused(message) => say!(W::Refused, message = message),
        Unavailable::ReadFailed(message) => match what {
            Stored::Progress => say!(W::ReadFailedProgress, message = message),
            Stored::Workshop => say!(W::ReadFailedWorkshop, message = message),
        },
    }
}

/// Why stored data is left alone, as a sentence.
pub fn hold(hold: &Hold, what: Stored) -> String {
    match (hold, what) {
        (Hold::Newer { schema }, Stored::Progress) => DecodeError::Newer { schema: *schema }.to_string(),
        (Hold::Newer { schema }, Stored::Workshop) => {
            stored_workshop_problem(&DecodeError::Newer { schema: *schema })
        }
        (Hold::NoRoomForBackup, Stored::Progress) => say!(W::NoRoomForBackupProgress).into(),
        (Hold::NoRoomForBackup, Stored::Workshop) => say!(W::NoRoomForBackupWorkshop).into(),
    }
}

/// Why a save did not happen, as a sentence (without the "Not saved" the status line adds).
pub fn save_error(err: &SaveError, what: Stored) -> String {
    match err {
        SaveError::Unavailable(why) => unavailable(why, what),
        SaveError::ReadOnly(h) => hold(h, what),
        SaveError::Quota => say!(W::Quota).into(),
        SaveError::TooLarge { bytes, limit } => {
            let word = match what {
                Stored::Progress => W::TooLargeProgress,
                Stored::Workshop => W::TooLargeWorkshop,
            };
            say!(word, size = bytes.div_ceil(1024), limit = limit / 1024)
        }
        SaveError::Other(message) => say!(W::BrowserRefused, message = message),
    }
}

/// The status line about saving.
pub fn save_state(state: &SaveState, what: Stored) -> String {
    let (stays, keep_latest, keep_changes) = match what {
        Stored::Progress => (W::StaysProgress, W::KeepLatestProgress, W::KeepChangesProgress),
        Stored::Workshop => (W::StaysWorkshop, W::KeepLatestWorkshop, W::KeepChangesWorkshop),
    };
    match state {
        SaveState::Idle => match what {
            Stored::Progress => say!(W::IdleProgress).into(),
            Stored::Workshop => say!(W::IdleWorkshop).into(),
        },
        SaveState::Pending => say!(W::Saving).into(),
        SaveState::Saved(at) => say!(W::SavedAt, time = at),
        SaveState::MemoryOnly(why) => say!(W::NotSaved, why = unavailable(why, what), advice = say!(stays)),
        SaveState::Failed(err) => {
            say!(W::NotSaved, why = save_error(err, what), advice = say!(keep_latest))
        }
        SaveState::ReadOnly(h) => say!(W::ReadOnly, why = hold(h, what), advice = say!(keep_changes)),
        SaveState::OtherTab(at) => say!(W::OtherTab, time = at),
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
                Some(key) => say!(W::KeptCopy, key = key),
                None => say!(W::LeftInPlace).into(),
            };
            let fresh = match notice.what {
                Stored::Progress => say!(W::FreshProgress),
                Stored::Workshop => say!(W::FreshWorkshop),
            };
            say!(W::KeptAside, reason = reason, kept = kept, fresh = fresh)
        }
        NoticeKind::Newer { schema } => hold(&Hold::Newer { schema: *schema }, notice.what),
    }
}

// --- Answers kept from an earlier version of a card ------------------------------------

/// What kind of item an orphaned answer was given to.
pub fn orphan_kind(orphan: &Orphan) -> &'static str {
    say!(match orphan {
        Orphan::Factor { .. } => W::OrphanFactor,
        Orphan::Ticked { .. } => W::OrphanTicked,
        Orphan::Evidence { .. } => W::OrphanEvidence,
        Orphan::Note { .. } => W::OrphanNote,
        Orphan::Trigger { .. } => W::OrphanTrigger,
    })
}

/// An orphaned answer in words: "position -1", "In progress: asked finance".
pub fn orphan_answer(orphan: &Orphan) -> String {
    match orphan {
        Orphan::Factor { position, .. } => say!(W::OrphanPosition, position = position),
        Orphan::Ticked { .. } => say!(W::OrphanTickedAnswer).into(),
        Orphan::Evidence { status, note, .. } if note.is_empty() => status.label().into(),
        Orphan::Evidence { status, note, .. } => {
            say!(W::OrphanEvidenceNote, status = status.label(), note = note)
        }
        Orphan::Note { text, .. } => text.clone(),
        Orphan::Trigger { .. } => say!(W::OrphanApplies).into(),
    }
}

// --- Share links and answers files -----------------------------------------------------

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ShareError::NotALink => say!(W::LinkNotALink).into(),
            ShareError::LinkTooLong { chars } => say!(W::LinkTooLong, chars = chars, limit = MAX_LINK_CHARS),
            ShareError::NewerLink { format } => say!(W::LinkNewer, format = format, ours = LINK_FORMAT),
            ShareError::OtherCard { card } => say!(W::LinkOtherCard, card = card),
            ShareError::OtherVersion { link, page } => say!(W::LinkOtherVersion, link = link, page = page),
            ShareError::Incomplete => say!(W::LinkIncomplete).into(),
            ShareError::Damaged { detail } => say!(W::LinkDamaged, detail = detail),
            ShareError::OutOfRange { detail } => say!(W::OutOfRange, detail = detail),
            ShareError::FileTooLarge { bytes } => {
                say!(W::FileTooLarge, size = size_words(*bytes), limit = MAX_BYTES / 1024)
            }
            ShareError::File(err) => file_message(err),
            ShareError::BadToken => say!(W::BadToken).into(),
        })
    }
}

impl std::error::Error for ShareError {}

fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        say!(W::SizeMb, size = explain::number(bytes as f64 / (1024.0 * 1024.0), 1))
    } else {
        say!(W::SizeKb, size = bytes.div_ceil(1024))
    }
}

/// The envelope decoder speaks of "saved data"; for an imported file, say "file".
fn file_message(err: &DecodeError) -> String {
    match err {
        DecodeError::TooLarge { bytes } => ShareError::FileTooLarge { bytes: *bytes as u64 }.to_string(),
        DecodeError::Truncated => say!(W::FileTruncated).into(),
        DecodeError::NotJson { .. } => say!(W::FileNotJson).into(),
        DecodeError::WrongShape(shape) => say!(W::FileWrongShape, shape = shape),
        DecodeError::Newer { schema } => say!(W::FileNewer, schema = schema, max = envelope::SCHEMA),
        DecodeError::OtherCard { card } => say!(W::FileOtherCard, card = card),
    }
}

/// A share link the card could not use, as the message shown above the card.
pub fn link_refused(err: &ShareError) -> String {
    say!(W::LinkRefused, error = err)
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
        FileRefused::Unreadable(why) => say!(W::FileUnreadable, why = why),
    };
    say!(W::FileRefused, name = name, why = why)
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
    // Whole sentences for each source, with and without a name: where the name and the
    // file go is the language's business.
    let holds = match (source, name) {
        (IncomingSource::Link, None) => say!(W::LinkHolds).into(),
        (IncomingSource::Link, Some(name)) => say!(W::LinkHoldsFrom, name = name),
        (IncomingSource::File(file), None) => say!(W::FileHolds, file = file),
        (IncomingSource::File(file), Some(name)) => say!(W::FileHoldsFrom, file = file, name = name),
    };
    let question =
        if has_own { say!(W::ReplaceQuestion, holds = holds) } else { say!(W::UseQuestion, holds = holds) };
    let factors = card
        .factors
        .iter()
        .filter(|f| a.factors.get(&f.id).is_some_and(|x| x.position != 0))
        .map(|f| {
            say!(W::FactorMoved, factor = f.name, position = explain::position_words(card, a.position(&f.id)))
        })
        .collect();
    let signals = card.signals().filter(|(_, s)| a.is_ticked(&s.id)).count();
    let pitfalls = card.pitfalls().filter(|p| a.is_ticked(&p.id)).count();
    let started =
        card.evidence.iter().filter(|e| a.evidence_status(&e.id) != EvidenceStatus::NotStarted).count();
    let notes = a.notes.values().filter(|n| !n.trim().is_empty()).count()
        + a.evidence.values().filter(|e| !e.note.trim().is_empty()).count();
    let mut counts = say!(
        W::IncomingCounts,
        signals = signals,
        total = card.signals().count(),
        pitfalls = pitfalls,
        started = started,
        evidence = card.evidence.len(),
        notes = notes,
    );
    let orphans = a.orphans(card).len();
    if orphans > 0 {
        counts = format!("{counts} {}", say!(W::IncomingOrphans, orphans = orphans));
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
    say!(match (action, ok) {
        (CopyShareLink, true) => W::ActionLinkCopied,
        (CopyInvite, true) => W::ActionInviteCopied,
        (CopyShareLink | CopyInvite, false) => W::ActionCopyLinkFailed,
        (ExportAnswers, true) => W::ActionAnswersDownloaded,
        (ExportAnswers, false) => W::ActionDownloadRefused,
        (CopyRecord, true) => W::ActionCopied,
        (CopyRecord, false) => W::ActionCopyRecordFailed,
        (DownloadRecord, false) => W::ActionDownloadRecordFailed,
        (CopySummary, true) => W::ActionSummaryCopied,
        (CopySummary, false) => W::ActionCopySummaryFailed,
        (DownloadSummary, false) => W::ActionDownloadSummaryFailed,
        (DownloadCalendar, true) => W::ActionCalendarDownloaded,
        (DownloadRecord | DownloadSummary | DownloadCsv | DownloadWorkshop, true) => W::ActionDownloadStarted,
        (DownloadCalendar | DownloadCsv | DownloadWorkshop, false) => W::ActionDownloadFailed,
        (UseShared, _) => W::ActionUseShared,
        (KeepOwn, _) => W::ActionKeepOwn,
    })
}

// --- Workshops -------------------------------------------------------------------------

/// Words for a stored workshop that could not be read.
pub fn stored_workshop_problem(err: &DecodeError) -> String {
    match err {
        DecodeError::Newer { schema } => say!(W::WorkshopNewer, schema = schema, max = workshop::SCHEMA),
        other => say!(W::WorkshopUnreadable, why = other),
    }
}

/// "1 participant", "3 participants".
pub fn participants(n: usize) -> String {
    say_n!(n, W::Participants)
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
