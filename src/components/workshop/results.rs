//! The group: its verdict and how the individual verdicts split, what moved since round 1,
//! where it disagrees most (with the card's questions as prompts), each factor's spread (and
//! round 1's beside it) and the tallies.

use super::plot::SpreadPlot;
use super::rounds::Moved;
use crate::components::verdict::Cautions;
use decision_core::card::{Card, Side};
use decision_core::explain;
use decision_core::sensitivity::words;
use decision_core::workshop::{self, trend_word, Rounds, Summary, Workshop, AGGREGATION_RULE};
use leptos::prelude::*;

/// The group verdict, what moved, the disputed factors, the spread per factor and the
/// tallies.
#[component]
pub fn Results(
    card: &'static Card,
    summary: Memo<Summary>,
    rounds: Memo<Option<Rounds>>,
    ws: ReadSignal<Workshop>,
    /// Whether who moved is named (the projector hides names until shown).
    show_names: Signal<bool>,
) -> impl IntoView {
    view! {
        {move || summary.with(|s| {
            let Some(group) = s.group_verdict.clone() else {
                return view! { <p class="dc-blurb" data-testid="ws-empty">"Add participants to see the group."</p> }.into_any();
            };
            // Rendered anew with every change of the group: plain text, not the card's live
            // headline.
            let (headline, qualifier) = explain::headline(card, &group);
            let split = workshop::verdict_split(card, &s.verdicts);
            let n = s.participants;
            view! {
                <div class="dc-ws-group" data-testid="ws-group">
                    <p class="dc-verdict-label">"Group verdict"</p>
                    <p class="dc-headline" data-testid="ws-group-headline">{headline}</p>
                    <p class="dc-qualifier">{qualifier}</p>
                    <p class="dc-badges">
                        <span class="dc-badge">
                            "Confidence: " {explain::confidence_words(group.confidence.level)}
                            {format!(" ({} of evidence gathered, group median)", explain::percent(group.confidence.fraction))}
                        </span>
                    </p>
                    <Cautions card verdict=group />
                    <ul class="dc-list" data-testid="ws-split">
                        {split.into_iter().map(|(h, c)| view! { <li>{format!("{c} of {n}: {h}")}</li> }).collect_view()}
                    </ul>
                    <p class="dc-blurb">{AGGREGATION_RULE}</p>
                </div>
                <Moved card rounds ws show_names />
                <Disputed card summary=s.clone() />
                <h3>"Positions per factor"</h3>
                <Spreads card summary=s.clone() rounds />
                <Tallies card summary=s.clone() />
            }.into_any()
        })}
    }
}

