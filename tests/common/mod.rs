//! Fixtures shared by the app's tests, native and in the browser: answers to write, stored
//! documents over an in-memory backend, and (in the browser) the real `localStorage`.

#![allow(dead_code)]

use decision_cards::storage::{self, backend, Document, MemoryStorage, ProgressCodec, WorkshopCodec};
use decision_core::answers::{Answers, FactorAnswer};
use decision_core::envelope::Contents;

/// The seed card's id.
pub const CARD: &str = "model-api-vs-self-hosted";

/// The seed card, read from `content/` by the build's own loader (a page gets it from its
/// data block; these tests mount the components without a page).
pub fn seed_card() -> &'static decision_core::card::Card {
    // A page installs the words it carries; these tests mount components without a page.
    decision_core::lang::install(decision_core::lang::english());
    let file = "content/model-api-vs-self-hosted.toml";
    let text = include_str!("../../content/model-api-vs-self-hosted.toml");
    match decision_core::authoring::load::parse_card(file, text) {
        (Some(card), _) => Box::leak(Box::new(card)),
        (None, problems) => panic!("the seed card does not load: {problems:?}"),
    }
}

/// A fixed clock: tests compare saved texts, so the time must not move.
pub fn fixed_now() -> f64 {
    1_700_000_000_000.0
}

/// Answers with the privacy slider at `position` (importance 2), one signal ticked, and a
/// note when `note` is not empty.
pub fn answers(position: i8, note: &str) -> Answers {
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position, weight: Some(2) });
    a.ticked.insert("signal-b-1".into());
    if !note.is_empty() {
        a.notes.insert("question-1".into(), note.into());
    }
    a
}

/// Answers as a card's stored progress holds them, with no decision recorded.
pub fn kept(answers: &Answers) -> Contents {
    Contents { answers: answers.clone(), ..Default::default() }
}

/// The progress codec for a card id (any id: the documents do not need a bundled card).
pub fn progress(card_id: &str, content_version: u32) -> ProgressCodec {
    ProgressCodec { card_id: card_id.into(), content_version }
}

/// A card's progress document over `memory`.
pub fn progress_document(
    memory: &MemoryStorage,
    card_id: &str,
    content_version: u32,
) -> Document<ProgressCodec> {
    Document::open(
        storage::progress_key(card_id),
        progress(card_id, content_version),
        backend::probe(memory.backend()),
        fixed_now,
    )
}

/// A card's workshop document over `memory`.
pub fn workshop_document(memory: &MemoryStorage, card_id: &str) -> Document<WorkshopCodec> {
    Document::open(
        storage::workshop_key(card_id),
        WorkshopCodec { card_id: card_id.into(), content_version: 1 },
        backend::probe(memory.backend()),
        fixed_now,
    )
}

#[cfg(target_arch = "wasm32")]
pub mod web {
    //! The browser's own storage and timers.

    use web_sys::Storage;

    pub fn storage() -> Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    /// `localStorage`, emptied: each test starts from nothing.
    pub fn fresh() -> Storage {
        let s = storage();
        s.clear().unwrap();
        s
    }

    pub fn get(key: &str) -> Option<String> {
        storage().get_item(key).unwrap()
    }

    /// Fills `localStorage` until not even one more character fits; returns the filler keys.
    pub fn fill(s: &Storage) -> Vec<String> {
        let mut keys = Vec::new();
        let mut size = 1 << 21;
        while size >= 1 {
            let chunk = "x".repeat(size);
            loop {
                let key = format!("filler/{}", keys.len());
                if s.set_item(&key, &chunk).is_err() {
                    break;
                }
                keys.push(key);
            }
            size /= 2;
        }
        assert!(!keys.is_empty(), "storage never filled up");
        keys
    }

    pub fn unfill(s: &Storage, keys: &[String]) {
        for key in keys {
            s.remove_item(key).unwrap();
        }
    }

    /// Waits `ms` milliseconds, letting timers and effects run.
    pub async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Evaluates a JS function body and returns its result.
    pub fn js(body: &str) -> wasm_bindgen::JsValue {
        js_sys::Function::new_no_args(body).call0(&wasm_bindgen::JsValue::NULL).unwrap()
    }

    /// Fires the `storage` event another tab's write would fire here.
    pub fn dispatch_storage_event(key: Option<&str>, new_value: Option<&str>, area: &Storage) {
        let init = web_sys::StorageEventInit::new();
        init.set_key(key);
        init.set_new_value(new_value);
        init.set_storage_area(Some(area));
        let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
        web_sys::window().unwrap().dispatch_event(&event).unwrap();
    }
}
