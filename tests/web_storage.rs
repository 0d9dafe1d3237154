//! Storage in a real browser: the page's `localStorage` behind the backend, a really full
//! quota, debounced writes, `pagehide`, dropping the saver, and the `storage` events another
//! tab fires. The rules themselves are tested natively over an in-memory backend
//! (`tests/storage.rs`).

#![cfg(target_arch = "wasm32")]

mod common;

use common::web::{dispatch_storage_event, fill, fresh, get, sleep, storage, unfill};
use common::{answers, fixed_now, kept, progress};
use decision_cards::storage::{local_storage, progress_key, Document, Loaded, Saver};
use decision_core::envelope::{decode, encode, Contents, Envelope};
use decision_core::store::{SaveError, StoreStatus};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A card's progress in the page's real `localStorage`.
fn document(card: &str) -> Document<decision_cards::storage::ProgressCodec> {
    Document::open(progress_key(card), progress(card, 1), local_storage(), fixed_now)
}

#[wasm_bindgen_test]
fn the_page_storage_saves_and_restores() {
    fresh();
    let mut doc = document("t-restore");
    assert_eq!(doc.status(), StoreStatus::Available);
    assert_eq!(doc.load(), Loaded::Fresh);
    doc.save(&kept(&answers(1, "why we care"))).unwrap();
    assert_eq!(
        decode(&get("decision-cards/t-restore").unwrap(), "t-restore").unwrap().answers,
        answers(1, "why we care")
    );
    assert!(
        matches!(document("t-restore").load(), Loaded::Restored { value, .. } if value == kept(&answers(1, "why we care")))
    );
    assert_eq!(get("decision-cards/.probe"), None, "the probe cleans up after itself");
}

#[wasm_bindgen_test]
fn a_really_full_storage_keeps_the_last_good_copy() {
    let s = fresh();
    let key = progress_key("t-quota");
    let mut doc = document("t-quota");
    doc.load();
    doc.save(&kept(&answers(1, ""))).unwrap();
    let good = get(&key).unwrap();
    let fillers = fill(&s);

    let big = answers(2, &"a long note ".repeat(1000));
    assert_eq!(
        doc.save(&kept(&big)),
        Err(SaveError::Quota),
        "the browser's own error is read as a full quota"
    );
    assert_eq!(doc.status(), StoreStatus::QuotaExceeded);
    assert_eq!(get(&key).as_deref(), Some(good.as_str()), "last good copy kept");
    let reopened = document("t-quota");
    assert_eq!(reopened.status(), StoreStatus::QuotaExceeded, "the probe notices a full storage");

    unfill(&s, &fillers);
    doc.save(&kept(&big)).unwrap();
    assert_eq!(doc.status(), StoreStatus::Available);
}

#[wasm_bindgen_test]
async fn debounced_save_waits_for_quiet_then_writes() {
    fresh();
    let key = progress_key("t-debounce");
    let mut doc = document("t-debounce");
    doc.load();
    let saver = Saver::with_delay(doc, 60);
    let results: Rc<RefCell<Vec<Result<(), SaveError>>>> = Rc::default();
    let sink = results.clone();
    saver.on_result(move |r| sink.borrow_mut().push(r.clone()));

    saver.schedule(kept(&answers(1, "")));
    saver.schedule(kept(&answers(2, "")));
    assert_eq!(get(&key), None, "nothing written during the quiet period");
    sleep(30).await;
    saver.schedule(kept(&answers(-2, "")));
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
    let key = progress_key("t-pagehide");
    let mut doc = document("t-pagehide");
    doc.load();
    let saver = Saver::with_delay(doc, 60_000);
    saver.schedule(kept(&answers(1, "closing the tab now")));
    assert_eq!(get(&key), None);
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    assert_eq!(decode(&get(&key).unwrap(), "t-pagehide").unwrap().answers, answers(1, "closing the tab now"));
    assert_eq!(saver.flush(), None);
}

#[wasm_bindgen_test]
fn dropping_the_saver_writes_pending_answers_and_removes_listeners() {
    fresh();
    let key = progress_key("t-drop");
    let mut doc = document("t-drop");
    doc.load();
    let saver = Saver::with_delay(doc, 60_000);
    saver.schedule(kept(&answers(2, "")));
    drop(saver);
    assert_eq!(decode(&get(&key).unwrap(), "t-drop").unwrap().answers, answers(2, ""));
    // A later pagehide reaches no dropped closure (that would throw in JS).
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
}

