//! "What could change the answer", part of the verdict: the moves that would change what it
//! recommends, smallest first (or the smallest pairs where no single move does), the settled
//! factors, and the evidence to gather first. The analysis and its words are the core's
//! (`decision_core::sensitivity`); this only lays them out.

use decision_core::card::Card;
use decision_core::sensitivity::{words, Sensitivity};
use leptos::prelude::*;

#[component]
pub fn WhatCouldChange(card: &'static Card, sensitivity: Memo<Sensitivity>) -> impl IntoView {
    let panel = Memo::new(move |_| sensitivity.with(|s| words::panel(card, s)));
    // The settled factors' ids, for the page's tests: the sentence names them in words.
    let settled = move || {
        sensitivity.with(|s| if s.changes.is_empty() { s.idle.join(" ") } else { s.settled.join(" ") })
    };
    view! {
        <section class="dc-change" aria-labelledby="dc-change-h" data-testid="what-could-change">
            <h3 id="dc-change-h" class="dc-small-h">{words::HEADING}</h3>
            {move || panel.with(|p| p.lead.clone().map(|l| view! { <p class="dc-change-lead">{l}</p> }))}
            <ul class="dc-list dc-change-list" data-testid="changes">
                {move || {
                    panel
                        .with(|p| {
                            p.changes
                                .iter()
                                .map(|(text, moves)| view! { <li data-moves=moves.clone()>{text.clone()}</li> })
                                .collect_view()
                        })
                }}
                {move || {
                    panel
                        .with(|p| {
                            (p.more_pairs > 0).then(|| view! { <li class="dc-muted">{words::more_pairs(p.more_pairs)}</li> })
                        })
                }}
            </ul>
            {move || {
                panel
                    .with(|p| {
                        p.settled
                            .clone()
                            .map(|t| view! { <p class="dc-change-settled" data-testid="settled" data-factors=settled>{t}</p> })
                    })
            }}
            {move || {
                panel
                    .with(|p| {
                        p.evidence
                            .clone()
                            .map(|t| view! { <p class="dc-change-evidence" data-testid="find-out-first">{t}</p> })
                    })
            }}
        </section>
    }
}
