//! The card as a reference to read: framing, the decision, both options side by side,
//! AI impact and connected decisions. Nothing here is interactive.

use crate::components::TextList;
use crate::model::card::{Card, OptionSide};
use crate::model::explain::option_letter;
use leptos::prelude::*;

/// What the decision is really about, the decision itself, heuristic and default stance.
#[component]
pub fn Framing(card: &'static Card) -> impl IntoView {
    let f = &card.framing;
    view! {
        <section class="dc-section" id="dc-framing" aria-labelledby="dc-framing-h">
            <h2 id="dc-framing-h">"The decision"</h2>
            <p class="dc-question-big">{card.decision.question.as_str()}</p>
            <div class="dc-columns dc-three">
                <div><h3>"Really about"</h3><TextList items=&f.really_about /></div>
                <div><h3>"Not actually about"</h3><TextList items=&f.not_about /></div>
                <div><h3>"Why it feels hard"</h3><TextList items=&f.why_hard /></div>
            </div>
            <div class="dc-columns">
                <div class="dc-panel">
                    <h3>"Heuristic"</h3>
                    <p>{card.decision.heuristic.as_str()}</p>
                </div>
                <div class="dc-panel dc-default">
                    <h3>"Default stance"</h3>
                    <p class="dc-blurb">"Where to start before any evidence arrives."</p>
                    <p>{card.decision.default_stance.as_str()}</p>
                </div>
            </div>
        </section>
    }
}

/// Both options with every facet, side by side so they read across.
#[component]
pub fn Options(card: &'static Card) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-options" aria-labelledby="dc-options-h">
            <h2 id="dc-options-h">"Options on the table"</h2>
            <p class="dc-subtitle">"Two poles of the trade-off"</p>
            <p class="dc-blurb">
                "Neither is the right answer by default. Each option's conditions, strengths, costs, hidden costs, and failure modes when misused are laid out in parallel so you can read across facets."
            </p>
            <div class="dc-columns">
                {card
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| view! { <OptionColumn index=i option=o /> })
                    .collect_view()}
            </div>
        </section>
    }
}

#[component]
fn OptionColumn(index: usize, option: &'static OptionSide) -> impl IntoView {
    let facets: [(&str, &str, &'static [String]); 6] = [
        ("Best when", "Conditions where this option is a natural fit.", &option.best_when),
        ("Real-world fits", "Concrete environments where this option has worked.", &option.real_world_fits),
        ("Strengths", "What this option does well on its own terms.", &option.strengths),
        ("Costs", "What you accept up front to get those strengths.", &option.costs),
        ("Hidden costs", "Costs that surface later than expected — the main thing novices miss.", &option.hidden_costs),
        ("Failure modes when misused", "How this option breaks when applied to the wrong context.", &option.failure_modes),
    ];
    view! {
        <article class="dc-option" aria-label=format!("{}: {}", option_letter(index), option.name)>
            <p class="dc-option-letter">{option_letter(index)}</p>
            <h3>{option.name.as_str()}</h3>
            {facets
                .into_iter()
                .map(|(title, blurb, items)| {
                    view! {
                        <h4>{title}</h4>
                        <p class="dc-blurb">{blurb}</p>
                        <TextList items />
                    }
                })
                .collect_view()}
        </article>
    }
}

/// How AI bends this decision.
#[component]
pub fn AiImpact(card: &'static Card) -> impl IntoView {
    let ai = &card.ai;
    view! {
        <section class="dc-section" id="dc-ai" aria-labelledby="dc-ai-h">
            <h2 id="dc-ai-h">"AI impact"</h2>
            <p class="dc-subtitle">"How AI bends this decision"</p>
            <p class="dc-blurb">
                "Where AI accelerates the call, where it introduces new distortions, and anything else worth knowing."
            </p>
            <div class="dc-columns">
                <div>
                    <h3>"AI can help with"</h3>
                    <p class="dc-blurb">"Where AI genuinely reduces the cost of making the call."</p>
                    <TextList items=&ai.helps />
                </div>
                <div>
                    <h3>"AI can make worse"</h3>
                    <p class="dc-blurb">"Distortions AI introduces that didn't exist before."</p>
                    <TextList items=&ai.worsens />
                </div>
            </div>
            <h3>"AI false confidence"</h3>
            <p>{ai.false_confidence.as_str()}</p>
            <h3>"AI synthesis"</h3>
            <p class="dc-synthesis">{ai.synthesis.as_str()}</p>
        </section>
    }
}

/// Connected decisions.
#[component]
pub fn Related(card: &'static Card) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-related" aria-labelledby="dc-related-h">
            <h2 id="dc-related-h">"Relationships"</h2>
            <p class="dc-subtitle">"Connected decisions"</p>
            <p class="dc-blurb">
                "Nearby decisions this is sometimes confused with, adjacent decisions that are often entangled with this one, related failure modes, red flags, and playbooks to reach for."
            </p>
            <ul class="dc-related">
                {card
                    .related
                    .iter()
                    .map(|r| {
                        view! {
                            <li>
                                <span class="dc-kind">{r.kind.as_str()}</span>
                                <strong>{r.title.as_str()}</strong>
                                {r.title_added.then(|| view! { <span class="dc-added" title="The source lost this title; it was reconstructed from the text">" (title added)"</span> })}
                                <p>{r.text.as_str()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
