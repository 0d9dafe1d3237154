//! The spread of one factor across a workshop: one dot per participant on the slider's five
//! steps, stacked where people agree, with the group's median marked.

use decision_core::answers::STEPS;
use decision_core::card::{Card, Side};
use decision_core::explain;
use decision_core::workshop::FactorSpread;
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
/// Horizontal distance between two steps.
const STEP: f64 = 60.0;
const ROW: f64 = 15.0;
/// Dots stacked on one step before the rest are shown as "+n".
const MAX_STACK: usize = 6;

fn x_of(position: f64) -> f64 {
    WIDTH / 2.0 + position * STEP
}

/// A dot plot of one factor's positions. The picture is described in words for screen
/// readers (`aria-label`), since a dot plot says nothing by itself.
#[component]
pub fn SpreadPlot(card: &'static Card, name: String, spread: FactorSpread) -> impl IntoView {
    let rows = spread.counts.iter().copied().max().unwrap_or(0).clamp(1, MAX_STACK);
    let base = 10.0 + rows as f64 * ROW;
    let height = base + 24.0;
    let described: Vec<String> = spread
        .counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| format!("{n} at \u{201c}{}\u{201d}", explain::position_words(card, i as i8 - STEPS)))
        .collect();
    let label = format!(
        "{name}: {}. Group position (median): {}.",
        if described.is_empty() { "no answers".to_string() } else { described.join(", ") },
        explain::lower_first(&explain::position_words(card, spread.group_position))
    );
    let ticks = (-STEPS..=STEPS)
        .map(|p| {
            let x = x_of(f64::from(p));
            view! { <line x1=x x2=x y1=base - 3.0 y2=base + 3.0 class="dc-axis" /> }
        })
        .collect_view();
    let dots = spread
        .counts
        .iter()
        .enumerate()
        .flat_map(|(i, &n)| {
            let p = i as i8 - STEPS;
            let x = x_of(f64::from(p));
            let class = match p {
                0 => "dc-dot dc-dot-n",
                p if p < 0 => "dc-dot dc-dot-a",
                _ => "dc-dot dc-dot-b",
            };
            let shown = if n > MAX_STACK { MAX_STACK - 1 } else { n };
            let mut out: Vec<AnyView> = (0..shown)
                .map(|k| {
                    let cy = base - 9.0 - k as f64 * ROW;
                    view! { <circle cx=x cy=cy r="6.5" class=class /> }.into_any()
                })
                .collect();
            if n > MAX_STACK {
                let y = base - 4.0 - (MAX_STACK - 1) as f64 * ROW;
                out.push(view! { <text x=x y=y text-anchor="middle" class="dc-plot-more">{format!("+{}", n - shown)}</text> }.into_any());
            }
            out
        })
        .collect_view();
    let median_x = x_of(spread.median);
    view! {
        <figure class="dc-plot">
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=label>
                <line x1=x_of(-f64::from(STEPS)) x2=x_of(f64::from(STEPS)) y1=base y2=base class="dc-axis" />
                {ticks}
                {dots}
                <path d=format!("M{median_x} {} l-5 8 h10 z", base + 4.0) class="dc-median" />
                <text x=median_x y=base + 23.0 text-anchor="middle" class="dc-plot-label">"median"</text>
            </svg>
            <figcaption class="dc-meter-poles" aria-hidden="true">
                <span>{card.option(Side::A).name.as_str()}</span>
                <span>{card.option(Side::B).name.as_str()}</span>
            </figcaption>
        </figure>
    }
}
