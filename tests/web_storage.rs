//! The storage module in a real browser: saving and restoring, data that must be kept
//! aside or left alone, a full quota, blocked storage, debounced writes, and changes made by
//! another tab.
//!
//! Each test starts from an empty `localStorage` (tests run one after another in one page).

#![cfg(target_arch = "wasm32")]

use decision_cards::storage::{backup_prefix, key_for, Loaded, SaveError, Saver, Store, StoreStatus};
use decision_core::answers::{Answers, FactorAnswer};
use decision_core::envelope::{decode, encode, Envelope, SCHEMA};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
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
    a.ticked.insert("signal-b-1".into());
    if !note.is_empty() {
        a.notes.insert("question-1".into(), note.into());
    }
    a
}

/// Fill `localStorage` until not even one more character fits; returns the filler keys.
fn fill(s: &Storage) -> Vec<String> {
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

fn unfill(s: &Storage, keys: &[String]) {
    for key in keys {
        s.remove_item(key).unwrap();
    }
}

/// Resolves after `ms` milliseconds (a plain `setTimeout`, so no extra crate is needed).
struct Sleep {
    done: Rc<RefCell<(bool, Option<Waker>)>>,
    _callback: Closure<dyn FnMut()>,
}

fn sleep(ms: i32) -> Sleep {
    let done: Rc<RefCell<(bool, Option<Waker>)>> = Rc::default();
    let flag = done.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let mut d = flag.borrow_mut();
        d.0 = true;
        if let Some(w) = d.1.take() {
            w.wake();
        }
    });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
        .unwrap();
    Sleep { done, _callback: callback }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut d = self.done.borrow_mut();
        if d.0 {
            Poll::Ready(())
        } else {
            d.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[wasm_bindgen_test]
fn save_then_load_restores() {
    fresh();
    let mut store = Store::open("t-restore", 4);
    assert_eq!(store.status(), StoreStatus::Available);
    assert_eq!(store.key(), "decision-cards/t-restore");
    assert_eq!(store.load(), Loaded::Fresh);
    let a = answers(1, "why we care");
    store.save(&a).unwrap();

    let raw = get("decision-cards/t-restore").expect("saved");
    let env = decode(&raw, "t-restore").unwrap();
    assert_eq!((env.schema, env.content_version), (SCHEMA, 4));
    assert!(env.saved_at > 1.6e12, "saved_at is a real time: {}", env.saved_at);

    match Store::open("t-restore", 4).load() {
        Loaded::Restored { answers, saved_at, content_version, migrated } => {
            assert_eq!(answers, a);
            assert_eq!(saved_at, env.saved_at);
            assert_eq!(content_version, 4);
            assert!(!migrated);
        }
        other => panic!("expected Restored, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn nothing_is_written_until_something_is_answered() {
    fresh();
    let mut store = Store::open("t-empty", 1);
    assert_eq!(store.load(), Loaded::Fresh);
    store.save(&Answers::default()).unwrap();
    assert_eq!(get(&key_for("t-empty")), None);
}

#[wasm_bindgen_test]
fn unreadable_value_is_backed_up_before_the_key_is_reused() {
    let s = fresh();
    let key = key_for("t-unreadable");
    let other_card = encode(&Envelope::new("some-other-card", 1, 0.0, answers(2, "")));
    for raw in [
        r#"{"schema": 2, "card": "t-unrea"#.to_string(),
        "not json at all".to_string(),
        r#"{"schema": 2, "card": "t-unreadable", "answers": []}"#.to_string(),
        other_card,
    ] {
        s.clear().unwrap();
        s.set_item(&key, &raw).unwrap();
        let mut store = Store::open("t-unreadable", 1);
        let backup = match store.load() {
            Loaded::KeptAside { backup_key: Some(backup), reason, raw: kept } => {
                assert_eq!(kept, raw);
                assert!(!reason.is_empty());
                backup
            }
            other => panic!("{raw}: expected KeptAside with a backup, got {other:?}"),
        };
        assert!(backup.starts_with(&backup_prefix("t-unreadable")), "{backup}");
        assert_eq!(get(&backup).as_deref(), Some(raw.as_str()), "backup holds the raw text");
        assert_eq!(get(&key).as_deref(), Some(raw.as_str()), "original left in place");
        assert_eq!(store.status(), StoreStatus::Available);

        // Loading the same data again reuses the backup instead of piling up copies.
        let mut again = Store::open("t-unreadable", 1);
        assert!(matches!(again.load(), Loaded::KeptAside { backup_key: Some(ref k), .. } if *k == backup));
        assert_eq!(again.backup_keys(), vec![backup.clone()]);

        // The copy exists, so the key may now hold new answers; the backup stays.
        store.save(&answers(-1, "")).unwrap();
        assert_eq!(decode(&get(&key).unwrap(), "t-unreadable").unwrap().answers, answers(-1, ""));
        assert_eq!(get(&backup).as_deref(), Some(raw.as_str()));
    }
}

#[wasm_bindgen_test]
fn unreadable_value_without_room_for_a_backup_is_never_overwritten() {
    let s = fresh();
    let key = key_for("t-no-room");
    let raw = format!("{{\"schema\": 2, \"damaged\": \"{}", "z".repeat(2000));
    s.set_item(&key, &raw).unwrap();
    let fillers = fill(&s);

    let mut store = Store::open("t-no-room", 1);
    match store.load() {
        Loaded::KeptAside { backup_key: None, raw: kept, .. } => assert_eq!(kept, raw),
        other => panic!("expected KeptAside without a backup, got {other:?}"),
    }
    assert!(matches!(store.status(), StoreStatus::ReadOnly(_)), "{:?}", store.status());
    assert!(matches!(store.save(&answers(1, "")), Err(SaveError::ReadOnly(_))));
    assert!(matches!(store.clear(), Err(SaveError::ReadOnly(_))));
    assert_eq!(get(&key).as_deref(), Some(raw.as_str()));
    assert!(store.backup_keys().is_empty());

    // Once the user has downloaded the text and chosen to start over, saving is allowed.
    unfill(&s, &fillers);
    store.allow_overwrite();
    store.save(&answers(1, "")).unwrap();
    assert_eq!(decode(&get(&key).unwrap(), "t-no-room").unwrap().answers, answers(1, ""));
}

#[wasm_bindgen_test]
fn quota_exceeded_keeps_the_last_good_copy() {
    let s = fresh();
    let key = key_for("t-quota");
    let mut store = Store::open("t-quota", 1);
    store.load();
    let small = answers(1, "");
    store.save(&small).unwrap();
    let good = get(&key).unwrap();
    let fillers = fill(&s);

    let big = answers(2, &"a long note ".repeat(1000));
    assert_eq!(store.save(&big), Err(SaveError::Quota));
    assert_eq!(store.status(), StoreStatus::QuotaExceeded);
    assert_eq!(get(&key).as_deref(), Some(good.as_str()), "last good copy kept");

    // A full store still opens and reads.
    let mut reopened = Store::open("t-quota", 1);
    assert_eq!(reopened.status(), StoreStatus::QuotaExceeded);
    assert!(matches!(reopened.load(), Loaded::Restored { ref answers, .. } if *answers == small));

    unfill(&s, &fillers);
    store.save(&big).unwrap();
    assert_eq!(store.status(), StoreStatus::Available);
    assert_eq!(decode(&get(&key).unwrap(), "t-quota").unwrap().answers, big);
}

#[wasm_bindgen_test]
fn newer_schema_is_read_only_and_untouched() {
    let s = fresh();
    let key = key_for("t-newer");
    let raw = r#"{"schema": 99, "card": "t-newer", "stuff": {"from": "the future"}}"#;
    s.set_item(&key, raw).unwrap();

    let mut store = Store::open("t-newer", 1);
    match store.load() {
        Loaded::Newer { reason, raw: kept } => {
            assert!(reason.contains("newer version"), "{reason}");
            assert_eq!(kept, raw);
        }
        other => panic!("expected Newer, got {other:?}"),
    }
    assert!(matches!(store.status(), StoreStatus::ReadOnly(_)));
    assert!(matches!(store.save(&answers(1, "")), Err(SaveError::ReadOnly(_))));
    assert!(matches!(store.clear(), Err(SaveError::ReadOnly(_))));
    assert_eq!(get(&key).as_deref(), Some(raw));
    assert!(store.backup_keys().is_empty(), "newer data is left in place, not moved");

    store.allow_overwrite();
    store.save(&answers(1, "")).unwrap();
    assert!(decode(&get(&key).unwrap(), "t-newer").is_ok());
}

#[wasm_bindgen_test]
fn newer_write_from_elsewhere_stops_saving() {
    let s = fresh();
    let key = key_for("t-newer-later");
    let mut store = Store::open("t-newer-later", 1);
    assert_eq!(store.load(), Loaded::Fresh);
    store.save(&answers(1, "")).unwrap();

    // A newer version in another tab writes, and no storage event has arrived yet.
    let raw = r#"{"schema": 3, "card": "t-newer-later", "answers": {"v3": true}}"#;
    s.set_item(&key, raw).unwrap();
    assert!(matches!(store.save(&answers(2, "")), Err(SaveError::ReadOnly(_))));
    assert_eq!(get(&key).as_deref(), Some(raw));
}

#[wasm_bindgen_test]
fn schema_1_is_migrated_on_load() {
    let s = fresh();
    let key = key_for("t-migrate");
    let raw = r#"{"schema": 1, "card": "t-migrate", "content_version": 1, "saved_at": 5,
        "answers": {"positions": {"privacy": -2}, "weights": {"privacy": 1}, "ticked": ["s"]}}"#;
    s.set_item(&key, raw).unwrap();
    let mut store = Store::open("t-migrate", 2);
    match store.load() {
        Loaded::Restored { answers, migrated, content_version, .. } => {
            assert!(migrated);
            assert_eq!(content_version, 1);
            assert_eq!(answers.factors["privacy"], FactorAnswer { position: -2, weight: Some(1) });
            assert!(answers.is_ticked("s"));
            // Same answers: nothing to write, the stored text stays as it was.
            store.save(&answers).unwrap();
            assert_eq!(get(&key).as_deref(), Some(raw));
        }
        other => panic!("expected Restored, got {other:?}"),
    }
    store.save(&answers(1, "")).unwrap();
    let env = decode(&get(&key).unwrap(), "t-migrate").unwrap();
    assert_eq!((env.schema, env.content_version), (SCHEMA, 2));
}

#[wasm_bindgen_test]
fn blocked_storage_works_in_memory() {
    fresh();
    let window = web_sys::window().unwrap();
    let name = JsValue::from_str("localStorage");
    // Make `window.localStorage` throw, as it does in a sandboxed iframe.
    let original = js_sys::Reflect::get_own_property_descriptor(&window, &name).unwrap();
    let getter = js_sys::Function::new_no_args(
        "throw new DOMException('The document is sandboxed', 'SecurityError');",
    );
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    assert!(js_sys::Reflect::define_property(&window, &name, &descriptor).unwrap());
    assert!(window.local_storage().is_err(), "storage is blocked for this test");

    let mut store = Store::open("t-blocked", 1);
    let status = store.status();
    let load = store.load();
    let save = store.save(&answers(1, ""));
    let clear = store.clear();
    let saver = Saver::new(store);
    saver.schedule(answers(2, ""));
    let flushed = saver.flush();
    let saver_status = saver.status();
    drop(saver);

    // Restore storage before asserting, so a failure here cannot break the other tests.
    if original.is_undefined() {
        js_sys::Reflect::delete_property(&window, &name).unwrap();
    } else {
        js_sys::Reflect::define_property(&window, &name, &original.unchecked_into::<js_sys::Object>())
            .unwrap();
    }
    assert!(window.local_storage().unwrap().is_some());

    assert!(matches!(status, StoreStatus::Unavailable(ref r) if r.contains("blocks storage")), "{status:?}");
    assert!(matches!(load, Loaded::Unavailable { .. }), "{load:?}");
    assert!(matches!(save, Err(SaveError::Unavailable(_))), "{save:?}");
    assert!(matches!(clear, Err(SaveError::Unavailable(_))), "{clear:?}");
    // No timer needed to fail: the scheduled save was attempted at once or on flush.
    assert!(matches!(flushed, None | Some(Err(SaveError::Unavailable(_)))), "{flushed:?}");
    assert!(matches!(saver_status, StoreStatus::Unavailable(_)));
}

#[wasm_bindgen_test]
async fn debounced_save_waits_for_quiet_then_writes() {
    fresh();
    let key = key_for("t-debounce");
    let mut store = Store::open("t-debounce", 1);
    store.load();
    let saver = Saver::with_delay(store, 60);
    let results: Rc<RefCell<Vec<Result<(), SaveError>>>> = Rc::default();
    let sink = results.clone();
    saver.on_result(move |r| sink.borrow_mut().push(r.clone()));

    saver.schedule(answers(1, ""));
    saver.schedule(answers(2, ""));
    assert_eq!(get(&key), None, "nothing written during the quiet period");
    sleep(30).await;
    saver.schedule(answers(-2, ""));
    sleep(40).await;
    assert_eq!(get(&key), None, "each change restarts the delay");
    sleep(200).await;
    assert_eq!(decode(&get(&key).unwrap(), "t-debounce").unwrap().answers, answers(-2, ""));
    assert_eq!(*results.borrow(), vec![Ok(())], "one write for the burst of changes");
    assert_eq!(saver.flush(), None, "nothing left pending");
}

#[wasm_bindgen_test]
fn pagehide_flushes_pending_answers() {
    fresh();
    let key = key_for("t-pagehide");
    let mut store = Store::open("t-pagehide", 1);
    store.load();
    let saver = Saver::with_delay(store, 60_000);
    saver.schedule(answers(1, "closing the tab now"));
    assert_eq!(get(&key), None);
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert_eq!(decode(&get(&key).unwrap(), "t-pagehide").unwrap().answers, answers(1, "closing the tab now"));
    assert_eq!(saver.flush(), None);
}

#[wasm_bindgen_test]
fn dropping_the_saver_writes_pending_answers_and_removes_listeners() {
    fresh();
    let key = key_for("t-drop");
    let mut store = Store::open("t-drop", 1);
    store.load();
    let saver = Saver::with_delay(store, 60_000);
    saver.schedule(answers(2, ""));
    drop(saver);
    assert_eq!(decode(&get(&key).unwrap(), "t-drop").unwrap().answers, answers(2, ""));
    // A later pagehide reaches no dropped closure (that would throw in JS).
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
}

fn dispatch_storage_event(key: Option<&str>, new_value: Option<&str>, area: &Storage) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(key);
    init.set_new_value(new_value);
    init.set_storage_area(Some(area));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn another_tab_change_is_picked_up_not_overwritten() {
    let s = fresh();
    let key = key_for("t-tabs");
    let mut store = Store::open("t-tabs", 1);
    store.load();
    store.save(&answers(1, "")).unwrap();
    let mut saver = Saver::with_delay(store, 60_000);
    let seen: Rc<RefCell<Vec<Loaded>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    // This tab has a change pending when the other tab writes.
    saver.schedule(answers(-1, "mine"));
    let theirs = answers(2, "theirs");
    let their_text = encode(&Envelope::new("t-tabs", 1, 1.0, theirs.clone()));
    s.set_item(&key, &their_text).unwrap();
    dispatch_storage_event(Some(&key), Some(&their_text), &s);

    match seen.borrow().as_slice() {
        [Loaded::Restored { answers, .. }] => assert_eq!(*answers, theirs),
        other => panic!("expected one Restored, got {other:?}"),
    }
    assert_eq!(saver.flush(), None, "the pending change was dropped, not written over theirs");
    assert_eq!(get(&key).as_deref(), Some(their_text.as_str()));

    // The UI now shows their answers and schedules them: no echo write back.
    saver.schedule(theirs.clone());
    assert_eq!(saver.flush(), Some(Ok(())));
    assert_eq!(get(&key).as_deref(), Some(their_text.as_str()), "identical answers not rewritten");

    // Their reset (key removed) reaches this tab as Fresh.
    s.remove_item(&key).unwrap();
    dispatch_storage_event(Some(&key), None, &s);
    assert_eq!(seen.borrow().last(), Some(&Loaded::Fresh));

    // A newer version in the other tab makes this one read-only.
    let newer = r#"{"schema": 7, "card": "t-tabs"}"#;
    s.set_item(&key, newer).unwrap();
    dispatch_storage_event(Some(&key), Some(newer), &s);
    assert!(matches!(seen.borrow().last(), Some(Loaded::Newer { .. })));
    saver.schedule(answers(1, ""));
    assert!(matches!(saver.flush(), Some(Err(SaveError::ReadOnly(_)))));
    assert_eq!(get(&key).as_deref(), Some(newer));
    assert_eq!(seen.borrow().len(), 3);
}

#[wasm_bindgen_test]
fn storage_events_for_other_keys_and_areas_are_ignored() {
    let s = fresh();
    let mut store = Store::open("t-filter", 1);
    store.load();
    let mut saver = Saver::new(store);
    let count = Rc::new(RefCell::new(0));
    let sink = count.clone();
    saver.on_change(move |_| *sink.borrow_mut() += 1);

    let other = key_for("t-filter-other");
    s.set_item(&other, "x").unwrap();
    dispatch_storage_event(Some(&other), Some("x"), &s);
    let backup = format!("{}1", backup_prefix("t-filter"));
    dispatch_storage_event(Some(&backup), Some("x"), &s);
    let session = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    dispatch_storage_event(Some(&key_for("t-filter")), Some("x"), &session);
    assert_eq!(*count.borrow(), 0);

    // After the saver is gone, events reach nothing.
    drop(saver);
    s.set_item(&key_for("t-filter"), "garbage").unwrap();
    dispatch_storage_event(Some(&key_for("t-filter")), Some("garbage"), &s);
    assert_eq!(*count.borrow(), 0);
}
