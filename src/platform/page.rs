//! The page the app starts on: which page it is, the data it carries, the element the app
//! lives in, and the moment the app takes over.
//!
//! Every page of the build has one `<div id="dc-app" data-page="…">`: prerendered markup to
//! take over (the library and the card pages) or nothing yet (the workshop page), and one
//! `<script type="application/json" id="dc-data">` with the card or the library
//! ([`decision_core::page_data`]).

use decision_core::answers::{Edit, EvidenceStatus};
use decision_core::card::Card;
use decision_core::page_data::DATA_ID;
use wasm_bindgen::JsCast;

/// The id of the element the app lives in.
pub const APP_ID: &str = "dc-app";
/// The id of the static block that explains, until the app is live, what needs JavaScript
/// and WebAssembly (and, if the app cannot start, why).
const BOOT_ID: &str = "dc-boot";
/// Put on `<html>` once the app is live: until then the controls look inert (the CSS).
const LIVE_CLASS: &str = "dc-live";

fn document() -> Option<web_sys::Document> {
    super::browser::window()?.document()
}

/// The element the app lives in.
pub fn app_element() -> Option<web_sys::HtmlElement> {
    document()?.get_element_by_id(APP_ID)?.dyn_into().ok()
}

/// Which page this is (`library`, `card`, `workshop`), as the build wrote it.
pub fn kind() -> Option<String> {
    app_element()?.get_attribute("data-page")
}

/// The text of the page's data block.
pub fn data() -> Option<String> {
    document()?.get_element_by_id(DATA_ID)?.text_content()
}

/// The app is live: the explanation goes, and the controls look like controls.
pub fn started() {
    let Some(document) = document() else { return };
    if let Some(boot) = document.get_element_by_id(BOOT_ID) {
        boot.remove();
    }
    if let Some(html) = document.document_element() {
        let _ = html.class_list().add_1(LIVE_CLASS);
    }
}

/// The app cannot start on this page (its data is unreadable, or it is not a page of this
/// build): the start-up block says so and why, and the prerendered card stays readable.
pub fn cannot_start(why: &str) {
    let Some(document) = document() else { return };
    if let Some(el) = document.get_element_by_id("dc-boot-why") {
        el.set_text_content(Some(&format!("Its data could not be read: {why}.")));
    }
    if let Some(el) = document.get_element_by_id("dc-boot-failed") {
        let _ = el.remove_attribute("hidden");
    }
    if let Some(el) = document.get_element_by_id("dc-boot-loading") {
        let _ = el.set_attribute("hidden", "");
    }
}

/// What the user changed on the prerendered page before the app was live, control by
/// control: a control counts when its value differs from the one in the markup (the
/// card's default), so untouched controls never override saved answers.
pub fn edits_in_page(card: &Card) -> Vec<Edit> {
    let mut edits = Vec::new();
    let Some(document) = document() else { return edits };
    let element = |id: &str| document.get_element_by_id(id);
    let input = |id: String| element(&id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    // A slider or text field whose value is not the markup's, a box whose tick is not.
    let moved = |id: String| input(id).filter(|i| i.value() != i.default_value()).map(|i| i.value());
    let toggled = |id: String| input(id).filter(|i| i.checked() != i.default_checked()).map(|i| i.checked());
    // A select whose choice is not the option the markup selected.
    let chosen = |id: String| {
        let select = element(&id)?.dyn_into::<web_sys::HtmlSelectElement>().ok()?;
        let markup =
            select.query_selector("option[selected]").ok().flatten().and_then(|o| o.get_attribute("value"));
        let value = select.value();
        (markup.as_deref() != Some(value.as_str())).then_some(value)
    };
    for f in &card.factors {
        if let Some(position) = moved(format!("dc-f-{}", f.id)).and_then(|v| v.parse().ok()) {
            edits.push(Edit::Position { factor: f.id.clone(), position });
        }
        if let Some(weight) = chosen(format!("dc-f-{}-w", f.id)).and_then(|v| v.parse().ok()) {
            edits.push(Edit::Weight { factor: f.id.clone(), weight });
        }
    }
    for id in card.signals().map(|(_, s)| &s.id).chain(card.pitfalls().map(|p| &p.id)) {
        if let Some(on) = toggled(format!("dc-t-{id}")) {
            edits.push(Edit::Tick { id: id.clone(), on });
        }
    }
    for t in &card.reversibility.relook_triggers {
        if let Some(on) = toggled(format!("dc-r-{}", t.id)) {
            edits.push(Edit::Trigger { id: t.id.clone(), on });
        }
    }
    for e in &card.evidence {
        let status = chosen(format!("dc-e-{}", e.id))
            .and_then(|v| EvidenceStatus::ALL.into_iter().find(|s| s.label() == v));
        if let Some(status) = status {
            edits.push(Edit::EvidenceStatus { id: e.id.clone(), status });
        }
        if let Some(note) = moved(format!("dc-e-{}-note", e.id)) {
            edits.push(Edit::EvidenceNote { id: e.id.clone(), note });
        }
    }
    for q in &card.questions {
        let textarea = element(&format!("dc-q-{}", q.id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if let Some(t) = textarea.filter(|t| t.default_value().is_ok_and(|d| d != t.value())) {
            edits.push(Edit::Note { question: q.id.clone(), note: t.value() });
        }
    }
    edits
}
