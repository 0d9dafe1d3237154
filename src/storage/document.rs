//! One stored document (a card's progress, or a workshop) under one key, generic over its
//! [`Codec`], with the rules of `docs/reliability.md` in one place:
//!
//! - Nothing here panics. Without storage the document works in memory
//!   ([`StoreStatus::Unavailable`]).
//! - Unreadable text is copied to `<key>/backup/<ms-since-epoch>` before the key is written
//!   again; when there is no room for the copy, the document turns read-only until the user
//!   has taken the text and calls [`Document::allow_overwrite`].
//! - Text from a newer schema is never rewritten in an older one: read-only.
//! - A failed write (quota) leaves the previous value in place; nothing is removed first.
//! - Before each write the current value is read again: if another tab or version changed
//!   it, the rules above apply to that value too, and a readable one is merged with ours
//!   ([`Codec::merge`], three-way against the copy both last saw) rather than written over.
//!
//! The document never formats a sentence: what it reports are the types of
//! [`decision_core::store`], worded by [`decision_core::messages`].

use super::backend::{Backend, BackendError, Probed};
use decision_core::answers::Prefer;
use decision_core::envelope::DecodeError;
use decision_core::lang::card_page::CardPageWord;
use decision_core::say;
use decision_core::store::{Hold, SaveError, StoreStatus, Unavailable};
use std::rc::Rc;

/// How one kind of document is written, read and reconciled.
pub trait Codec {
    type Value: Clone + PartialEq;
    /// The stored text; `saved_at` is the time of the write (ms since the epoch).
    fn encode(&self, value: &Self::Value, saved_at: f64) -> String;
    fn decode(&self, raw: &str) -> Result<Decoded<Self::Value>, DecodeError>;
    /// Combines `ours` and `theirs`, both changed since `base`, so that neither side's
    /// change is lost; `prefer` decides only what both changed differently.
    fn merge(
        &self,
        base: &Self::Value,
        ours: &Self::Value,
        theirs: &Self::Value,
        prefer: Prefer,
    ) -> Self::Value;
    /// The value of a document that was never saved.
    fn empty(&self) -> Self::Value;
    /// Whether `value` holds nothing worth storing (a key is never created for it).
    fn is_empty(&self, value: &Self::Value) -> bool;
    /// Largest text this codec writes or reads.
    fn max_bytes(&self) -> usize;
}

/// A decoded document and what the stored text said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<V> {
    pub value: V,
    pub saved_at: f64,
    /// The text was in an older schema and has been migrated.
    pub migrated: bool,
}

/// What loading the document, or a change from elsewhere, found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<V> {
    /// Nothing stored yet.
    Fresh,
    Restored {
        value: V,
        saved_at: f64,
        migrated: bool,
    },
    /// The stored text could not be read. It is left in place, and copied to `backup_key`
    /// when that was possible (when not, the document is read-only). `raw` is the text, for
    /// the user to download.
    KeptAside {
        backup_key: Option<String>,
        error: DecodeError,
        raw: String,
    },
    /// Saved by a newer version: left untouched, and the document is read-only.
    Newer {
        schema: u64,
        raw: String,
    },
    /// Another tab's saved value combined with this tab's unsaved one: nothing of either is
    /// lost. Not saved yet; it is the value to show and save next.
    Merged {
        value: V,
    },
    /// No usable storage: start from the empty value, kept in memory.
    Unavailable(Unavailable),
}

/// The value a `Loaded` stands for, when it stands for readable data (`Fresh`: the empty
/// value, as after another tab's reset).
pub fn readable<V>(loaded: Loaded<V>, empty: impl FnOnce() -> V) -> Option<V> {
    match loaded {
        Loaded::Fresh => Some(empty()),
        Loaded::Restored { value, .. } | Loaded::Merged { value } => Some(value),
        _ => None,
    }
}

/// The text under one key, with the rules that do not depend on its format: whether there
/// is storage, what must be left alone, the quota, the copy last seen, backups. Not generic,
/// so its code exists once however many kinds of document the app stores.
struct Slot {
    key: String,
    backend: Result<Rc<dyn Backend>, Unavailable>,
    /// Set while stored data must not be overwritten.
    hold: Option<Hold>,
    quota_exceeded: bool,
    /// The text at `key` as this slot last read or wrote it. A different value means someone
    /// else wrote: another tab, or another version of the app.
    last_raw: Option<String>,
    /// The clock for saved times and backup keys.
    now: fn() -> f64,
}

impl Slot {
    fn status(&self) -> StoreStatus {
        match (&self.backend, &self.hold) {
            (Err(why), _) => StoreStatus::Unavailable(why.clone()),
            (Ok(_), Some(hold)) => StoreStatus::ReadOnly(hold.clone()),
            (Ok(_), None) if self.quota_exceeded => StoreStatus::QuotaExceeded,
            (Ok(_), None) => StoreStatus::Available,
        }
    }

