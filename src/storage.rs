//! Saved progress in the browser's `localStorage`: the only module that touches it.
//!
//! Each card's answers are stored as one [`Envelope`] (see that module for the format, the
//! size cap and the schema migrations) under one key:
//!
//! - `decision-cards/<card-id>`: the card's progress. The key holds no schema version, so a
//!   newer version of the app reads (and migrates) the same key.
//! - `decision-cards/<card-id>/backup/<ms-since-epoch>`: a verbatim copy of stored text that
//!   could not be read, made before that key is ever written again.
//! - `decision-cards/<card-id>/workshop`: the card's workshop, through a [`Slot`] (same rules;
//!   its backups go to `decision-cards/<card-id>/workshop/backup/<ms-since-epoch>`).
//!
//! Rules, all of which come from one principle, *never destroy what you could not read*:
//!
//! - Nothing here panics. Storage that is blocked or absent (sandboxed iframe, disabled site
//!   data, not a browser at all) is detected through `web_sys` with a write probe, and the
//!   widget keeps working in memory ([`StoreStatus::Unavailable`]).
//! - Unreadable text is copied to a backup key first; only then may the card's key be reused.
//!   When the copy cannot be made (storage full), the store turns read-only until the user
//!   has taken the text (the UI offers it for download) and calls [`Store::allow_overwrite`].
//! - Text from a newer schema is never rewritten in an older one: the store turns read-only.
//! - A failed write (quota) leaves the previous value in place: the Web Storage `setItem`
//!   guarantees it, so nothing is removed before writing.
//! - Before each write the current value is read again: if another tab or a newer version
//!   changed it in the meantime, the rules above apply to that value too, and readable answers
//!   are merged item by item with this tab's ([`envelope::merge`]) rather than written over.
//! - A change from another tab (the `storage` event) is merged the same way with answers still
//!   waiting to be saved here: neither tab's change is dropped.
//! - When the page fails, [`flush_all_quietly`] still writes what is pending, and
//!   [`saved_progress`] reads what is stored, both without running any callback.
//!
//! Typical use (Leptos-agnostic; the component keeps the [`Saver`] for its lifetime):
//!
//! ```ignore
//! let mut store = Store::open(&card.id, card.version);
//! let loaded = store.load();            // Restored answers, or a notice to show
//! let mut saver = Saver::new(store);
//! saver.on_result(|r| { /* show "saved", or the error */ });
//! saver.on_change(|loaded| { /* another tab changed this card's answers */ });
//! // on every edit:
//! saver.schedule(answers.clone());
//! ```

use decision_core::answers::Answers;
use decision_core::envelope::{self, DecodeError, Envelope, Prefer, MAX_BYTES};
use std::cell::RefCell;
use std::fmt;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget, Storage, StorageEvent};

/// Prefix of every key this app writes.
pub const KEY_PREFIX: &str = "decision-cards/";

/// Quiet time before a scheduled save is written: long enough to coalesce a slider drag,
/// short enough that little is at stake if the browser dies.
pub const DEFAULT_DELAY_MS: i32 = 400;

/// Written and removed at start-up to prove storage accepts writes. Card ids are made of
/// lowercase letters, digits and `-`, so this can never be a card's key.
const PROBE_KEY: &str = "decision-cards/.probe";

/// The key holding a card's progress.
pub fn key_for(card_id: &str) -> String {
    format!("{KEY_PREFIX}{card_id}")
}

/// The prefix of a card's backup keys; a backup key adds the time in milliseconds.
pub fn backup_prefix(card_id: &str) -> String {
    format!("{KEY_PREFIX}{card_id}/backup/")
}

/// The current time in milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// The browser window, or `None` anywhere else (natively, calling into JS would panic).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// Whether progress can be saved, and if not, why (the reasons are written for the user).
#[derive(Debug, Clone, PartialEq)]
pub enum StoreStatus {
    /// Progress is saved in this browser.
    Available,
    /// No usable storage: answers live in memory only and are lost on close.
    Unavailable(String),
    /// Stored data must not be overwritten (newer schema, or unreadable data that could not
    /// be backed up): nothing is saved until [`Store::allow_overwrite`].
    ReadOnly(String),
    /// The last write hit the storage quota; the last good copy is still stored.
    QuotaExceeded,
}