#[wasm_bindgen_test]
fn another_tab_change_is_picked_up_not_overwritten() {
    let s = fresh();
    let key = progress_key("t-tabs");
    let mut doc = document("t-tabs");
    doc.load();
    doc.save(&kept(&answers(1, ""))).unwrap();
    let mut saver = Saver::with_delay(doc, 60_000);
    let seen: Rc<RefCell<Vec<Loaded<Contents>>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    // This tab has a change pending when the other tab writes the same item.
    saver.schedule(kept(&answers(-1, "mine")));
    let theirs = answers(2, "theirs");
    let their_text = encode(&Envelope::new("t-tabs", 1, 1.0, theirs.clone()));
    s.set_item(&key, &their_text).unwrap();
    dispatch_storage_event(Some(&key), Some(&their_text), &s);

    match seen.borrow().as_slice() {
        [Loaded::Restored { value, .. }] => assert_eq!(*value, kept(&theirs)),
        other => panic!("expected one Restored, got {other:?}"),
    }
    assert_eq!(saver.flush(), None, "the pending change gave way, not written over theirs");
    assert_eq!(get(&key).as_deref(), Some(their_text.as_str()));

    // The UI now shows their answers and schedules them: no echo write back.
    saver.schedule(kept(&theirs.clone()));
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
    saver.schedule(kept(&answers(1, "")));
    assert!(matches!(saver.flush(), Some(Err(SaveError::ReadOnly(_)))));
    assert_eq!(get(&key).as_deref(), Some(newer));
    assert_eq!(seen.borrow().len(), 3);
}

#[wasm_bindgen_test]
fn storage_events_for_other_keys_and_areas_are_ignored() {
    let s = fresh();
    let mut doc = document("t-filter");
    doc.load();
    let mut saver = Saver::new(doc);
    let count = Rc::new(RefCell::new(0));
    let sink = count.clone();
    saver.on_change(move |_| *sink.borrow_mut() += 1);

    let other = progress_key("t-filter-other");
    s.set_item(&other, "x").unwrap();
    dispatch_storage_event(Some(&other), Some("x"), &s);
    let backup = format!("{}/backup/1", progress_key("t-filter"));
    dispatch_storage_event(Some(&backup), Some("x"), &s);
    let session = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    dispatch_storage_event(Some(&progress_key("t-filter")), Some("x"), &session);
    assert_eq!(*count.borrow(), 0);

    // After the saver is gone, events reach nothing.
    drop(saver);
    storage().set_item(&progress_key("t-filter"), "garbage").unwrap();
    dispatch_storage_event(Some(&progress_key("t-filter")), Some("garbage"), &s);
    assert_eq!(*count.borrow(), 0);
}

/// A decision of the seed card on `answers`, decided on 4 December 2026.
fn decision(answers: &decision_core::answers::Answers) -> decision_core::history::Decision {
    use decision_core::history::{decide, Draft};
    let card = common::seed_card();
    let verdict = decision_core::engine::evaluate(card, answers);
    let draft = Draft {
        chosen: verdict.recommends,
        reason: String::new(),
        by: "The group, in a workshop of 3".into(),
        decided_on: "2026-12-04".into(),
        revisit_by: "2027-06-04".into(),
    };
    decide(card, answers, &verdict, &draft, fixed_now()).expect("a valid draft")
}

#[wasm_bindgen_test]
fn a_decision_recorded_from_another_page_joins_the_card_s_history_and_never_overwrites_unreadable_progress() {
    use decision_cards::storage::{record_on_card, NotRecorded};
    let s = fresh();
    let card = common::seed_card();
    let key = progress_key(&card.id);

    // Stored answers stay; the decision joins them.
    let mut doc = Document::open(key.clone(), progress(&card.id, card.version), local_storage(), fixed_now);
    doc.load();
    doc.save(&kept(&answers(1, "our own answers"))).unwrap();
    assert_eq!(record_on_card(card, decision(&answers(2, ""))), Ok(()));
    let stored = decode(&get(&key).unwrap(), &card.id).unwrap();
    assert_eq!(stored.answers, answers(1, "our own answers"));
    assert_eq!(stored.history.decisions.len(), 1);
    assert_eq!(stored.history.decisions[0].by, "The group, in a workshop of 3");

    // Progress that cannot be read, or that a newer version wrote, is left exactly as it is.
    for raw in [
        "{\"schema\": 3, \"card\": \"model-api-vs",
        "{\"schema\": 99, \"card\": \"model-api-vs-self-hosted\"}",
    ] {
        s.set_item(&key, raw).unwrap();
        assert_eq!(record_on_card(card, decision(&answers(2, ""))), Err(NotRecorded::Unreadable), "{raw}");
        assert_eq!(get(&key).as_deref(), Some(raw));
    }
}