    /// The stored text. When it cannot be read, storage counts as unavailable from now on:
    /// what cannot be read must not be overwritten.
    fn read(&mut self) -> Result<Option<String>, Unavailable> {
        let backend = self.backend.clone()?;
        backend.get(&self.key).map_err(|err| {
            let why = Unavailable::ReadFailed(message(err));
            self.backend = Err(why.clone());
            why
        })
    }

    fn changed_elsewhere(&self) -> Option<Option<String>> {
        let current = self.backend.as_ref().ok()?.get(&self.key).ok()?;
        (current != self.last_raw).then_some(current)
    }

    /// The backend, and the stored text when it differs from the copy last seen.
    fn current(&self) -> Result<Current, SaveError> {
        let backend = self.backend.clone().map_err(SaveError::Unavailable)?;
        let current = backend.get(&self.key).map_err(|e| SaveError::Other(message(e)))?;
        let changed = (current != self.last_raw).then_some(current);
        Ok(Current { backend, changed })
    }

    fn writable(&self) -> Result<(), SaveError> {
        match &self.hold {
            Some(hold) => Err(SaveError::ReadOnly(hold.clone())),
            None => Ok(()),
        }
    }

    fn write(&mut self, backend: &dyn Backend, text: String, limit: usize) -> Result<(), SaveError> {
        if text.len() > limit {
            return Err(SaveError::TooLarge { bytes: text.len(), limit });
        }
        match backend.set(&self.key, &text) {
            Ok(()) => {
                self.quota_exceeded = false;
                self.last_raw = Some(text);
                Ok(())
            }
            Err(BackendError::Quota) => {
                self.quota_exceeded = true;
                Err(SaveError::Quota)
            }
            Err(BackendError::Other(m)) => Err(SaveError::Other(m)),
        }
    }

    fn backup_prefix(&self) -> String {
        format!("{}/backup/", self.key)
    }

    /// Copies unreadable text to a new backup key and returns that key. Reuses an existing
    /// backup holding the same text, so reloading a page does not pile up copies. When there
    /// is no room for the copy, the slot is held.
    fn back_up(&mut self, raw: &str) -> Option<String> {
        let copied = self.copy_aside(raw);
        if copied.is_none() {
            self.hold = Some(Hold::NoRoomForBackup);
        }
        copied
    }

    fn copy_aside(&mut self, raw: &str) -> Option<String> {
        let backend = self.backend.as_ref().ok()?.clone();
        let prefix = self.backup_prefix();
        for key in keys_under(backend.as_ref(), &prefix) {
            if backend.get(&key).ok().flatten().as_deref() == Some(raw) {
                return Some(key);
            }
        }
        // `as` saturates, so even a broken clock gives a valid key.
        let stamp = (self.now)().max(0.0) as u64;
        // Two backups within one millisecond are unlikely but possible: take the next free
        // stamp, and give up rather than loop if storage keeps failing to answer.
        let key = (0..64)
            .map(|i| format!("{prefix}{}", stamp.saturating_add(i)))
            .find(|key| matches!(backend.get(key), Ok(None)))?;
        match backend.set(&key, raw) {
            Ok(()) => Some(key),
            Err(BackendError::Quota) => {
                self.quota_exceeded = true;
                None
            }
            Err(BackendError::Other(_)) => None,
        }
    }
}

/// What [`Slot::current`] found before a write.
struct Current {
    backend: Rc<dyn Backend>,
    /// The stored text, when someone else wrote it since this slot last looked.
    changed: Option<Option<String>>,
}

/// One stored document. Holds no value of its own beyond what it needs to tell its own
/// writes from changes made elsewhere.
pub struct Document<C: Codec> {
    codec: C,
    slot: Slot,
    /// The value the slot's `last_raw` holds, when it was readable: a save of the same value
    /// is skipped, which also stops two tabs from echoing each other's writes forever.
    last_value: Option<C::Value>,
    /// Set when the last save found a value written elsewhere and merged it in.
    merged: Option<C::Value>,
}

impl<C: Codec> Document<C> {
    /// The document at `key` in `storage` (the probe's result, or why there is none).
    pub fn open(
        key: String,
        codec: C,
        storage: Result<Probed, Unavailable>,
        now: fn() -> f64,
    ) -> Document<C> {
        let (backend, quota_exceeded) = match storage {
            Ok(Probed { backend, full }) => (Ok(backend), full),
            Err(why) => (Err(why), false),
        };
        let slot = Slot { key, backend, hold: None, quota_exceeded, last_raw: None, now };
        Document { codec, slot, last_value: None, merged: None }
    }

    pub fn key(&self) -> &str {
        &self.slot.key
    }

    pub fn codec(&self) -> &C {
        &self.codec
    }

    /// Whether saving works now.
    pub fn status(&self) -> StoreStatus {
        self.slot.status()
    }

    /// Reads the stored value. Unreadable text is backed up before anything else happens;
    /// newer-schema text makes the document read-only.
    pub fn load(&mut self) -> Loaded<C::Value> {
        match self.slot.read() {
            Ok(raw) => self.take_in(raw),
            Err(why) => Loaded::Unavailable(why),
        }
    }

