//! The group's section: its results, hidden until revealed when the facilitator wants, and the
//! projector view of the same section: over the whole screen, in type large enough for the
//! back of a room, with the names of who moved hidden until the facilitator shows them. It is
//! the section itself in another layout, not a second rendering of the results. Escape (or
//! "Close") returns to the page, and focus to the button that opened it.

use super::results::Results;
use crate::state::workshop::WorkshopSession;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages;
use decision_core::say;
use decision_core::workshop::{Rounds, Summary, Workshop};
use leptos::either::Either;
use leptos::html::Button;
use leptos::prelude::*;

/// "The group": the hide switch, the projector view and the results.
#[component]
pub fn GroupSection(
    session: WorkshopSession,
    summary: Memo<Summary>,
    rounds: Memo<Option<Rounds>>,
    hidden: Memo<bool>,
) -> impl IntoView {
    let card = session.card;
    let ws = session.workshop();
    let count = Memo::new(move |_| ws.with(|w| w.participants.len()));
    let projecting = RwSignal::new(false);
    let names = RwSignal::new(false);
    let show_names = Signal::derive(move || !projecting.get() || names.get());
    let (opener, closer) = (NodeRef::<Button>::new(), NodeRef::<Button>::new());
    // Focus follows the view: to "Close" when it opens, back to "Projector view" after.
    Effect::watch(
        move || projecting.get(),
        move |&on, _, _| {
            let button = if on { closer.get_untracked() } else { opener.get_untracked() };
            if let Some(b) = button {
                let _ = b.focus();
            }
        },
        false,
    );
    let title = move || if projecting.get() { card.title.clone() } else { say!(W::TheGroup).to_string() };
    view! {
        <section
            class=move || if projecting.get() { "dc-section dc-ws-results dc-projector" } else { "dc-section dc-ws-results" }
            role=move || projecting.get().then_some("dialog")
            aria-modal=move || projecting.get().then_some("true")
            aria-labelledby="dc-ws-results-h"
            data-testid="ws-results"
            on:keydown=move |ev| {
                if projecting.get_untracked() && ev.key() == "Escape" {
                    ev.prevent_default();
                    projecting.set(false);
                }
            }
        >
            <div class="dc-projector-bar" hidden=move || !projecting.get()>
                <p class="dc-projector-where">
                    {move || {
                        let participants = messages::participants(count.get());
                        say!(W::ProjectorWhere, round = ws.with(Workshop::round), participants = participants)
                    }}
                </p>
                <label class="dc-switch">
                    <input
                        type="checkbox"
                        role="switch"
                        data-testid="ws-projector-names"
                        prop:checked=move || names.get()
                        on:change:target=move |ev| names.set(ev.target().checked())
                    />
                    <span>{say!(W::ShowNames)}</span>
                </label>
                <button type="button" node_ref=closer data-testid="ws-projector-close" on:click=move |_| projecting.set(false)>
                    {say!(W::CloseEsc)}
                </button>
            </div>
            <div class="dc-ws-results-head">
                <h2 id="dc-ws-results-h">{title}</h2>
                <label class="dc-switch dc-projector-off">
                    <input
                        type="checkbox"
                        role="switch"
                        data-testid="ws-hide"
                        prop:checked=move || hidden.get()
                        on:change:target=move |ev| session.set_hidden(ev.target().checked())
                    />
                    <span>{say!(W::HideResults)}</span>
                </label>
                <button
                    type="button"
                    class="dc-projector-off"
                    node_ref=opener
                    data-testid="ws-projector-open"
                    on:click=move |_| projecting.set(true)
                >
                    {say!(W::ProjectorView)}
                </button>
            </div>
            {move || if hidden.get() {
                Either::Left(view! {
                    <div class="dc-ws-hidden" data-testid="ws-hidden">
                        <p>
                            {move || say!(W::HiddenSoFar, participants = messages::participants(count.get()))}
                        </p>
                        <button type="button" class="dc-primary dc-projector-off" on:click=move |_| session.set_hidden(false)>
                            {say!(W::RevealResults)}
                        </button>
                    </div>
                })
            } else {
                Either::Right(view! { <Results card summary rounds ws show_names /> })
            }}
        </section>
    }
}