impl fmt::Display for StoreStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreStatus::Available => f.write_str("Progress is saved in this browser."),
            StoreStatus::Unavailable(reason) | StoreStatus::ReadOnly(reason) => f.write_str(reason),
            StoreStatus::QuotaExceeded => f.write_str(
                "This browser's storage is full: the latest changes are not saved (the last \
                 saved copy is kept). Export your answers to keep them.",
            ),
        }
    }
}

/// What [`Store::load`] (or a change from another tab) found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing saved for this card yet.
    Fresh,
    /// Saved answers, clamped into range; `migrated` when they were in an older schema.
    Restored { answers: Answers, saved_at: f64, content_version: u32, migrated: bool },
    /// The stored text could not be read. It is left in place, and copied to `backup_key`
    /// when that was possible (when not, the store is read-only). `raw` is the text itself,
    /// for the user to download.
    KeptAside { backup_key: Option<String>, reason: String, raw: String },
    /// Saved by a newer version: left untouched, and the store is read-only.
    Newer { reason: String, raw: String },
    /// Another tab's saved answers combined with this tab's unsaved ones (see
    /// [`envelope::merge`]): nothing of either is lost. Not saved yet; they are the answers to
    /// show and save next.
    Merged { answers: Answers },
    /// Storage is unavailable: start from empty answers, kept in memory.
    Unavailable { reason: String },
}

/// Why a save did not happen. In every case the previously stored value is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// No usable storage (the reason is written for the user).
    Unavailable(String),
    /// The store is read-only (the reason is written for the user).
    ReadOnly(String),
    /// The browser's storage quota is exhausted.
    Quota,
    /// The answers would exceed the size the app agrees to read back.
    TooLarge { bytes: usize },
    /// Any other storage failure, with the browser's message.
    Other(String),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Unavailable(reason) | SaveError::ReadOnly(reason) => f.write_str(reason),
            SaveError::Quota => f.write_str(
                "Not saved: this browser's storage is full. The last saved copy is kept; export \
                 your answers to keep the latest ones.",
            ),
            SaveError::TooLarge { bytes } => write!(
                f,
                "Not saved: the answers are too large ({} KB; the limit is {} KB). Shorten the \
                 longest notes.",
                bytes.div_ceil(1024),
                MAX_BYTES / 1024
            ),
            SaveError::Other(message) => write!(f, "Not saved: the browser refused ({message})."),
        }
    }
}

impl std::error::Error for SaveError {}

/// One card's saved progress. Holds no answers of its own beyond what it needs to tell its
/// own writes from changes made elsewhere.
pub struct Store {
    card_id: String,
    content_version: u32,
    key: String,
    /// The storage, or why there is none.
    storage: Result<Storage, String>,
    /// Set while stored data must not be overwritten; the reason is shown to the user.
    read_only: Option<String>,
    quota_exceeded: bool,
    /// The text at `key` as this store last read or wrote it. A different value means
    /// someone else wrote: another tab, or another version of the app.
    last_raw: Option<String>,
    /// The answers `last_raw` holds, when it was readable: a save of the same answers is
    /// skipped, which also stops two tabs from echoing each other's writes forever.
    last_answers: Option<Answers>,
    /// Set when the last save found answers written elsewhere and merged them in: what was
    /// written differs from what the caller passed ([`Store::take_merged`]).
    merged: Option<Answers>,
}

impl Store {
    /// Open the store for one card. Never panics: when storage is blocked or missing, the
    /// store works without it and [`Store::status`] says why.
    pub fn open(card_id: &str, content_version: u32) -> Store {
        let (storage, quota_exceeded) = match probe() {
            Ok((storage, full)) => (Ok(storage), full),
            Err(reason) => (Err(reason), false),
        };
        Store {
            card_id: card_id.to_string(),
            content_version,
            key: key_for(card_id),
            storage,
            read_only: None,
            quota_exceeded,
            last_raw: None,
            last_answers: None,
            merged: None,
        }
    }

    /// The key this card's progress is stored under.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether saving works now.
    pub fn status(&self) -> StoreStatus {
        match (&self.storage, &self.read_only) {
            (Err(reason), _) => StoreStatus::Unavailable(reason.clone()),
            (Ok(_), Some(reason)) => StoreStatus::ReadOnly(reason.clone()),
            (Ok(_), None) if self.quota_exceeded => StoreStatus::QuotaExceeded,
            (Ok(_), None) => StoreStatus::Available,
        }
    }

