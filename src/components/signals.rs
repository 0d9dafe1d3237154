//! Signals from the ground: genuine signals that add evidence to their side, and the bad
//! reasons and anti-patterns that feel convincing but never count.

use crate::components::{slice, Heading, SectionText};
use decision_core::answers::Answers;
use decision_core::card::{Card, Item, Pitfall, Side};
use decision_core::sections::{
    signals_for_blurb, signals_for_heading, Section, ANTI_PATTERNS, BAD_REASONS, PRESSURES, PUSH_THE_CALL,
    SIGNALS,
};
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
    let pressures = &card.pressures;
    let any_signal = Side::BOTH.iter().any(|&side| !card.option(side).signals.is_empty());
    card.has_signals().then(|| {
        view! {
            <section class="dc-section" id="dc-signals" aria-labelledby="dc-signals-h">
                <Heading section=SIGNALS level=2 id="dc-signals-h" />
                <div class="dc-columns">
                    {(!pressures.is_empty()).then(|| view! {
                        <div class="dc-column">
                            <Heading section=PRESSURES level=3 />
                            <PitfallGroup section=BAD_REASONS items=&pressures.bad_reasons answers />
                            <PitfallGroup section=ANTI_PATTERNS items=&pressures.anti_patterns answers />
                        </div>
                    })}
                    {any_signal.then(|| view! {
                        <div class="dc-column">
                            <Heading section=PUSH_THE_CALL level=3 />
                            {Side::BOTH
                                .into_iter()
                                .filter(|&side| !card.option(side).signals.is_empty())
                                .map(|side| {
                                    let o = card.option(side);
                                    view! {
                                        <fieldset class="dc-group">
                                            <legend>{signals_for_heading(&o.name)}</legend>
                                            <p class="dc-blurb">{signals_for_blurb(side)}</p>
                                            {o.signals.iter().map(|s| view! { <SignalToggle item=s answers /> }).collect_view()}
                                        </fieldset>
                                    }
                                })
                                .collect_view()}
                        </div>
                    })}
                </div>
            </section>
        }
    })
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
                id=format!("dc-t-{id}")
                prop:checked=move || ticked.get()
                on:change=move |ev| set_ticked(answers, id, event_target_checked(&ev))
            />
            <span>{item.text.as_str()}</span>
        </label>
    }
}

/// Bad reasons or anti-patterns: ticking one explains, in the card's words, why it does not count.
#[component]
fn PitfallGroup(section: Section, items: &'static [Pitfall], answers: RwSignal<Answers>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <fieldset class="dc-group dc-pitfalls">
                <legend>{section.title}</legend>
                <SectionText section />
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
                                        id=format!("dc-t-{id}")
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
    })
}
