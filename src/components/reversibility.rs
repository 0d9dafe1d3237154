//! Cost, time and reversibility: who pays, how each option ages, what undoing costs, and
//! the re-look triggers the user can mark as applying today.

use crate::components::{slice, TextList};
use crate::model::answers::Answers;
use crate::model::card::Card;
use crate::model::explain::option_letter;
use leptos::prelude::*;

#[component]
pub fn Reversibility(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-cost" aria-labelledby="dc-cost-h">
            <h2 id="dc-cost-h">"Cost, time, and reversibility"</h2>
            <p class="dc-subtitle">"Who pays, how it ages, and what undoing it costs"</p>
            <p class="dc-blurb">
                "Trade-offs are rarely zero-sum and rarely static. Someone pays, the payoff curve shifts with the horizon, and the decision has an undo cost."
            </p>
            <div class="dc-columns">
                {card
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        view! {
                            <div class="dc-panel">
                                <h3>{option_letter(i)} " · " {o.name.as_str()}</h3>
                                <h4>"Who absorbs the cost"</h4>
                                <TextList items=&o.who_absorbs_cost />
                                <h4>"Over time"</h4>
                                <p>{o.over_time.as_str()}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="dc-panel">
                <h3>"What undoing costs"</h3>
                <p class="dc-undo">{card.reversibility.undo_cost.as_str()}</p>
                <p class="dc-blurb">
                    "The harder the undo, the higher the burden of proof before leaving the default."
                </p>
            </div>
            <fieldset class="dc-group dc-panel">
                <legend>"What should force a re-look"</legend>
                <p class="dc-blurb">
                    "Trigger conditions that mean the answer may have changed. Tick those that apply today."
                </p>
                {card
                    .reversibility
                    .relook_triggers
                    .iter()
                    .map(|t| {
                        let id = t.id.as_str();
                        let on = slice(answers, move |a| a.triggers.contains(id));
                        view! {
                            <label class="dc-check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || on.get()
                                    on:change=move |ev| {
                                        let checked = event_target_checked(&ev);
                                        answers.update(|a| {
                                            if checked {
                                                a.triggers.insert(id.to_string());
                                            } else {
                                                a.triggers.remove(id);
                                            }
                                        });
                                    }
                                />
                                <span>{t.text.as_str()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </section>
    }
}
