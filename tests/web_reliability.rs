//! Reliability cases whose fault is the browser itself, against a real `localStorage` in
//! headless Chromium: storage that is absent or fails on read, quota errors as each browser
//! names them, writes from another tab that race this tab's save, the page being hidden with
//! a change pending, and the notice shown after a panic. Named `case_NN_…` after
//! `docs/reliability.md`; `tests/web_storage.rs` covers the rest of the storage rules.
//!
//! Faults are injected by replacing `window.localStorage` or a `Storage.prototype` method
//! for the length of one test, and put back before anything is asserted.

#![cfg(target_arch = "wasm32")]

use decision_cards::panic::{show_failure, FAILURE_ID};
use decision_cards::storage::{
    flush_all_quietly, is_quota, key_for, saved_progress, Loaded, SaveError, Saver, Store, StoreStatus,
};
use decision_core::answers::{Answers, FactorAnswer};
use decision_core::envelope::{decode, encode, Envelope};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Storage;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn fresh() -> Storage {
    let s = storage();
    s.clear().unwrap();
    s
}

fn get(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}

fn answers(position: i8, note: &str) -> Answers {
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position, weight: Some(2) });
    if !note.is_empty() {
        a.notes.insert("question-1".into(), note.into());
    }
    a
}

/// Evaluates a JS function body and returns its result.
fn js(body: &str) -> JsValue {
    js_sys::Function::new_no_args(body).call0(&JsValue::NULL).unwrap()
}

/// Replaces `Storage.prototype[method]` with a function that throws `error`, until dropped.
struct Throwing {
    method: &'static str,
    original: JsValue,
}

impl Throwing {
    fn install(method: &'static str, error: &JsValue) -> Throwing {
        let proto = js("return Storage.prototype");
        let original = js_sys::Reflect::get(&proto, &method.into()).unwrap();
        let make = js_sys::Function::new_with_args("err", "return function () { throw err; }");
        let thrower = make.call1(&JsValue::NULL, error).unwrap();
        js_sys::Reflect::set(&proto, &method.into(), &thrower).unwrap();
        Throwing { method, original }
    }
}

impl Drop for Throwing {
    fn drop(&mut self) {
        let proto = js("return Storage.prototype");
        js_sys::Reflect::set(&proto, &self.method.into(), &self.original).unwrap();
    }
}

/// Replaces the `window.localStorage` getter with `getter_body` (a JS function body), until
/// dropped.
struct StorageGetter {
    original: JsValue,
}

impl StorageGetter {
    fn install(getter_body: &str) -> StorageGetter {
        let window = web_sys::window().unwrap();
        let name = JsValue::from_str("localStorage");
        let original = js_sys::Reflect::get_own_property_descriptor(&window, &name).unwrap();
        let descriptor = js_sys::Object::new();
        js_sys::Reflect::set(&descriptor, &"get".into(), &js_sys::Function::new_no_args(getter_body))
            .unwrap();
        js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
        assert!(js_sys::Reflect::define_property(&window, &name, &descriptor).unwrap());
        StorageGetter { original }
    }
}

impl Drop for StorageGetter {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        let name = JsValue::from_str("localStorage");
        if self.original.is_undefined() {
            js_sys::Reflect::delete_property(&window, &name).unwrap();
        } else {
            let original = self.original.clone().unchecked_into::<js_sys::Object>();
            js_sys::Reflect::define_property(&window, &name, &original).unwrap();
        }
    }
}

// --- 1: storage absent or failing ---------------------------------------------------------------

