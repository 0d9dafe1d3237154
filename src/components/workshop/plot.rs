//! The spread of one factor across a workshop, on the slider's five steps, with the group's
//! median marked: one dot per participant, stacked where people agree, while every stack
//! fits; past that (a large group) a bar per step, its height the share of the group, with
//! the count written above it, so 1,000 participants read as clearly as 5.

use decision_core::answers::STEPS;
use decision_core::card::{Card, Side};
use decision_core::explain;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::say;
use decision_core::workshop::FactorSpread;
use leptos::either::Either;
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
/// Horizontal distance between two steps.
const STEP: f64 = 60.0;
const ROW: f64 = 15.0;
/// The most dots stacked on one step; a group with more on a step is drawn as bars.
const MAX_STACK: usize = 6;
/// Width of a bar.
const BAR: f64 = 36.0;

fn x_of(position: f64) -> f64 {
    WIDTH / 2.0 + position * STEP
}

/// A dot plot of one factor's positions. The picture is described in words for screen
/// readers (`aria-label`), since a dot plot says nothing by itself.
#[component]
pub fn SpreadPlot(card: &'static Card, name: String, spread: FactorSpread) -> impl IntoView {
    let rows = spread.counts.iter().copied().max().unwrap_or(0).clamp(1, MAX_STACK);
    // Room above the tallest stack or bar for its count.
    let base = 10.0 + rows as f64 * ROW + if rows == MAX_STACK { ROW } else { 0.0 };
    let height = base + 24.0;
    let described: Vec<String> = spread
        .counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| say!(W::PlotAt, n = n, position = explain::position_words(card, i as i8 - STEPS)))
        .collect();
    let label = say!(
        W::PlotLabel,
        factor = name,
        answers = if described.is_empty() { say!(W::NoAnswers).to_string() } else { described.join(", ") },
        median = explain::lower_first(&explain::position_words(card, spread.group_position))
    );
    let ticks = (-STEPS..=STEPS)
        .map(|p| {
            let x = x_of(f64::from(p));
            view! { <line x1=x x2=x y1=base - 3.0 y2=base + 3.0 class="dc-axis" /> }
        })
        .collect_view();
    let most = spread.counts.iter().copied().max().unwrap_or(0);
    let marks = if most <= MAX_STACK {
        Either::Left(dots(&spread.counts, base))
    } else {
        Either::Right(bars(&spread.counts, most, base))
    };
    let median_x = x_of(spread.median);
    view! {
        <figure class="dc-plot">
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=label>
                <line x1=x_of(-f64::from(STEPS)) x2=x_of(f64::from(STEPS)) y1=base y2=base class="dc-axis" />
                {ticks}
                {marks}
                <path d=format!("M{median_x} {} l-5 8 h10 z", base + 4.0) class="dc-median" />
                <text x=median_x y=base + 23.0 text-anchor="middle" class="dc-plot-label">{say!(W::PlotMedian)}</text>
            </svg>
            <figcaption class="dc-meter-poles" aria-hidden="true">
                <span>{card.option(Side::A).name.as_str()}</span>
                <span>{card.option(Side::B).name.as_str()}</span>
            </figcaption>
        </figure>
    }
}

/// The class of a mark at `position`: the colour of the side it leans to.
fn side_class(position: i8, kind: &str) -> String {
    let side = match position {
        0 => "n",
        p if p < 0 => "a",
        _ => "b",
    };
    format!("{kind} {kind}-{side}")
}

/// One dot per participant, stacked on each step.
fn dots(counts: &[usize], base: f64) -> impl IntoView {
    counts
        .iter()
        .enumerate()
        .flat_map(|(i, &n)| {
            let p = i as i8 - STEPS;
            let x = x_of(f64::from(p));
            let class = side_class(p, "dc-dot");
            (0..n).map(move |k| {
                let cy = base - 9.0 - k as f64 * ROW;
                view! { <circle cx=x cy=cy r="6.5" class=class.clone() /> }
            })
        })
        .collect_view()
}

/// A bar per step, as tall as its share of the most chosen step, its count above it.
fn bars(counts: &[usize], most: usize, base: f64) -> impl IntoView {
    let full = MAX_STACK as f64 * ROW;
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let p = i as i8 - STEPS;
            let x = x_of(f64::from(p));
            let height = if n == 0 { 0.0 } else { (n as f64 / most as f64 * full).max(2.0) };
            let top = base - 4.0 - height;
            view! {
                <rect x=x - BAR / 2.0 y=top width=BAR height=height rx="2" class=side_class(p, "dc-dot") />
                <text x=x y=top - 4.0 text-anchor="middle" class="dc-plot-count">{n.to_string()}</text>
            }
        })
        .collect_view()
}
