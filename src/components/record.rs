//! The decision record: Markdown in the MADR shape, to copy or download.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{browser, clock};
use decision_core::answers::Answers;
use decision_core::card::Card;
use decision_core::engine::Verdict;
use decision_core::messages::Action;
use decision_core::record;
use leptos::prelude::*;

#[component]
pub fn RecordPanel(
    card: &'static Card,
    answers: ReadSignal<Answers>,
    verdict: Memo<Verdict>,
) -> impl IntoView {
    // Today's date is only known in the browser: the record rendered at build time has none.
    let date = RwSignal::new(String::new());
    Effect::new(move |_| date.set(clock::today()));
    let markdown = Memo::new(move |_| {
        answers.with(|a| verdict.with(|v| date.with(|d| record::markdown(card, a, v, d))))
    });
    let status = ActionStatus::new();
    let copy = move |_| status.report(Action::CopyRecord, browser::copy(&markdown.get_untracked()));
    let download = move |_| {
        let file = format!("{}-decision-record.md", card.id);
        status.report(
            Action::DownloadRecord,
            browser::download(&file, "text/markdown", &markdown.get_untracked()),
        );
    };
    view! {
        <section class="dc-section" id="dc-record" aria-labelledby="dc-record-h">
            <h2 id="dc-record-h">"Decision record"</h2>
            <p class="dc-blurb">
                "Your answers and the verdict as a Markdown record (context, drivers, options, outcome, consequences, when to revisit)."
            </p>
            <div class="dc-actions">
                <button type="button" on:click=copy>"Copy Markdown"</button>
                <button type="button" on:click=download data-testid="download-record">"Download .md"</button>
                <StatusLine status />
            </div>
            <details class="dc-record-preview">
                <summary>"Show the record"</summary>
                <pre data-testid="record" tabindex="0">{move || markdown.get()}</pre>
            </details>
            // Printing cannot open a folded <details>: the print stylesheet shows this copy.
            <pre class="dc-print-only dc-print-record" data-testid="print-record" hidden>{move || markdown.get()}</pre>
        </section>
    }
}