/// Each factor's spread in the round being gathered, with round 1's drawn above it and what
/// moved between them once there is more than one round.
#[component]
pub fn Spreads(card: &'static Card, summary: Summary, rounds: Memo<Option<Rounds>>) -> impl IntoView {
    let (a, b) = (card.option(Side::A).name.as_str(), card.option(Side::B).name.as_str());
    view! {
        <div class="dc-ws-spreads">
            {card.factors.iter().zip(summary.factors).enumerate().map(|(i, (f, sp))| {
                let stats = format!(
                    "Group: {} · importance {} · spread {} step{}",
                    explain::position_words(card, sp.group_position),
                    explain::weight_words(sp.group_weight).to_ascii_lowercase(),
                    explain::decimal(sp.spread, 1),
                    if (sp.spread - 1.0).abs() < 0.05 { "" } else { "s" }
                );
                // Read tracked: the results are drawn anew when the rounds change.
                let earlier = rounds.with(|r| {
                    r.as_ref().map(|r| (r.round, r.first[i].clone(), r.movement.factors[i].clone()))
                });
                let (before, moved) = match earlier {
                    None => (None, None),
                    Some((round, first, moved)) => {
                        let line = format!(
                            "Since round 1: median {} \u{2192} {} · spread {} \u{2192} {} ({}) · {} toward {a}, {} toward {b}, {} stayed",
                            explain::signed_decimal(moved.median.0, 1),
                            explain::signed_decimal(moved.median.1, 1),
                            explain::decimal(moved.spread.0, 1),
                            explain::decimal(moved.spread.1, 1),
                            trend_word(moved.trend()),
                            moved.toward_a,
                            moved.toward_b,
                            moved.stayed
                        );
                        let before = view! {
                            <p class="dc-ws-round-label">"Round 1"</p>
                            <SpreadPlot card name=format!("{}, round 1", f.name) spread=first />
                            <p class="dc-ws-round-label">{format!("Round {round}")}</p>
                        };
                        let moved = view! { <p class="dc-ws-stats dc-ws-move" data-testid=format!("ws-move-{}", f.id)>{line}</p> };
                        (Some(before), Some(moved))
                    }
                };
                view! {
                    <div class="dc-ws-spread" data-testid=format!("ws-spread-{}", f.id)>
                        <h4>{f.name.as_str()}</h4>
                        {before}
                        <SpreadPlot card name=f.name.clone() spread=sp />
                        <p class="dc-ws-stats">{stats}</p>
                        {moved}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// The factors the group disagrees on most, with the factor's prompt and the card's
/// questions to ask as prompts for the discussion.
#[component]
fn Disputed(card: &'static Card, summary: Summary) -> impl IntoView {
    let items = summary
        .disputed
        .iter()
        .map(|&i| {
            let f = &card.factors[i];
            let sp = &summary.factors[i];
            view! {
                <li>
                    <strong>{f.name.as_str()}</strong>
                    {format!(
                        " — from \u{201c}{}\u{201d} to \u{201c}{}\u{201d} (spread {})",
                        explain::position_words(card, sp.min),
                        explain::position_words(card, sp.max),
                        explain::decimal(sp.spread, 1)
                    )}
                    <p class="dc-prompt">{f.prompt.as_str()}</p>
                    {words::sides_words(&summary.sides[i]).map(|t| view! { <p class="dc-ws-matters" data-testid="ws-matters">{t}</p> })}
                </li>
            }
        })
        .collect_view();
    let none = summary.disputed.is_empty();
    view! {
        <div class="dc-ws-disputed" data-testid="ws-disputed">
            <h3>"Where the group disagrees most"</h3>
            {if none {
                view! { <p class="dc-blurb">"No factor is more than one step apart across the group."</p> }.into_any()
            } else {
                view! { <ol class="dc-list">{items}</ol> }.into_any()
            }}
            <h4>"Questions to ask"</h4>
            <ul class="dc-list dc-ws-questions">
                {card.questions.iter().map(|q| view! { <li>{q.text.as_str()}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// How many ticked each signal, bad reason and anti-pattern.
#[component]
fn Tallies(card: &'static Card, summary: Summary) -> impl IntoView {
    let n = summary.participants;
    let bar = move |count: usize| {
        let share = if n == 0 { 0.0 } else { count as f64 / n as f64 * 100.0 };
        // An SVG bar, not an inline style: the widget's CSP allows no style attributes.
        view! {
            <svg class="dc-ws-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                <rect width="100" height="8" rx="2" class="dc-track" />
                <rect width=explain::decimal(share, 1) height="8" rx="2" class="dc-ws-bar-fill" />
            </svg>
            <span class="dc-ws-count">{format!("{count} of {n}")}</span>
        }
    };
    let signals = card
        .signals()
        .zip(summary.signals.iter())
        .map(|((side, s), t)| {
            view! {
                <li class="dc-ws-tally">
                    <span class="dc-ws-tally-text">{s.text.as_str()} <span class="dc-ws-side">{format!("for {}", card.option(side).name)}</span></span>
                    {bar(t.count)}
                </li>
            }
        })
        .collect_view();
    let pitfalls = card
        .pitfalls()
        .zip(summary.pitfalls.iter())
        .map(|(p, t)| {
            view! {
                <li class="dc-ws-tally">
                    <span class="dc-ws-tally-text">{p.text.as_str()}</span>
                    {bar(t.count)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="dc-columns dc-ws-tallies" data-testid="ws-tallies">
            <div>
                <h3>"Signals ticked"</h3>
                <ul class="dc-ws-tally-list">{signals}</ul>
            </div>
            <div>
                <h3>"Reasons that do not count, ticked"</h3>
                <ul class="dc-ws-tally-list">{pitfalls}</ul>
            </div>
        </div>
    }
}
