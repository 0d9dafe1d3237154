//! One card's session: its answers, saved progress, the status line and notices.

use crate::platform::browser;
use crate::platform::clock::{self, now_clock};
use crate::storage::{self, Loaded, ProgressCodec, Saver};
use decision_core::answers::{Answers, Edit};
use decision_core::card::Card;
use decision_core::share;
use decision_core::store::{Notice, NoticeKind, SaveState, StoreStatus, Stored};
use leptos::prelude::*;

/// The reactive state of one card: its answers and what the user should know about saving.
#[derive(Clone, Copy)]
pub struct CardSession {
    pub card: &'static Card,
    pub answers: RwSignal<Answers>,
    pub save_state: RwSignal<SaveState>,
    /// Something about stored data the user must see (kept-aside or newer data).
    pub notice: RwSignal<Option<Notice>>,
    saver: StoredValue<Option<Saver<ProgressCodec>>, LocalStorage>,
}

impl CardSession {
    /// The session with empty answers, touching nothing outside.
    pub fn new(card: &'static Card) -> CardSession {
        CardSession {
            card,
            answers: RwSignal::new(Answers::default()),
            save_state: RwSignal::new(SaveState::Idle),
            notice: RwSignal::new(None),
            saver: StoredValue::new_local(None),
        }
    }

    /// Opens the card's saved progress, shows it, and keeps it in step with the answers from
    /// now on: a debounced save on every change, and changes from other tabs taken in.
    /// `before`, what the reader changed before the app was live, is newer than anything
    /// stored: each edit is applied, field by field, over the saved answers, and saved.
    pub fn connect(self, before: Vec<Edit>) {
        let mut document = storage::open_progress(self.card);
        let loaded = document.load();
        let status = document.status();
        self.save_state.set(SaveState::of_status(&status));
        self.take_in(loaded, false);
        let moved_early = !before.is_empty();
        if moved_early {
            self.answers.update(|now| before.into_iter().for_each(|edit| now.apply(edit)));
        }
        if status != StoreStatus::Available {
            // Restored answers say "saved at …", but a full, blocked or read-only storage is
            // what the user must see from the start.
            self.save_state.set(SaveState::of_status(&status));
        }

        // Answers just taken in from another tab: saving them is not news to the user, who
        // should keep seeing where they came from until their next own change.
        let from_other_tab = StoredValue::new(None::<Answers>);
        let mut saver = Saver::new(document);
        let save_state = self.save_state;
        saver.on_result(move |result| {
            save_state.update(|state| {
                if !(result.is_ok() && matches!(state, SaveState::OtherTab(_))) {
                    *state = SaveState::after(result, now_clock);
                }
            })
        });
        saver.on_change(move |loaded| {
            if let Loaded::Fresh | Loaded::Restored { .. } | Loaded::Merged { .. } = loaded {
                let taken = match &loaded {
                    Loaded::Restored { value, .. } | Loaded::Merged { value } => value.clone(),
                    _ => Answers::default(),
                };
                from_other_tab.set_value(Some(taken));
            }
            self.take_in(loaded, true)
        });
        if moved_early {
            saver.schedule(self.answers.get_untracked());
        }
        self.saver.set_value(Some(saver));

        // Save on every change after the first run (the first run only reads the answers).
        let answers = self.answers;
        Effect::new(move |seen: Option<()>| {
            let current = answers.get();
            if seen.is_some() {
                let external = from_other_tab.try_update_value(|t| t.take()).flatten();
                if external.as_ref() != Some(&current) {
                    save_state.set(SaveState::Pending);
                }
                self.saver.with_value(|s| {
                    if let Some(s) = s {
                        s.schedule(current)
                    }
                });
            }
        });
    }

    /// Downloads the answers as the answers file (the same file the share bar exports,
    /// which Import reads back): the way out when they cannot be saved in this browser.
    pub fn export(&self) -> bool {
        let text = self.answers.with_untracked(|a| share::encode_file(self.card, a, None, clock::now_ms()));
        browser::download(&format!("{}-answers.json", self.card.id), "application/json", &text)
    }

    /// Forgets every answer and the saved copy (after the user confirmed).
    pub fn reset(&self) {
        let cleared = self.saver.with_value(|s| s.as_ref().and_then(|s| s.with_document(|d| d.clear())));
        self.answers.set(Answers::default());
        if let Some(Err(err)) = cleared {
            self.save_state.set(SaveState::after(&Err(err), now_clock));
        }
    }

    /// Applies what storage found, at start-up or from another tab.
    fn take_in(&self, loaded: Loaded<Answers>, from_other_tab: bool) {
        match loaded {
            Loaded::Fresh => {
                self.answers.set(Answers::default());
                if from_other_tab {
                    self.save_state.set(SaveState::OtherTab(now_clock()));
                }
            }
            Loaded::Restored { value, saved_at, .. } => {
                self.answers.set(value);
                self.save_state.set(if from_other_tab {
                    SaveState::OtherTab(now_clock())
                } else {
                    SaveState::Saved(clock::clock(saved_at))
                });
            }
            Loaded::Merged { value } => {
                self.answers.set(value);
                self.save_state.set(SaveState::OtherTab(now_clock()));
            }
            Loaded::KeptAside { backup_key, error, raw } => {
                let kind = NoticeKind::KeptAside { backup_key, error };
                self.notice.set(Some(Notice { what: Stored::Progress, kind, raw }));
            }
            Loaded::Newer { schema, raw } => {
                self.save_state.set(SaveState::ReadOnly(decision_core::store::Hold::Newer { schema }));
                self.notice.set(Some(Notice {
                    what: Stored::Progress,
                    kind: NoticeKind::Newer { schema },
                    raw,
                }));
            }
            Loaded::Unavailable(why) => self.save_state.set(SaveState::MemoryOnly(why)),
        }
    }
}
