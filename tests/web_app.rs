//! The mounted widget in a real browser: a slider moves the verdict, the answer is saved, and
//! what a reader changed before the app was live carries over, control by control.

#![cfg(target_arch = "wasm32")]

use decision_cards::controls::{Control, Element};
use decision_cards::pages::card::CardPage;
use decision_cards::platform::page;
use decision_core::answers::Edit;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

mod common;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "decision-cards/model-api-vs-self-hosted";

/// Let Leptos' effects and the save debounce run.
async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ =
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text(selector: &str) -> String {
    document()
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .text_content()
        .unwrap_or_default()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Move a slider the way the browser does: set the value, fire `input`.
fn slide(id: &str, value: &str) {
    let input: HtmlInputElement = document().get_element_by_id(id).unwrap().dyn_into().unwrap();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn mount() -> HtmlElement {
    mount_with(Vec::new())
}

/// The card page, with `moved` as the edits made before the app was live.
fn mount_with(moved: Vec<Edit>) -> HtmlElement {
    let root: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let card = common::seed_card();
    leptos::mount::mount_to(root.clone(), move || leptos::view! { <CardPage card moved /> }).forget();
    root
}

/// Sets a control the way a reader does on a page whose app is not live yet: the value
/// changes, and nothing hears about it. Returns the value it now shows.
fn set_quietly(control: Control) -> String {
    let element = document().get_element_by_id(&control.element_id()).expect("every control is on the page");
    match control.element() {
        Element::Range => {
            let input: HtmlInputElement = element.dyn_into().unwrap();
            input.set_value("-1");
            input.value()
        }
        Element::Checkbox => {
            let input: HtmlInputElement = element.dyn_into().unwrap();
            input.set_checked(true);
            "on".into()
        }
        Element::Text => {
            let input: HtmlInputElement = element.dyn_into().unwrap();
            input.set_value("typed early");
            input.value()
        }
        Element::TextArea => {
            let area: HtmlTextAreaElement = element.dyn_into().unwrap();
            area.set_value("answered early");
            area.value()
        }
        Element::Select => {
            // The last option: never the card's default for an importance (which is at most
            // "critical" only on cards that say so) nor for a status ("not started").
            let select: HtmlSelectElement = element.dyn_into().unwrap();
            let last = select.length() - 1;
            let changed = if select.selected_index() == last as i32 { 0 } else { last };
            select.set_selected_index(changed as i32);
            select.value()
        }
    }
}

/// What a control shows now, as [`set_quietly`] reports it.
fn shown(control: Control) -> String {
    let element = document().get_element_by_id(&control.element_id()).unwrap();
    match control.element() {
        Element::Range | Element::Text => element.dyn_into::<HtmlInputElement>().unwrap().value(),
        Element::Checkbox => {
            if element.dyn_into::<HtmlInputElement>().unwrap().checked() { "on" } else { "off" }.into()
        }
        Element::TextArea => element.dyn_into::<HtmlTextAreaElement>().unwrap().value(),
        Element::Select => element.dyn_into::<HtmlSelectElement>().unwrap().value(),
    }
}

#[wasm_bindgen_test]
async fn every_control_changed_before_the_app_is_live_is_applied_after() {
    storage().remove_item(KEY).unwrap();
    let card = common::seed_card();
    // The page as the build writes it, with every control at the card's default.
    let first = mount();
    wait_ms(0).await;
    let controls: Vec<Control> = Control::all(card).collect();
    assert!(controls.iter().any(|c| c.element() == Element::Select) && controls.len() > 20);
    let expected: Vec<String> = controls.iter().map(|&c| set_quietly(c)).collect();

    let edits = page::edits_in_page(card);
    assert_eq!(edits.len(), controls.len(), "one edit per changed control: {edits:?}");
    first.remove();

    // The app comes up over saved progress (here: none) and applies the early edits.
    let second = mount_with(edits);
    wait_ms(0).await;
    for (control, value) in controls.iter().zip(&expected) {
        assert_eq!(&shown(*control), value, "{control:?} shows the early edit");
    }
    // And they are saved at once, not only shown.
    wait_ms(700).await;
    let saved = storage().get_item(KEY).unwrap().expect("the early edits were saved");
    let answers = decision_core::envelope::decode(&saved, common::CARD).unwrap().answers;
    assert_eq!(answers.position("privacy"), -1);
    assert_eq!(answers.ticked.len(), card.signals().count() + card.pitfalls().count());
    assert_eq!(answers.notes.len(), card.questions.len());

    second.remove();
    storage().remove_item(KEY).unwrap();
}

#[wasm_bindgen_test]
async fn mounts_moves_the_verdict_and_saves_the_answer() {
    storage().remove_item(KEY).unwrap();
    let root = mount();
    wait_ms(0).await;

    assert_eq!(text("[data-testid=verdict-headline]"), "Stay with Model API — the default");
    let slider = document().get_element_by_id("dc-f-privacy").expect("the privacy slider");
    assert_eq!(slider.get_attribute("aria-valuetext").as_deref(), Some("Neutral"));

    slide("dc-f-privacy", "2");
    slide("dc-f-control", "2");
    slide("dc-f-ops-maturity", "2");
    wait_ms(0).await;
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("Points clearly to Self-Hosted Model")
    );
    assert_eq!(text("[data-testid=verdict-headline]"), "Self-Hosted Model is justified");

    // Saved after the debounce, as a versioned envelope with the answer in it.
    wait_ms(700).await;
    let saved = storage().get_item(KEY).unwrap().expect("progress was saved");
    let envelope = decision_core::envelope::decode(&saved, "model-api-vs-self-hosted").unwrap();
    assert_eq!(envelope.answers.position("privacy"), 2);
    assert!(text("[data-testid=save-state]").starts_with("Saved"));

    root.remove();
    storage().remove_item(KEY).unwrap();
}
