//! Sharing from the card: a link that holds the answers, export and import of the answers
//! file, the way to the workshop view, and the prompt shown when a link or a file brings
//! answers in. The decoding rules live in [`decision_core::share`]; nothing here changes saved
//! progress unless the user chooses "Replace".

use crate::platform::{addresses, browser, clock};
use decision_core::answers::Answers;
use decision_core::card::Card;
use decision_core::engine;
use decision_core::explain;
use decision_core::messages::{self, FileRefused, IncomingSource, IncomingWords};
use decision_core::share::{self, Shared, MAX_NAME_CHARS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Answers that arrived from outside and wait for the user's decision.
#[derive(Debug, Clone, PartialEq)]
struct Incoming {
    source: IncomingSource,
    shared: Shared,
}

/// Share link, export, import and the way to the workshop view, with the incoming-answers
/// prompt. Checks the page's own fragment for a share link when it starts and when it changes.
#[component]
pub fn ShareBar(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    let (open, set_open) = signal(false);
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let incoming = RwSignal::new(None::<Incoming>);

    // A share link in the address: on start and when only the fragment changes (a link
    // pasted into this tab's address bar). Section anchors (#dc-…) are not links.
    let check_fragment = move || {
        let Some(fragment) = browser::fragment() else { return };
        if !share::is_link(&fragment) {
            return;
        }
        match share::decode_link(&fragment, card) {
            Ok(shared) => {
                error.set(None);
                incoming.set(Some(Incoming { source: IncomingSource::Link, shared }));
            }
            Err(err) => {
                incoming.set(None);
                error.set(Some(messages::link_refused(&err)));
            }
        }
    };
    // Only in the browser, once the page is live: the address is not known when the page
    // is rendered at build time.
    Effect::new(move |_| {
        check_fragment();
        let listener = window_event_listener_untyped("hashchange", move |_| check_fragment());
        on_cleanup(move || listener.remove());
    });

    let link = Memo::new(move |_| {
        let fragment = answers.with(|a| name.with(|n| share::encode_link(card, a, Some(n))));
        format!("{}#{fragment}", browser::page_url().unwrap_or_default())
    });
    let copy = move |_| {
        let ok = browser::copy(&link.get_untracked());
        status.set(if ok {
            "Link copied. Paste it into a chat or an email.".into()
        } else {
            "Copy failed: select the link and copy it.".into()
        });
    };
    let export = move |_| {
        let text = answers.with_untracked(|a| {
            name.with_untracked(|n| share::encode_file(card, a, Some(n), clock::now_ms()))
        });
        let ok = browser::download(&format!("{}-answers.json", card.id), "application/json", &text);
        status.set(if ok {
            "Answers file downloaded.".into()
        } else {
            "The download was refused by the browser.".into()
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Let the same file be picked again after a refusal.
        input.set_value("");
        let file_name = file.name();
        let refuse = move |err: FileRefused| {
            incoming.set(None);
            error.set(Some(messages::file_refused(&file_name, &err)));
        };
        // Checked before anything is read into memory.
        if let Err(err) = share::check_file_size(file.size() as u64) {
            refuse(FileRefused::Share(err));
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match browser::file_text(&file).await {
                Ok(text) => share::decode_file(&text, card).map_err(FileRefused::Share),
                Err(why) => Err(FileRefused::Unreadable(why)),
            };
            match result {
                Ok(shared) => {
                    error.set(None);
                    incoming.set(Some(Incoming { source: IncomingSource::File(file.name()), shared }));
                }
                Err(err) => refuse(err),
            }
        });
    };

    let workshop_href = addresses::workshop(&card.id);
    view! {
        <div class="dc-share">
            <div class="dc-actions" role="group" aria-label="Share your answers">
                <button
                    type="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="dc-share-panel"
                    data-testid="share-open"
                    on:click=move |_| set_open.update(|o| *o = !*o)
                >
                    "Share link"
                </button>
                <button type="button" on:click=export data-testid="export">"Export file"</button>
                <label class="dc-file-button">
                    "Import file"
                    <input type="file" accept=".json,application/json" class="dc-sr" data-testid="import" on:change=import />
                </label>
                <a class="dc-link-button" href=workshop_href data-testid="workshop-link">"Facilitate a workshop"</a>
            </div>
            <Show when=move || open.get()>
                <div class="dc-share-panel" id="dc-share-panel">
                    <div class="dc-field">
                        <label for="dc-share-name">"Your name (optional, so a facilitator knows whose answers these are)"</label>
                        <input
                            type="text"
                            id="dc-share-name"
                            maxlength=MAX_NAME_CHARS.to_string()
                            autocomplete="name"
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="dc-field">
                        <label for="dc-share-link">"Link with your answers"</label>
                        <div class="dc-copy-row">
                            <input
                                type="text"
                                id="dc-share-link"
                                readonly
                                data-testid="share-link"
                                aria-describedby="dc-share-note"
                                prop:value=move || link.get()
                                on:focus=move |ev| {
                                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                        input.select();
                                    }
                                }
                            />
                            <button type="button" on:click=copy>"Copy link"</button>
                        </div>
                        <p class="dc-blurb" id="dc-share-note">
                            "The answers travel in the part after \u{201c}#\u{201d}, which browsers never send to a server. "
                            {move || format!("{} characters.", link.with(|l| l.chars().count()))}
                        </p>
                    </div>
                </div>
            </Show>
            <p class="dc-status" role="status" aria-live="polite" data-testid="share-status">{move || status.get()}</p>
            {move || error.get().map(|e| view! {
                <div class="dc-alert" role="alert" data-testid="share-error">
                    <p>{e}</p>
                    <button type="button" class="dc-quiet" on:click=move |_| error.set(None)>"Dismiss"</button>
                </div>
            })}
            {move || incoming.get().map(|inc| view! { <IncomingPrompt card answers incoming=inc set=incoming status /> })}
        </div>
    }
}

/// "This link holds answers — replace your saved progress?", with a summary of the incoming
/// answers and the verdict they give.
#[component]
fn IncomingPrompt(
    card: &'static Card,
    answers: RwSignal<Answers>,
    incoming: Incoming,
    set: RwSignal<Option<Incoming>>,
    status: RwSignal<String>,
) -> impl IntoView {
    let Incoming { source, shared } = incoming;
    let has_own = answers.with_untracked(|a| !a.is_empty());
    let verdict = engine::evaluate(card, &shared.answers);
    let headline = explain::headline(card, &verdict).0;
    let IncomingWords { question, factors, counts } =
        messages::incoming(card, &source, shared.name.as_deref(), &shared.answers, has_own);
    let incoming_answers = shared.answers.clone();
    let (accept_label, keep_label) =
        if has_own { ("Replace my answers", "Keep mine") } else { ("Use these answers", "Ignore") };
    let accept = move |_| {
        answers.set(incoming_answers.clone());
        set.set(None);
        browser::clear_fragment();
        status.set("The shared answers are now on this card and saved in this browser.".into());
    };
    let keep_mine = move |_| {
        set.set(None);
        browser::clear_fragment();
        status.set("Kept your answers; the shared ones were not used.".into());
    };
    // The decision comes first: take keyboard and screen reader focus to the question.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="dc-incoming" aria-labelledby="dc-incoming-h" data-testid="incoming">
            <h2 id="dc-incoming-h" class="dc-small-h" tabindex="-1" node_ref=heading>{question}</h2>
            <p class="dc-incoming-verdict">"They give: " <strong data-testid="incoming-verdict">{headline}</strong></p>
            {(!factors.is_empty()).then(|| view! {
                <ul class="dc-list">{factors.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            })}
            <p class="dc-blurb">{counts}</p>
            <div class="dc-actions">
                <button type="button" class="dc-primary" on:click=accept data-testid="incoming-accept">{accept_label}</button>
                <button type="button" on:click=keep_mine data-testid="incoming-keep">{keep_label}</button>
            </div>
        </section>
    }
}
