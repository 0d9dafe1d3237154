//! Reliability cases whose fault is the browser itself, in headless Chromium: storage that
//! is absent or blocked, quota errors as each browser names them, writes from another tab
//! that race this tab's save, the page being hidden with a change pending, and what the
//! notice shown after a panic finds of the answers that are not stored. Named `case_NN_…` after `docs/reliability.md`; the same rules over an
//! in-memory backend are in `tests/storage.rs`.
//!
//! No test replaces `window.localStorage` or a `Storage` method: what the browser can
//! answer is handed to the code that reads it (`backend::web_storage`, `backend::is_quota`).

#![cfg(target_arch = "wasm32")]

mod common;

use common::web::{dispatch_storage_event, fresh, get, js};
use common::{answers, fixed_now, kept, progress};
use decision_cards::storage::backend::{is_quota, web_storage};
use decision_cards::storage::{local_storage, progress_key, Document, Loaded, Saver, UNSAVED_GLOBAL};
use decision_core::answers::FactorAnswer;
use decision_core::envelope::{decode, encode, Contents, Envelope};
use decision_core::store::{StoreStatus, Unavailable};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn progress_doc(card: &str) -> Document<decision_cards::storage::ProgressCodec> {
    Document::open(progress_key(card), progress(card, 1), local_storage(), fixed_now)
}

// --- 1: no storage ------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn case_01_a_null_or_throwing_local_storage_means_memory_only() {
    assert_eq!(web_storage(Ok(None)).err(), Some(Unavailable::NoStorage));
    let sandboxed = js("return new DOMException('The document is sandboxed', 'SecurityError')");
    assert_eq!(web_storage(Err(sandboxed)).err(), Some(Unavailable::Blocked));
    let doc =
        Document::open(progress_key("t-null"), progress("t-null", 1), Err(Unavailable::Blocked), fixed_now);
    assert_eq!(doc.status(), StoreStatus::Unavailable(Unavailable::Blocked));
}

// --- 2: quota errors, by every browser's name -----------------------------------------------------

