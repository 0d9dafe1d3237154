//! Who has been added: names to edit, each one's verdict (when results are shown), and a
//! way to remove one or everyone.

use crate::components::confirm::Confirm;
use crate::state::workshop::WorkshopSession;
use decision_core::explain;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages;
use decision_core::say;
use decision_core::share;
use decision_core::workshop::words::{numbered, WorkshopWord};
use decision_core::workshop::Summary;
use leptos::either::Either;
use leptos::prelude::*;

/// Who has been added, with names to edit, each one's verdict (when results are shown) and a
/// way to remove them.
#[component]
pub fn Participants(session: WorkshopSession, summary: Memo<Summary>, hidden: Memo<bool>) -> impl IntoView {
    let card = session.card;
    let ws = session.workshop();
    let count = Memo::new(move |_| ws.with(|w| w.participants.len()));
    // The list is built when the first participant comes, not again with each one after.
    let someone = Memo::new(move |_| count.get() > 0);
    // One row per place in the list, keyed by that place: adding participants adds rows and
    // leaves the others be; each row reads its participant's name and verdict by itself.
    let row = move |i: usize| {
        let label = Memo::new(move |_| ws.with(|w| w.label(i)));
        let name = Memo::new(move |_| {
            ws.with(|w| w.participants.get(i).map(|p| p.name.clone()).unwrap_or_default())
        });
        let verdict = move || summary.with(|s| s.verdicts.get(i).map(|v| explain::headline(card, v).0));
        let field = format!("dc-ws-name-{i}");
        view! {
            <li class="dc-ws-person" data-testid="ws-participant">
                <label class="dc-sr" for=field.clone()>{move || say!(W::NameOf, who = label.get())}</label>
                <input
                    type="text"
                    id=field
                    class="dc-ws-name"
                    maxlength=share::MAX_NAME_CHARS.to_string()
                    placeholder=numbered(i + 1)
                    prop:value=move || name.get()
                    on:change:target=move |ev| session.rename(i, ev.target().value().trim().to_string())
                />
                <span class="dc-ws-verdict" data-testid="ws-participant-verdict">
                    {move || if hidden.get() { say!(W::VerdictHidden).to_string() } else { verdict().unwrap_or_default() }}
                </span>
                <button
                    type="button"
                    class="dc-quiet"
                    aria-label=move || say!(W::RemoveWho, who = label.get())
                    on:click=move |_| session.remove(i)
                >
                    {say!(W::Remove)}
                </button>
            </li>
        }
    };
    view! {
        <section class="dc-section dc-ws-people" aria-labelledby="dc-ws-people-h">
            <h2 id="dc-ws-people-h">
                {say!(WorkshopWord::Participants)} " " <span class="dc-badge" data-testid="ws-count">{move || messages::participants(count.get())}</span>
            </h2>
            {move || if someone.get() {
                Either::Left(view! {
                    <ol class="dc-ws-list">
                        <For each=move || 0..count.get() key=|i| *i let:i>
                            {row(i)}
                        </For>
                    </ol>
                    <Confirm
                        label=say!(W::RemoveEveryone)
                        question=say!(W::RemoveEveryoneQuestion)
                        yes=say!(W::RemoveEveryoneYes)
                        question_id="dc-ws-remove-all-q"
                        on_yes=Callback::new(move |()| session.remove_all())
                    />
                })
            } else {
                Either::Right(view! { <p class="dc-blurb">{say!(W::NoOneYet)}</p> })
            }}
        </section>
    }
}
