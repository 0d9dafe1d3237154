//! The mounted widget in a real browser: a slider moves the verdict, and the answer is saved.

#![cfg(target_arch = "wasm32")]

use decision_cards::pages::card::CardPage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

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
    let root: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let card = common::seed_card();
    leptos::mount::mount_to(root.clone(), move || leptos::view! { <CardPage card moved=Vec::new() /> })
        .forget();
    root
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
