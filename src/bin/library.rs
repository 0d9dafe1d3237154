//! The library's entry point: the list of every card (`index.html` of the build), prerendered
//! and taken over here. A WASM of its own, so that a card page never downloads the library's
//! search, filter and links, nor a card's code the library page.

fn main() {
    // A panic from here on traps, and the page shows the failure notice (platform::failure).
    decision_cards::pages::start_library_app();
}
