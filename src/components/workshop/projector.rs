//! The projector view: the group's results for the room, full screen and in large type, read
//! from the back of a room. No participant list; the names of who moved are hidden until the
//! facilitator shows them. Escape (or "Close") returns to the page, and focus to the button
//! that opened it.

use super::results::Spreads;
use super::rounds::Moved;
use decision_core::card::Card;
use decision_core::explain;
use decision_core::messages;
use decision_core::workshop::{Rounds, Summary, Workshop};
use leptos::prelude::*;

/// "Projector view" and, when open, the view itself over the whole page.
#[component]
pub fn Projector(
    card: &'static Card,
    summary: Memo<Summary>,
    rounds: Memo<Option<Rounds>>,
    ws: ReadSignal<Workshop>,
    hidden: Memo<bool>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let show_names = RwSignal::new(false);
    let opener = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    };
    view! {
        <button type="button" node_ref=opener data-testid="ws-projector-open" on:click=move |_| open.set(true)>
            "Projector view"
        </button>
        <Show when=move || open.get()>
            {
                let close_button = NodeRef::<leptos::html::Button>::new();
                close_button.on_load(|b| {
                    let _ = b.focus();
                });
                let round = move || ws.with(Workshop::round);
                view! {
                    <div
                        class="dc-projector"
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby="dc-projector-h"
                        data-testid="ws-projector"
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                close();
                            }
                        }
                    >
                        <div class="dc-projector-bar">
                            <p class="dc-projector-where">
                                {move || format!("Round {} · {}", round(), messages::participants(summary.with(|s| s.participants)))}
                            </p>
                            <label class="dc-switch">
                                <input
                                    type="checkbox"
                                    role="switch"
                                    data-testid="ws-projector-names"
                                    prop:checked=move || show_names.get()
                                    on:change:target=move |ev| show_names.set(ev.target().checked())
                                />
                                <span>"Show names"</span>
                            </label>
                            <button type="button" node_ref=close_button data-testid="ws-projector-close" on:click=move |_| close()>
                                "Close (Esc)"
                            </button>
                        </div>
                        <h2 id="dc-projector-h">{card.title.as_str()}</h2>
                        {move || {
                            if hidden.get() {
                                return view! {
                                    <p class="dc-projector-hidden">"The results are hidden until the facilitator reveals them."</p>
                                }.into_any();
                            }
                            summary.with(|s| match &s.group_verdict {
                                None => view! { <p class="dc-projector-hidden">"No answers yet."</p> }.into_any(),
                                Some(v) => {
                                    let (headline, qualifier) = explain::headline(card, v);
                                    view! {
                                        <p class="dc-projector-label">"Group verdict"</p>
                                        <p class="dc-projector-verdict" data-testid="ws-projector-verdict">{headline}</p>
                                        <p class="dc-projector-qualifier">{qualifier}</p>
                                        <Moved card rounds ws show_names />
                                        <Disagreements card summary=s.clone() />
                                        <Spreads card summary=s.clone() rounds />
                                    }.into_any()
                                }
                            })
                        }}
                    </div>
                }
            }
        </Show>
    }
}

/// The factors the group disagrees on most, by name and spread: what the room discusses.
#[component]
fn Disagreements(card: &'static Card, summary: Summary) -> impl IntoView {
    (!summary.disputed.is_empty()).then(|| {
        let items = summary
            .disputed
            .iter()
            .map(|&i| {
                let (f, sp) = (&card.factors[i], &summary.factors[i]);
                view! {
                    <li>
                        <strong>{f.name.as_str()}</strong>
                        {format!(
                            ": from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                            explain::position_words(card, sp.min),
                            explain::position_words(card, sp.max)
                        )}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>"Where the group disagrees most"</h3>
            <ol class="dc-list">{items}</ol>
        }
    })
}
