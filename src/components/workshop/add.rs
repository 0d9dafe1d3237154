//! Adding participants: paste share links or a whole meeting chat, or pick answers files (or a
//! downloaded workshop); then a report, line by line, of what was added and what was refused.

use crate::state::workshop::WorkshopSession;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::say;
use decision_core::workshop;
use leptos::either::Either;
use leptos::prelude::*;

/// Reports of success listed one by one; more are summed up in one line.
const MAX_LISTED: usize = 8;

/// Paste links or a chat, or pick answers files.
#[component]
pub fn AddParticipants(session: WorkshopSession) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let add_links = move |_| {
        // What could not be added stays in the box, to fix or remove.
        let kept = session.add_pasted(&text.get_untracked());
        text.set(kept);
    };
    let add_files = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        session.add_files(files);
    };
    let lines = move |ok: bool| {
        session
            .reports
            .with(|r| r.iter().filter(|r| r.is_ok() == ok).map(workshop::words::report).collect::<Vec<_>>())
    };
    let successes = move || lines(true);
    let failures = move || lines(false);
    view! {
        <section class="dc-section dc-ws-add" aria-labelledby="dc-ws-add-h">
            <h2 id="dc-ws-add-h">{say!(W::AddParticipants)}</h2>
            <p class="dc-blurb">{say!(W::AddBlurb)}</p>
            <label for="dc-ws-links">{say!(W::LinksLabel)}</label>
            <textarea
                id="dc-ws-links"
                rows="4"
                data-testid="ws-links"
                placeholder=say!(W::LinksPlaceholder)
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="dc-actions">
                <button type="button" class="dc-primary" on:click=add_links data-testid="ws-add">{say!(W::AddLinks)}</button>
                <label class="dc-file-button">
                    {say!(W::AddFiles)}
                    <input type="file" multiple accept=".json,application/json" class="dc-sr" data-testid="ws-files" on:change:target=add_files />
                </label>
            </div>
            // The live region wraps the list: a role on the <ul> itself would unmake the list.
            <div role="status" aria-live="polite" data-testid="ws-status">
                {move || {
                    let done = successes();
                    let items = |lines: Vec<String>| lines.into_iter().map(|m| view! { <li>{m}</li> }).collect_view();
                    // A whole chat adds hundreds: one line to read, the rest on request.
                    if done.len() > MAX_LISTED {
                        let added = session.reports.with(|r| r.iter().filter(|r| r.is_added()).count());
                        Either::Left(view! {
                            <p class="dc-ws-outcomes">{workshop::words::added_count(added)}</p>
                            <details class="dc-ws-outcomes">
                                <summary>{say!(W::LineByLine)}</summary>
                                <ul>{items(done)}</ul>
                            </details>
                        })
                    } else {
                        Either::Right(view! { <ul class="dc-ws-outcomes">{items(done)}</ul> })
                    }
                }}
            </div>
            {move || {
                let failed = failures();
                (!failed.is_empty()).then(|| view! {
                    <div class="dc-alert" role="alert" data-testid="ws-errors">
                        <ul class="dc-list">{failed.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
        </section>
    }
}
