//! The stored-document rules of `docs/reliability.md`, natively, over an in-memory backend
//! that fails the way browsers fail: saving and restoring, data that must be kept aside or
//! left alone, a full quota, storage that is missing or fails on read, changes made by
//! another tab, and the same rules for a workshop. The real `localStorage`, its events and
//! timers are tested in `tests/web_storage.rs` and `tests/web_reliability.rs`.

mod common;

use common::{answers, fixed_now, kept, progress_document, seed_card, workshop_document, CARD};
use decision_cards::storage::{
    backend, progress_key, workshop_key, Backend, Document, Loaded, MemoryStorage, Saver,
};
use decision_core::answers::{Answers, FactorAnswer};
use decision_core::envelope::{decode, encode, Contents, DecodeError, Envelope, SCHEMA};
use decision_core::store::{Hold, SaveError, StoreStatus, Unavailable};
use decision_core::workshop::{self, Workshop};
use std::cell::RefCell;
use std::rc::Rc;

fn stored_answers(memory: &MemoryStorage, card: &str) -> Answers {
    decode(&memory.value(&progress_key(card)).expect("saved"), card).unwrap().answers
}

#[test]
fn save_then_load_restores() {
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-restore", 4);
    assert_eq!(doc.status(), StoreStatus::Available);
    assert_eq!(doc.key(), "decision-cards/t-restore");
    assert_eq!(doc.load(), Loaded::Fresh);
    let a = answers(1, "why we care");
    doc.save(&kept(&a)).unwrap();

    let env = decode(&memory.value("decision-cards/t-restore").unwrap(), "t-restore").unwrap();
    assert_eq!((env.schema, env.content_version, env.saved_at), (SCHEMA, 4, fixed_now()));
    let loaded = progress_document(&memory, "t-restore", 4).load();
    assert_eq!(loaded, Loaded::Restored { value: kept(&a), saved_at: fixed_now(), migrated: false });
    // The probe key is gone again.
    assert_eq!(memory.value("decision-cards/.probe"), None);
}

#[test]
fn nothing_is_written_until_something_is_answered() {
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-empty", 1);
    assert_eq!(doc.load(), Loaded::Fresh);
    doc.save(&kept(&Answers::default())).unwrap();
    let mut neutral = Answers::default();
    neutral.factors.insert("privacy".into(), FactorAnswer::default());
    doc.save(&kept(&neutral)).unwrap();
    assert_eq!(memory.value(&progress_key("t-empty")), None);
}

#[test]
fn unreadable_value_is_backed_up_before_the_key_is_reused() {
    let key = progress_key("t-unreadable");
    let other_card = encode(&Envelope::new("some-other-card", 1, 0.0, answers(2, "")));
    for raw in [
        r#"{"schema": 2, "card": "t-unrea"#.to_string(),
        "not json at all".to_string(),
        r#"{"schema": 2, "card": "t-unreadable", "answers": []}"#.to_string(),
        other_card,
    ] {
        let memory = MemoryStorage::new();
        memory.put(&key, &raw);
        let mut doc = progress_document(&memory, "t-unreadable", 1);
        let backup = match doc.load() {
            Loaded::KeptAside { backup_key: Some(backup), raw: kept, .. } => {
                assert_eq!(kept, raw);
                backup
            }
            other => panic!("{raw}: expected KeptAside with a backup, got {other:?}"),
        };
        assert_eq!(backup, format!("{key}/backup/{}", fixed_now() as u64));
        assert_eq!(memory.value(&backup).as_deref(), Some(raw.as_str()), "backup holds the raw text");
        assert_eq!(memory.value(&key).as_deref(), Some(raw.as_str()), "original left in place");
        assert_eq!(doc.status(), StoreStatus::Available);

        // Loading the same data again reuses the backup instead of piling up copies.
        let mut again = progress_document(&memory, "t-unreadable", 1);
        assert!(matches!(again.load(), Loaded::KeptAside { backup_key: Some(ref k), .. } if *k == backup));
        assert_eq!(again.backup_keys(), vec![backup.clone()]);

        // The copy exists, so the key may now hold new answers; the backup stays.
        doc.save(&kept(&answers(-1, ""))).unwrap();
        assert_eq!(stored_answers(&memory, "t-unreadable"), answers(-1, ""));
        assert_eq!(memory.value(&backup).as_deref(), Some(raw.as_str()));
    }
}

