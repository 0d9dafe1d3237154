//! One card's session: its answers, the decisions recorded on it and its saved progress
//! ([`Session`]), and answers that arrive from outside (a share link in the address, an
//! imported answers file), waiting for the user's choice.
//!
//! Components change the answers only through [`CardSession::edit`], with a core [`Edit`]:
//! the same type that carries the edits made before the app was live. A decision is recorded
//! only through [`CardSession::record`], from a checked core [`Draft`].

use super::session::Session;
use crate::controls::{Control, Value};
use crate::platform::{browser, clock};
use crate::storage::{self, ProgressCodec};
use decision_core::answers::{Answers, Edit};
use decision_core::card::Card;
use decision_core::engine;
use decision_core::envelope::Contents;
use decision_core::history::{self, words, Decision, Draft, History};
use decision_core::lang::record_page::RecordPageWord;
use decision_core::messages::{self, FileRefused, IncomingSource};
use decision_core::record;
use decision_core::say;
use decision_core::share::{self, Shared};
use decision_core::store::{Notice, SaveState, Stored};
use leptos::prelude::*;

/// Answers that arrived from outside and wait for the user's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub source: IncomingSource,
    pub shared: Shared,
}

/// The reactive state of one card.
#[derive(Clone, Copy)]
pub struct CardSession {
    pub card: &'static Card,
    progress: Session<ProgressCodec>,
    answers: Memo<Answers>,
    history: Memo<History>,
    /// A share link in the page's address (now, or pasted later), for the share bar to offer.
    link: RwSignal<Option<String>>,
    incoming: RwSignal<Option<Incoming>>,
    refused: RwSignal<Option<String>>,
}

impl CardSession {
    /// The session with empty answers, touching nothing outside.
    pub fn new(card: &'static Card) -> CardSession {
        let progress = Session::new(Stored::Progress, Contents::default());
        let contents = progress.value();
        CardSession {
            card,
            progress,
            answers: Memo::new(move |_| contents.with(|c| c.answers.clone())),
            history: Memo::new(move |_| contents.with(|c| c.history.clone())),
            link: RwSignal::new(None),
            incoming: RwSignal::new(None),
            refused: RwSignal::new(None),
        }
    }

    pub fn answers(&self) -> Memo<Answers> {
        self.answers
    }

    /// The decisions recorded on the card, oldest first.
    pub fn history(&self) -> Memo<History> {
        self.history
    }

    pub fn save_state(&self) -> ReadSignal<SaveState> {
        self.progress.save_state.read_only()
    }

    pub fn notice(&self) -> ReadSignal<Option<Notice>> {
        self.progress.notice.read_only()
    }

    /// A share link in the page's address: the share bar offers its answers
    /// ([`CardSession::offer_link`]). Read and decoded there, so that a page opened without
    /// one never loads the code that reads links.
    pub fn link_in_address(&self) -> ReadSignal<Option<String>> {
        self.link.read_only()
    }

    /// Answers offered by a link or a file, until the user uses or declines them.
    pub fn incoming(&self) -> ReadSignal<Option<Incoming>> {
        self.incoming.read_only()
    }

    /// Why the last link or file could not be used, until dismissed.
    pub fn refused(&self) -> ReadSignal<Option<String>> {
        self.refused.read_only()
    }

    /// The one way the answers change: a control's edit.
    pub fn edit(&self, edit: Edit) {
        self.progress.update(|c| c.answers.apply(edit));
    }

    /// A control was set to `value` on the page: its edit, if the value is one the control
    /// can have.
    pub fn set(&self, control: Control, value: Value) {
        if let Some(edit) = control.edit(value) {
            self.edit(edit);
        }
    }

    /// Opens the card's saved progress, shows it, and keeps it in step with the answers from
    /// now on. `early`, what the reader changed before the app was live, is newer than
    /// anything stored: each edit is applied, field by field, over the saved answers, and
    /// saved. Then a share link in the address (now, or pasted later) is noted, for the share
    /// bar to offer.
    pub fn connect(self, early: Vec<Edit>) {
        self.progress.connect(storage::open_progress(self.card), move |contents| {
            let moved = !early.is_empty();
            early.into_iter().for_each(|edit| contents.answers.apply(edit));
            moved
        });
        self.note_link_in_address();
        // Only when the fragment changes (a link pasted into this tab's address bar).
        let listener = window_event_listener_untyped("hashchange", move |_| self.note_link_in_address());
        on_cleanup(move || listener.remove());
    }

    /// The share link of the answers, with the sender's name when given, and this browser's
    /// participant token ([`CardSession::make_token`]) and the time now, so that a workshop
    /// tells this participant's rounds apart.
    pub fn share_link(&self, name: &str) -> String {
        let token = self.progress.value().with(|c| c.token.clone());
        let sender = token.as_deref().map(|token| share::Sender { token, made: clock::now_s() });
        let fragment = self.answers.with(|a| share::encode_link(self.card, a, Some(name), sender));
        format!("{}#{fragment}", browser::page_url().unwrap_or_default())
    }