    /// The stored text now, when it differs from what this document last read or wrote
    /// (another tab wrote it); `None` when it is unchanged or cannot be read.
    pub fn changed_elsewhere(&self) -> Option<Option<String>> {
        self.slot.changed_elsewhere()
    }

    /// Saves `value` now. On any error the stored value is left as it was.
    ///
    /// When the stored value changed since this document last read or wrote it (another tab
    /// saved, and its `storage` event has not arrived yet), both are merged and the merge is
    /// saved; [`Document::take_merged`] then returns it, for the caller to show.
    pub fn save(&mut self, value: &C::Value) -> Result<(), SaveError> {
        self.merged = None;
        let backend = self.writable(Some(value))?;
        let merged = self.merged.clone();
        let value = merged.as_ref().unwrap_or(value);
        let unchanged = match (&self.slot.last_raw, &self.last_value) {
            // Nothing stored and nothing to store: no need to create the key.
            (None, _) => self.codec.is_empty(value),
            (Some(_), Some(stored)) => stored == value,
            (Some(_), None) => false,
        };
        if unchanged {
            self.slot.quota_exceeded = false;
            return Ok(());
        }
        let text = self.codec.encode(value, (self.slot.now)());
        self.slot.write(backend.as_ref(), text, self.codec.max_bytes())?;
        self.last_value = Some(value.clone());
        Ok(())
    }

    /// Removes the stored value (the confirmed "reset"). Backups are left alone.
    pub fn clear(&mut self) -> Result<(), SaveError> {
        let backend = self.writable(None)?;
        backend.remove(&self.slot.key).map_err(|e| SaveError::Other(message(e)))?;
        self.slot.last_raw = None;
        self.last_value = None;
        Ok(())
    }

    /// The value the last [`Document::save`] actually wrote, when it merged in a value saved
    /// elsewhere; `None` when it wrote what it was given.
    pub fn take_merged(&mut self) -> Option<C::Value> {
        self.merged.take()
    }

    /// Lifts the read-only state: the user has downloaded the kept data, or chose to replace
    /// it. The next save overwrites the key, even newer-schema data.
    pub fn allow_overwrite(&mut self) {
        self.slot.hold = None;
    }

    /// This document's backup keys, oldest first.
    pub fn backup_keys(&self) -> Vec<String> {
        match &self.slot.backend {
            Ok(backend) => keys_under(backend.as_ref(), &self.slot.backup_prefix()),
            Err(_) => Vec::new(),
        }
    }

    /// The value this document last read or wrote, when it was readable.
    pub fn last_value(&self) -> Option<&C::Value> {
        self.last_value.as_ref()
    }

    /// The backend, once the current value has been checked: another tab or version may have
    /// written since this document last looked. A readable value found there is merged with
    /// `ours` (ours wins where both changed the same item: it is the newer change) into
    /// `self.merged`.
    fn writable(&mut self, ours: Option<&C::Value>) -> Result<Rc<dyn Backend>, SaveError> {
        let Current { backend, changed } = self.slot.current()?;
        if let Some(current) = changed {
            let base = self.last_value.take().unwrap_or_else(|| self.codec.empty());
            let loaded = self.take_in(current);
            let theirs = readable(loaded, || self.codec.empty());
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                let merged = self.codec.merge(&base, ours, &theirs, Prefer::Ours);
                if merged != *ours {
                    self.merged = Some(merged);
                }
            }
        }
        self.slot.writable()?;
        Ok(backend)
    }

    /// Adopts `raw` as the stored value and decides what may be done with it.
    pub fn take_in(&mut self, raw: Option<String>) -> Loaded<C::Value> {
        self.slot.hold = None;
        self.last_value = None;
        self.slot.last_raw = raw.clone();
        let Some(raw) = raw else { return Loaded::Fresh };
        match self.codec.decode(&raw) {
            Ok(decoded) => {
                self.last_value = Some(decoded.value.clone());
                Loaded::Restored {
                    value: decoded.value,
                    saved_at: decoded.saved_at,
                    migrated: decoded.migrated,
                }
            }
            Err(DecodeError::Newer { schema }) => {
                self.slot.hold = Some(Hold::Newer { schema });
                Loaded::Newer { schema, raw }
            }
            Err(error) => Loaded::KeptAside { backup_key: self.slot.back_up(&raw), error, raw },
        }
    }
}

/// Every key of `backend` starting with `prefix`, in text order (for backups: oldest first,
/// since their timestamps have the same number of digits for centuries).
pub fn keys_under(backend: &dyn Backend, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = backend.keys().into_iter().filter(|key| key.starts_with(prefix)).collect();
    decision_core::sort::sort(&mut keys);
    keys
}

fn message(err: BackendError) -> String {
    match err {
        BackendError::Quota => say!(CardPageWord::StorageFull).into(),
        BackendError::Other(m) => m,
    }
}