    /// Read this card's saved progress. Unreadable text is backed up before anything else
    /// happens; newer-schema text makes the store read-only.
    pub fn load(&mut self) -> Loaded {
        let storage = match &self.storage {
            Ok(storage) => storage,
            Err(reason) => return Loaded::Unavailable { reason: reason.clone() },
        };
        match storage.get_item(&self.key) {
            Ok(raw) => self.take_in(raw),
            Err(err) => {
                // What cannot be read must not be overwritten: treat storage as unavailable.
                let reason = format!(
                    "Saved progress could not be read from this browser's storage ({}). \
                     Changes are kept in memory only.",
                    js_message(&err)
                );
                self.storage = Err(reason.clone());
                Loaded::Unavailable { reason }
            }
        }
    }

    /// Save the answers now. On any error the stored value is left as it was.
    ///
    /// When the stored answers changed since this store last read or wrote them (another tab
    /// saved and its `storage` event has not arrived yet), both changes are merged and the
    /// merge is saved; [`Store::take_merged`] then returns it, for the caller to show.
    pub fn save(&mut self, answers: &Answers) -> Result<(), SaveError> {
        self.merged = None;
        let storage = self.writable(Some(answers))?;
        let merged = self.merged.clone();
        let answers = merged.as_ref().unwrap_or(answers);
        let unchanged = match (&self.last_raw, &self.last_answers) {
            // Nothing stored and nothing answered: no need to create the key.
            (None, _) => answers.is_empty(),
            (Some(_), Some(stored)) => stored == answers,
            (Some(_), None) => false,
        };
        if unchanged {
            self.quota_exceeded = false;
            return Ok(());
        }
        let text =
            envelope::encode(&Envelope::new(&self.card_id, self.content_version, now_ms(), answers.clone()));
        if text.len() > MAX_BYTES {
            return Err(SaveError::TooLarge { bytes: text.len() });
        }
        match storage.set_item(&self.key, &text) {
            Ok(()) => {
                self.quota_exceeded = false;
                self.last_raw = Some(text);
                self.last_answers = Some(answers.clone());
                Ok(())
            }
            Err(err) if is_quota(&err) => {
                self.quota_exceeded = true;
                Err(SaveError::Quota)
            }
            Err(err) => Err(SaveError::Other(js_message(&err))),
        }
    }

    /// Remove this card's saved progress (the confirmed "reset"). Backups are left alone.
    pub fn clear(&mut self) -> Result<(), SaveError> {
        let storage = self.writable(None)?;
        storage.remove_item(&self.key).map_err(|err| SaveError::Other(js_message(&err)))?;
        self.last_raw = None;
        self.last_answers = None;
        Ok(())
    }

    /// The answers the last [`Store::save`] actually wrote, when it merged in answers saved
    /// elsewhere; `None` when it wrote what it was given.
    pub fn take_merged(&mut self) -> Option<Answers> {
        self.merged.take()
    }

    /// Lift the read-only state: the user has downloaded the kept data, or chose to replace
    /// it. The next save overwrites the card's key, even newer-schema data.
    pub fn allow_overwrite(&mut self) {
        self.read_only = None;
    }

    /// This card's backup keys, oldest first.
    pub fn backup_keys(&self) -> Vec<String> {
        let Ok(storage) = &self.storage else {
            return Vec::new();
        };
        keys_under(storage, &backup_prefix(&self.card_id))
    }

