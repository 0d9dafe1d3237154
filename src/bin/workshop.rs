//! The workshop's entry point: the facilitator's page (`<card-id>.workshop.html`), built
//! into a WASM of its own so that a participant's card page never downloads it.

fn main() {
    // First: a panic from here on shows the user a message instead of a dead page.
    decision_cards::platform::panic::install();
    decision_cards::pages::start_workshop_app();
}
