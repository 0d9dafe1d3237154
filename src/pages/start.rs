//! How the card and library WASMs start (feature `hydrate`): the card WASM takes over a
//! prerendered card; the library WASM sends a link made for an older address on, or takes
//! over the prerendered library.

use super::card::CardPage;
use super::library::LibraryPage;
use crate::platform::{addresses, browser, embed, page};
use decision_core::lang::failure::FailureWord as W;
use decision_core::page_data::{self, CardSummary};
use decision_core::say;
use decision_core::share;
use leptos::prelude::*;

/// Starts the card WASM on the card page it was loaded by.
pub fn start_card_app() {
    if let Err(why) = page::install_words() {
        return page::cannot_start(&why);
    }
    let data = page::data().unwrap_or_default();
    match page::kind().as_deref() {
        Some("card") => {
            let card: &'static _ = match page_data::read_card(&data) {
                Ok(card) => Box::leak(Box::new(card)),
                Err(why) => return page::cannot_start(&why.to_string()),
            };
            let Some(root) = page::app_element() else { return };
            // Read before taking over, which sets every control from the (empty) answers.
            let moved = page::edits_in_page(card);
            leptos::mount::hydrate_from(root, move || view! { <CardPage card moved /> }).forget();
        }
        other => return not_this_app(other, W::NotCardPage, W::CardPageUnnamed),
    }
    page::started();
}

/// Starts the library WASM: forwards a link made for an older address, or takes over the
/// prerendered library.
pub fn start_library_app() {
    if let Err(why) = page::install_words() {
        return page::cannot_start(&why);
    }
    let data = page::data().unwrap_or_default();
    match page::kind().as_deref() {
        Some("library") => {
            let cards = match page_data::read_library(&data) {
                Ok(cards) => cards,
                Err(why) => return page::cannot_start(&why.to_string()),
            };
            let missing = match old_link_target(&cards) {
                Some(Ok(url)) => return browser::replace_location(&url),
                Some(Err(missing)) => Some(missing),
                None => None,
            };
            let Some(root) = page::app_element() else { return };
            leptos::mount::hydrate_from(root, move || view! { <LibraryPage cards missing /> }).forget();
        }
        other => return not_this_app(other, W::NotLibraryPage, W::LibraryPageUnnamed),
    }
    page::started();
}

/// A page that is not the app's says so instead of starting: `not_one` when the page names
/// another kind of page (`{kind}`), `unnamed` when it names none. One word per app, so that
/// a language can say each as a whole sentence.
fn not_this_app(kind: Option<&str>, not_one: W, unnamed: W) {
    // Display, not Debug: the release build compiles `{:?}` to nothing (docs/performance.md).
    match kind {
        Some(other) => page::cannot_start(&say!(not_one, kind = other)),
        None => page::cannot_start(say!(unnamed)),
    }
}

/// Where a link made for the single page of earlier builds belongs now:
/// `?card=<id>` (with `embed=1`, `mode=workshop`, a `#a=…` share fragment, in any mix) and a
/// bare share fragment open that card's page, or its workshop, keeping the query and the
/// fragment. `Err(id)` when the link names a card this build does not have; `None` for the
/// library itself.
fn old_link_target(cards: &[CardSummary]) -> Option<Result<String, String>> {
    let fragment = browser::fragment();
    let workshop = browser::query_param("mode").as_deref() == Some("workshop");
    let id = browser::query_param("card")
        .or_else(|| fragment.as_deref().and_then(share::link_card))
        .or_else(|| workshop.then(|| cards.first().map(|c| c.id.clone())).flatten())?;
    if !cards.iter().any(|c| c.id == id) {
        return Some(Err(id));
    }
    let mut url = if workshop { addresses::workshop(&id) } else { addresses::card(&id) };
    if browser::query_param("embed").is_some_and(|e| embed::embed_flag(Some(&e))) {
        url.push_str("?embed=1");
    }
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(&fragment);
    }
    Some(Ok(url))
}