#[wasm_bindgen_test]
fn case_02_quota_errors_of_chromium_firefox_and_old_webkit_are_recognised() {
    for body in [
        // Chromium, current Firefox and Safari.
        "return new DOMException('The quota has been exceeded.', 'QuotaExceededError')",
        // Older Firefox.
        "return { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014, message: 'Persistent storage maximum size reached' }",
        // Old WebKit (Safari private browsing had a quota of 0).
        "return { name: 'QUOTA_EXCEEDED_ERR', code: 22, message: 'QuotaExceededError: DOM Exception 22' }",
        // A browser that only sets the legacy code.
        "return { code: 22 }",
    ] {
        assert!(is_quota(&js(body)), "{body}");
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

#[wasm_bindgen_test]
fn case_07_a_save_that_finds_another_tabs_unseen_write_merges_instead_of_overwriting() {
    let s = fresh();
    let key = progress_key("t-race");
    let mut doc = progress_doc("t-race");
    doc.load();
    let base = answers(1, "");
    doc.save(&kept(&base)).unwrap();
    let mut saver = Saver::with_delay(doc, 60_000);
    let seen: Rc<RefCell<Vec<Loaded<Contents>>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    // The other tab changes the slider and its `storage` event has not arrived yet...
    let mut theirs = base.clone();
    theirs.factors.insert("privacy".into(), FactorAnswer { position: -2, weight: Some(2) });
    s.set_item(&key, &encode(&Envelope::new("t-race", 1, 1.0, theirs.clone()))).unwrap();
    // ...when this tab saves a note.
    let mut ours = base.clone();
    ours.notes.insert("question-1".into(), "written here".into());
    saver.schedule(kept(&ours));
    assert_eq!(saver.flush(), Some(Ok(())));

    let mut both = theirs;
    both.notes.insert("question-1".into(), "written here".into());
    assert_eq!(decode(&get(&key).unwrap(), "t-race").unwrap().answers, both, "neither change lost");
    assert_eq!(*seen.borrow(), vec![Loaded::Merged { value: kept(&both) }], "this tab shows both");
}

#[wasm_bindgen_test]
fn case_07_a_storage_event_with_a_change_pending_here_merges_both() {
    let s = fresh();
    let key = progress_key("t-event-merge");
    let mut doc = progress_doc("t-event-merge");
    doc.load();
    let base = answers(1, "");
    doc.save(&kept(&base)).unwrap();
    let mut saver = Saver::with_delay(doc, 60_000);
    let seen: Rc<RefCell<Vec<Loaded<Contents>>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    let mut ours = base.clone();
    ours.triggers.insert("trigger-1".into());
    saver.schedule(kept(&ours));
    let mut theirs = base.clone();
    theirs.ticked.insert("signal-b-2".into());
    let their_text = encode(&Envelope::new("t-event-merge", 1, 1.0, theirs.clone()));
    s.set_item(&key, &their_text).unwrap();
    dispatch_storage_event(Some(&key), Some(&their_text), &s);

    let mut both = theirs;
    both.triggers.insert("trigger-1".into());
    assert_eq!(*seen.borrow(), vec![Loaded::Merged { value: kept(&both) }]);
    assert_eq!(get(&key).as_deref(), Some(their_text.as_str()), "nothing written yet");
    assert_eq!(saver.flush(), Some(Ok(())), "the merge is still pending, and written");
    assert_eq!(decode(&get(&key).unwrap(), "t-event-merge").unwrap().answers, both);
}

// --- 8: the page is hidden within the debounce ------------------------------------------------------

#[wasm_bindgen_test]
fn case_08_hiding_the_page_flushes_pending_answers() {
    fresh();
    let key = progress_key("t-hidden");
    let mut doc = progress_doc("t-hidden");
    doc.load();
    let saver = Saver::with_delay(doc, 60_000);
    saver.schedule(kept(&answers(-1, "switching apps")));
    assert_eq!(get(&key), None);
    // A headless page is never hidden: `document.hidden` is made to say so for one event.
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

/// What `window.dcUnsaved` holds for `key`: the text the failure notice offers for download.
fn mirrored(key: &str) -> Option<String> {
    let all = js_sys::Reflect::get(&js_sys::global(), &UNSAVED_GLOBAL.into()).unwrap();
    if !all.is_object() {
        return None;
    }
    js_sys::Reflect::get(&all, &key.into()).unwrap().as_string()
}

#[wasm_bindgen_test]
fn case_11_what_is_not_stored_is_kept_where_the_failure_notice_finds_it_without_the_app() {
    let s = fresh();

    // A change still in the debounce is there until it is written, then gone.
    let mut doc = progress_doc("t-panic");
    doc.load();
    let pending = Saver::with_delay(doc, 60_000);
    pending.schedule(kept(&answers(2, "typed just before the failure")));
    let text = mirrored(&progress_key("t-panic")).expect("the pending change is kept");
    assert_eq!(decode(&text, "t-panic").unwrap().answers, answers(2, "typed just before the failure"));
    let unsaved = pending.unsaved().expect("the saver says the same");
    assert_eq!(decode(&unsaved, "t-panic").unwrap().answers, decode(&text, "t-panic").unwrap().answers);
    assert_eq!(pending.flush(), Some(Ok(())));
    assert_eq!(mirrored(&progress_key("t-panic")), None, "stored: nothing to offer");
    assert_eq!(pending.unsaved(), None);

    // Answers that cannot be saved (newer data is stored) stay there after the failed save,
    // with markup in a note kept as the exact text.
    let newer = r#"{"schema": 99, "card": "t-panic-newer"}"#;
    s.set_item(&progress_key("t-panic-newer"), newer).unwrap();
    let mut doc = progress_doc("t-panic-newer");
    assert!(matches!(doc.load(), Loaded::Newer { .. }));
    let blocked = Saver::with_delay(doc, 60_000);
    let note = "<img src=x onerror=\"window.__xss=1\">";
    blocked.schedule(kept(&answers(-2, note)));
    assert!(blocked.flush().is_some_and(|r| r.is_err()));
    let text = mirrored(&progress_key("t-panic-newer")).expect("the unsaved answers are kept");
    assert_eq!(decode(&text, "t-panic-newer").unwrap().answers, answers(-2, note));
    assert_eq!(get(&progress_key("t-panic-newer")).as_deref(), Some(newer), "newer data untouched");

    // Dropped with nothing pending: still offered, since it is still not stored.
    drop((pending, blocked));
    assert!(mirrored(&progress_key("t-panic-newer")).is_some());
    assert_eq!(mirrored(&progress_key("t-panic")), None);
}
