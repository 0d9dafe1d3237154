//! The group: its verdict and how the individual verdicts split, what moved since round 1,
//! where it disagrees most (with the card's questions as prompts), each factor's spread (and
//! round 1's beside it) and the tallies.

use super::plot::SpreadPlot;
use super::rounds::Moved;
use crate::components::verdict::{flip_line, Cautions};
use decision_core::card::{Card, Side};
use decision_core::explain;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::sensitivity::words;
use decision_core::workshop::words::WorkshopWord;
use decision_core::workshop::{self, aggregation_rule, trend_word, Rounds, Summary, Workshop};
use decision_core::{say, say_n};
use leptos::either::Either;
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
                return Either::Left(view! { <p class="dc-blurb" data-testid="ws-empty">{say!(W::AddToSee)}</p> });
            };
            // Rendered anew with every change of the group: plain text, not the card's live
            // headline.
            let (headline, qualifier) = explain::headline(card, &group);
            let flip = flip_line(card, &s.group);
            let split = workshop::verdict_split(card, &s.verdicts);
            let n = s.participants;
            Either::Right(view! {
                <div class="dc-ws-group" data-testid="ws-group">
                    <p class="dc-verdict-label">{say!(WorkshopWord::GroupVerdict)}</p>
                    <p class="dc-headline" data-testid="ws-group-headline">{headline}</p>
                    <p class="dc-qualifier">{qualifier}</p>
                    <p class="dc-badges">
                        <span class="dc-badge">
                            {say!(
                                W::Confidence,
                                level = explain::confidence_words(group.confidence.level),
                                percent = explain::percent(group.confidence.fraction)
                            )}
                        </span>
                    </p>
                    <Cautions card verdict=group />
                    {flip}
                    <ul class="dc-list" data-testid="ws-split">
                        {split.into_iter().map(|(h, c)| view! { <li>{say!(W::SplitLine, count = c, total = n, headline = h)}</li> }).collect_view()}
                    </ul>
                    <p class="dc-blurb">{aggregation_rule()}</p>
                </div>
                <Moved card rounds ws show_names />
                <Disputed card summary=s.clone() />
                <h3>{say!(W::PositionsPerFactor)}</h3>
                <Spreads card summary=s.clone() rounds />
                <Tallies card summary=s.clone() />
            })
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
                // The count that picks the form: 1 where the spread reads 1.0, and below or
                // above it otherwise (a spread is not a whole number of steps).
                let count = if (sp.spread - 1.0).abs() < 0.05 { 1 } else if sp.spread < 1.0 { 0 } else { 2 };
                let stats = say_n!(
                    count,
                    W::FactorStats,
                    position = explain::position_words(card, sp.group_position),
                    importance = explain::lower_first(explain::weight_words(sp.group_weight)),
                    spread = explain::number(sp.spread, 1)
                );
                // Read tracked: the results are drawn anew when the rounds change.
                let earlier = rounds.with(|r| {
                    r.as_ref().map(|r| (r.round, r.first[i].clone(), r.movement.factors[i].clone()))
                });
                let (before, moved) = match earlier {
                    None => (None, None),
                    Some((round, first, moved)) => {
                        let line = say!(
                            W::SinceRoundOne,
                            median_from = explain::signed_number(moved.median.0, 1),
                            median_to = explain::signed_number(moved.median.1, 1),
                            spread_from = explain::number(moved.spread.0, 1),
                            spread_to = explain::number(moved.spread.1, 1),
                            trend = trend_word(moved.trend()),
                            toward_a = moved.toward_a,
                            a = a,
                            toward_b = moved.toward_b,
                            b = b,
                            stayed = moved.stayed
                        );
                        let before = view! {
                            <p class="dc-ws-round-label">{say!(W::RoundN, round = 1)}</p>
                            <SpreadPlot card name=say!(W::PlotRound, factor = f.name, round = 1) spread=first />
                            <p class="dc-ws-round-label">{say!(W::RoundN, round = round)}</p>
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
                    {" — "}
                    {say!(
                        W::DisputedRange,
                        from = explain::position_words(card, sp.min),
                        to = explain::position_words(card, sp.max),
                        spread = explain::number(sp.spread, 1)
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
            <h3>{say!(WorkshopWord::Disagrees)}</h3>
            {if none {
                Either::Left(view! { <p class="dc-blurb">{say!(WorkshopWord::NoDispute)}</p> })
            } else {
                Either::Right(view! { <ol class="dc-list">{items}</ol> })
            }}
            <h4>{say!(W::QuestionsToAsk)}</h4>
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
            <span class="dc-ws-count">{say!(WorkshopWord::CountOf, count = count, total = n)}</span>
        }
    };
    let signals = card
        .signals()
        .zip(summary.signals.iter())
        .map(|((side, s), t)| {
            view! {
                <li class="dc-ws-tally">
                    <span class="dc-ws-tally-text">{s.text.as_str()} <span class="dc-ws-side">{say!(W::SignalForOption, option = card.option(side).name)}</span></span>
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
                <h3>{say!(W::SignalsTicked)}</h3>
                <ul class="dc-ws-tally-list">{signals}</ul>
            </div>
            <div>
                <h3>{say!(W::PitfallsTicked)}</h3>
                <ul class="dc-ws-tally-list">{pitfalls}</ul>
            </div>
        </div>
    }
}