#[test]
fn unreadable_value_without_room_for_a_backup_is_never_overwritten() {
    let key = progress_key("t-no-room");
    let raw = format!("{{\"schema\": 2, \"damaged\": \"{}", "z".repeat(2000));
    let memory = MemoryStorage::new();
    memory.put(&key, &raw);
    memory.set_quota(Some(key.len() + raw.len() + 10));

    let mut doc = progress_document(&memory, "t-no-room", 1);
    match doc.load() {
        Loaded::KeptAside { backup_key: None, raw: kept, error } => {
            assert_eq!(kept, raw);
            assert_eq!(error, DecodeError::Truncated);
        }
        other => panic!("expected KeptAside without a backup, got {other:?}"),
    }
    assert_eq!(doc.status(), StoreStatus::ReadOnly(Hold::NoRoomForBackup));
    assert_eq!(doc.save(&kept(&answers(1, ""))), Err(SaveError::ReadOnly(Hold::NoRoomForBackup)));
    assert_eq!(doc.clear(), Err(SaveError::ReadOnly(Hold::NoRoomForBackup)));
    assert_eq!(memory.value(&key).as_deref(), Some(raw.as_str()));
    assert!(doc.backup_keys().is_empty());

    // Once the user has downloaded the text and chosen to start over, saving is allowed.
    memory.set_quota(None);
    doc.allow_overwrite();
    doc.save(&kept(&answers(1, ""))).unwrap();
    assert_eq!(stored_answers(&memory, "t-no-room"), answers(1, ""));
}

#[test]
fn quota_exceeded_keeps_the_last_good_copy() {
    let key = progress_key("t-quota");
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-quota", 1);
    doc.load();
    let small = answers(1, "");
    doc.save(&kept(&small)).unwrap();
    let good = memory.value(&key).unwrap();
    memory.set_quota(Some(key.len() + good.len() + 50));

    let big = answers(2, &"a long note ".repeat(1000));
    assert_eq!(doc.save(&kept(&big)), Err(SaveError::Quota));
    assert_eq!(doc.status(), StoreStatus::QuotaExceeded);
    assert_eq!(memory.value(&key).as_deref(), Some(good.as_str()), "last good copy kept");

    // A full storage still opens (the probe says it is full) and reads.
    memory.set_quota(Some(0));
    let mut reopened = progress_document(&memory, "t-quota", 1);
    assert_eq!(reopened.status(), StoreStatus::QuotaExceeded);
    assert!(matches!(reopened.load(), Loaded::Restored { ref value, .. } if value.answers == small));

    memory.set_quota(None);
    doc.save(&kept(&big)).unwrap();
    assert_eq!(doc.status(), StoreStatus::Available);
    assert_eq!(stored_answers(&memory, "t-quota"), big);
}

#[test]
fn too_large_answers_are_refused_before_writing() {
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-large", 1);
    doc.load();
    let huge = answers(1, &"x".repeat(decision_core::envelope::MAX_BYTES));
    assert!(matches!(doc.save(&kept(&huge)), Err(SaveError::TooLarge { .. })));
    assert_eq!(memory.value(&progress_key("t-large")), None);
}