    /// The storage, once the current value has been checked: another tab or version may have
    /// written since this store last looked (the `storage` event may not have arrived yet).
    /// Readable answers found there are merged with `ours` (this store's answer wins where
    /// both changed the same item: it is the newer change) into `self.merged`.
    fn writable(&mut self, ours: Option<&Answers>) -> Result<Storage, SaveError> {
        let storage = match &self.storage {
            Ok(storage) => storage.clone(),
            Err(reason) => return Err(SaveError::Unavailable(reason.clone())),
        };
        let current = storage.get_item(&self.key).map_err(|err| SaveError::Other(js_message(&err)))?;
        if current != self.last_raw {
            let base = self.last_answers.take().unwrap_or_default();
            let theirs = stored_answers(self.take_in(current));
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                let merged = envelope::merge(&base, ours, &theirs, Prefer::Ours);
                if merged != *ours {
                    self.merged = Some(merged);
                }
            }
        }
        match &self.read_only {
            Some(reason) => Err(SaveError::ReadOnly(reason.clone())),
            None => Ok(storage),
        }
    }

    /// Adopt `raw` as the stored value and decide what may be done with it.
    fn take_in(&mut self, raw: Option<String>) -> Loaded {
        self.read_only = None;
        self.last_answers = None;
        self.last_raw = raw.clone();
        let Some(raw) = raw else { return Loaded::Fresh };
        match envelope::decode_detailed(&raw, &self.card_id) {
            Ok(decoded) => {
                let migrated = decoded.migrated();
                let env = decoded.envelope;
                self.last_answers = Some(env.answers.clone());
                Loaded::Restored {
                    answers: env.answers,
                    saved_at: env.saved_at,
                    content_version: env.content_version,
                    migrated,
                }
            }
            Err(err @ DecodeError::Newer { .. }) => {
                let reason = err.to_string();
                self.read_only = Some(reason.clone());
                Loaded::Newer { reason, raw }
            }
            Err(err) => {
                let backup_key = self.back_up(&raw);
                if backup_key.is_none() {
                    self.read_only = Some(
                        "Saved progress could not be read, and there is no room to keep a copy \
                         of it, so it is left untouched and changes are not saved. Download it, \
                         then choose to start over."
                            .to_string(),
                    );
                }
                Loaded::KeptAside { backup_key, reason: err.to_string(), raw }
            }
        }
    }

    /// Copy unreadable text to a backup key and return that key. Reuses an existing backup
    /// holding the same text, so reloading a page does not pile up copies.
    fn back_up(&mut self, raw: &str) -> Option<String> {
        let storage = self.storage.as_ref().ok()?;
        copy_aside(storage, &backup_prefix(&self.card_id), raw, &mut self.quota_exceeded)
    }
}

/// Copy `raw` to a new key `<prefix><ms-since-epoch>` and return that key. Reuses an
/// existing key under `prefix` holding the same text, so reloading a page does not pile up
/// copies. Sets `quota_exceeded` when the copy failed for lack of room.
fn copy_aside(storage: &Storage, prefix: &str, raw: &str, quota_exceeded: &mut bool) -> Option<String> {
    for key in keys_under(storage, prefix) {
        if storage.get_item(&key).ok().flatten().as_deref() == Some(raw) {
            return Some(key);
        }
    }
    // `as` saturates, so even a broken clock gives a valid key.
    let stamp = now_ms().max(0.0) as u64;
    // Two backups within one millisecond are unlikely but possible: take the next free
    // stamp, and give up rather than loop if storage keeps failing to answer.
    let key = (0..64)
        .map(|i| format!("{prefix}{}", stamp.saturating_add(i)))
        .find(|key| matches!(storage.get_item(key), Ok(None)))?;
    match storage.set_item(&key, raw) {
        Ok(()) => Some(key),
        Err(err) => {
            if is_quota(&err) {
                *quota_exceeded = true;
            }
            None
        }
    }
}

/// Every key starting with `prefix`, in text order (for backups: oldest first, since their
/// timestamps have the same number of digits for centuries).
fn keys_under(storage: &Storage, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect();
    // `model::sort`: the standard sort would add kilobytes of WASM for this one call.
    decision_core::sort::sort(&mut keys);
    keys
}

/// The answers a [`Store::take_in`] result stands for, when it stands for readable answers
/// (`Fresh`: none at all, as after another tab's reset).
fn stored_answers(loaded: Loaded) -> Option<Answers> {
    match loaded {
        Loaded::Fresh => Some(Answers::default()),
        Loaded::Restored { answers, .. } => Some(answers),
        _ => None,
    }
}

/// Every card's saved progress as `(card id, stored text)`, read straight from storage for
/// the panic handler ([`crate::panic`]): no probe, no write, no callback, and never a panic;
/// empty when there is no storage. Backups and other per-card keys are left out.
pub fn saved_progress() -> Vec<(String, String)> {
    let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    keys_under(&storage, KEY_PREFIX)
        .into_iter()
        .filter_map(|key| {
            let id = key.strip_prefix(KEY_PREFIX)?;
            if id.is_empty() || id.contains('/') || id.starts_with('.') {
                return None;
            }
            let raw = storage.get_item(&key).ok()??;
            Some((id.to_string(), raw))
        })
        .collect()
}

