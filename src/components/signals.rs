//! Signals from the ground: genuine signals that add evidence to their side, and the bad
//! reasons and anti-patterns that feel convincing but never count.

use crate::components::{slice, Heading, SectionText};
use crate::controls::{Control, Value};
use crate::state::card::CardSession;
use decision_core::card::{Item, Pitfall, Side};
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::{
    signals_for_blurb, signals_for_heading, Section, ANTI_PATTERNS, BAD_REASONS, PRESSURES, PUSH_THE_CALL,
    SIGNALS,
};
use leptos::prelude::*;

/// A checkbox for a signal, bad reason or anti-pattern, ticked as the answers say.
#[component]
fn TickBox(
    session: CardSession,
    id: &'static str,
    #[prop(optional)] described_by: Option<String>,
) -> impl IntoView {
    let ticked = slice(session.answers(), move |a| a.is_ticked(id));
    let control = Control::Tick(id);
    view! {
        <input
            type="checkbox"
            id=control.element_id()
            aria-describedby=described_by
            prop:checked=move || ticked.get()
            on:change:target=move |ev| session.set(control, Value::Checked(ev.target().checked()))
        />
    }
}

#[component]
pub fn Signals(session: CardSession) -> impl IntoView {
    let card = session.card;
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
                            <PitfallGroup section=BAD_REASONS items=&pressures.bad_reasons session />
                            <PitfallGroup section=ANTI_PATTERNS items=&pressures.anti_patterns session />
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
                                            {o.signals.iter().map(|s| view! { <SignalToggle item=s session /> }).collect_view()}
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
fn SignalToggle(item: &'static Item, session: CardSession) -> impl IntoView {
    view! {
        <label class="dc-check">
            <TickBox session id=item.id.as_str() />
            <span>{item.text.as_str()}</span>
        </label>
    }
}

/// Bad reasons or anti-patterns: ticking one explains, in the card's words, why it does not count.
#[component]
fn PitfallGroup(section: Section, items: &'static [Pitfall], session: CardSession) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <fieldset class="dc-group dc-pitfalls">
                <legend>{section.title()}</legend>
                <SectionText section />
                {items
                    .iter()
                    .map(|p| {
                        let id = p.id.as_str();
                        let ticked = slice(session.answers(), move |a| a.is_ticked(id));
                        let why = format!("dc-why-{id}");
                        view! {
                            <div class="dc-pitfall">
                                <label class="dc-check">
                                    <TickBox session id described_by=why.clone() />
                                    <span>{p.text.as_str()}</span>
                                </label>
                                <p class="dc-why" id=why hidden=move || !ticked.get()>
                                    <strong>{say!(W::DoesNotCount)}</strong>
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