#[test]
fn newer_schema_is_read_only_and_untouched() {
    let key = progress_key("t-newer");
    let raw = r#"{"schema": 99, "card": "t-newer", "stuff": {"from": "the future"}}"#;
    let memory = MemoryStorage::new();
    memory.put(&key, raw);

    let mut doc = progress_document(&memory, "t-newer", 1);
    assert_eq!(doc.load(), Loaded::Newer { schema: 99, raw: raw.into() });
    assert_eq!(doc.status(), StoreStatus::ReadOnly(Hold::Newer { schema: 99 }));
    assert!(matches!(doc.save(&kept(&answers(1, ""))), Err(SaveError::ReadOnly(_))));
    assert!(matches!(doc.clear(), Err(SaveError::ReadOnly(_))));
    assert_eq!(memory.value(&key).as_deref(), Some(raw));
    assert!(doc.backup_keys().is_empty(), "newer data is left in place, not moved");

    doc.allow_overwrite();
    doc.save(&kept(&answers(1, ""))).unwrap();
    assert!(decode(&memory.value(&key).unwrap(), "t-newer").is_ok());
}

#[test]
fn newer_write_from_elsewhere_stops_saving() {
    let key = progress_key("t-newer-later");
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-newer-later", 1);
    assert_eq!(doc.load(), Loaded::Fresh);
    doc.save(&kept(&answers(1, ""))).unwrap();

    // A newer version in another tab writes, and no storage event has arrived yet.
    let raw = r#"{"schema": 99, "card": "t-newer-later", "answers": {"v99": true}}"#;
    memory.put(&key, raw);
    assert!(matches!(doc.save(&kept(&answers(2, ""))), Err(SaveError::ReadOnly(_))));
    assert_eq!(memory.value(&key).as_deref(), Some(raw));
}

#[test]
fn schema_1_is_migrated_on_load_and_rewritten_only_on_a_change() {
    let key = progress_key("t-migrate");
    let raw = r#"{"schema": 1, "card": "t-migrate", "content_version": 1, "saved_at": 5,
        "answers": {"positions": {"privacy": -2}, "weights": {"privacy": 1}, "ticked": ["s"]}}"#;
    let memory = MemoryStorage::new();
    memory.put(&key, raw);
    let mut doc = progress_document(&memory, "t-migrate", 2);
    let Loaded::Restored { value, migrated, .. } = doc.load() else { panic!("expected Restored") };
    assert!(migrated);
    assert_eq!(value.answers.factors["privacy"], FactorAnswer { position: -2, weight: Some(1) });
    assert!(value.answers.is_ticked("s"));
    // Same answers: nothing to write, the stored text stays as it was.
    doc.save(&value).unwrap();
    assert_eq!(memory.value(&key).as_deref(), Some(raw));
    doc.save(&kept(&answers(1, ""))).unwrap();
    let env = decode(&memory.value(&key).unwrap(), "t-migrate").unwrap();
    assert_eq!((env.schema, env.content_version), (SCHEMA, 2));
}

#[test]
fn case_01_without_storage_everything_works_in_memory_and_is_offered_for_download() {
    for why in [Unavailable::Blocked, Unavailable::NoStorage, Unavailable::NotInBrowser] {
        let mut doc = Document::open(
            progress_key("t-blocked"),
            common::progress("t-blocked", 1),
            Err(why.clone()),
            fixed_now,
        );
        assert_eq!(doc.status(), StoreStatus::Unavailable(why.clone()));
        assert_eq!(doc.load(), Loaded::Unavailable(why.clone()));
        assert_eq!(doc.save(&kept(&answers(1, ""))), Err(SaveError::Unavailable(why.clone())));
        assert_eq!(doc.clear(), Err(SaveError::Unavailable(why.clone())));
        let saver = Saver::new(doc);
        // No browser here, so no timer: the save is attempted at once.
        saver.schedule(kept(&answers(2, "only in memory")));
        assert_eq!(saver.status(), StoreStatus::Unavailable(why));
        // What a failing page offers for download: the answers that could not be saved.
        let unsaved = saver.unsaved().expect("the answers that could not be saved");
        assert_eq!(decode(&unsaved, "t-blocked").unwrap().answers, answers(2, "only in memory"));
    }
}