/// Find usable local storage, proving it accepts writes. `Ok((storage, true))` means it can
/// be read but is full.
fn probe() -> Result<(Storage, bool), String> {
    let window = window()
        .ok_or_else(|| "Not running in a browser window: answers are kept in memory only.".to_string())?;
    // `local_storage()` throws in sandboxed frames and when site data is blocked.
    let storage = match window.local_storage() {
        Ok(Some(storage)) => storage,
        Ok(None) => {
            return Err("This browser offers no storage to this page: answers are kept in \
                        memory only and are lost when the page closes."
                .to_string())
        }
        Err(_) => {
            return Err("The browser blocks storage for this page (for example inside a \
                        sandboxed frame, or with site data turned off): answers are kept in \
                        memory only and are lost when the page closes."
                .to_string())
        }
    };
    match storage.set_item(PROBE_KEY, "1") {
        Ok(()) => {
            let _ = storage.remove_item(PROBE_KEY);
            Ok((storage, false))
        }
        Err(err) if is_quota(&err) => Ok((storage, true)),
        Err(err) => Err(format!(
            "The browser refuses to save for this page ({}): answers are kept in memory only.",
            js_message(&err)
        )),
    }
}

/// A property of a thrown JS value, when it is a string.
fn js_string(err: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(err, &JsValue::from_str(name)).ok()?.as_string()
}

/// Whether a thrown value means "storage is full", in any of the ways browsers say it:
/// `QuotaExceededError` (the standard name, Chromium, current Safari and Firefox),
/// `NS_ERROR_DOM_QUOTA_REACHED` (older Firefox, code 1014) and `QUOTA_EXCEEDED_ERR` (old
/// WebKit, code 22).
pub fn is_quota(err: &JsValue) -> bool {
    let name = js_string(err, "name");
    if matches!(
        name.as_deref(),
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" | "QUOTA_EXCEEDED_ERR")
    ) {
        return true;
    }
    let code = js_sys::Reflect::get(err, &JsValue::from_str("code")).ok().and_then(|c| c.as_f64());
    matches!(code, Some(c) if c == 22.0 || c == 1014.0)
}

