//! The verdict, always in view: where the evidence points, how strongly, how confident,
//! and why — with a small picture of what moved it.

use super::change::WhatCouldChange;
use decision_core::answers::Answers;
use decision_core::card::{Card, OptionSide, Side};
use decision_core::engine::{Contribution, Outcome, Verdict};
use decision_core::explain;
use decision_core::lang::verdict_page::VerdictPageWord as Word;
use decision_core::say;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn VerdictPanel(card: &'static Card, verdict: Memo<Verdict>, answers: Memo<Answers>) -> impl IntoView {
    let outcome_class = move || match verdict.with(|v| v.outcome) {
        Outcome::NotClearYet => "dc-verdict dc-open",
        Outcome::DefaultConfirmed => "dc-verdict dc-default-holds",
        Outcome::Switch => "dc-verdict dc-switch",
        Outcome::Gated => "dc-verdict dc-gated",
    };
    view! {
        <aside class=outcome_class aria-labelledby="dc-verdict-h" data-testid="verdict">
            <h2 id="dc-verdict-h" class="dc-verdict-label">{say!(Word::Verdict)}</h2>
            <VerdictHeadline card verdict />
            <LeanMeter card verdict />
            <details class="dc-why-details" open>
                <summary>{say!(Word::Why)}</summary>
                <Explanation card verdict />
            </details>
            <WhatCouldChange card answers />
        </aside>
    }
}

/// The verdict in a line, its qualifier and its confidence.
#[component]
fn VerdictHeadline(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    let headline = Memo::new(move |_| verdict.with(|v| explain::headline(card, v)));
    view! {
        // Only the headline is live: it changes when the outcome changes, not per keystroke.
        <div aria-live="polite" aria-atomic="true">
            <p class="dc-headline" data-testid="verdict-headline">{move || headline.get().0}</p>
            <p class="dc-qualifier">{move || headline.get().1}</p>
        </div>
        <p class="dc-badges">
            <span class="dc-badge" data-testid="confidence">
                {move || {
                    verdict.with(|v| {
                        say!(
                            Word::ConfidenceBadge,
                            level = explain::confidence_words(v.confidence.level),
                            gathered = explain::percent(v.confidence.fraction)
                        )
                    })
                }}
            </span>
        </p>
    }
}

/// What the verdict warns of: the capability gate (with the failure mode of the option it
/// holds back) and a case resting on reasons that do not count. The same sentences for one
/// reader's verdict and for a workshop's group.
#[component]
pub fn Cautions(card: &'static Card, verdict: Verdict) -> impl IntoView {
    let gate = explain::gate_sentence(card, &verdict);
    let pitfalls = explain::pitfall_sentence(card, &verdict);
    let held_back = card.option(verdict.points_to);
    let gated_modes = (verdict.outcome == Outcome::Gated && !held_back.failure_modes.is_empty()).then(|| {
        say!(Word::FailureModeOf, option = held_back.name, modes = held_back.failure_modes.join(" "))
    });
    view! {
        {gate.map(|g| view! { <p class="dc-alert" data-testid="gate">{g}</p> })}
        {gated_modes.map(|modes| view! {
            <p class="dc-alert">{modes}</p>
        })}
        {pitfalls.map(|p| view! { <p class="dc-alert" data-testid="pitfall-warning">{p}</p> })}
    }
}

/// The flip point of `answers`, for a workshop's group verdict. A reader's verdict has none:
/// its "What could change the answer" names the same move (its nearest slider move) with
/// every other.
pub fn flip_line(card: &'static Card, answers: &Answers) -> Option<impl IntoView> {
    explain::flip_sentence(card, answers).map(|f| view! { <p class="dc-flip" data-testid="flip"><strong>{say!(Word::FlipPoint)}" "</strong>{f}</p> })
}

/// The headline again, pinned to the bottom of narrow screens where the full panel scrolls
/// away. Hidden from assistive technology: the panel itself announces changes.
#[component]
pub fn VerdictBar(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    view! {
        <div class="dc-verdict-bar" aria-hidden="true">
            <span class="dc-verdict-bar-label">{say!(Word::VerdictBarLabel)}" "</span>
            {move || verdict.with(|v| explain::headline(card, v).0)}
        </div>
    }
}

