//! Saved progress and workshops in the browser's `localStorage`: the only module that
//! touches it.
//!
//! Keys, one document each:
//!
//! - `decision-cards/<card-id>`: the card's progress ([`ProgressCodec`]: the envelope of
//!   `decision_core::envelope`). The key holds no schema version, so a newer version of the
//!   app reads (and migrates) the same key.
//! - `decision-cards/<card-id>/workshop`: the card's workshop ([`WorkshopCodec`]).
//! - `<key>/backup/<ms-since-epoch>`: a verbatim copy of stored text that could not be read,
//!   made before that key is ever written again.
//!
//! One mechanism serves both: a [`Document`] generic over its [`Codec`] holds the rules
//! (`document.rs`), a [`Saver`] debounces and follows other tabs (`saver.rs`), and the
//! backend is injectable (`backend.rs`), so tests reach every branch with a
//! [`MemoryStorage`] instead of patching the browser.

pub mod backend;
pub mod document;
pub mod saver;

pub use backend::{local_storage, Backend, BackendError, MemoryStorage, Probed};
pub use document::{Codec, Decoded, Document, Loaded};
pub use saver::{Saver, UNSAVED_GLOBAL};

use decision_core::answers::Prefer;
use decision_core::card::Card;
use decision_core::envelope::{self, Contents, DecodeError, Envelope};
use decision_core::history::Decision;
use decision_core::store::SaveError;
use decision_core::workshop;

/// Prefix of every key this app writes.
pub const KEY_PREFIX: &str = "decision-cards/";

/// The key holding a card's progress.
pub fn progress_key(card_id: &str) -> String {
    format!("{KEY_PREFIX}{card_id}")
}

/// The key holding a card's workshop (the answers a facilitator collected).
pub fn workshop_key(card_id: &str) -> String {
    format!("{KEY_PREFIX}{card_id}/workshop")
}

/// A card's answers and recorded decisions, stored as the versioned envelope.
#[derive(Debug, Clone)]
pub struct ProgressCodec {
    pub card_id: String,
    pub content_version: u32,
}

impl ProgressCodec {
    pub fn of(card: &Card) -> ProgressCodec {
        ProgressCodec { card_id: card.id.clone(), content_version: card.version }
    }
}

impl Codec for ProgressCodec {
    type Value = Contents;

    fn encode(&self, contents: &Contents, saved_at: f64) -> String {
        let mut envelope =
            Envelope::new(&self.card_id, self.content_version, saved_at, contents.answers.clone());
        envelope.history = contents.history.clone();
        envelope.token = contents.token.clone();
        envelope::encode(&envelope)
    }

    fn decode(&self, raw: &str) -> Result<Decoded<Contents>, DecodeError> {
        let decoded = envelope::decode_detailed(raw, &self.card_id)?;
        let migrated = decoded.migrated();
        let Envelope { answers, history, token, saved_at, .. } = decoded.envelope;
        Ok(Decoded { value: Contents { answers, history, token }, saved_at, migrated })
    }

    fn merge(&self, base: &Contents, ours: &Contents, theirs: &Contents, prefer: Prefer) -> Contents {
        Contents::merge(base, ours, theirs, prefer)
    }

    fn empty(&self) -> Contents {
        Contents::default()
    }

    fn is_empty(&self, contents: &Contents) -> bool {
        contents.is_empty()
    }

    fn max_bytes(&self) -> usize {
        envelope::MAX_BYTES
    }
}

/// A facilitator's workshop on one card.
#[derive(Debug, Clone)]
pub struct WorkshopCodec {
    pub card_id: String,
    pub content_version: u32,
}

impl WorkshopCodec {
    pub fn of(card: &Card) -> WorkshopCodec {
        WorkshopCodec { card_id: card.id.clone(), content_version: card.version }
    }
}

impl Codec for WorkshopCodec {
    type Value = workshop::Workshop;

    fn encode(&self, value: &workshop::Workshop, _saved_at: f64) -> String {
        let mut value = value.clone();
        value.content_version = self.content_version;
        workshop::encode(&value)
    }

    fn decode(&self, raw: &str) -> Result<Decoded<workshop::Workshop>, DecodeError> {
        let value = workshop::decode(raw, &self.card_id)?;
        Ok(Decoded { value, saved_at: 0.0, migrated: false })
    }

    fn merge(
        &self,
        base: &workshop::Workshop,
        ours: &workshop::Workshop,
        theirs: &workshop::Workshop,
        prefer: Prefer,
    ) -> workshop::Workshop {
        workshop::merge(base, ours, theirs, prefer)
    }

    fn empty(&self) -> workshop::Workshop {
        workshop::Workshop::empty(&self.card_id, self.content_version)
    }

    fn is_empty(&self, value: &workshop::Workshop) -> bool {
        value.participants.is_empty() && !value.hidden
    }

    fn max_bytes(&self) -> usize {
        workshop::MAX_BYTES
    }
}

/// A card's progress in this browser's storage.
pub fn open_progress(card: &Card) -> Document<ProgressCodec> {
    Document::open(
        progress_key(&card.id),
        ProgressCodec::of(card),
        local_storage(),
        crate::platform::clock::now_ms,
    )
}

/// A card's workshop in this browser's storage.
pub fn open_workshop(card: &Card) -> Document<WorkshopCodec> {
    Document::open(
        workshop_key(&card.id),
        WorkshopCodec::of(card),
        local_storage(),
        crate::platform::clock::now_ms,
    )
}

/// Why a decision could not be added to a card's saved progress from another page.
#[derive(Debug, Clone, PartialEq)]
pub enum NotRecorded {
    /// What is stored could not be read, or a newer version wrote it: left exactly as it is.
    Unreadable,
    Save(SaveError),
}

/// Adds `decision` to the card's progress saved in this browser, from a page that does not
/// show the card (the workshop): what is stored is read, the decision joins its history, and
/// the whole is saved. A card page open in another tab takes it in like any other tab's
/// change. Progress that cannot be read is never written over.
pub fn record_on_card(card: &Card, decision: Decision) -> Result<(), NotRecorded> {
    let mut document = open_progress(card);
    let mut contents = match document.load() {
        Loaded::Fresh => Contents::default(),
        Loaded::Restored { value, .. } => value,
        Loaded::Unavailable(why) => return Err(NotRecorded::Save(SaveError::Unavailable(why))),
        Loaded::KeptAside { .. } | Loaded::Newer { .. } | Loaded::Merged { .. } => {
            return Err(NotRecorded::Unreadable)
        }
    };
    contents.history.record(decision);
    document.save(&contents).map_err(NotRecorded::Save)
}

/// The stored progress text of each of these cards (`None`: nothing stored, or no storage),
/// read without writing anything: for the library's progress lines.
pub fn stored_progress<'a>(card_ids: impl Iterator<Item = &'a str>) -> Vec<Option<String>> {
    let backend =
        crate::platform::browser::window().and_then(|w| backend::web_storage(w.local_storage()).ok());
    card_ids.map(|id| backend.as_ref().and_then(|b| b.get(&progress_key(id)).ok().flatten())).collect()
}