#[wasm_bindgen_test]
fn case_01_storage_null_works_in_memory_and_keeps_answers_for_export() {
    fresh();
    let (status, load, save, unsaved) = {
        let _null = StorageGetter::install("return null;");
        assert!(matches!(web_sys::window().unwrap().local_storage(), Ok(None)));
        let mut store = Store::open("t-null", 1);
        let status = store.status();
        let load = store.load();
        let save = store.save(&answers(1, ""));
        let saver = Saver::with_delay(store, 60_000);
        saver.schedule(answers(2, "only in memory"));
        // What a failing page would offer for download: the answers that could not be saved.
        let unsaved = flush_all_quietly();
        (status, load, save, unsaved)
    };
    assert!(matches!(status, StoreStatus::Unavailable(ref r) if r.contains("no storage")), "{status:?}");
    assert!(matches!(load, Loaded::Unavailable { .. }), "{load:?}");
    assert!(matches!(save, Err(SaveError::Unavailable(_))), "{save:?}");
    match unsaved.as_slice() {
        [(card, text)] => {
            assert_eq!(card, "t-null");
            assert_eq!(decode(text, "t-null").unwrap().answers, answers(2, "only in memory"));
        }
        other => panic!("expected the in-memory answers, got {other:?}"),
    }
    assert_eq!(get(&key_for("t-null")), None);
}

#[wasm_bindgen_test]
fn case_01_storage_that_fails_on_read_is_never_written_over() {
    let s = fresh();
    let key = key_for("t-read-fails");
    let stored = encode(&Envelope::new("t-read-fails", 1, 0.0, answers(-2, "keep me")));
    s.set_item(&key, &stored).unwrap();
    let (load, save, status) = {
        let mut store = Store::open("t-read-fails", 1);
        let error = js("return new DOMException('The operation is insecure.', 'SecurityError')");
        let _fails = Throwing::install("getItem", &error);
        let load = store.load();
        let save = store.save(&answers(1, ""));
        (load, save, store.status())
    };
    assert!(matches!(load, Loaded::Unavailable { ref reason } if reason.contains("insecure")), "{load:?}");
    assert!(matches!(save, Err(SaveError::Unavailable(_))), "{save:?}");
    assert!(matches!(status, StoreStatus::Unavailable(_)));
    assert_eq!(get(&key).as_deref(), Some(stored.as_str()), "what could not be read is untouched");
}

// --- 2: quota errors, by every browser's name -----------------------------------------------------

#[wasm_bindgen_test]
fn case_02_quota_errors_of_chromium_firefox_and_old_webkit_keep_the_last_good_copy() {
    let errors = [
        // Chromium, current Firefox and Safari.
        "return new DOMException('The quota has been exceeded.', 'QuotaExceededError')",
        // Older Firefox.
        "return { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014, message: 'Persistent storage maximum size reached' }",
        // Old WebKit (Safari private browsing had a quota of 0).
        "return { name: 'QUOTA_EXCEEDED_ERR', code: 22, message: 'QuotaExceededError: DOM Exception 22' }",
        // A browser that only sets the legacy code.
        "return { code: 22 }",
    ];
    for body in errors {
        let s = fresh();
        let key = key_for("t-quota-names");
        let mut store = Store::open("t-quota-names", 1);
        store.load();
        store.save(&answers(1, "good")).unwrap();
        let good = get(&key).unwrap();
        let error = js(body);
        assert!(is_quota(&error), "{body}");
        let (result, status) = {
            let _full = Throwing::install("setItem", &error);
            (store.save(&answers(2, "newer")), store.status())
        };
        assert_eq!(result, Err(SaveError::Quota), "{body}");
        assert_eq!(status, StoreStatus::QuotaExceeded);
        assert_eq!(s.get_item(&key).unwrap().as_deref(), Some(good.as_str()), "{body}: last good copy kept");
        // The warning stays until a save succeeds.
        assert_eq!(store.status(), StoreStatus::QuotaExceeded);
        store.save(&answers(2, "newer")).unwrap();
        assert_eq!(store.status(), StoreStatus::Available);
    }
    // Other failures are not mistaken for a full storage.
    for body in [
        "return new DOMException('denied', 'SecurityError')",
        "return new TypeError('Illegal invocation')",
        "return 'quota'",
    ] {
        assert!(!is_quota(&js(body)), "{body}");
    }
}

// --- 7: two tabs ------------------------------------------------------------------------------