/// A readable message for a thrown JS value.
fn js_message(err: &JsValue) -> String {
    js_string(err, "message")
        .filter(|m| !m.is_empty())
        .or_else(|| js_string(err, "name"))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// An event listener that is removed when dropped.
struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    fn add(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref()).ok()?;
        Some(Listener { target: target.clone(), kind, callback })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

type ResultCallback = Rc<dyn Fn(&Result<(), SaveError>)>;
type ChangeCallback = Rc<dyn Fn(Loaded)>;

struct SaverState {
    store: Store,
    /// Answers waiting for the quiet period to end.
    pending: Option<Answers>,
    timer: Option<i32>,
    delay_ms: i32,
    on_result: Option<ResultCallback>,
    on_change: Option<ChangeCallback>,
    /// The latest answers whose save failed (blocked, full or read-only storage), until a
    /// save succeeds: what a failing page must still offer for download.
    unsaved: Option<Answers>,
}

thread_local! {
    /// Every saver alive, so that a failing page can still write what is pending
    /// ([`flush_all_quietly`]).
    static SAVERS: RefCell<Vec<Weak<RefCell<SaverState>>>> = const { RefCell::new(Vec::new()) };
}

/// Write every saver's pending answers now, without reporting anything: for the panic
/// handler, when no callback may run. Returns, per card, the answers that are *not* stored
/// (their save failed, now or earlier, because storage is blocked, full or read-only) as the
/// envelope text the answers file uses, for the user to download. Never panics: a saver in
/// the middle of an operation is skipped.
pub fn flush_all_quietly() -> Vec<(String, String)> {
    let savers =
        SAVERS.try_with(|list| list.try_borrow().map(|l| l.clone()).unwrap_or_default()).unwrap_or_default();
    let mut unsaved = Vec::new();
    for state in savers.iter().filter_map(Weak::upgrade) {
        let Ok(mut s) = state.try_borrow_mut() else { continue };
        if let Some(answers) = s.pending.take() {
            match s.store.save(&answers) {
                Ok(()) => s.unsaved = None,
                Err(_) => s.unsaved = Some(answers),
            }
        }
        if let Some(answers) = &s.unsaved {
            let text = envelope::encode(&Envelope::new(
                &s.store.card_id,
                s.store.content_version,
                now_ms(),
                answers.clone(),
            ));
            unsaved.push((s.store.card_id.clone(), text));
        }
    }
    unsaved
}

/// Debounced, tab-aware saving for one [`Store`].
///
/// [`Saver::schedule`] writes after [`DEFAULT_DELAY_MS`] of quiet; pending answers are
/// written at once when the page is hidden or left (`visibilitychange`, `pagehide`), and
/// when the `Saver` is dropped, so closing the tab within the delay still saves. Dropping
/// the `Saver` removes its listeners.
pub struct Saver {
    state: Rc<RefCell<SaverState>>,
    /// The timer callback, reused for every schedule; kept alive as long as a timer may fire.
    tick: Option<Closure<dyn FnMut()>>,
    listeners: Vec<Listener>,
}

impl Saver {
    /// Debounce saves to `store` by [`DEFAULT_DELAY_MS`].
    pub fn new(store: Store) -> Saver {
        Saver::with_delay(store, DEFAULT_DELAY_MS)
    }

    /// Debounce saves to `store` by `delay_ms` milliseconds.
    pub fn with_delay(store: Store, delay_ms: i32) -> Saver {
        let state = Rc::new(RefCell::new(SaverState {
            store,
            pending: None,
            timer: None,
            delay_ms,
            on_result: None,
            on_change: None,
            unsaved: None,
        }));
        let _ = SAVERS.try_with(|list| {
            if let Ok(mut list) = list.try_borrow_mut() {
                list.retain(|w| w.strong_count() > 0);
                list.push(Rc::downgrade(&state));
            }
        });
        let mut saver = Saver { state, tick: None, listeners: Vec::new() };
        let Some(window) = window() else { return saver };

        let weak = Rc::downgrade(&saver.state);
        saver.tick = Some(Closure::<dyn FnMut()>::new(move || {
            if let Some(state) = weak.upgrade() {
                if let Ok(mut s) = state.try_borrow_mut() {
                    s.timer = None;
                }
                flush_state(&state);
            }
        }));
        // `pagehide` is the last event a closing or navigating tab reliably fires.
        let weak = Rc::downgrade(&saver.state);
        saver.listeners.extend(Listener::add(window.as_ref(), "pagehide", move |_| {
            flush_weak(&weak);
        }));
        // Mobile browsers may discard a hidden tab without any `pagehide`.
        if let Some(document) = window.document() {
            let weak = Rc::downgrade(&saver.state);
            let doc = document.clone();
            saver.listeners.extend(Listener::add(document.as_ref(), "visibilitychange", move |_| {
                if doc.hidden() {
                    flush_weak(&weak);
                }
            }));
        }
        saver
    }

    /// Save `answers` once nothing new has been scheduled for the delay. A later call
    /// replaces the pending answers and restarts the delay.
    pub fn schedule(&self, answers: Answers) {
        let started = {
            let Ok(mut s) = self.state.try_borrow_mut() else {
                return;
            };
            s.pending = Some(answers);
            let window = window();
            if let (Some(id), Some(w)) = (s.timer.take(), &window) {
                w.clear_timeout_with_handle(id);
            }
            s.timer = match (&self.tick, &window) {
                (Some(tick), Some(w)) => w
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        tick.as_ref().unchecked_ref(),
                        s.delay_ms,
                    )
                    .ok(),
                _ => None,
            };
            s.timer.is_some()
        };
        if !started {
            // No timer available: write now rather than never.
            flush_state(&self.state);
        }
    }

    /// Write pending answers now. `None` when nothing was pending.
    pub fn flush(&self) -> Option<Result<(), SaveError>> {
        flush_state(&self.state)
    }

    /// Whether saving works now.
    pub fn status(&self) -> StoreStatus {
        match self.state.try_borrow() {
            Ok(s) => s.store.status(),
            // Only reachable from inside a callback of this saver, which never runs while
            // the state is borrowed; answer something harmless rather than panic.
            Err(_) => StoreStatus::Available,
        }
    }

    /// Run `f` with the store (to clear it, allow overwriting, list backups…). `None` if
    /// called from inside one of this saver's own operations.
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let mut s = self.state.try_borrow_mut().ok()?;
        Some(f(&mut s.store))
    }

    /// Call `f` with the outcome of every debounced or flushed write.
    pub fn on_result(&self, f: impl Fn(&Result<(), SaveError>) + 'static) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_result = Some(Rc::new(f));
        }
    }

    /// Call `f` when another tab changes this card's stored progress. `f` receives what the
    /// store now holds (`Restored`, `Fresh` after a reset or clear, `KeptAside` or `Newer`),
    /// exactly as [`Store::load`] would report it; or `Merged` when answers were still
    /// pending here: those are merged with the other tab's item by item (the other tab's
    /// answer wins where both changed the same item, since it is already saved and shown
    /// there) and stay pending. `Merged` is also reported when a save found, and merged in,
    /// a change whose `storage` event had not arrived yet.
    pub fn on_change(&mut self, f: impl Fn(Loaded) + 'static) {
        let f: ChangeCallback = Rc::new(f);
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_change = Some(f.clone());
        }
        let Some(window) = window() else { return };
        let (key, storage) = match self.state.try_borrow() {
            Ok(s) => (s.store.key.clone(), s.store.storage.clone()),
            Err(_) => return,
        };
        // Without storage there is nothing another tab could share.
        let Ok(storage) = storage else { return };
        let weak: Weak<RefCell<SaverState>> = Rc::downgrade(&self.state);
        self.listeners.extend(Listener::add(window.as_ref(), "storage", move |event: Event| {
            let Some(event) = event.dyn_ref::<StorageEvent>() else {
                return;
            };
            // sessionStorage changes fire the same event.
            if let Some(area) = event.storage_area() {
                if AsRef::<JsValue>::as_ref(&area) != AsRef::<JsValue>::as_ref(&storage) {
                    return;
                }
            }
            // A `null` key means the other tab cleared all storage, ours included.
            if event.key().is_some_and(|k| k != key) {
                return;
            }
            let Some(state) = weak.upgrade() else { return };
            let loaded = {
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                // Read the value now rather than trust the event: events queue up, and only
                // the latest value matters.
                let current = storage.get_item(&key).unwrap_or_else(|_| event.new_value());
                if current == s.store.last_raw {
                    return;
                }
                let pending = s.pending.take();
                if let (Some(id), Some(w)) = (s.timer.take(), self::window()) {
                    w.clear_timeout_with_handle(id);
                }
                let base = s.store.last_answers.clone().unwrap_or_default();
                let loaded = s.store.take_in(current);
                match (pending, stored_answers(loaded.clone())) {
                    (Some(ours), Some(theirs)) => {
                        let merged = envelope::merge(&base, &ours, &theirs, Prefer::Theirs);
                        if merged == theirs {
                            loaded
                        } else {
                            // Saved by the next schedule, or at the latest on `pagehide`.
                            s.pending = Some(merged.clone());
                            Loaded::Merged { answers: merged }
                        }
                    }
                    (pending, _) => {
                        // Unreadable or newer data: the store decides whether saving is
                        // allowed; the pending answers are not dropped either way.
                        s.pending = pending;
                        loaded
                    }
                }
            };
            f(loaded);
        }));
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Never lose a change, but do not report it: whoever listened may be gone.
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_result = None;
            s.on_change = None;
        }
        flush_state(&self.state);
    }
}

