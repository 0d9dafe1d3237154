//! The card WASM's entry point: every card page (`<card-id>.html`), prerendered at build time
//! and taken over here.

fn main() {
    // A panic from here on traps, and the page shows the failure notice (platform::failure).
    decision_cards::pages::start_card_app();
}