fn dispatch_storage_event(key: &str, new_value: Option<&str>, area: &Storage) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(new_value);
    init.set_storage_area(Some(area));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn case_07_a_save_that_finds_another_tabs_unseen_write_merges_instead_of_overwriting() {
    let s = fresh();
    let key = key_for("t-race");
    let mut store = Store::open("t-race", 1);
    store.load();
    let base = answers(1, "");
    store.save(&base).unwrap();
    let mut saver = Saver::with_delay(store, 60_000);
    let seen: Rc<RefCell<Vec<Loaded>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    // The other tab changes the slider and its `storage` event has not arrived yet...
    let mut theirs = base.clone();
    theirs.factors.insert("privacy".into(), FactorAnswer { position: -2, weight: Some(2) });
    s.set_item(&key, &encode(&Envelope::new("t-race", 1, 1.0, theirs.clone()))).unwrap();
    // ...when this tab saves a note.
    let mut ours = base.clone();
    ours.notes.insert("question-1".into(), "written here".into());
    saver.schedule(ours.clone());
    assert_eq!(saver.flush(), Some(Ok(())));

    let mut both = theirs.clone();
    both.notes.insert("question-1".into(), "written here".into());
    assert_eq!(decode(&get(&key).unwrap(), "t-race").unwrap().answers, both, "neither change lost");
    assert_eq!(*seen.borrow(), vec![Loaded::Merged { answers: both.clone() }], "this tab shows both");
    // The page then shows and schedules the merge: nothing more is written.
    let written = get(&key);
    saver.schedule(both);
    assert_eq!(saver.flush(), Some(Ok(())));
    assert_eq!(get(&key), written);
}

#[wasm_bindgen_test]
fn case_07_a_storage_event_with_a_change_pending_here_merges_both() {
    let s = fresh();
    let key = key_for("t-event-merge");
    let mut store = Store::open("t-event-merge", 1);
    store.load();
    let base = answers(1, "");
    store.save(&base).unwrap();
    let mut saver = Saver::with_delay(store, 60_000);
    let seen: Rc<RefCell<Vec<Loaded>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    let mut ours = base.clone();
    ours.triggers.insert("trigger-1".into());
    saver.schedule(ours);
    let mut theirs = base.clone();
    theirs.ticked.insert("signal-b-1".into());
    let their_text = encode(&Envelope::new("t-event-merge", 1, 1.0, theirs.clone()));
    s.set_item(&key, &their_text).unwrap();
    dispatch_storage_event(&key, Some(&their_text), &s);

    let mut both = theirs;
    both.triggers.insert("trigger-1".into());
    assert_eq!(*seen.borrow(), vec![Loaded::Merged { answers: both.clone() }]);
    assert_eq!(get(&key).as_deref(), Some(their_text.as_str()), "nothing written yet");
    assert_eq!(saver.flush(), Some(Ok(())), "the merge is still pending, and written");
    assert_eq!(decode(&get(&key).unwrap(), "t-event-merge").unwrap().answers, both);
}

// --- 8: the page is hidden within the debounce ------------------------------------------------------

#[wasm_bindgen_test]
fn case_08_hiding_the_page_flushes_pending_answers() {
    fresh();
    let key = key_for("t-hidden");
    let mut store = Store::open("t-hidden", 1);
    store.load();
    let saver = Saver::with_delay(store, 60_000);
    saver.schedule(answers(-1, "switching apps"));
    assert_eq!(get(&key), None);
    let document = web_sys::window().unwrap().document().unwrap();
    let name = JsValue::from_str("hidden");
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &js_sys::Function::new_no_args("return true;")).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Reflect::define_property(&document, &name, &descriptor).unwrap();
    let dispatched = document.dispatch_event(&web_sys::Event::new("visibilitychange").unwrap());
    js_sys::Reflect::delete_property(&document, &name).unwrap();
    dispatched.unwrap();
    assert!(!document.hidden());
    assert_eq!(decode(&get(&key).unwrap(), "t-hidden").unwrap().answers, answers(-1, "switching apps"));
    assert_eq!(saver.flush(), None);
}

