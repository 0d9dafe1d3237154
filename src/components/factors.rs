//! Factor sliders: one native range input per key factor, with its importance.

use crate::components::{slice, Heading};
use crate::controls::{Control, Value};
use crate::state::card::CardSession;
use decision_core::answers::STEPS;
use decision_core::card::{Factor, Side, MAX_WEIGHT};
use decision_core::explain::{position_words, weight_words};
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::KEY_FACTORS;
use leptos::prelude::*;

/// Every key factor of the card, each with a slider and an importance.
#[component]
pub fn Factors(session: CardSession) -> impl IntoView {
    let card = session.card;
    view! {
        <section class="dc-section" id="dc-factors" aria-labelledby="dc-factors-h">
            <Heading section=KEY_FACTORS level=2 id="dc-factors-h" />
            <p class="dc-blurb">{say!(W::FactorsBlurb)}</p>
            <div class="dc-factors">
                {card.factors.iter().map(|f| view! { <FactorRow session factor=f /> }).collect_view()}
            </div>
        </section>
    }
}

/// One factor: prompt, position slider (words in `aria-valuetext`) and importance.
#[component]
fn FactorRow(session: CardSession, factor: &'static Factor) -> impl IntoView {
    let card = session.card;
    let answers = session.answers();
    let id = factor.id.as_str();
    let position = slice(answers, move |a| a.position(id));
    let weight = slice(answers, move |a| a.weight(card, id));
    let slider = Control::Position(id).element_id();
    let prompt = format!("{slider}-prompt");
    let importance = Control::Weight(id).element_id();
    let words = move || position_words(card, position.get());
    let gate = factor
        .gate_for
        .as_deref()
        .and_then(|o| card.side_of(o))
        .map(|side| card.option(side))
        .map(|o| view! { <p class="dc-gate-note">{say!(W::GateNote, option = o.name)}</p> });
    view! {
        <div class="dc-factor" class:dc-moved=move || position.get() != 0>
            <div class="dc-factor-head">
                <label for=slider.clone() class="dc-factor-name">{factor.name.as_str()}</label>
                // The slider announces these words itself (aria-valuetext); an <output> is
                // a live region by default, so it is turned off to avoid saying them twice.
                <output for=slider.clone() class="dc-position" aria-live="off">{words}</output>
            </div>
            <p class="dc-prompt" id=prompt.clone()>
                {factor.prompt.as_str()}
                {factor.prompt_added.then(|| view! { <span class="dc-added" title=say!(W::AddedTitle)>{say!(W::Added)}</span> })}
            </p>
            <div class="dc-slider">
                <span class="dc-pole" aria-hidden="true">{card.option(Side::A).name.as_str()}</span>
                <input
                    type="range"
                    id=slider
                    min=(-STEPS).to_string()
                    max=STEPS.to_string()
                    step="1"
                    aria-describedby=prompt
                    aria-valuetext=words
                    // The markup's value (what a page read without the app shows, and what
                    // tells an early move from the default); the live value is the property.
                    value=position.get_untracked().to_string()
                    prop:value=move || position.get().to_string()
                    on:input:target=move |ev| session.set(Control::Position(id), Value::Text(ev.target().value()))
                />
                <span class="dc-pole" aria-hidden="true">{card.option(Side::B).name.as_str()}</span>
            </div>
            <div class="dc-importance">
                <label for=importance.clone()>{say!(W::Importance)}</label>
                <select
                    id=importance
                    on:change:target=move |ev| session.set(Control::Weight(id), Value::Text(ev.target().value()))
                >
                    {(0..=MAX_WEIGHT)
                        .map(|w| {
                            let default = if w == factor.weight { say!(W::CardDefault) } else { "" };
                            view! {
                                <option
                                    value=w.to_string()
                                    selected=weight.get_untracked() == w
                                    prop:selected=move || weight.get() == w
                                >
                                    {weight_words(w)}
                                    {default}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {gate}
        </div>
    }
}