#[test]
fn case_01_storage_that_fails_on_read_is_never_written_over() {
    let key = progress_key("t-read-fails");
    let stored = encode(&Envelope::new("t-read-fails", 1, 0.0, answers(-2, "keep me")));
    let memory = MemoryStorage::new();
    memory.put(&key, &stored);
    let mut doc = progress_document(&memory, "t-read-fails", 1);
    memory.fail_reads(Some("The operation is insecure."));
    let load = doc.load();
    let save = doc.save(&kept(&answers(1, "")));
    memory.fail_reads(None);
    let why = Unavailable::ReadFailed("The operation is insecure.".into());
    assert_eq!(load, Loaded::Unavailable(why.clone()));
    assert_eq!(save, Err(SaveError::Unavailable(why.clone())));
    assert_eq!(doc.status(), StoreStatus::Unavailable(why));
    assert_eq!(memory.value(&key).as_deref(), Some(stored.as_str()), "what could not be read is untouched");
}

#[test]
fn case_01_a_refused_probe_means_no_storage() {
    let memory = MemoryStorage::new();
    memory.fail_writes(Some("denied"));
    let doc = progress_document(&memory, "t-refused", 1);
    assert_eq!(doc.status(), StoreStatus::Unavailable(Unavailable::Refused("denied".into())));
}

#[test]
fn case_07_a_save_that_finds_another_tabs_unseen_write_merges_instead_of_overwriting() {
    let key = progress_key("t-race");
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-race", 1);
    doc.load();
    let base = answers(1, "");
    doc.save(&kept(&base)).unwrap();
    let mut saver = Saver::new(doc);
    let seen: Rc<RefCell<Vec<Loaded<Contents>>>> = Rc::default();
    let sink = seen.clone();
    saver.on_change(move |loaded| sink.borrow_mut().push(loaded));

    // The other tab changes the slider and its `storage` event has not arrived yet...
    let mut theirs = base.clone();
    theirs.factors.insert("privacy".into(), FactorAnswer { position: -2, weight: Some(2) });
    memory.put(&key, &encode(&Envelope::new("t-race", 1, 1.0, theirs.clone())));
    // ...when this tab saves a note.
    let mut ours = base.clone();
    ours.notes.insert("question-1".into(), "written here".into());
    saver.schedule(kept(&ours));

    let mut both = theirs;
    both.notes.insert("question-1".into(), "written here".into());
    assert_eq!(stored_answers(&memory, "t-race"), both, "neither change lost");
    assert_eq!(*seen.borrow(), vec![Loaded::Merged { value: kept(&both) }], "this tab shows both");
    // The page then shows and schedules the merge: nothing more is written.
    let written = memory.value(&key);
    saver.schedule(kept(&both));
    assert_eq!(memory.value(&key), written);
}

#[test]
fn case_07_another_tabs_change_with_one_pending_here_merges_both() {
    let key = progress_key("t-event-merge");
    let memory = MemoryStorage::new();
    let mut doc = progress_document(&memory, "t-event-merge", 1);
    doc.load();
    let base = answers(1, "");
    doc.save(&kept(&base)).unwrap();
    let saver = Saver::with_delay(doc, 60_000);

    // Nothing changed elsewhere: nothing to take in.
    assert_eq!(saver.take_external_change(), None);
    let mut theirs = base.clone();
    theirs.ticked.insert("signal-b-2".into());
    let their_text = encode(&Envelope::new("t-event-merge", 1, 1.0, theirs.clone()));
    memory.put(&key, &their_text);
    assert_eq!(
        saver.take_external_change(),
        Some(Loaded::Restored { value: kept(&theirs), saved_at: 1.0, migrated: false })
    );

    // Their reset reaches this tab as Fresh; a newer version's write as Newer (read-only).
    memory.remove(&key).unwrap();
    assert_eq!(saver.take_external_change(), Some(Loaded::Fresh));
    let newer = r#"{"schema": 7, "card": "t-event-merge"}"#;
    memory.put(&key, newer);
    assert!(matches!(saver.take_external_change(), Some(Loaded::Newer { schema: 7, .. })));
    assert!(matches!(saver.status(), StoreStatus::ReadOnly(_)));
    assert_eq!(memory.value(&key).as_deref(), Some(newer));
}