// --- 11: a panic ------------------------------------------------------------------------------

/// The text behind a `blob:` URL.
async fn blob_text(url: &str) -> String {
    let fetch: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"fetch".into()).unwrap().unchecked_into();
    let response =
        JsFuture::from(fetch.call1(&JsValue::NULL, &url.into()).unwrap().unchecked_into::<js_sys::Promise>())
            .await
            .unwrap();
    let text: js_sys::Function = js_sys::Reflect::get(&response, &"text".into()).unwrap().unchecked_into();
    let text = text.call0(&response).unwrap().unchecked_into::<js_sys::Promise>();
    JsFuture::from(text).await.unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
async fn case_11_the_failure_notice_is_plain_text_and_offers_saved_and_unsaved_answers() {
    let s = fresh();
    let document = web_sys::window().unwrap().document().unwrap();

    // One card with a change still in the debounce: the notice writes it first.
    let mut store = Store::open("t-panic", 1);
    store.load();
    let pending = Saver::with_delay(store, 60_000);
    pending.schedule(answers(2, "typed just before the failure"));
    // One card whose answers cannot be saved (newer data is stored): offered as a file.
    let newer = r#"{"schema": 99, "card": "t-panic-newer"}"#;
    s.set_item(&key_for("t-panic-newer"), newer).unwrap();
    let mut store = Store::open("t-panic-newer", 1);
    assert!(matches!(store.load(), Loaded::Newer { .. }));
    let blocked = Saver::with_delay(store, 60_000);
    blocked.schedule(answers(-2, "cannot be saved"));

    let detail = "panicked at src/x.rs:1:1: <img src=x onerror=\"window.__xss=1\"> boom";
    assert!(show_failure(detail));
    assert!(show_failure("a second panic"), "a second call finds the notice");

    let notices = document.query_selector_all(&format!("#{FAILURE_ID}")).unwrap();
    assert_eq!(notices.length(), 1, "one notice, however many panics");
    let notice = document.get_element_by_id(FAILURE_ID).unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap();
    assert!(text.contains("Something went wrong"), "{text}");
    assert!(text.contains("Your answers are not lost"), "{text}");
    assert!(text.contains(detail), "the panic message is shown as text");
    assert!(notice.query_selector("img").unwrap().is_none(), "no markup was parsed");
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__xss".into()).unwrap().is_undefined());

    // The pending change was written before the downloads were made.
    let saved = decode(&get(&key_for("t-panic")).unwrap(), "t-panic").unwrap();
    assert_eq!(saved.answers, answers(2, "typed just before the failure"));
    assert_eq!(get(&key_for("t-panic-newer")).as_deref(), Some(newer), "newer data untouched");
    let stored: Vec<String> = saved_progress().into_iter().map(|(card, _)| card).collect();
    assert_eq!(stored, ["t-panic", "t-panic-newer"]);

    let link = |testid: &str, file: &str| {
        let a = notice
            .query_selector(&format!("a[data-testid={testid}][download=\"{file}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {testid} link for {file}"));
        let href = a.get_attribute("href").unwrap();
        assert!(href.starts_with("blob:"), "{href}");
        href
    };
    let saved_link = link("failure-saved", "t-panic-saved-progress.json");
    assert_eq!(decode(&blob_text(&saved_link).await, "t-panic").unwrap(), saved);
    let newer_link = link("failure-saved", "t-panic-newer-saved-progress.json");
    assert_eq!(blob_text(&newer_link).await, newer);
    let unsaved_link = link("failure-unsaved", "t-panic-newer-unsaved-answers.json");
    assert_eq!(
        decode(&blob_text(&unsaved_link).await, "t-panic-newer").unwrap().answers,
        answers(-2, "cannot be saved")
    );
    let reload = notice.query_selector("a:not([download])").unwrap().unwrap();
    assert_eq!(reload.text_content().as_deref(), Some("Reload the page"));

    notice.remove();
    drop((pending, blocked));
}
