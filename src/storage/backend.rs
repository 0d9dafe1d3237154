//! Where stored text lives: the [`Backend`] trait, the browser's `localStorage` behind it
//! ([`WebStorage`]), an in-memory one for tests that can be told to fail in each way a
//! browser fails ([`MemoryStorage`]), and the probe that decides whether there is storage
//! at all.
//!
//! Everything above this module sees only `Result`s: no call here panics, whatever the
//! browser throws.

use decision_core::lang::card_page::CardPageWord;
use decision_core::say;
use decision_core::store::Unavailable;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Why one storage operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The quota is exhausted; the value that was there is still there.
    Quota,
    /// Anything else, with the browser's message.
    Other(String),
}

/// A key-value store of text, as `localStorage` offers it.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    /// Writes `value`; on an error the previous value is unchanged (Web Storage guarantees it).
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&self, key: &str) -> Result<(), BackendError>;
    /// Every key, in no particular order; empty when they cannot be listed.
    fn keys(&self) -> Vec<String>;
}

/// Written and removed at start-up to prove storage accepts writes. Card ids are made of
/// lowercase letters, digits and `-`, so this can never be a card's key.
const PROBE_KEY: &str = "decision-cards/.probe";

/// A backend that proved it can be written to, and whether it was full at the time.
pub struct Probed {
    pub backend: Rc<dyn Backend>,
    /// The probe write hit the quota: storage can be read, but the next save may fail.
    pub full: bool,
}

/// Proves `backend` accepts writes (a probe key written and removed).
pub fn probe(backend: Rc<dyn Backend>) -> Result<Probed, Unavailable> {
    match backend.set(PROBE_KEY, "1") {
        Ok(()) => {
            let _ = backend.remove(PROBE_KEY);
            Ok(Probed { backend, full: false })
        }
        Err(BackendError::Quota) => Ok(Probed { backend, full: true }),
        Err(BackendError::Other(message)) => Err(Unavailable::Refused(message)),
    }
}

/// The page's `localStorage`, probed. Never panics: blocked or missing storage (sandboxed
/// frame, site data off, not a browser) is an [`Unavailable`] reason.
pub fn local_storage() -> Result<Probed, Unavailable> {
    let window = crate::platform::browser::window().ok_or(Unavailable::NotInBrowser)?;
    // `local_storage()` throws in sandboxed frames and when site data is blocked.
    probe(web_storage(window.local_storage())?)
}

/// What `window.localStorage` gave, as a backend or the reason there is none.
pub fn web_storage(found: Result<Option<web_sys::Storage>, JsValue>) -> Result<Rc<dyn Backend>, Unavailable> {
    match found {
        Ok(Some(storage)) => Ok(Rc::new(WebStorage(storage))),
        Ok(None) => Err(Unavailable::NoStorage),
        Err(_) => Err(Unavailable::Blocked),
    }
}

/// The browser's Web Storage.
pub struct WebStorage(pub web_sys::Storage);

impl Backend for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.get_item(key).map_err(|e| error_of(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.set_item(key, value).map_err(|e| error_of(&e))
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.0.remove_item(key).map_err(|e| error_of(&e))
    }

    fn keys(&self) -> Vec<String> {
        (0..self.0.length().unwrap_or(0)).filter_map(|i| self.0.key(i).ok().flatten()).collect()
    }
}

fn error_of(err: &JsValue) -> BackendError {
    if is_quota(err) {
        BackendError::Quota
    } else {
        BackendError::Other(js_message(err))
    }
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

/// A property of a thrown JS value, when it is a string.
fn js_string(err: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(err, &JsValue::from_str(name)).ok()?.as_string()
}

/// A readable message for a thrown JS value.
pub fn js_message(err: &JsValue) -> String {
    js_string(err, "message")
        .filter(|m| !m.is_empty())
        .or_else(|| js_string(err, "name"))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| say!(CardPageWord::UnknownError).to_string())
}

/// Storage in memory, for tests: it can be limited to a number of characters (keys and
/// values together, as browsers count their quota) and told to fail reads or writes.
#[derive(Clone, Default)]
pub struct MemoryStorage {
    state: Rc<RefCell<MemoryState>>,
}

#[derive(Default)]
struct MemoryState {
    items: BTreeMap<String, String>,
    quota: Option<usize>,
    fail_reads: Option<String>,
    fail_writes: Option<String>,
}

impl MemoryStorage {
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// At most `chars` characters of keys and values in all; a write beyond is a quota error.
    pub fn with_quota(self, chars: usize) -> MemoryStorage {
        self.state.borrow_mut().quota = Some(chars);
        self
    }

    /// Change the quota (`None`: unlimited), as when the user frees some space.
    pub fn set_quota(&self, chars: Option<usize>) {
        self.state.borrow_mut().quota = chars;
    }

    /// Every read fails with `message` (`None`: reads work again).
    pub fn fail_reads(&self, message: Option<&str>) {
        self.state.borrow_mut().fail_reads = message.map(str::to_owned);
    }

    /// Every write fails with `message`, not a quota error (`None`: writes work again).
    pub fn fail_writes(&self, message: Option<&str>) {
        self.state.borrow_mut().fail_writes = message.map(str::to_owned);
    }

    /// Another tab writes: no rule of this backend applies.
    pub fn put(&self, key: &str, value: &str) {
        self.state.borrow_mut().items.insert(key.to_owned(), value.to_owned());
    }

    pub fn value(&self, key: &str) -> Option<String> {
        self.state.borrow().items.get(key).cloned()
    }

    pub fn backend(&self) -> Rc<dyn Backend> {
        Rc::new(self.clone())
    }
}

impl Backend for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        let s = self.state.borrow();
        match &s.fail_reads {
            Some(message) => Err(BackendError::Other(message.clone())),
            None => Ok(s.items.get(key).cloned()),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        let mut s = self.state.borrow_mut();
        if let Some(message) = &s.fail_writes {
            return Err(BackendError::Other(message.clone()));
        }
        if let Some(quota) = s.quota {
            let others: usize =
                s.items.iter().filter(|(k, _)| k.as_str() != key).map(|(k, v)| k.len() + v.len()).sum();
            if others + key.len() + value.len() > quota {
                return Err(BackendError::Quota);
            }
        }
        s.items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.state.borrow_mut().items.remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.state.borrow().items.keys().cloned().collect()
    }
}
