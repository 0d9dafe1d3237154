//! One card's working session: connects the answers signal to saved progress.
//!
//! Loads what was saved, schedules a debounced save on every change, takes in changes made
//! in another tab (merged with this tab's unsaved ones), turns what storage reports into words
//! for the status line, and exports the answers as a file when they cannot be saved. The
//! storage rules themselves live in [`crate::storage`].

use crate::browser;
use crate::components::progress::{Notice, SaveState};
use crate::storage::{Loaded, SaveError, Saver, Store, StoreStatus};
use decision_core::answers::Answers;
use decision_core::card::Card;
use decision_core::share;
use leptos::prelude::*;

/// The reactive state of one card: its answers and what the user should know about saving.
#[derive(Clone, Copy)]
pub struct Session {
    pub answers: RwSignal<Answers>,
    pub save_state: RwSignal<SaveState>,
    /// Something about stored data the user must see (kept-aside or newer data).
    pub notice: RwSignal<Option<Notice>>,
    card: &'static Card,
    saver: StoredValue<Saver, LocalStorage>,
}

impl Session {
    /// Open the card's saved progress and keep it in step with `answers` from now on.
    pub fn start(card: &'static Card) -> Session {
        let mut store = Store::open(&card.id, card.version);
        let loaded = store.load();
        let status = store.status();
        let save_state = RwSignal::new(state_of(&status));
        let notice = RwSignal::new(None);
        let answers = RwSignal::new(Answers::default());
        take_in(loaded, answers, notice, save_state, false);
        if status != StoreStatus::Available {
            // Restored answers say "saved at …", but a full, blocked or read-only storage is
            // what the user must see from the start.
            save_state.set(state_of(&status));
        }

        // Answers just taken in from another tab: saving them is not news to the user, who
        // should keep seeing where they came from until their next own change.
        let from_other_tab = StoredValue::new(None::<Answers>);
        let mut saver = Saver::new(store);
        saver.on_result(move |result| {
            save_state.update(|state| {
                if !(result.is_ok() && matches!(state, SaveState::OtherTab(_))) {
                    *state = state_after(result);
                }
            })
        });
        saver.on_change(move |loaded| {
            if let Loaded::Fresh | Loaded::Restored { .. } | Loaded::Merged { .. } = loaded {
                let taken = match &loaded {
                    Loaded::Restored { answers, .. } | Loaded::Merged { answers } => answers.clone(),
                    _ => Answers::default(),
                };
                from_other_tab.set_value(Some(taken));
            }
            take_in(loaded, answers, notice, save_state, true)
        });
        let saver = StoredValue::new_local(saver);

        // Save on every change after the first run (the first run only reads the loaded answers).
        Effect::new(move |seen: Option<()>| {
            let current = answers.get();
            if seen.is_some() {
                let external = from_other_tab.try_update_value(|t| t.take()).flatten();
                if external.as_ref() != Some(&current) {
                    save_state.set(SaveState::Pending);
                }
                saver.with_value(|s| s.schedule(current));
            }
        });
        Session { answers, save_state, notice, card, saver }
    }

    /// Download the answers as the answers file (the same file the share bar exports, which
    /// Import reads back): the way out when they cannot be saved in this browser.
    pub fn export(&self) -> bool {
        let text =
            self.answers.with_untracked(|a| share::encode_file(self.card, a, None, crate::storage::now_ms()));
        browser::download(&format!("{}-answers.json", self.card.id), "application/json", &text)
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
    from_other_tab: bool,
) {
    let now = || browser::clock(crate::storage::now_ms());
    match loaded {
        Loaded::Fresh => {
            answers.set(Answers::default());
            if from_other_tab {
                save_state.set(SaveState::OtherTab(now()));
            }
        }
        Loaded::Restored { answers: saved, saved_at, .. } => {
            answers.set(saved);
            save_state.set(if from_other_tab {
                SaveState::OtherTab(now())
            } else {
                SaveState::Saved(browser::clock(saved_at))
            });
        }
        Loaded::Merged { answers: merged } => {
            answers.set(merged);
            save_state.set(SaveState::OtherTab(now()));
        }
        Loaded::KeptAside { backup_key, reason, raw } => {
            let kept = match backup_key {
                Some(key) => format!(" A copy was kept in this browser under \u{201c}{key}\u{201d}."),
                None => {
                    " It was left in place and will not be overwritten until you download it.".to_string()
                }
            };
            notice.set(Some(Notice {
                message: format!("{reason}{kept} The card starts fresh."),
                raw: Some(raw),
            }));
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
