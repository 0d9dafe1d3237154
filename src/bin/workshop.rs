//! The workshop's entry point: the facilitator's page (`<card-id>.workshop.html`), built
//! into a WASM of its own so that a participant's card page never downloads it.

fn main() {
    // A panic from here on traps, and the page shows the failure notice (platform::failure).
    decision_cards::pages::start_workshop_app();
}
