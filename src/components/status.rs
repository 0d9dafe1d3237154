//! How the last copy or download went: one line per group of actions, its words from
//! `decision_core::messages::action_status`.

use decision_core::messages::{self, Action};
use leptos::prelude::*;

/// The status of a group of actions (the share bar's, the record's, …).
#[derive(Clone, Copy)]
pub struct ActionStatus(RwSignal<String>);

impl ActionStatus {
    pub fn new() -> Self {
        ActionStatus(RwSignal::new(String::new()))
    }

    /// Says how `action` went.
    pub fn report(&self, action: Action, ok: bool) {
        // A `String` signal, like the app's others: one more signal type costs WASM.
        self.0.set(messages::action_status(action, ok).to_owned());
    }
}

impl Default for ActionStatus {
    fn default() -> Self {
        Self::new()
    }
}

/// The status line, announced politely to screen readers.
#[component]
pub fn StatusLine(status: ActionStatus, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! { <span class="dc-status" role="status" data-testid=testid>{move || status.0.get()}</span> }
}