    /// The address of this page that opens `answers` (a share link, without a name).
    pub fn link_to(&self, answers: &Answers, name: Option<&str>) -> String {
        let fragment = share::encode_link(self.card, answers, name, None);
        format!("{}#{fragment}", browser::page_url().unwrap_or_default())
    }

    /// Gives this browser a participant token for the card, once, saved with the progress:
    /// made when answers are first shared, so a reader who never shares stores nothing.
    pub fn make_token(&self) {
        if self.progress.value().with_untracked(|c| c.token.is_none()) {
            let token = share::new_token(browser::random_u32);
            self.progress.update(|c| c.token.get_or_insert(token).clone());
        }
    }

    /// Records a decision on the answers as they are: it becomes the decision in force, and
    /// is saved with the answers. The draft's problem in words when it cannot be recorded.
    pub fn record(&self, draft: &Draft) -> Result<(), String> {
        let decision = self.answers.with_untracked(|a| {
            let verdict = engine::evaluate(self.card, a);
            history::decide(self.card, a, &verdict, draft, clock::now_ms())
        });
        let decision = decision.map_err(|e| words::draft_error(&e))?;
        self.progress.update(|c| c.history.record(decision));
        Ok(())
    }

    /// Downloads the calendar file of a decision's revisit date.
    pub fn download_calendar(&self, decision: &Decision) -> bool {
        let link = self.link_to(&decision.answers, None);
        let text = record::calendar(self.card, decision, &link, clock::now_ms());
        let stem =
            say!(RecordPageWord::CalendarFileStem, card = self.card.id, date = decision.revisit_by.to_iso());
        let file = format!("{stem}.ics");
        browser::download(&file, "text/calendar", &text)
    }

    /// Downloads the answers as the answers file (which Import reads back): also the way out
    /// when they cannot be saved in this browser.
    pub fn export(&self, name: Option<&str>) -> bool {
        let text = self.progress.value().with_untracked(|c| {
            share::encode_file(self.card, &c.answers, &c.history, name, None, clock::now_ms())
        });
        browser::download(&format!("{}-answers.json", self.card.id), "application/json", &text)
    }

    /// Reads a picked answers file and offers its answers (or says why it cannot).
    pub fn import_file(self, file: web_sys::File) {
        let name = file.name();
        // Checked before anything is read into memory.
        if let Err(err) = share::check_file_size(file.size() as u64) {
            return self.refuse(messages::file_refused(&name, &FileRefused::Share(err)));
        }
        leptos::task::spawn_local(async move {
            let result = match browser::file_text(&file).await {
                Ok(text) => share::decode_file(&text, self.card).map_err(FileRefused::Share),
                Err(why) => Err(FileRefused::Unreadable(why)),
            };
            match result {
                Ok(shared) => self.offer(IncomingSource::File(name), shared),
                Err(err) => self.refuse(messages::file_refused(&name, &err)),
            }
        });
    }

    /// Puts the offered answers on the card in place of the current ones.
    pub fn use_incoming(&self) {
        if let Some(incoming) = self.incoming.try_update(Option::take).flatten() {
            let Shared { answers, history, .. } = incoming.shared;
            self.progress.update(|c| {
                c.answers = answers;
                c.history = History::union(&c.history, &history);
            });
        }
        browser::clear_fragment();
    }

    /// Declines the offered answers.
    pub fn decline_incoming(&self) {
        self.incoming.set(None);
        browser::clear_fragment();
    }

    pub fn dismiss_refusal(&self) {
        self.refused.set(None);
    }

    /// Forgets every answer (after the user confirmed). Recorded decisions are kept, each
    /// with its own answers, and so is the participant token; without either, the saved copy
    /// goes too.
    pub fn reset(&self) {
        // The participant token stays: answering afresh is still the same participant.
        let keep = self.progress.value().with_untracked(|c| !c.history.is_empty() || c.token.is_some());
        if keep {
            self.progress.update(|c| c.answers = Answers::default());
        } else {
            self.progress.clear(Contents::default());
        }
    }

    /// Notes the share link in the page's address, if there is one. Section anchors
    /// (`#dc-…`) are not links.
    fn note_link_in_address(self) {
        self.link.set(browser::fragment().filter(|fragment| share::is_link(fragment)));
    }

    /// Offers the answers of a share link `fragment` (or says why they cannot be used).
    pub fn offer_link(&self, fragment: &str) {
        match share::decode_link(fragment, self.card) {
            Ok(shared) => self.offer(IncomingSource::Link, shared),
            Err(err) => self.refuse(messages::link_refused(&err)),
        }
    }

    fn offer(&self, source: IncomingSource, shared: Shared) {
        self.refused.set(None);
        self.incoming.set(Some(Incoming { source, shared }));
    }

    fn refuse(&self, why: String) {
        self.incoming.set(None);
        self.refused.set(Some(why));
    }
}
