//! Entry point: mount the widget on the page body.

fn main() {
    // First: a panic from here on shows the user a message instead of a dead page.
    decision_cards::platform::panic::install();
    leptos::mount::mount_to_body(decision_cards::App);
    // Only now: a failure while mounting leaves index.html's loading block in place, and
    // its start-up script turns it into a message saying what went wrong.
    decision_cards::platform::embed::remove_boot_placeholder();
}
