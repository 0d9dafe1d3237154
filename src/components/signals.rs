//! Signals from the ground: genuine signals that add evidence to their side, and the bad
//! reasons and anti-patterns that feel convincing but never count.

use crate::components::slice;
use crate::model::answers::Answers;
use crate::model::card::{Card, Item, Pitfall};
use leptos::prelude::*;

/// Tick or untick an id in the answers.
fn set_ticked(answers: RwSignal<Answers>, id: &str, on: bool) {
    answers.update(|a| {
        if on {
            a.ticked.insert(id.to_string());
        } else {
            a.ticked.remove(id);
        }
    });
}

#[component]
pub fn Signals(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-signals" aria-labelledby="dc-signals-h">
            <h2 id="dc-signals-h">"Signals from the ground"</h2>
            <p class="dc-subtitle">"What's usually pushing the call, and what should"</p>
            <p class="dc-blurb">
                "On the left, pressures to recognize and discount. On the right, signals that genuinely point toward one option or the other."
            </p>
            <div class="dc-columns">
                <div class="dc-column">
                    <h3>"What's usually pushing the call"</h3>
                    <p class="dc-blurb">"Pressures to recognize and discount."</p>
                    <PitfallGroup
                        legend="Common bad reasons"
                        blurb="Reasoning that feels convincing in the moment but doesn't hold up."
                        items=&card.pressures.bad_reasons
                        answers
                    />
                    <PitfallGroup
                        legend="Anti-patterns"
                        blurb="Shapes of reasoning to recognize and set aside."
                        items=&card.pressures.anti_patterns
                        answers
                    />
                </div>
                <div class="dc-column">
                    <h3>"What should push the call"</h3>
                    <p class="dc-blurb">"Concrete signals that genuinely point to one pole."</p>
                    {card
                        .options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let letter = crate::model::explain::option_letter(i);
                            view! {
                                <fieldset class="dc-group">
                                    <legend>"For · " {o.name.as_str()}</legend>
                                    <p class="dc-blurb">"Observations that genuinely point to " {letter} "."</p>
                                    {o.signals.iter().map(|s| view! { <SignalToggle item=s answers /> }).collect_view()}
                                </fieldset>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
        </section>
    }
}

/// A genuine signal: ticking it adds the card's signal strength to its side.
#[component]
fn SignalToggle(item: &'static Item, answers: RwSignal<Answers>) -> impl IntoView {
    let id = item.id.as_str();
    let ticked = slice(answers, move |a| a.is_ticked(id));
    view! {
        <label class="dc-check">
            <input
                type="checkbox"
                prop:checked=move || ticked.get()
                on:change=move |ev| set_ticked(answers, id, event_target_checked(&ev))
            />
            <span>{item.text.as_str()}</span>
        </label>
    }
}

/// Bad reasons or anti-patterns: ticking one explains, in the card's words, why it does not count.
#[component]
fn PitfallGroup(
    legend: &'static str,
    blurb: &'static str,
    items: &'static [Pitfall],
    answers: RwSignal<Answers>,
) -> impl IntoView {
    view! {
        <fieldset class="dc-group dc-pitfalls">
            <legend>{legend}</legend>
            <p class="dc-blurb">{blurb}</p>
            {items
                .iter()
                .map(|p| {
                    let id = p.id.as_str();
                    let ticked = slice(answers, move |a| a.is_ticked(id));
                    let why = format!("dc-why-{id}");
                    view! {
                        <div class="dc-pitfall">
                            <label class="dc-check">
                                <input
                                    type="checkbox"
                                    aria-describedby=why.clone()
                                    prop:checked=move || ticked.get()
                                    on:change=move |ev| set_ticked(answers, id, event_target_checked(&ev))
                                />
                                <span>{p.text.as_str()}</span>
                            </label>
                            <p class="dc-why" id=why hidden=move || !ticked.get()>
                                <strong>"Does not count. "</strong>
                                {p.why.as_str()}
                            </p>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
