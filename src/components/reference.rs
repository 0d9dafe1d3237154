//! The card as a reference to read: its heading and the way to its sections, framing, the
//! decision, both options side by side, AI impact and connected decisions. Nothing here is
//! interactive: the card page leaves all of it as prerendered.

use crate::components::{Facet, Heading};
use crate::platform::addresses;
use decision_core::card::{Card, OptionSide, Related as RelatedItem, Side};
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::{
    option_label, Section, AI_FALSE_CONFIDENCE, AI_HELPS, AI_IMPACT, AI_SYNTHESIS, AI_WORSENS, BEST_WHEN,
    COSTS, DEFAULT_STANCE, EASY_TO_CONFUSE, FAILURE_MODES, HEURISTIC, HIDDEN_COSTS, NOT_ABOUT, OPTIONS,
    REALLY_ABOUT, REAL_WORLD_FITS, RELATED, STRENGTHS, THE_DECISION, WHY_HARD,
};
use leptos::prelude::*;

/// The card's kicker (with the way back to the library), its title and its tagline.
#[component]
pub fn CardHeading(card: &'static Card) -> impl IntoView {
    view! {
        <p class="dc-kicker">
            <a class="dc-to-library" href=addresses::LIBRARY data-testid="to-library">{say!(W::AllCards)}</a>
            <span class="dc-to-library">" \u{b7} "</span>
            {say!(W::DecisionCard)}
        </p>
        <h1>{card.title.as_str()}</h1>
        {(!card.tagline.is_empty()).then(|| view! { <p class="dc-tagline">{card.tagline.as_str()}</p> })}
    }
}

/// Links to the card page's sections (those the card has).
#[component]
pub fn SectionsNav(card: &'static Card) -> impl IntoView {
    view! {
        <nav class="dc-nav" aria-label=say!(W::SectionsNav)>
            <a href="#dc-framing">{say!(W::NavDecision)}</a>
            <a href="#dc-options">{say!(W::NavOptions)}</a>
            <a href="#dc-factors">{say!(W::NavFactors)}</a>
            {card.has_signals().then(|| view! { <a href="#dc-signals">{say!(W::NavSignals)}</a> })}
            {(!card.evidence.is_empty()).then(|| view! { <a href="#dc-evidence">{say!(W::NavEvidence)}</a> })}
            <a href="#dc-decision">{say!(W::NavDecide)}</a>
            <a href="#dc-record">{say!(W::NavRecord)}</a>
        </nav>
    }
}

/// What the decision is really about, the decision itself, heuristic and default stance.
#[component]
pub fn Framing(card: &'static Card) -> impl IntoView {
    let f = &card.framing;
    view! {
        <section class="dc-section" id="dc-framing" aria-labelledby="dc-framing-h">
            <Heading section=THE_DECISION level=2 id="dc-framing-h" />
            <p class="dc-question-big">{card.decision.question.as_str()}</p>
            {(!f.is_empty()).then(|| {
                view! {
                    <div class="dc-columns dc-three">
                        {[(REALLY_ABOUT, &f.really_about), (NOT_ABOUT, &f.not_about), (WHY_HARD, &f.why_hard)]
                            .into_iter()
                            .filter(|(_, items)| !items.is_empty())
                            .map(|(section, items)| view! { <div><Facet section level=3 items /></div> })
                            .collect_view()}
                    </div>
                }
            })}
            <div class="dc-columns">
                <Stance section=HEURISTIC text=&card.decision.heuristic class="dc-panel" />
                <Stance section=DEFAULT_STANCE text=&card.decision.default_stance class="dc-panel dc-default" />
            </div>
        </section>
    }
}

/// The rule of thumb or the default stance in its panel, when the card has it.
#[component]
fn Stance(section: Section, text: &'static str, class: &'static str) -> impl IntoView {
    (!text.is_empty()).then(|| {
        view! {
            <div class=class>
                <Heading section level=3 />
                <p>{text}</p>
            </div>
        }
    })
}

/// Both options with every facet, side by side so they read across.
#[component]
pub fn Options(card: &'static Card) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-options" aria-labelledby="dc-options-h">
            <Heading section=OPTIONS level=2 id="dc-options-h" />
            <div class="dc-columns">
                {Side::BOTH
                    .map(|side| view! { <OptionColumn side option=card.option(side) /> })
                    .collect_view()}
            </div>
        </section>
    }
}