fn flush_weak(state: &Weak<RefCell<SaverState>>) {
    if let Some(state) = state.upgrade() {
        flush_state(&state);
    }
}

/// Write pending answers and report the result (and a merge, when the write merged in a
/// change from elsewhere), with no borrow held while reporting (the callbacks may schedule
/// again).
fn flush_state(state: &Rc<RefCell<SaverState>>) -> Option<Result<(), SaveError>> {
    let (result, report, merged) = {
        let mut s = state.try_borrow_mut().ok()?;
        if let (Some(id), Some(w)) = (s.timer.take(), window()) {
            w.clear_timeout_with_handle(id);
        }
        let answers = s.pending.take()?;
        let result = s.store.save(&answers);
        s.unsaved = result.is_err().then_some(answers);
        let merged = s.store.take_merged().and_then(|m| Some((m, s.on_change.clone()?)));
        (result, s.on_result.clone(), merged)
    };
    if let Some((answers, on_change)) = merged {
        on_change(Loaded::Merged { answers });
    }
    if let Some(report) = report {
        report(&result);
    }
    Some(result)
}

// ---------------------------------------------------------------------------------------------
// More stored text per card: the workshop
// ---------------------------------------------------------------------------------------------

/// The key holding a card's workshop (the answers a facilitator collected).
pub fn workshop_key(card_id: &str) -> String {
    format!("{KEY_PREFIX}{card_id}/workshop")
}

/// What [`Slot::read`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotRead {
    /// Nothing stored under the key.
    Empty,
    /// The stored text, for the caller to decode.
    Text(String),
    /// No usable storage (the reason is written for the user).
    Unavailable(String),
}

