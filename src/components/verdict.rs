//! The verdict, always in view: where the evidence points, how strongly, how confident,
//! and why — with a small picture of what moved it.

use decision_core::card::{Card, Side};
use decision_core::engine::{Contribution, Outcome, Verdict};
use decision_core::explain;
use leptos::prelude::*;

#[component]
pub fn VerdictPanel(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    let headline = Memo::new(move |_| verdict.with(|v| explain::headline(card, v)));
    let outcome_class = move || match verdict.with(|v| v.outcome) {
        Outcome::NotClearYet => "dc-verdict dc-open",
        Outcome::DefaultConfirmed => "dc-verdict dc-default-holds",
        Outcome::Switch => "dc-verdict dc-switch",
        Outcome::Gated => "dc-verdict dc-gated",
    };
    view! {
        <aside class=outcome_class aria-labelledby="dc-verdict-h" data-testid="verdict">
            <h2 id="dc-verdict-h" class="dc-verdict-label">"Verdict"</h2>
            // Only the headline is live: it changes when the outcome changes, not per keystroke.
            <div aria-live="polite" aria-atomic="true">
                <p class="dc-headline" data-testid="verdict-headline">{move || headline.get().0}</p>
                <p class="dc-qualifier">{move || headline.get().1}</p>
            </div>
            <p class="dc-badges">
                <span class="dc-badge" data-testid="confidence">
                    "Confidence: "
                    {move || verdict.with(|v| explain::confidence_words(v.confidence.level))}
                    {move || verdict.with(|v| format!(" · {:.0}% of evidence gathered", v.confidence.fraction * 100.0))}
                </span>
            </p>
            <LeanMeter card verdict />
            <details class="dc-why-details" open>
                <summary>"Why"</summary>
                <Explanation card verdict />
            </details>
        </aside>
    }
}

/// The headline again, pinned to the bottom of narrow screens where the full panel scrolls
/// away. Hidden from assistive technology: the panel itself announces changes.
#[component]
pub fn VerdictBar(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    view! {
        <div class="dc-verdict-bar" aria-hidden="true">
            <span class="dc-verdict-bar-label">"Verdict: "</span>
            {move || verdict.with(|v| explain::headline(card, v).0)}
        </div>
    }
}

/// Where the score sits between the two options, with the burden-of-proof band.
#[component]
fn LeanMeter(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    const W: f64 = 240.0;
    let band = move || {
        verdict.with(|v| {
            // The band is the range where the default holds without a clear case either way.
            let half = if v.max_score > 0.0 { (v.burden / v.max_score).min(1.0) } else { 0.0 };
            (W / 2.0 * (1.0 - half), W * half)
        })
    };
    let marker = move || W / 2.0 * (1.0 + verdict.with(|v| v.lean));
    let label = move || {
        verdict.with(|v| {
            format!(
                "Score {:.1}; leaving the default needs more than {:.1} toward {}",
                v.score,
                v.burden,
                card.option(card.default_side().other()).name
            )
        })
    };
    view! {
        <figure class="dc-meter">
            <svg viewBox="0 0 240 34" width="100%" role="img" aria-label=label>
                <rect x="0" y="12" width="240" height="8" rx="4" class="dc-track" />
                <rect x=move || band().0 y="10" width=move || band().1 height="12" rx="3" class="dc-band" />
                <line x1="120" x2="120" y1="6" y2="26" class="dc-axis" />
                <circle cx=marker cy="16" r="7" class="dc-marker" />
            </svg>
            <figcaption>
                <span class="dc-meter-poles">
                    <span>{card.option(Side::A).name.as_str()}</span>
                    <span>{card.option(Side::B).name.as_str()}</span>
                </span>
                <span class="dc-meter-note">"Inside the shaded band the default stands: the burden of proof is not met."</span>
            </figcaption>
        </figure>
    }
}

