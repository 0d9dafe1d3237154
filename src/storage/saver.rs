//! Debounced, tab-aware saving of one [`Document`].
//!
//! [`Saver::schedule`] writes after a quiet period; pending values are written at once when
//! the page is hidden or left (`visibilitychange`, `pagehide`) and when the saver is dropped,
//! so closing the tab within the delay still saves. A change another tab makes to the same
//! key (the `storage` event) is read and merged with what is still pending here, never
//! overwritten. Without a browser (native tests) there is no timer: a schedule writes at once.
//!
//! What is not stored (still in the delay, or its save failed) is also kept, as the text its
//! file would hold, in `window.dcUnsaved` under the document's key: if the app dies, the
//! page's start-up script offers it for download without calling into the dead module
//! (`platform::failure`).

use super::document::{readable, Codec, Document, Loaded};
use crate::platform::listener::Listener;
use decision_core::answers::Prefer;
use decision_core::store::{SaveError, StoreStatus};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, StorageEvent};

/// Quiet time before a scheduled save is written: long enough to coalesce a slider drag,
/// short enough that little is at stake if the browser dies.
pub const DEFAULT_DELAY_MS: i32 = 400;

type ResultCallback = Rc<dyn Fn(&Result<(), SaveError>)>;
type ChangeCallback<V> = Rc<dyn Fn(Loaded<V>)>;

struct SaverState<C: Codec> {
    document: Document<C>,
    /// The value waiting for the quiet period to end.
    pending: Option<C::Value>,
    timer: Option<i32>,
    delay_ms: i32,
    on_result: Option<ResultCallback>,
    on_change: Option<ChangeCallback<C::Value>>,
    /// The latest value whose save failed (blocked, full or read-only storage), until a save
    /// succeeds: what a failing page must still offer for download.
    unsaved: Option<C::Value>,
}

/// The global of the page where savers keep the text of what is not stored, by key.
pub const UNSAVED_GLOBAL: &str = "dcUnsaved";

impl<C: Codec> SaverState<C> {
    /// The text of what is not stored: the value still in the delay, or else the latest whose
    /// save failed.
    fn unsaved_text(&self) -> Option<String> {
        let value = self.pending.as_ref().or(self.unsaved.as_ref())?;
        Some(self.document.codec().encode(value, crate::platform::clock::now_ms()))
    }

    /// Puts [`SaverState::unsaved_text`] into [`UNSAVED_GLOBAL`] under the document's key, or
    /// removes the key when everything is stored. Call after every change to `pending` or
    /// `unsaved`. Nothing to do without a browser; never panics.
    fn mirror(&self) {
        let Some(window) = crate::platform::browser::window() else { return };
        let name = JsValue::from_str(UNSAVED_GLOBAL);
        let all = match js_sys::Reflect::get(&window, &name) {
            Ok(all) if all.is_object() => all,
            _ => {
                let all: JsValue = js_sys::Object::new().into();
                if js_sys::Reflect::set(&window, &name, &all).is_err() {
                    return;
                }
                all
            }
        };
        let key = JsValue::from_str(self.document.key());
        let _ = match self.unsaved_text() {
            Some(text) => js_sys::Reflect::set(&all, &key, &JsValue::from_str(&text)),
            None => js_sys::Reflect::delete_property(all.unchecked_ref::<js_sys::Object>(), &key),
        };
    }
}

/// What the browser's events need of a saver, whatever its codec: the timer and the
/// listeners below are written once, not once per codec.
trait Events {
    /// Writes the pending value and reports the result.
    fn flush(&self);
    /// The timer has fired: forget its handle, then flush.
    fn timer_fired(&self);
    /// Another tab wrote this document's key.
    fn changed_elsewhere(&self);
}

impl<C: Codec> Events for RefCell<SaverState<C>> {
    fn flush(&self) {
        flush_state(self);
    }

    fn timer_fired(&self) {
        if let Ok(mut s) = self.try_borrow_mut() {
            s.timer = None;
        }
        flush_state(self);
    }

    fn changed_elsewhere(&self) {
        let Some(on_change) = self.try_borrow().ok().and_then(|s| s.on_change.clone()) else { return };
        if let Some(loaded) = take_external_change(self) {
            on_change(loaded);
        }
    }
}

pub struct Saver<C: Codec + 'static> {
    state: Rc<RefCell<SaverState<C>>>,
    wiring: Wiring,
}