/// One stored text besides a card's progress (the workshop), under the same rules as
/// [`Store`]: it never panics, and it never writes over text it has not read, nor over text
/// the caller could not use until that text has been copied aside ([`Slot::keep_aside`]) or
/// while it must be kept as it is ([`Slot::hold`]). The caller owns the format.
pub struct Slot {
    key: String,
    storage: Result<Storage, String>,
    read_only: Option<String>,
    quota_exceeded: bool,
    /// The text at `key` as this slot last read or wrote it.
    last_raw: Option<String>,
}

impl Slot {
    /// Open the slot at `key`. Never panics: without storage, [`Slot::status`] says why.
    pub fn open(key: &str) -> Slot {
        let (storage, quota_exceeded) = match probe() {
            Ok((storage, full)) => (Ok(storage), full),
            Err(reason) => (Err(reason), false),
        };
        Slot { key: key.to_string(), storage, read_only: None, quota_exceeded, last_raw: None }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether writing works now.
    pub fn status(&self) -> StoreStatus {
        match (&self.storage, &self.read_only) {
            (Err(reason), _) => StoreStatus::Unavailable(reason.clone()),
            (Ok(_), Some(reason)) => StoreStatus::ReadOnly(reason.clone()),
            (Ok(_), None) if self.quota_exceeded => StoreStatus::QuotaExceeded,
            (Ok(_), None) => StoreStatus::Available,
        }
    }

    /// Read the stored text, and remember it as seen (so it may be written over).
    pub fn read(&mut self) -> SlotRead {
        let storage = match &self.storage {
            Ok(storage) => storage,
            Err(reason) => return SlotRead::Unavailable(reason.clone()),
        };
        self.read_only = None;
        match storage.get_item(&self.key) {
            Ok(raw) => {
                self.last_raw = raw.clone();
                raw.map_or(SlotRead::Empty, SlotRead::Text)
            }
            Err(err) => {
                let reason = format!(
                    "The saved workshop could not be read from this browser's storage ({}). \
                     Changes are kept in memory only.",
                    js_message(&err)
                );
                self.storage = Err(reason.clone());
                SlotRead::Unavailable(reason)
            }
        }
    }

    /// The caller could not use `raw` (the text just read): copy it to
    /// `<key>/backup/<ms-since-epoch>` so the key may be reused, and return that key. When
    /// no copy can be made, the slot turns read-only and `None` is returned.
    pub fn keep_aside(&mut self, raw: &str) -> Option<String> {
        let prefix = format!("{}/backup/", self.key);
        let copied = match &self.storage {
            Ok(storage) => copy_aside(storage, &prefix, raw, &mut self.quota_exceeded),
            Err(_) => None,
        };
        if copied.is_none() {
            self.read_only = Some(
                "The saved workshop could not be read, and there is no room to keep a copy of \
                 it, so it is left untouched and changes are not saved."
                    .to_string(),
            );
        }
        copied
    }

    /// Keep the stored text exactly as it is (written by a newer version): the slot turns
    /// read-only, with `reason` for the user.
    pub fn hold(&mut self, reason: String) {
        self.read_only = Some(reason);
    }

    /// The text now stored, when it differs from what this slot last read or wrote (another
    /// tab wrote). Read it with [`Slot::read`] before writing.
    pub fn changed(&self) -> Option<Option<String>> {
        let storage = self.storage.as_ref().ok()?;
        let current = storage.get_item(&self.key).ok()?;
        (current != self.last_raw).then_some(current)
    }

    /// Write `text`. Refused when the slot is read-only, when storage is missing, and when the
    /// stored text changed since this slot last saw it; on any error the stored text is
    /// unchanged.
    pub fn write(&mut self, text: &str) -> Result<(), SaveError> {
        let storage = match &self.storage {
            Ok(storage) => storage.clone(),
            Err(reason) => return Err(SaveError::Unavailable(reason.clone())),
        };
        if let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly(reason.clone()));
        }
        if self.changed().is_some() {
            return Err(SaveError::Other(
                "the saved copy was changed in another tab; reload to see it".to_string(),
            ));
        }
        if self.last_raw.as_deref() == Some(text) {
            return Ok(());
        }
        if text.len() > MAX_BYTES {
            return Err(SaveError::TooLarge { bytes: text.len() });
        }
        match storage.set_item(&self.key, text) {
            Ok(()) => {
                self.quota_exceeded = false;
                self.last_raw = Some(text.to_string());
                Ok(())
            }
            Err(err) if is_quota(&err) => {
                self.quota_exceeded = true;
                Err(SaveError::Quota)
            }
            Err(err) => Err(SaveError::Other(js_message(&err))),
        }
    }
}
