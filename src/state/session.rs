//! One stored document, live on a page: its value as a signal, where saving stands, and what
//! the user must know about stored data, kept in step with storage and with other tabs.
//!
//! Generic over the document's [`Codec`], so the card's progress and the workshop share every
//! step: load, show, save every change after a quiet period, take in another tab's change
//! (and say so until the user's own next change), keep unreadable or newer data aside.

use crate::platform::clock::{self, now_clock};
use crate::storage::{Codec, Document, Loaded, Saver};
use decision_core::store::{Hold, Notice, NoticeKind, SaveState, StoreStatus, Stored};
use leptos::prelude::*;

/// The live state of one stored document.
pub struct Session<C: Codec + 'static>
where
    C::Value: Send + Sync + 'static,
{
    value: ReadSignal<C::Value>,
    set_value: WriteSignal<C::Value>,
    pub save_state: RwSignal<SaveState>,
    /// Something about stored data the user must see (kept-aside or newer data).
    pub notice: RwSignal<Option<Notice>>,
    /// What the document is, for the words of its statuses and notices.
    what: Stored,
    saver: StoredValue<Option<Saver<C>>, LocalStorage>,
}

impl<C: Codec + 'static> Clone for Session<C>
where
    C::Value: Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: Codec + 'static> Copy for Session<C> where C::Value: Send + Sync + 'static {}

impl<C: Codec + 'static> Session<C>
where
    C::Value: Send + Sync + 'static,
{
    /// The session showing `empty`, touching nothing outside: nothing is saved until
    /// [`Session::connect`], so this value can never be written over stored data.
    pub fn new(what: Stored, empty: C::Value) -> Self {
        let (value, set_value) = signal(empty);
        Session {
            value,
            set_value,
            save_state: RwSignal::new(SaveState::Idle),
            notice: RwSignal::new(None),
            what,
            saver: StoredValue::new_local(None),
        }
    }

    /// The value, to read.
    pub fn value(&self) -> ReadSignal<C::Value> {
        self.value
    }

    /// Changes the value; saved after the quiet period.
    pub fn update<R>(&self, change: impl FnOnce(&mut C::Value) -> R) -> Option<R> {
        self.set_value.try_update(change)
    }

    /// Replaces the value; saved after the quiet period.
    pub fn set(&self, value: C::Value) {
        self.set_value.set(value);
    }

    /// Opens `document`, shows what it holds, and keeps it in step with the value from now
    /// on: a debounced save on every change, and changes from other tabs taken in.
    /// `early` applies what the user changed before the app was live, which is newer than
    /// anything stored, over the stored value, and says whether it changed anything (then
    /// that is saved).
    pub fn connect(self, mut document: Document<C>, early: impl FnOnce(&mut C::Value) -> bool) {
        let empty = document.codec().empty();
        let loaded = document.load();
        let status = document.status();
        self.save_state.set(SaveState::of_status(&status));
        self.take_in(loaded, false, &empty);
        let moved_early = self.set_value.try_update(early).unwrap_or(false);
        if status != StoreStatus::Available {
            // Restored data says "saved at …", but a full, blocked or read-only storage is
            // what the user must see from the start.
            self.save_state.set(SaveState::of_status(&status));
        }

        // A value just taken in from another tab: saving it is not news to the user, who
        // should keep seeing where it came from until their next own change.
        let from_other_tab = StoredValue::new_local(None::<C::Value>);
        let mut saver = Saver::new(document);
        let save_state = self.save_state;
        saver.on_result(move |result| {
            save_state.update(|state| {
                if !(result.is_ok() && matches!(state, SaveState::OtherTab(_))) {
                    *state = SaveState::after(result, now_clock);
                }
            })
        });
        let empty_for_change = empty.clone();
        saver.on_change(move |loaded| {
            let taken = match &loaded {
                Loaded::Fresh => Some(empty_for_change.clone()),
                Loaded::Restored { value, .. } | Loaded::Merged { value } => Some(value.clone()),
                _ => None,
            };
            if taken.is_some() {
                from_other_tab.set_value(taken);
            }
            self.take_in(loaded, true, &empty_for_change)
        });
        if moved_early {
            saver.schedule(self.value.get_untracked());
        }
        self.saver.set_value(Some(saver));

        // Save on every change, not on the first run (which only reads the value).
        Effect::watch(
            move || self.value.get(),
            move |current, _, _| {
                let external = from_other_tab.try_update_value(|t| t.take()).flatten();
                if external.as_ref() != Some(current) {
                    save_state.set(SaveState::Pending);
                }
                self.saver.with_value(|s| {
                    if let Some(s) = s {
                        s.schedule(current.clone())
                    }
                });
            },
            false,
        );
    }

    /// Forgets the value and the stored copy (after the user confirmed).
    pub fn clear(&self, empty: C::Value) {
        let cleared = self.saver.with_value(|s| s.as_ref().and_then(|s| s.with_document(|d| d.clear())));
        self.set_value.set(empty);
        if let Some(Err(err)) = cleared {
            self.save_state.set(SaveState::after(&Err(err), now_clock));
        }
    }

    /// Applies what storage found, at start-up or from another tab.
    fn take_in(&self, loaded: Loaded<C::Value>, from_other_tab: bool, empty: &C::Value) {
        let other_tab = || SaveState::OtherTab(now_clock());
        match loaded {
            Loaded::Fresh => {
                self.set_value.set(empty.clone());
                if from_other_tab {
                    self.save_state.set(other_tab());
                }
            }
            Loaded::Restored { value, saved_at, .. } => {
                self.set_value.set(value);
                if from_other_tab {
                    self.save_state.set(other_tab());
                } else if saved_at > 0.0 {
                    // A document that records no time of saving says only that it is there.
                    self.save_state.set(SaveState::Saved(clock::clock(saved_at)));
                }
            }
            Loaded::Merged { value } => {
                self.set_value.set(value);
                self.save_state.set(other_tab());
            }
            Loaded::KeptAside { backup_key, error, raw } => {
                let kind = NoticeKind::KeptAside { backup_key, error };
                self.notice.set(Some(Notice { what: self.what, kind, raw }));
            }
            Loaded::Newer { schema, raw } => {
                self.save_state.set(SaveState::ReadOnly(Hold::Newer { schema }));
                self.notice.set(Some(Notice { what: self.what, kind: NoticeKind::Newer { schema }, raw }));
            }
            Loaded::Unavailable(why) => self.save_state.set(SaveState::MemoryOnly(why)),
        }
    }
}
