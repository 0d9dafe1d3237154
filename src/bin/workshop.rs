//! The workshop's entry point: the facilitator's page (`workshop.html?card=<card-id>`), built
//! into a WASM of its own so that a participant's card page never downloads it.

fn main() {
    // First: a panic from here on shows the user a message instead of a dead page.
    decision_cards::platform::panic::install();
    leptos::mount::mount_to_body(decision_cards::pages::workshop::WorkshopApp);
    // Only now: a failure while mounting leaves the loading block in place, and the start-up
    // watch turns it into a message saying what went wrong.
    decision_cards::platform::embed::remove_boot_placeholder();
}
