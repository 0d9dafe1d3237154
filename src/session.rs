//! One card's working session: connects the answers signal to saved progress.
//!
//! Loads what was saved, schedules a debounced save on every change, takes in changes made
//! in another tab, and turns what storage reports into words for the status line. The
//! storage rules themselves live in [`crate::storage`].

use crate::browser;
use crate::components::progress::{Notice, SaveState};
use crate::model::answers::Answers;
use crate::model::card::Card;
use crate::storage::{Loaded, SaveError, Saver, Store, StoreStatus};
use leptos::prelude::*;

/// The reactive state of one card: its answers and what the user should know about saving.
#[derive(Clone, Copy)]
pub struct Session {
    pub answers: RwSignal<Answers>,
    pub save_state: RwSignal<SaveState>,
    /// Something about stored data the user must see (kept-aside or newer data).
    pub notice: RwSignal<Option<Notice>>,
    saver: StoredValue<Saver, LocalStorage>,
}

impl Session {
    /// Open the card's saved progress and keep it in step with `answers` from now on.
    pub fn start(card: &'static Card) -> Session {
        let mut store = Store::open(&card.id, card.version);
        let loaded = store.load();
        let save_state = RwSignal::new(state_of(&store.status()));
        let notice = RwSignal::new(None);
        let answers = RwSignal::new(Answers::default());
        take_in(loaded, answers, notice, save_state);

        let mut saver = Saver::new(store);
        saver.on_result(move |result| save_state.set(state_after(result)));
        saver.on_change(move |loaded| take_in(loaded, answers, notice, save_state));
        let saver = StoredValue::new_local(saver);

        // Save on every change after the first run (the first run only reads the loaded answers).
        Effect::new(move |seen: Option<()>| {
            let current = answers.get();
            if seen.is_some() {
                save_state.set(SaveState::Pending);
                saver.with_value(|s| s.schedule(current));
            }
        });
        Session { answers, save_state, notice, saver }
    }

    /// Forget every answer and the saved copy (after the user confirmed).
    pub fn reset(&self) {
        let cleared = self.saver.with_value(|s| s.with_store(|store| store.clear()));
        self.answers.set(Answers::default());
        if let Some(Err(err)) = cleared {
            self.save_state.set(state_after(&Err(err)));
        }
    }
}

/// Apply what storage found, from start-up or from another tab.
fn take_in(
    loaded: Loaded,
    answers: RwSignal<Answers>,
    notice: RwSignal<Option<Notice>>,
    save_state: RwSignal<SaveState>,
) {
    match loaded {
        Loaded::Fresh => answers.set(Answers::default()),
        Loaded::Restored { answers: saved, saved_at, .. } => {
            answers.set(saved);
            save_state.set(SaveState::Saved(browser::clock(saved_at)));
        }
        Loaded::KeptAside { backup_key, reason, raw } => {
            let kept = match backup_key {
                Some(key) => format!(" A copy was kept in this browser under \u{201c}{key}\u{201d}."),
                None => " It was left in place and will not be overwritten until you download it.".to_string(),
            };
            notice.set(Some(Notice { message: format!("{reason}{kept} The card starts fresh."), raw: Some(raw) }));
        }
        Loaded::Newer { reason, raw } => {
            save_state.set(SaveState::ReadOnly(reason.clone()));
            notice.set(Some(Notice { message: reason, raw: Some(raw) }));
        }
        Loaded::Unavailable { reason } => save_state.set(SaveState::MemoryOnly(reason)),
    }
}

fn state_of(status: &StoreStatus) -> SaveState {
    match status {
        StoreStatus::Available => SaveState::Idle,
        StoreStatus::Unavailable(reason) => SaveState::MemoryOnly(reason.clone()),
        StoreStatus::ReadOnly(reason) => SaveState::ReadOnly(reason.clone()),
        other => SaveState::Failed(other.to_string()),
    }
}

fn state_after(result: &Result<(), SaveError>) -> SaveState {
    match result {
        Ok(()) => SaveState::Saved(browser::clock(crate::storage::now_ms())),
        Err(SaveError::Unavailable(reason)) => SaveState::MemoryOnly(reason.clone()),
        Err(SaveError::ReadOnly(reason)) => SaveState::ReadOnly(reason.clone()),
        Err(err) => SaveState::Failed(err.to_string()),
    }
}