/// The reasons, largest first, the flip point and the cautions.
#[component]
fn Explanation(card: &'static Card, verdict: Memo<Verdict>) -> impl IntoView {
    view! {
        <div class="dc-explanation">
            {move || {
                verdict
                    .with(|v| {
                        let flip = explain::flip_sentence(card, v);
                        let gate = explain::gate_sentence(card, v);
                        let pitfalls = explain::pitfall_sentence(card, v);
                        let side = card.option(v.points_to);
                        let gated_modes = (v.outcome == Outcome::Gated).then(|| side.failure_modes.clone());
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
                                        <h3 class="dc-small-h">"Set aside: these do not count"</h3>
                                        <ul class="dc-list">{set_aside}</ul>
                                    </div>
                                }
                            });
                        view! {
                            <ContributionChart card contributions=v.contributions.clone() burden=v.burden />
                            {gate.map(|g| view! { <p class="dc-alert" data-testid="gate">{g}</p> })}
                            {gated_modes
                                .map(|modes| {
                                    view! {
                                        <p class="dc-alert">
                                            "Failure mode of " {side.name.clone()} " when misused: "
                                            {modes.join(" ")}
                                        </p>
                                    }
                                })}
                            {pitfalls.map(|p| view! { <p class="dc-alert" data-testid="pitfall-warning">{p}</p> })}
                            {set_aside}
                            {flip.map(|f| view! { <p class="dc-flip" data-testid="flip"><strong>"Flip point: "</strong>{f}</p> })}
                            <h3 class="dc-small-h">"What to watch with " {target.name.clone()}</h3>
                            <ul class="dc-list">
                                {target
                                    .hidden_costs
                                    .iter()
                                    .map(|c| view! { <li>"Hidden cost: " {c.clone()}</li> })
                                    .collect_view()}
                                {target
                                    .failure_modes
                                    .iter()
                                    .map(|m| view! { <li>"Failure mode: " {m.clone()}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}

/// Every contribution as a bar from the centre line, largest first, with its words.
#[component]
fn ContributionChart(card: &'static Card, contributions: Vec<Contribution>, burden: f64) -> impl IntoView {
    if contributions.is_empty() {
        return view! {
            <p class="dc-blurb" data-testid="no-contributions">
                "Nothing has moved the score yet: with no evidence, the default stance stands."
            </p>
        }
        .into_any();
    }
    const ROW: f64 = 18.0;
    // Diverging bars from a centre axis; each label sits on the empty side of its bar.
    const HALF: f64 = 116.0;
    const AXIS: f64 = 120.0;
    let largest = contributions.iter().map(|c| c.amount.abs()).fold(burden.max(1.0), f64::max);
    let height = ROW * contributions.len() as f64;
    let rows = contributions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let y = i as f64 * ROW;
            let len = (c.amount.abs() / largest * HALF).max(1.0);
            let x = if c.amount < 0.0 { AXIS - len } else { AXIS };
            let class = if c.amount < 0.0 { "dc-bar-a" } else { "dc-bar-b" };
            let label = explain::contribution_label(card, c.kind, &c.id);
            let short = explain::contribution_short_label(card, c.kind, &c.id);
            let (text_x, anchor) = if c.amount < 0.0 { (AXIS + 4.0, "start") } else { (AXIS - 4.0, "end") };
            view! {
                <g>
                    <title>{format!("{label}: {}", explain::amount_words(card, c.amount))}</title>
                    <text x=text_x y=y + 13.0 text-anchor=anchor class="dc-bar-label">{short}</text>
                    <rect x=x y=y + 4.0 width=len height="10" rx="2" class=class />
                </g>
            }
        })
        .collect_view();
    let items = contributions
        .iter()
        .map(|c| {
            view! {
                <li>
                    {explain::contribution_label(card, c.kind, &c.id)} ": "
                    {explain::amount_words(card, c.amount)}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="dc-chart">
            <svg viewBox=format!("0 0 240 {height}") width="100%" aria-hidden="true">
                <line x1=AXIS x2=AXIS y1="0" y2=height class="dc-axis" />
                {rows}
            </svg>
            <figcaption>
                <ol class="dc-contributions" data-testid="contributions">{items}</ol>
            </figcaption>
        </figure>
    }
    .into_any()
}
