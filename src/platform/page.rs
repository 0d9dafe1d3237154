//! The page the app starts on: which page it is, the data it carries, the element the app
//! lives in, and the moment the app takes over.
//!
//! Every page of the build has one `<div id="dc-app" data-page="…">`: prerendered markup to
//! take over (the library and the card pages) or nothing yet (the workshop page), and one
//! `<script type="application/json" id="dc-data">` with the card or the library
//! ([`decision_core::page_data`]).

use crate::controls::{Control, Element, Value};
use decision_core::answers::Edit;
use decision_core::card::Card;
use decision_core::lang::failure::FailureWord;
use decision_core::lang::{self, LANG_ID};
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

/// Makes the tool's words the page carries (in its card's language, `decision_core::lang`)
/// the ones every component says; why not, when they cannot be read.
pub fn install_words() -> Result<(), String> {
    let text = document().and_then(|d| d.get_element_by_id(LANG_ID)).and_then(|e| e.text_content());
    let catalogue = lang::Catalogue::from_json(&text.unwrap_or_default()).map_err(|e| e.to_string())?;
    lang::install(Box::leak(Box::new(catalogue)));
    // A page carries only the areas its kind speaks from; a word from another would be
    // empty on the page, so it is reported where the tests look (for developers, by the
    // area's and the word's positions: `dc-lang-missing 16/3`).
    lang::on_missing(|area, word| {
        web_sys::console::error_1(&format!("dc-lang-missing {area}/{word}").into());
    });
    Ok(())
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
        // Without the page's words (they are what could not be read) the reason is all
        // there is to say.
        let line = match lang::current() {
            Some(_) => decision_core::say!(FailureWord::DataUnreadable, why = why),
            None => why.to_owned(),
        };
        el.set_text_content(Some(&line));
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
    let Some(document) = document() else { return Vec::new() };
    Control::all(card)
        .filter_map(|control| {
            let element = document.get_element_by_id(&control.element_id())?;
            control.edit(changed_value(element, control.element())?)
        })
        .collect()
}

/// The value of a control the user changed from the markup's, or `None` when it is as
/// the page was written (or not the element it should be).
fn changed_value(element: web_sys::Element, kind: Element) -> Option<Value> {
    match kind {
        Element::Range | Element::Text => {
            let input = element.dyn_into::<web_sys::HtmlInputElement>().ok()?;
            (input.value() != input.default_value()).then(|| Value::Text(input.value()))
        }
        Element::Checkbox => {
            let input = element.dyn_into::<web_sys::HtmlInputElement>().ok()?;
            (input.checked() != input.default_checked()).then(|| Value::Checked(input.checked()))
        }
        Element::Select => {
            let select = element.dyn_into::<web_sys::HtmlSelectElement>().ok()?;
            let markup = select
                .query_selector("option[selected]")
                .ok()
                .flatten()
                .and_then(|o| o.get_attribute("value"));
            let value = select.value();
            (markup.as_deref() != Some(value.as_str())).then_some(Value::Text(value))
        }
        Element::TextArea => {
            let area = element.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?;
            area.default_value().is_ok_and(|d| d != area.value()).then(|| Value::Text(area.value()))
        }
    }
}