#[test]
fn a_workshop_round_trips_under_its_own_key_next_to_the_progress() {
    let card = seed_card();
    let memory = MemoryStorage::new();
    let mut doc = workshop_document(&memory, CARD);
    assert_eq!(doc.key(), "decision-cards/model-api-vs-self-hosted/workshop");
    assert_eq!(doc.load(), Loaded::Fresh);
    let mut w = Workshop::new(card);
    // An empty workshop is not written.
    doc.save(&w).unwrap();
    assert_eq!(memory.value(&workshop_key(CARD)), None);
    w.add(Some("Ana"), answers(2, ""));
    doc.save(&w).unwrap();
    assert_eq!(workshop::decode(&memory.value(&workshop_key(CARD)).unwrap(), CARD), Ok(w.clone()));
    assert_eq!(memory.value(&progress_key(CARD)), None, "the card's own progress is another key");
    assert!(matches!(workshop_document(&memory, CARD).load(), Loaded::Restored { value, .. } if value == w));
}

#[test]
fn an_unreadable_or_newer_workshop_is_kept_as_progress_is() {
    let key = workshop_key(CARD);
    let memory = MemoryStorage::new();
    memory.put(&key, "{\"schema\":1,\"card\":");
    let mut doc = workshop_document(&memory, CARD);
    let Loaded::KeptAside { backup_key: Some(backup), .. } = doc.load() else { panic!("expected a backup") };
    assert!(backup.starts_with("decision-cards/model-api-vs-self-hosted/workshop/backup/"), "{backup}");
    assert_eq!(memory.value(&backup).as_deref(), Some("{\"schema\":1,\"card\":"));

    let newer = "{\"schema\":99,\"card\":\"model-api-vs-self-hosted\"}";
    memory.put(&key, newer);
    let mut doc = workshop_document(&memory, CARD);
    assert!(matches!(doc.load(), Loaded::Newer { schema: 99, .. }));
    let card = seed_card();
    let mut w = Workshop::new(card);
    w.add(None, answers(1, ""));
    assert!(matches!(doc.save(&w), Err(SaveError::ReadOnly(_))));
    assert_eq!(memory.value(&key).as_deref(), Some(newer));
}

#[test]
fn two_tabs_of_one_workshop_keep_each_others_additions_and_removals() {
    let card = seed_card();
    let memory = MemoryStorage::new();
    let mut here = workshop_document(&memory, CARD);
    here.load();
    let mut base = Workshop::new(card);
    base.add(Some("Ana"), answers(2, ""));
    base.add(Some("Bo"), answers(-1, ""));
    here.save(&base).unwrap();

    // The other tab removes Bo and adds Cy; this tab, unaware, adds Dee.
    let mut theirs = base.clone();
    theirs.participants.retain(|p| p.name != "Bo");
    theirs.add(Some("Cy"), answers(0, "cy"));
    memory.put(&workshop_key(CARD), &workshop::encode(&theirs));
    let mut ours = base.clone();
    ours.add(Some("Dee"), answers(1, "dee"));
    here.save(&ours).unwrap();

    let stored = workshop::decode(&memory.value(&workshop_key(CARD)).unwrap(), CARD).unwrap();
    let names: Vec<&str> = stored.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Dee", "Cy"]);
    assert_eq!(here.take_merged(), Some(stored));
}

#[test]
fn the_probe_reports_a_full_storage_without_refusing_it() {
    let memory = MemoryStorage::new().with_quota(0);
    let probed = backend::probe(memory.backend()).expect("a full storage is still storage");
    assert!(probed.full);
}
