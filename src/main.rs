//! Entry point: mount the widget on the page body.

fn main() {
    leptos::mount::mount_to_body(decision_cards::App);
}
