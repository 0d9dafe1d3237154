//! The workshop's stored copy in a real browser: a `Slot` of the storage module writes and
//! reads its own key, keeps unreadable text aside before reusing the key, never writes over
//! text it must hold or has not seen (another tab's), and the workshop round-trips through it.

#![cfg(target_arch = "wasm32")]

use decision_cards::content;
use decision_cards::storage::{key_for, workshop_key, SaveError, Slot, SlotRead, StoreStatus};
use decision_core::answers::{Answers, FactorAnswer};
use decision_core::workshop::{self, Workshop};
use wasm_bindgen_test::*;
use web_sys::Storage;

wasm_bindgen_test_configure!(run_in_browser);

const CARD: &str = "model-api-vs-self-hosted";

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

fn sample() -> Workshop {
    let card = content::card(CARD).unwrap();
    let mut w = Workshop::new(card);
    let mut a = Answers::default();
    a.factors.insert("privacy".into(), FactorAnswer { position: 2, weight: None });
    w.add(Some("Ana"), a);
    w
}

#[wasm_bindgen_test]
fn a_workshop_round_trips_under_its_own_key() {
    fresh();
    let key = workshop_key(CARD);
    assert_eq!(key, "decision-cards/model-api-vs-self-hosted/workshop");
    let mut slot = Slot::open(&key);
    assert_eq!(slot.status(), StoreStatus::Available);
    assert_eq!(slot.read(), SlotRead::Empty);
    let text = workshop::encode(&sample());
    slot.write(&text).unwrap();
    assert_eq!(get(&key).as_deref(), Some(text.as_str()));
    // The card's own progress is another key, untouched.
    assert_eq!(get(&key_for(CARD)), None);

    let mut again = Slot::open(&key);
    let SlotRead::Text(raw) = again.read() else { panic!("expected the stored workshop") };
    assert_eq!(workshop::decode(&raw, CARD), Ok(sample()));
}

#[wasm_bindgen_test]
fn unreadable_text_is_kept_aside_before_the_key_is_reused() {
    let s = fresh();
    let key = workshop_key(CARD);
    s.set_item(&key, "{\"schema\":1,\"card\":").unwrap();
    let mut slot = Slot::open(&key);
    let SlotRead::Text(raw) = slot.read() else { panic!("expected text") };
    assert!(workshop::decode(&raw, CARD).is_err());
    let backup = slot.keep_aside(&raw).expect("a backup key");
    assert!(backup.starts_with("decision-cards/model-api-vs-self-hosted/workshop/backup/"));
    assert_eq!(get(&backup).as_deref(), Some(raw.as_str()));
    // Keeping the same text aside again reuses the backup.
    assert_eq!(slot.keep_aside(&raw).as_deref(), Some(backup.as_str()));
    slot.write(&workshop::encode(&sample())).unwrap();
    assert_eq!(get(&backup).as_deref(), Some(raw.as_str()));
}

#[wasm_bindgen_test]
fn held_text_is_never_written_over() {
    let s = fresh();
    let key = workshop_key(CARD);
    let newer = "{\"schema\":99,\"card\":\"model-api-vs-self-hosted\"}";
    s.set_item(&key, newer).unwrap();
    let mut slot = Slot::open(&key);
    let SlotRead::Text(raw) = slot.read() else { panic!("expected text") };
    let err = workshop::decode(&raw, CARD).unwrap_err();
    slot.hold(decision_core::messages::stored_workshop_problem(&err));
    assert!(matches!(slot.status(), StoreStatus::ReadOnly(_)));
    assert!(matches!(slot.write("{}"), Err(SaveError::ReadOnly(_))));
    assert_eq!(get(&key).as_deref(), Some(newer));
}

#[wasm_bindgen_test]
fn another_tabs_write_is_seen_before_writing() {
    let s = fresh();
    let key = workshop_key(CARD);
    let mut slot = Slot::open(&key);
    assert_eq!(slot.read(), SlotRead::Empty);
    slot.write("{\"mine\":1}").unwrap();
    assert_eq!(slot.changed(), None);
    s.set_item(&key, "{\"theirs\":1}").unwrap();
    assert_eq!(slot.changed(), Some(Some("{\"theirs\":1}".to_string())));
    assert!(slot.write("{\"mine\":2}").is_err());
    assert_eq!(get(&key).as_deref(), Some("{\"theirs\":1}"));
    // Once read (and merged by the caller), the slot may write again.
    assert_eq!(slot.read(), SlotRead::Text("{\"theirs\":1}".into()));
    slot.write("{\"merged\":1}").unwrap();
    assert_eq!(get(&key).as_deref(), Some("{\"merged\":1}"));
}
