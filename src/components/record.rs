//! The decision record: Markdown in the MADR shape, to copy or download under a name that
//! fits an ADR folder. While the answers are those of the decision in force, it is that
//! decision's record; it always lists the decisions recorded so far and carries the link
//! that reopens its answers.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::browser;
use crate::state::card::CardSession;
use decision_core::dates::Date;
use decision_core::engine::Verdict;
use decision_core::lang::record_page::RecordPageWord as W;
use decision_core::messages::Action;
use decision_core::record::{self, Record};
use decision_core::say;
use leptos::prelude::*;

crate::part! {
    /// The record as the card page carries it: taken over when the reader reaches for it or it
    /// comes near the screen, and at once when there is something to record (an answer or a
    /// decision), since its print copy must show it. The prerendered record is that of a card
    /// not answered yet, without the date or the link, which only the browser knows.
    pub fn record_part(session: CardSession, verdict: Memo<Verdict>, today: ReadSignal<Option<Date>>) as record_panel,
        wake = Signal::derive(move || {
            !session.answers().with(decision_core::answers::Answers::is_empty) || session.history().with(|h| !h.is_empty())
        }),
        near = true
        => view! { <RecordPanel session verdict today /> }
}

/// The decision record: its number and file name, copy and download, the Markdown to read,
/// and its print copy.
#[component]
pub fn RecordPanel(
    session: CardSession,
    verdict: Memo<Verdict>,
    today: ReadSignal<Option<Date>>,
) -> impl IntoView {
    let card = session.card;
    let answers = session.answers();
    let history = session.history();
    // The date and the page's address are only known in the browser: the record rendered
    // at build time has neither.
    let markdown = Memo::new(move |_| {
        let today = today.get();
        answers.with(|a| {
            verdict.with(|v| {
                history.with(|h| {
                    let link = if today.is_some() { session.link_to(a, None) } else { String::new() };
                    let today = today.map(|d| d.to_iso()).unwrap_or_default();
                    record::markdown(
                        card,
                        &Record { answers: a, verdict: v, history: h, today: &today, link: &link },
                    )
                })
            })
        })
    });
    let number = RwSignal::new(String::new());
    // Shown once a number is typed; the date is only known in the browser, so a name shown
    // from the start would change the page as it is taken over.
    let file_name = Memo::new(move |_| {
        let n = number.with(|n| n.trim().parse::<u32>().ok());
        // The decision's own date while it is the one in force, else today's.
        let in_force = answers.with(|a| history.with(|h| h.in_force_for(a).map(|d| d.decided_on)));
        let date = in_force.or(today.get())?;
        Some(record::file_name(card, n, date))
    });
    let status = ActionStatus::new();
    let copy = move |_| status.report(Action::CopyRecord, browser::copy(&markdown.get_untracked()));
    let download = move |_| {
        let file = file_name
            .get_untracked()
            .unwrap_or_else(|| format!("{}.md", say!(W::RecordFileStem, card = card.id)));
        status.report(
            Action::DownloadRecord,
            browser::download(&file, "text/markdown", &markdown.get_untracked()),
        );
    };
    view! {
        <section class="dc-section" id="dc-record" aria-labelledby="dc-record-h">
            <h2 id="dc-record-h">{say!(W::RecordHeading)}</h2>
            <p class="dc-blurb">{say!(W::RecordBlurb)}</p>
            <p class="dc-field dc-record-file">
                <label for="dc-record-number">{say!(W::NumberLabel)}</label>
                <input
                    type="text"
                    inputmode="numeric"
                    id="dc-record-number"
                    class="dc-short"
                    prop:value=move || number.get()
                    on:input:target=move |ev| number.set(ev.target().value())
                />
                {move || {
                    number.with(|n| !n.trim().is_empty()).then(|| file_name.get()).flatten().map(|f| {
                        view! { <span class="dc-hint" data-testid="record-file-name">{say!(W::DownloadsAs, file = f)}</span> }
                    })
                }}
            </p>
            <div class="dc-actions">
                <button type="button" on:click=copy>{say!(W::CopyMarkdown)}</button>
                <button type="button" on:click=download data-testid="download-record">{say!(W::DownloadMarkdown)}</button>
                <StatusLine status />
            </div>
            <details class="dc-record-preview">
                <summary>{say!(W::ShowRecord)}</summary>
                <pre data-testid="record" tabindex="0">{move || markdown.get()}</pre>
            </details>
            // Printing cannot open a folded <details>: the print stylesheet shows this copy.
            <pre class="dc-print-only dc-print-record" data-testid="print-record" hidden>{move || markdown.get()}</pre>
        </section>
    }
}