/// Where the score sits between the two options, with the burden-of-proof band. Drawn in
/// whole units of a viewBox ten times the size it shows at: SVG takes integers, and the
/// page needs no float formatting.
#[component]
fn LeanMeter(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    const W: f64 = 2400.0;
    let band = move || {
        verdict.with(|v| {
            // The band is the range where the default holds without a clear case either way.
            let half = if v.max_score > 0.0 { (v.burden / v.max_score).min(1.0) } else { 0.0 };
            ((W / 2.0 * (1.0 - half)).round() as i32, (W * half).round() as i32)
        })
    };
    let marker = move || (W / 2.0 * (1.0 + verdict.with(|v| v.lean))).round() as i32;
    let label = move || {
        verdict.with(|v| {
            say!(
                Word::MeterLabel,
                score = explain::number(v.score, 1),
                burden = explain::number(v.burden, 1),
                option = card.option(card.default_side().other()).name
            )
        })
    };
    view! {
        <figure class="dc-meter">
            <svg viewBox="0 0 2400 340" width="100%" role="img" aria-label=label>
                <rect x="0" y="120" width="2400" height="80" rx="40" class="dc-track" />
                <rect x=move || band().0 y="100" width=move || band().1 height="120" rx="30" class="dc-band" />
                <line x1="1200" x2="1200" y1="60" y2="260" class="dc-axis" />
                <circle cx=marker cy="160" r="70" class="dc-marker" />
            </svg>
            <figcaption>
                <span class="dc-meter-poles">
                    <span>{card.option(Side::A).name.as_str()}</span>
                    <span>{card.option(Side::B).name.as_str()}</span>
                </span>
                <span class="dc-meter-note">{say!(Word::MeterNote)}</span>
            </figcaption>
        </figure>
    }
}

/// The reasons, largest first, and the cautions.
#[component]
fn Explanation(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    view! {
        <div class="dc-explanation">
            {move || {
                verdict
                    .with(|v| {
                        let target = card.option(v.recommends);
                        let set_aside: Vec<_> = card
                            .pitfalls()
                            .filter(|p| v.warnings.contains(&p.id))
                            .map(|p| view! { <li>{p.text.clone()}</li> })
                            .collect();
                        let set_aside = (!set_aside.is_empty())
                            .then(|| {
                                view! {
                                    <div class="dc-set-aside" data-testid="set-aside">
                                        <h3 class="dc-small-h">{say!(Word::SetAside)}</h3>
                                        <ul class="dc-list">{set_aside}</ul>
                                    </div>
                                }
                            });
                        view! {
                            <ContributionChart card contributions=v.contributions.clone() burden=v.burden />
                            <Cautions card verdict=v.clone() />
                            {set_aside}
                            <WatchList option=target />
                        }
                    })
            }}
        </div>
    }
}

/// The hidden costs and failure modes of the option to act on, when the card names any.
#[component]
fn WatchList(option: &'static OptionSide) -> impl IntoView {
    (!option.hidden_costs.is_empty() || !option.failure_modes.is_empty()).then(|| {
        view! {
            <h3 class="dc-small-h">{say!(Word::WatchWith, option = option.name)}</h3>
            <ul class="dc-list">
                {option.hidden_costs.iter().map(|c| view! { <li>{say!(Word::HiddenCost, text = c)}</li> }).collect_view()}
                {option.failure_modes.iter().map(|m| view! { <li>{say!(Word::FailureMode, text = m)}</li> }).collect_view()}
            </ul>
        }
    })
}

/// Every contribution, largest first: its name and amount in words (which wrap, whatever
/// their length), over a bar from the centre line toward the option it favours.
#[component]
fn ContributionChart(card: &'static Card, contributions: Vec<Contribution>, burden: f64) -> impl IntoView {
    // `Either`, not `into_any`: a type-erased view carries every way of rendering, wanted or not.
    if contributions.is_empty() {
        return Either::Left(view! {
            <p class="dc-blurb" data-testid="no-contributions">
                {say!(Word::NoContributions)}
            </p>
        });
    }
    // The bar's viewBox: 200 wide, the axis at 100, whole units (SVG needs no fractions here).
    const HALF: f64 = 98.0;
    let largest = contributions.iter().map(|c| c.amount.abs()).fold(burden.max(1.0), f64::max);
    let rows = contributions
        .iter()
        .map(|c| {
            let len = ((c.amount.abs() / largest * HALF).round() as i32).max(1);
            let (x, class) = if c.amount < 0.0 { (100 - len, "dc-bar-a") } else { (100, "dc-bar-b") };
            view! {
                <li class="dc-bar-row">
                    <span class="dc-bar-name">{explain::contribution_label(card, c.kind, &c.id)}</span>
                    <span class="dc-bar-amount">{explain::amount_words(card, c.amount)}</span>
                    <svg class="dc-bar" viewBox="0 0 200 10" preserveAspectRatio="none" aria-hidden="true">
                        <line x1="100" x2="100" y1="0" y2="10" class="dc-axis" />
                        <rect x=x y="1" width=len height="8" class=class />
                    </svg>
                </li>
            }
        })
        .collect_view();
    Either::Right(view! {
        <figure class="dc-chart">
            <ol class="dc-contributions" data-testid="contributions">{rows}</ol>
        </figure>
    })
}
