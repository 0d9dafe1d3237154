//! The card WASM's entry point: the library (`index.html`) and every card page
//! (`<card-id>.html`), prerendered at build time and taken over here.

fn main() {
    // First: a panic from here on shows the user a message instead of a dead page.
    decision_cards::platform::panic::install();
    decision_cards::pages::start_card_app();
}
