//! What the facilitator takes away: the group summary as Markdown (to copy or download), one
//! row per participant as CSV for a spreadsheet, and the whole workshop as a file to add back.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{addresses, browser, clock};
use crate::state::workshop::WorkshopSession;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages::Action;
use decision_core::say;
use decision_core::workshop::{self, Summary};
use leptos::either::Either;
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
            <h2 id="dc-ws-export-h">{say!(W::TakeItAway)}</h2>
            <p class="dc-blurb">{say!(W::ExportBlurb)}</p>
            <div class="dc-actions">
                <button type="button" on:click=copy>{say!(W::CopyMarkdown)}</button>
                <button type="button" on:click=download data-testid="ws-download">{say!(W::DownloadMd)}</button>
                <button type="button" on:click=spreadsheet data-testid="ws-csv">{say!(W::DownloadCsv)}</button>
                <button type="button" on:click=everything data-testid="ws-download-all">{say!(W::DownloadWorkshop)}</button>
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
        <h3>{say!(W::GroupDecision)}</h3>
        <p class="dc-blurb">{say!(W::GroupDecisionBlurb)}</p>
        <div class="dc-actions">
            <button type="button" on:click=record disabled=unavailable data-testid="ws-record-decision">
                {say!(W::RecordGroupDecision)}
            </button>
        </div>
        {move || outcome.get().map(|result| match result {
            Ok(line) => Either::Left(view! {
                <p class="dc-status" role="status" data-testid="ws-decision-recorded">
                    {line} " " <a href=addresses::card(&card.id)>{say!(W::OpenTheCard)}</a>
                </p>
            }),
            Err(why) => Either::Right(view! { <p class="dc-alert" role="alert" data-testid="ws-decision-problem">{why}</p> }),
        })}
    }
}
