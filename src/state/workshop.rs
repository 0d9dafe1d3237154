//! A facilitator's workshop session: the participants gathered so far, saved in this browser
//! and kept in step with other tabs, with the reports of what each paste or file added.

use crate::platform::browser;
use crate::platform::clock::now_clock;
use crate::storage::{self, Loaded, Saver};
use decision_core::card::Card;
use decision_core::store::{Hold, Notice, NoticeKind, SaveState, StoreStatus, Stored};
use decision_core::workshop::{self, AddOutcome, Report, Source, Workshop};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct WorkshopSession {
    pub card: &'static Card,
    pub workshop: RwSignal<Workshop>,
    pub save_state: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    /// What the last paste or file pick did, line by line.
    pub reports: RwSignal<Vec<Report>>,
    saver: StoredValue<Option<Saver<storage::WorkshopCodec>>, LocalStorage>,
}

impl WorkshopSession {
    /// An empty workshop, touching nothing outside.
    pub fn new(card: &'static Card) -> WorkshopSession {
        WorkshopSession {
            card,
            workshop: RwSignal::new(Workshop::new(card)),
            save_state: RwSignal::new(SaveState::Idle),
            notice: RwSignal::new(None),
            reports: RwSignal::new(Vec::new()),
            saver: StoredValue::new_local(None),
        }
    }

    /// Opens the workshop saved in this browser, shows it, and saves every change from now on.
    pub fn connect(self) {
        let mut document = storage::open_workshop(self.card);
        let loaded = document.load();
        let status = document.status();
        self.save_state.set(SaveState::of_status(&status));
        self.take_in(loaded);
        if status != StoreStatus::Available {
            self.save_state.set(SaveState::of_status(&status));
        }
        let mut saver = Saver::new(document);
        let save_state = self.save_state;
        saver.on_result(move |result| save_state.set(SaveState::after(result, now_clock)));
        saver.on_change(move |loaded| {
            let readable = matches!(loaded, Loaded::Fresh | Loaded::Restored { .. } | Loaded::Merged { .. });
            self.take_in(loaded);
            if readable {
                self.save_state.set(SaveState::OtherTab(now_clock()));
            }
        });
        self.saver.set_value(Some(saver));
        let workshop = self.workshop;
        Effect::new(move |seen: Option<()>| {
            let current = workshop.get();
            if seen.is_some() {
                save_state.set(SaveState::Pending);
                self.saver.with_value(|s| {
                    if let Some(s) = s {
                        s.schedule(current)
                    }
                });
            }
        });
    }

    /// Adds every share link in pasted text; returns the lines that could not be added.
    pub fn add_pasted(&self, text: &str) -> String {
        let Some(pasted) = self.workshop.try_update(|w| w.add_pasted(self.card, text)) else {
            return text.to_owned();
        };
        self.reports.set(pasted.reports);
        pasted.kept
    }

    /// Adds answers files the facilitator picked: `(file name, its text, or what became of
    /// it when it could not be read)`.
    pub fn add_files(&self, files: Vec<(String, Result<String, AddOutcome>)>) {
        let mut reports = Vec::new();
        self.workshop.update(|w| {
            for (name, text) in files {
                match text {
                    Ok(text) => reports.extend(w.add_file(self.card, &name, &text)),
                    Err(outcome) => {
                        reports.push(Report { source: Some(Source::File(name)), outcome: Some(outcome) })
                    }
                }
            }
        });
        self.reports.set(reports);
    }

    pub fn rename(&self, index: usize, name: String) {
        self.workshop.update(|w| {
            if let Some(p) = w.participants.get_mut(index) {
                p.name = name;
            }
        });
    }

    pub fn remove(&self, index: usize) {
        self.workshop.update(|w| {
            if index < w.participants.len() {
                w.participants.remove(index);
            }
        });
    }

    pub fn remove_all(&self) {
        self.workshop.update(|w| w.participants.clear());
    }

    pub fn set_hidden(&self, hidden: bool) {
        self.workshop.update(|w| w.hidden = hidden);
    }

    /// Downloads `text` as a file named after the card: `<card-id>-<suffix>`.
    pub fn download(&self, suffix: &str, mime: &str, text: &str) -> bool {
        browser::download(&format!("{}-{suffix}", self.card.id), mime, text)
    }

    /// Downloads the whole workshop, every participant's answers, as a file that "Add
    /// answers files" takes back (here or in another browser).
    pub fn download_workshop(&self) -> bool {
        let text = self.workshop.with_untracked(workshop::encode);
        self.download("workshop.json", "application/json", &text)
    }

    fn take_in(&self, loaded: Loaded<Workshop>) {
        match loaded {
            Loaded::Fresh => self.workshop.set(Workshop::new(self.card)),
            Loaded::Restored { value, .. } | Loaded::Merged { value } => self.workshop.set(value),
            Loaded::KeptAside { backup_key, error, raw } => {
                let kind = NoticeKind::KeptAside { backup_key, error };
                self.notice.set(Some(Notice { what: Stored::Workshop, kind, raw }));
            }
            Loaded::Newer { schema, raw } => {
                self.save_state.set(SaveState::ReadOnly(Hold::Newer { schema }));
                self.notice.set(Some(Notice {
                    what: Stored::Workshop,
                    kind: NoticeKind::Newer { schema },
                    raw,
                }));
            }
            Loaded::Unavailable(why) => self.save_state.set(SaveState::MemoryOnly(why)),
        }
    }
}
