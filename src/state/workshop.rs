//! A facilitator's workshop session: the participants gathered so far, saved in this browser
//! and kept in step with other tabs, with the reports of what each paste or file added.

use super::session::Session;
use crate::platform::{browser, clock};
use crate::storage::{self, NotRecorded};
use decision_core::card::Card;
use decision_core::history::{self, words, Draft};
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages;
use decision_core::say;
use decision_core::store::{Notice, SaveState, Stored};
use decision_core::workshop::{self, AddOutcome, Report, Source, Summary, Workshop};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct WorkshopSession {
    pub card: &'static Card,
    stored: Session<storage::WorkshopCodec>,
    /// What the last paste or file pick did, line by line.
    pub reports: RwSignal<Vec<Report>>,
}

impl WorkshopSession {
    /// An empty workshop, touching nothing outside.
    pub fn new(card: &'static Card) -> WorkshopSession {
        WorkshopSession {
            card,
            stored: Session::new(Stored::Workshop, Workshop::new(card)),
            reports: RwSignal::new(Vec::new()),
        }
    }

    pub fn workshop(&self) -> ReadSignal<Workshop> {
        self.stored.value()
    }

    pub fn save_state(&self) -> ReadSignal<SaveState> {
        self.stored.save_state.read_only()
    }

    pub fn notice(&self) -> ReadSignal<Option<Notice>> {
        self.stored.notice.read_only()
    }

    /// Opens the workshop saved in this browser, shows it, and saves every change from now on.
    pub fn connect(self) {
        self.stored.connect(storage::open_workshop(self.card), |_| false);
    }

    /// Records the group's answers and verdict as a decision on the card's progress in this
    /// browser: decided today by the group, revisited after the card's period. The decided
    /// line, or why nothing was recorded; `None` before there is a group (or a date).
    pub fn record_group_decision(&self, summary: &Summary) -> Option<Result<String, String>> {
        let card = self.card;
        let today = clock::today()?;
        let verdict = summary.group_verdict.as_ref()?;
        let count = self.workshop().with_untracked(|w| w.participants.len());
        let draft = Draft { by: say!(W::DecidedBy, count = count), ..history::draft(card, verdict, today) };
        let decision = history::decide(card, &summary.group, verdict, &draft, clock::now_ms()).ok()?;
        let line = words::decided(card, &decision);
        Some(match storage::record_on_card(card, decision) {
            Ok(()) => Ok(say!(W::Recorded, line = line)),
            Err(NotRecorded::Unreadable) => Err(say!(W::NotRecordedUnreadable).into()),
            Err(NotRecorded::Save(err)) => {
                Err(say!(W::NotRecordedSave, why = messages::save_error(&err, Stored::Progress)))
            }
        })
    }

    /// Adds every share link in pasted text; returns the lines that could not be added.
    pub fn add_pasted(&self, text: &str) -> String {
        let Some(pasted) = self.stored.update(|w| w.add_pasted(self.card, text)) else {
            return text.to_owned();
        };
        self.reports.set(pasted.reports);
        pasted.kept
    }

    /// Reads and adds answers files (or downloaded workshops) the facilitator picked; each
    /// is refused by size before it is read into memory.
    pub fn add_files(self, files: Vec<web_sys::File>) {
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            for file in files {
                let text = match workshop::check_file_size(file.size() as u64) {
                    Err(err) => Err(AddOutcome::Refused(err)),
                    Ok(()) => browser::file_text(&file).await.map_err(AddOutcome::Unreadable),
                };
                read.push((file.name(), text));
            }
            self.add_read_files(read);
        });
    }

    /// Adds files already read: `(file name, its text, or what became of it when it could
    /// not be read)`.
    pub fn add_read_files(&self, files: Vec<(String, Result<String, AddOutcome>)>) {
        let mut reports = Vec::new();
        self.stored.update(|w| {
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
        self.stored.update(|w| {
            if let Some(p) = w.participants.get_mut(index) {
                p.name = name;
            }
        });
    }

    pub fn remove(&self, index: usize) {
        self.stored.update(|w| {
            if index < w.participants.len() {
                w.participants.remove(index);
            }
        });
    }

    /// Removes every participant of every round: the workshop starts again at round 1.
    pub fn remove_all(&self) {
        self.stored.update(|w| {
            w.participants.clear();
            w.closed.clear();
        });
        self.reports.set(Vec::new());
    }

    /// Closes the round being gathered, as it is; what is added from now on goes into the
    /// next round.
    pub fn start_round(&self) {
        self.stored.update(Workshop::start_round);
        self.reports.set(Vec::new());
    }

    pub fn set_hidden(&self, hidden: bool) {
        self.stored.update(|w| w.hidden = hidden);
    }

    /// Downloads `text` as a file named after the card: `<card-id>-<suffix>`.
    pub fn download(&self, suffix: &str, mime: &str, text: &str) -> bool {
        browser::download(&format!("{}-{suffix}", self.card.id), mime, text)
    }

    /// Downloads the whole workshop, every participant's answers, as a file that "Add
    /// answers files" takes back (here or in another browser).
    pub fn download_workshop(&self) -> bool {
        let text = self.stored.value().with_untracked(workshop::encode);
        self.download("workshop.json", "application/json", &text)
    }
}
