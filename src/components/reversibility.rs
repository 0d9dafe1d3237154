//! Cost, time and reversibility: who pays, how each option ages, what undoing costs, and
//! the re-look triggers the user can mark as applying today.

use crate::components::{slice, Facet, Heading, SectionText};
use crate::controls::{Control, Value};
use crate::state::card::CardSession;
use decision_core::card::Side;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::{
    option_heading, COST_TIME_REVERSIBILITY, OVER_TIME, RELOOK_TRIGGERS, UNDO_COST, WHO_ABSORBS_COST,
};
use leptos::prelude::*;

#[component]
pub fn Reversibility(session: CardSession) -> impl IntoView {
    let card = session.card;
    view! {
        <section class="dc-section" id="dc-cost" aria-labelledby="dc-cost-h">
            <Heading section=COST_TIME_REVERSIBILITY level=2 id="dc-cost-h" />
            <div class="dc-columns">
                {Side::BOTH
                    .into_iter()
                    .filter(|&side| !card.option(side).cost_over_time_is_empty())
                    .map(|side| {
                        let o = card.option(side);
                        view! {
                            <div class="dc-panel">
                                <h3>{option_heading(side, &o.name)}</h3>
                                <Facet section=WHO_ABSORBS_COST level=4 items=&o.who_absorbs_cost />
                                {(!o.over_time.is_empty()).then(|| view! {
                                    <Heading section=OVER_TIME level=4 />
                                    <p>{o.over_time.as_str()}</p>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="dc-panel">
                <Heading section=UNDO_COST level=3 />
                <p class="dc-undo">{card.reversibility.undo_cost.as_str()}</p>
                <p class="dc-blurb">{say!(W::UndoBurden)}</p>
                {card.reversibility.revisit_after.map(|period| view! {
                    <p class="dc-revisit-after">{say!(W::RevisitAfter, period = String::from(period))}</p>
                })}
            </div>
            <Triggers session />
        </section>
    }
}

/// The re-look triggers to tick, when the card names any.
#[component]
fn Triggers(session: CardSession) -> impl IntoView {
    let card = session.card;
    (!card.reversibility.relook_triggers.is_empty()).then(|| {
        view! {
            <fieldset class="dc-group dc-panel">
                <legend>{RELOOK_TRIGGERS.title()}</legend>
                <SectionText section=RELOOK_TRIGGERS />
                <p class="dc-blurb">{say!(W::TickTriggers)}</p>
                {card
                    .reversibility
                    .relook_triggers
                    .iter()
                    .map(|t| {
                        let id = t.id.as_str();
                        let on = slice(session.answers(), move |a| a.triggers.contains(id));
                        let control = Control::Trigger(id);
                        view! {
                            <label class="dc-check">
                                <input
                                    type="checkbox"
                                    id=control.element_id()
                                    prop:checked=move || on.get()
                                    on:change:target=move |ev| session.set(control, Value::Checked(ev.target().checked()))
                                />
                                <span>{t.text.as_str()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    })
}
