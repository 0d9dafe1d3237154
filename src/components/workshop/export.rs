//! What the facilitator takes away: the group summary as Markdown (to copy or download), one
//! row per participant as CSV for a spreadsheet, and the whole workshop as a file to add back.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{addresses, browser, clock};
use crate::state::workshop::WorkshopSession;
use decision_core::messages::Action;
use decision_core::workshop::{self, Summary};
use leptos::prelude::*;

/// The group summary as Markdown: copy or download.
#[component]
pub fn Export(session: WorkshopSession, summary: Memo<Summary>, hidden: Memo<bool>) -> impl IntoView {
    let card = session.card;
    let date = clock::today().map(|d| d.to_iso()).unwrap_or_default();
    let markdown = move || {
        session
            .workshop()
            .with_untracked(|w| summary.with_untracked(|s| workshop::markdown(card, w, s, &date)))
    };
    let status = ActionStatus::new();
    let markdown_copy = markdown.clone();
    let copy = move |_| status.report(Action::CopySummary, browser::copy(&markdown_copy()));
    let download = move |_| {
        let ok = session.download("workshop-summary.md", "text/markdown", &markdown());
        status.report(Action::DownloadSummary, ok);
    };
    let spreadsheet = move |_| {
        let text = session.workshop().with_untracked(|w| workshop::csv(card, w));
        status.report(Action::DownloadCsv, session.download("workshop.csv", "text/csv", &text));
    };
    let everything = move |_| status.report(Action::DownloadWorkshop, session.download_workshop());
    view! {
        <section class="dc-section dc-ws-export" aria-labelledby="dc-ws-export-h">
            <h2 id="dc-ws-export-h">"Take it away"</h2>
            <p class="dc-blurb">
                "The group summary (the group verdict, every participant's verdict, the spread per factor, the tallies "
                "and the questions to discuss) as Markdown; one row per participant as CSV for a spreadsheet; "
                "or the whole workshop as a file that \u{201c}Add answers files\u{201d} takes back, here or in another browser."
            </p>
            <div class="dc-actions">
                <button type="button" on:click=copy>"Copy Markdown"</button>
                <button type="button" on:click=download data-testid="ws-download">"Download .md"</button>
                <button type="button" on:click=spreadsheet data-testid="ws-csv">"Download .csv"</button>
                <button type="button" on:click=everything data-testid="ws-download-all">"Download the workshop"</button>
                <StatusLine status />
            </div>
            <GroupDecision session summary hidden />
        </section>
    }
}

/// "Record as the group's decision": the group's answers and verdict become a decision on
/// the card's progress in this browser, decided today, revisited after the card's period.
/// Only once the results are revealed: a group decides on what it has seen.
#[component]
fn GroupDecision(session: WorkshopSession, summary: Memo<Summary>, hidden: Memo<bool>) -> impl IntoView {
    let card = session.card;
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let record = move |_| {
        let result = summary.with_untracked(|s| session.record_group_decision(s));
        outcome.set(result);
    };
    let unavailable = move || hidden.get() || summary.with(|s| s.group_verdict.is_none());
    view! {
        <h3>"The group\u{2019}s decision"</h3>
        <p class="dc-blurb">
            "Record the group\u{2019}s answers and verdict as the decision on this card, in this browser: "
            "the card then shows it at the top, its record and calendar file carry it, and later decisions supersede it. "
            "It can be recorded once the results are revealed."
        </p>
        <div class="dc-actions">
            <button type="button" on:click=record disabled=unavailable data-testid="ws-record-decision">
                "Record as the group\u{2019}s decision"
            </button>
        </div>
        {move || outcome.get().map(|result| match result {
            Ok(line) => view! {
                <p class="dc-status" role="status" data-testid="ws-decision-recorded">
                    {line} " " <a href=addresses::card(&card.id)>"Open the card"</a>
                </p>
            }.into_any(),
            Err(why) => view! { <p class="dc-alert" role="alert" data-testid="ws-decision-problem">{why}</p> }.into_any(),
        })}
    }
}