/// A saver's connection to the browser (none without one).
struct Wiring {
    /// The timer callback, reused for every schedule; kept alive as long as a timer may fire.
    tick: Option<Closure<dyn FnMut()>>,
    /// Held only to be dropped with the saver, which removes them.
    _listeners: Vec<Listener>,
}

impl<C: Codec + 'static> Saver<C> {
    /// Debounces saves to `document` by [`DEFAULT_DELAY_MS`].
    pub fn new(document: Document<C>) -> Saver<C> {
        Saver::with_delay(document, DEFAULT_DELAY_MS)
    }

    /// Debounces saves to `document` by `delay_ms` milliseconds.
    pub fn with_delay(document: Document<C>, delay_ms: i32) -> Saver<C> {
        let key = document.key().to_owned();
        let state = Rc::new(RefCell::new(SaverState {
            document,
            pending: None,
            timer: None,
            delay_ms,
            on_result: None,
            on_change: None,
            unsaved: None,
        }));
        let events: Rc<dyn Events> = state.clone();
        Saver { state, wiring: wire(&events, key) }
    }

    /// Saves `value` once nothing new has been scheduled for the delay. A later call replaces
    /// the pending value and restarts the delay.
    pub fn schedule(&self, value: C::Value) {
        let started = {
            let Ok(mut s) = self.state.try_borrow_mut() else { return };
            s.pending = Some(value);
            s.mirror();
            let window = crate::platform::browser::window();
            if let (Some(id), Some(w)) = (s.timer.take(), &window) {
                w.clear_timeout_with_handle(id);
            }
            s.timer = match (&self.wiring.tick, &window) {
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

    /// Writes the pending value now. `None` when nothing was pending.
    pub fn flush(&self) -> Option<Result<(), SaveError>> {
        flush_state(&self.state)
    }

    /// The text of what is not stored (still in the delay, or its save failed), as the
    /// failure notice offers it for download: what `window.dcUnsaved` holds for this key.
    pub fn unsaved(&self) -> Option<String> {
        self.state.try_borrow().ok()?.unsaved_text()
    }

    /// Whether saving works now.
    pub fn status(&self) -> StoreStatus {
        match self.state.try_borrow() {
            Ok(s) => s.document.status(),
            // Only reachable from inside a callback of this saver, which never runs while the
            // state is borrowed; answer something harmless rather than panic.
            Err(_) => StoreStatus::Available,
        }
    }

    /// Runs `f` with the document (to clear it, allow overwriting, list backups…). `None`
    /// if called from inside one of this saver's own operations.
    pub fn with_document<R>(&self, f: impl FnOnce(&mut Document<C>) -> R) -> Option<R> {
        let mut s = self.state.try_borrow_mut().ok()?;
        Some(f(&mut s.document))
    }

    /// Calls `f` with the outcome of every debounced or flushed write.
    pub fn on_result(&self, f: impl Fn(&Result<(), SaveError>) + 'static) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_result = Some(Rc::new(f));
        }
    }

    /// Calls `f` when another tab changes this document. `f` receives what is now stored
    /// (`Restored`, `Fresh` after a reset, `KeptAside` or `Newer`), exactly as
    /// [`Document::load`] would report it; or `Merged` when a value was still pending here:
    /// the two are merged (the other tab's side wins where both changed the same item, since
    /// it is already saved and shown there) and stay pending. `Merged` is also reported when
    /// a save found, and merged in, a change whose `storage` event had not arrived yet.
    pub fn on_change(&mut self, f: impl Fn(Loaded<C::Value>) + 'static) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_change = Some(Rc::new(f));
        }
    }

    /// Reads a change another tab made and merges it with what is pending here: what the
    /// `storage` event does, for callers that learn of the change another way.
    pub fn take_external_change(&self) -> Option<Loaded<C::Value>> {
        take_external_change(&self.state)
    }
}

