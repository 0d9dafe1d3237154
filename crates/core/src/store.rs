//! What the browser's storage can report, as plain data: why there is no storage, why stored
//! text must be left alone, why a save did not happen, and what the user should know about
//! saving. The app's storage layer produces these; [`crate::messages`] words them; the
//! rules themselves are in `docs/reliability.md`.

use crate::envelope::DecodeError;

/// Which stored document a status is about: the words differ ("progress", "workshop").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// One card's answers.
    Progress,
    /// A facilitator's workshop on one card.
    Workshop,
}

/// Why there is no usable storage: the page works in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// Not running in a browser window at all.
    NotInBrowser,
    /// The browser offers no `localStorage` to this page.
    NoStorage,
    /// Access throws: a sandboxed frame, or site data turned off.
    Blocked,
    /// The write probe was refused, with the browser's message.
    Refused(String),
    /// Reading the stored value failed, with the browser's message: nothing read can be
    /// trusted, so nothing is written either.
    ReadFailed(String),
}

/// Why stored text must not be written over until the user has decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hold {
    /// Written by a newer version of the app, in a schema this version does not know.
    Newer { schema: u64 },
    /// Unreadable, and there was no room to copy it aside first.
    NoRoomForBackup,
}

/// Why a save did not happen. In every case the previously stored value is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    Unavailable(Unavailable),
    ReadOnly(Hold),
    /// The browser's storage quota is exhausted.
    Quota,
    /// The text would exceed the size the app agrees to read back.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Any other storage failure, with the browser's message.
    Other(String),
}

/// Whether saving works now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreStatus {
    Available,
    Unavailable(Unavailable),
    ReadOnly(Hold),
    /// The last write hit the quota; the last good copy is still stored.
    QuotaExceeded,
}

/// What the user should know about saving, as the status line shows it. Times are local
/// `HH:MM`, made by the caller (the core has no clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing to save yet.
    Idle,
    /// A change is waiting for the debounce.
    Pending,
    /// Saved at this local time.
    Saved(String),
    /// Storage cannot be used: the document lives in memory only.
    MemoryOnly(Unavailable),
    /// Saving failed; the last good copy is kept.
    Failed(SaveError),
    /// Stored data must not be overwritten: shown read-only.
    ReadOnly(Hold),
    /// Changes made in another tab were taken in at this local time, merged with any
    /// unsaved change made here.
    OtherTab(String),
}

impl SaveState {
    /// The state that matches a store status before anything was saved.
    pub fn of_status(status: &StoreStatus) -> SaveState {
        match status {
            StoreStatus::Available => SaveState::Idle,
            StoreStatus::Unavailable(why) => SaveState::MemoryOnly(why.clone()),
            StoreStatus::ReadOnly(hold) => SaveState::ReadOnly(hold.clone()),
            StoreStatus::QuotaExceeded => SaveState::Failed(SaveError::Quota),
        }
    }

    /// The state after a save; `at` is the local time now.
    pub fn after(result: &Result<(), SaveError>, at: impl FnOnce() -> String) -> SaveState {
        match result {
            Ok(()) => SaveState::Saved(at()),
            Err(SaveError::Unavailable(why)) => SaveState::MemoryOnly(why.clone()),
            Err(SaveError::ReadOnly(hold)) => SaveState::ReadOnly(hold.clone()),
            Err(err) => SaveState::Failed(err.clone()),
        }
    }

    /// True when the document is not being saved, so the user must be told and offered export.
    pub fn is_problem(&self) -> bool {
        matches!(self, Self::MemoryOnly(_) | Self::Failed(_) | Self::ReadOnly(_))
    }
}

/// Something about stored data that the user must see, with that data to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub what: Stored,
    pub kind: NoticeKind,
    /// The stored text exactly as found, so nothing is lost.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoticeKind {
    /// Unreadable: copied to `backup_key` (when there was room) and the document starts fresh.
    KeptAside { backup_key: Option<String>, error: DecodeError },
    /// Written by a newer version: left untouched, and nothing is saved over it.
    Newer { schema: u64 },
}
