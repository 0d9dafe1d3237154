//! The last resort: when the app panics, the page says so instead of going silently dead.
//!
//! The release build aborts on panic (`panic = "abort"`, and WebAssembly has no unwinding
//! anyway): the module traps and cannot be trusted to run again, so nothing offered here may
//! need it afterwards. [`install`] sets a panic hook that, before the trap:
//!
//! 1. logs the panic message to the browser console;
//! 2. shows a notice over the page, built from plain DOM nodes (text only, never HTML), saying
//!    that something failed and what happened to the user's answers;
//! 3. writes answers still waiting for the save debounce ([`storage::flush_all_quietly`]);
//! 4. offers downloads as links to `blob:` URLs made there and then, so they work with the
//!    module dead: answers that could not be saved (blocked, full or read-only storage), and
//!    every card's progress saved in this browser ([`storage::saved_progress`]); a plain link
//!    reloads the page.
//!
//! Each step is best-effort and never panics (a panic inside the hook would abort at once),
//! and the notice is on screen before anything else is tried. A second panic adds nothing.
//!
//! No crash trigger ships in any build: `tests/web_reliability.rs` calls [`show_failure`]
//! directly, and the end-to-end test provokes a real panic in the release build by injecting
//! a browser fault (`docs/reliability.md`).

use crate::storage::{self, Unsaved};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// Id of the failure notice, so a second panic finds it instead of adding another.
pub const FAILURE_ID: &str = "dc-failure";

/// Show [`show_failure`]'s notice on any panic. Call once, first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        show_failure(&info.to_string());
    }));
}

/// Tell the user the page has failed and give them their answers: the notice described in
/// the module docs. `detail` (the panic message) is shown as text under "Technical details".
/// Returns false when there is no document to show anything in. Never panics.
pub fn show_failure(detail: &str) -> bool {
    log(detail);
    let Some(document) = super::browser::window().and_then(|w| w.document()) else {
        return false;
    };
    if document.get_element_by_id(FAILURE_ID).is_some() {
        return true;
    }
    let Some(box_) = notice(&document, detail) else {
        return false;
    };
    let unsaved = storage::flush_all_quietly();
    let saved = storage::saved_progress();
    offer(&document, &box_, &unsaved, &saved);
    true
}

fn log(detail: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_2(
        &JsValue::from_str("Decision Cards stopped after an internal error:"),
        &JsValue::from_str(detail),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let _ = detail;
}

/// An element with a class and text content (a text node: nothing is parsed as HTML).
fn element(document: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = document.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Some(el)
}

/// Builds and attaches the notice; returns its inner box, where the downloads go.
fn notice(document: &Document, detail: &str) -> Option<Element> {
    let overlay = element(document, "div", "dc-root dc-failure", "")?;
    overlay.set_id(FAILURE_ID);
    let _ = overlay.set_attribute("role", "alert");
    let _ = overlay.set_attribute("data-testid", "failure");
    let box_ = element(document, "div", "dc-failure-box", "")?;
    let _ = box_.set_attribute("tabindex", "-1");
    let _ = overlay.append_child(&box_);
    for (tag, text) in [
        ("h2", "Something went wrong"),
        (
            "p",
            "This page hit an internal error and has stopped working. Your answers are not \
             lost: what was saved in this browser is still there, and reloading the page \
             brings it back.",
        ),
    ] {
        if let Some(el) = element(document, tag, "", text) {
            let _ = box_.append_child(&el);
        }
    }
    let parent: Element = match document.body() {
        Some(body) => body.into(),
        None => document.document_element()?,
    };
    parent.append_child(&overlay).ok()?;
    if let Some(focusable) = box_.dyn_ref::<web_sys::HtmlElement>() {
        let _ = focusable.focus();
    }
    // The details go last, after the notice is already on screen.
    if let Some(details) = element(document, "details", "", "") {
        if let Some(summary) = element(document, "summary", "", "Technical details") {
            let _ = details.append_child(&summary);
        }
        if let Some(pre) = element(document, "pre", "", detail) {
            let _ = details.append_child(&pre);
        }
        let _ = box_.append_child(&details);
    }
    Some(box_)
}

/// Adds the explanation and download links for what is stored and what is not.
fn offer(document: &Document, box_: &Element, unsaved: &[Unsaved], saved: &[(String, String)]) {
    let Some(actions) = element(document, "div", "dc-failure-actions", "") else {
        return;
    };
    let say = |text: &str| {
        if let Some(p) = element(document, "p", "", text) {
            let _ = box_.insert_before(&p, box_.last_child().as_ref());
        }
    };
    if !unsaved.is_empty() {
        say("Your latest answers could not be saved in this browser. Download them now: they \
             are lost when this page closes.");
        for doc in unsaved {
            let (card, what) = unsaved_names(&doc.key);
            let name = format!("{}-unsaved-{what}.json", file_stem(card));
            let label = format!("Download unsaved {what} ({card})");
            add_link(document, &actions, &name, &doc.text, &label, "failure-unsaved");
        }
    }
    if saved.is_empty() {
        if unsaved.is_empty() {
            say("No answers had been saved in this browser yet.");
        }
    } else {
        say("To keep a copy of the progress saved in this browser, download it:");
        for (card, text) in saved {
            let name = format!("{}-saved-progress.json", file_stem(card));
            let label = format!("Download saved progress ({card})");
            add_link(document, &actions, &name, text, &label, "failure-saved");
        }
    }
    if let Some(reload) = element(document, "a", "", "Reload the page") {
        let href = super::browser::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        let _ = reload.set_attribute("href", &href);
        let _ = actions.append_child(&reload);
    }
    let _ = box_.insert_before(&actions, box_.last_child().as_ref());
}

/// A link that downloads `text` as `filename`, through a `blob:` URL that needs no code.
fn add_link(document: &Document, parent: &Element, filename: &str, text: &str, label: &str, testid: &str) {
    let link = (|| -> Option<Element> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a = element(document, "a", "dc-failure-download", label)?;
        a.set_attribute("href", &url).ok()?;
        a.set_attribute("download", filename).ok()?;
        let _ = a.set_attribute("data-testid", testid);
        Some(a)
    })();
    if let Some(link) = link {
        let _ = parent.append_child(&link);
    }
}

/// The card and the kind of document a storage key names: `decision-cards/<card>` holds
/// answers, `decision-cards/<card>/workshop` a workshop.
fn unsaved_names(key: &str) -> (&str, &'static str) {
    let rest = key.strip_prefix(storage::KEY_PREFIX).unwrap_or(key);
    match rest.strip_suffix("/workshop") {
        Some(card) => (card, "workshop"),
        None => (rest, "answers"),
    }
}

/// A card id as a file name part: only lowercase letters, digits and `-` survive (the id
/// comes from a storage key, which anything on this origin could have written).
pub fn file_stem(card_id: &str) -> String {
    let stem: String = card_id
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
        .take(80)
        .collect();
    if stem.is_empty() {
        "decision-card".to_string()
    } else {
        stem
    }
}