/// See [`Saver::take_external_change`]. `None` when nothing changed.
fn take_external_change<C: Codec>(state: &RefCell<SaverState<C>>) -> Option<Loaded<C::Value>> {
    let mut s = state.try_borrow_mut().ok()?;
    // Read the value now rather than trust the event: events queue up, and only the latest
    // value matters.
    let current = s.document.changed_elsewhere()?;
    let pending = s.pending.take();
    if let (Some(id), Some(w)) = (s.timer.take(), crate::platform::browser::window()) {
        w.clear_timeout_with_handle(id);
    }
    let base = s.document.last_value().cloned().unwrap_or_else(|| s.document.codec().empty());
    let loaded = s.document.take_in(current);
    let theirs = readable(loaded.clone(), || s.document.codec().empty());
    let loaded = match (pending, theirs) {
        (Some(ours), Some(theirs)) => {
            let merged = s.document.codec().merge(&base, &ours, &theirs, Prefer::Theirs);
            if merged == theirs {
                loaded
            } else {
                // Saved by the next schedule, or at the latest on `pagehide`.
                s.pending = Some(merged.clone());
                Loaded::Merged { value: merged }
            }
        }
        (pending, _) => {
            // Unreadable or newer data: the document decides whether saving is allowed; the
            // pending value is not dropped either way.
            s.pending = pending;
            loaded
        }
    };
    s.mirror();
    Some(loaded)
}

/// Connects a saver to the browser: the timer callback, `pagehide`, `visibilitychange` and
/// the `storage` events for `key`. Nothing to connect without a browser.
fn wire(events: &Rc<dyn Events>, key: String) -> Wiring {
    let mut listeners = Vec::new();
    let Some(window) = crate::platform::browser::window() else {
        return Wiring { tick: None, _listeners: listeners };
    };
    let weak = Rc::downgrade(events);
    let tick = Closure::<dyn FnMut()>::new(move || {
        if let Some(events) = weak.upgrade() {
            events.timer_fired();
        }
    });
    let flush = |weak: Weak<dyn Events>| {
        move || {
            if let Some(events) = weak.upgrade() {
                events.flush();
            }
        }
    };
    // `pagehide` is the last event a closing or navigating tab reliably fires.
    let on_hide = flush(Rc::downgrade(events));
    listeners.extend(Listener::add(window.as_ref(), "pagehide", move |_| on_hide()));
    // Mobile browsers may discard a hidden tab without any `pagehide`.
    if let Some(document) = window.document() {
        let on_hidden = flush(Rc::downgrade(events));
        let doc = document.clone();
        listeners.extend(Listener::add(document.as_ref(), "visibilitychange", move |_| {
            if doc.hidden() {
                on_hidden();
            }
        }));
    }
    if let Ok(Some(local)) = window.local_storage() {
        let weak = Rc::downgrade(events);
        listeners.extend(Listener::add(window.as_ref(), "storage", move |event: Event| {
            let Some(event) = event.dyn_ref::<StorageEvent>() else { return };
            // sessionStorage changes fire the same event.
            if let Some(area) = event.storage_area() {
                if AsRef::<JsValue>::as_ref(&area) != AsRef::<JsValue>::as_ref(&local) {
                    return;
                }
            }
            // A `null` key means the other tab cleared all storage, ours included.
            if event.key().is_some_and(|k| k != key) {
                return;
            }
            if let Some(events) = weak.upgrade() {
                events.changed_elsewhere();
            }
        }));
    }
    Wiring { tick: Some(tick), _listeners: listeners }
}

impl<C: Codec + 'static> Drop for Saver<C> {
    fn drop(&mut self) {
        // Never lose a change, but do not report it: whoever listened may be gone.
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.on_result = None;
            s.on_change = None;
        }
        flush_state(&self.state);
    }
}

/// Writes the pending value and reports the result (and a merge, when the write merged in a
/// change from elsewhere), with no borrow held while reporting (the callbacks may schedule
/// again).
fn flush_state<C: Codec>(state: &RefCell<SaverState<C>>) -> Option<Result<(), SaveError>> {
    let (result, report, merged) = {
        let mut s = state.try_borrow_mut().ok()?;
        if let (Some(id), Some(w)) = (s.timer.take(), crate::platform::browser::window()) {
            w.clear_timeout_with_handle(id);
        }
        let value = s.pending.take()?;
        let result = s.document.save(&value);
        s.unsaved = result.is_err().then_some(value);
        s.mirror();
        let merged = s.document.take_merged().and_then(|m| Some((m, s.on_change.clone()?)));
        (result, s.on_result.clone(), merged)
    };
    if let Some((value, on_change)) = merged {
        on_change(Loaded::Merged { value });
    }
    if let Some(report) = report {
        report(&result);
    }
    Some(result)
}