#[component]
fn OptionColumn(side: Side, option: &'static OptionSide) -> impl IntoView {
    let facets: [(Section, &'static [String]); 6] = [
        (BEST_WHEN, &option.best_when),
        (REAL_WORLD_FITS, &option.real_world_fits),
        (STRENGTHS, &option.strengths),
        (COSTS, &option.costs),
        (HIDDEN_COSTS, &option.hidden_costs),
        (FAILURE_MODES, &option.failure_modes),
    ];
    let label = option_label(side);
    view! {
        <article class="dc-option" aria-label=say!(W::OptionAria, label = label, name = option.name)>
            <p class="dc-option-letter">{label}</p>
            <h3>{option.name.as_str()}</h3>
            {facets
                .into_iter()
                .map(|(section, items)| view! { <Facet section level=4 items /> })
                .collect_view()}
        </article>
    }
}

/// How AI bends this decision, when the card says.
#[component]
pub fn AiImpact(card: &'static Card) -> impl IntoView {
    let ai = &card.ai;
    (!ai.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-ai" aria-labelledby="dc-ai-h">
                <Heading section=AI_IMPACT level=2 id="dc-ai-h" />
                <div class="dc-columns">
                    {[(AI_HELPS, &ai.helps), (AI_WORSENS, &ai.worsens)]
                        .into_iter()
                        .filter(|(_, items)| !items.is_empty())
                        .map(|(section, items)| view! { <div><Facet section level=3 items /></div> })
                        .collect_view()}
                </div>
                {(!ai.false_confidence.is_empty()).then(|| view! {
                    <Heading section=AI_FALSE_CONFIDENCE level=3 />
                    <p>{ai.false_confidence.as_str()}</p>
                })}
                {(!ai.synthesis.is_empty()).then(|| view! {
                    <Heading section=AI_SYNTHESIS level=3 />
                    <p class="dc-synthesis">{ai.synthesis.as_str()}</p>
                })}
            </section>
        }
    })
}

/// Connected decisions, grouped by kind in the order the card first names each kind.
/// A kind the template describes ("Easy to confuse with") gets its blurb once, above its
/// items; every item still shows its own kind.
#[component]
pub fn Related(card: &'static Card) -> impl IntoView {
    let mut kinds: Vec<&'static str> = Vec::new();
    for r in &card.related {
        if !kinds.contains(&r.kind.as_str()) {
            kinds.push(r.kind.as_str());
        }
    }
    (!kinds.is_empty() || !card.named_by.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-related" aria-labelledby="dc-related-h">
                <Heading section=RELATED level=2 id="dc-related-h" />
                {(!card.named_by.is_empty()).then(|| view! {
                    <p class="dc-named-by" data-testid="named-by">
                        {say!(W::NamedBy)}
                        {card
                            .named_by
                            .iter()
                            .enumerate()
                            .map(|(k, c)| view! { {(k > 0).then_some(", ")} <a href=addresses::card(&c.id) lang=c.lang.as_str()>{c.title.as_str()}</a> })
                            .collect_view()}
                    </p>
                })}
                {kinds
                    .into_iter()
                    .map(|kind| {
                        let blurb = (kind == EASY_TO_CONFUSE.title())
                            .then(|| view! { <p class="dc-blurb">{EASY_TO_CONFUSE.blurb()}</p> });
                        view! {
                            {blurb}
                            <ul class="dc-related">
                                {card
                                    .related
                                    .iter()
                                    .filter(|r| r.kind == kind)
                                    .map(|r| view! { <RelatedEntry item=r /> })
                                    .collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

/// One related decision: its kind, its title (marked if reconstructed) and its text.
#[component]
fn RelatedEntry(item: &'static RelatedItem) -> impl IntoView {
    view! {
        <li>
            <span class="dc-kind">{item.kind.as_str()}</span>
            // A decision that is itself a card of this library opens it (an `a` without `href`
            // is plain text: one element either way keeps the WASM small).
            <strong><a href=(!item.card.is_empty()).then(|| addresses::card(&item.card))>{item.title.as_str()}</a></strong>
            {item.title_added.then(|| view! { <span class="dc-added" title=say!(W::TitleAddedTitle)>{say!(W::TitleAdded)}</span> })}
            <p>{item.text.as_str()}</p>
        </li>
    }
}
