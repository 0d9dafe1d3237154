//! "What could change the answer", part of the verdict: the moves that would change what it
//! recommends, smallest first (or the smallest pairs where no single move does), the settled
//! factors, and the evidence to gather first. The analysis and its words are the core's
//! (`decision_core::sensitivity`); this only lays them out.

use decision_core::answers::Answers;
use decision_core::card::Card;
use decision_core::sensitivity::{self, words, Sensitivity};
use leptos::prelude::*;

#[component]
pub fn WhatCouldChange(card: &'static Card, answers: Memo<Answers>) -> impl IntoView {
    // Drawn anew with the answers, in the same pass as the verdict. Not a memo of the
    // analysis: comparing two analyses would cost the WASM more code than this small part
    // costs to draw again (docs/performance.md).
    move || answers.with(|a| part(card, &sensitivity::analyse(card, a)))
}

/// The part, drawn anew when the analysis changes. Its paragraphs and list are built like the
/// verdict's other ones (a classed paragraph with a test id, a plain list of text), so the WASM
/// renders them with code it already has. The moves of each listed change (`|` between
/// changes, as `Change::tokens` writes them) and the settled factors' ids ride on the section,
/// for the page's tests.
fn part(card: &'static Card, s: &Sensitivity) -> impl IntoView {
    let p = words::panel(card, s);
    let settled = if s.changes.is_empty() { &s.idle } else { &s.settled };
    let moves: Vec<&str> = p.changes.iter().map(|(_, m)| m.as_str()).collect();
    let moves = moves.join("|");
    let para = |class: &'static str, testid: &'static str, text: Option<String>| {
        text.map(|t| view! { <p class=class data-testid=testid>{t}</p> })
    };
    let mut items: Vec<String> = p.changes.into_iter().map(|(text, _)| text).collect();
    if p.more_pairs > 0 {
        items.push(words::more_pairs(p.more_pairs));
    }
    let list = (!items.is_empty()).then(|| {
        let items: Vec<_> = items.into_iter().map(|t| view! { <li>{t}</li> }).collect();
        view! { <ul class="dc-list">{items}</ul> }
    });
    view! {
        <section
            class="dc-change"
            aria-labelledby="dc-change-h"
            data-testid="what-could-change"
            data-moves=moves
            data-settled=settled.join(" ")
        >
            <h3 id="dc-change-h" class="dc-small-h">{words::heading()}</h3>
            {para("dc-change-lead", "change-lead", p.lead)}
            {list}
            {para("dc-change-settled", "settled", p.settled)}
            {para("dc-change-evidence", "find-out-first", p.evidence)}
        </section>
    }
}
