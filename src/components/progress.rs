//! Where saving stands: the status line (with an export button whenever nothing is being
//! saved), notices about stored data that could not be used (with that data to download),
//! and the reset control, which asks first. On the card page the notice and the reset
//! control are parts loaded on demand (`on_demand`): the notice when there is one, the reset
//! control when the reader reaches for it.

use crate::components::confirm::Confirm;
use crate::platform::browser;
use crate::state::card::CardSession;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::messages;
use decision_core::say;
use decision_core::store::{Notice, SaveState, Stored};
use leptos::prelude::*;

/// The save status line, and an export button while nothing can be saved.
#[component]
pub fn SaveLine(
    state: Signal<SaveState>,
    what: Stored,
    /// Downloads what is not being saved; offered while saving does not work.
    #[prop(optional)]
    on_export: Option<Callback<()>>,
    #[prop(optional)] export_label: Option<&'static str>,
) -> impl IntoView {
    let text = move || state.with(|s| messages::save_state(s, what));
    view! {
        // Not a live region: "Saving…" / "Saved" after every pause in typing would talk over
        // the user. Only a problem is announced, by the status span below.
        <p class="dc-save" class:dc-warn=move || state.with(SaveState::is_problem) data-testid="save-state">
            {text}
        </p>
        {on_export.map(|export| {
            view! {
                {move || state.with(SaveState::is_problem).then(|| view! {
                    <button type="button" data-testid="export-answers" on:click=move |_| export.run(())>
                        {export_label.unwrap_or_else(|| say!(W::ExportAnswers))}
                    </button>
                })}
            }
        })}
        <span class="dc-sr" role="status">
            {move || if state.with(SaveState::is_problem) { text() } else { String::new() }}
        </span>
    }
}

/// A message about stored data that could not be used, with that data to download.
#[component]
pub fn StoredNotice(notice: Signal<Option<Notice>>, file_stem: String) -> impl IntoView {
    move || {
        notice.get().map(|n| {
            let stem = file_stem.clone();
            let raw = n.raw.clone();
            let label = match n.what {
                Stored::Progress => "unreadable-progress",
                Stored::Workshop => "unreadable-workshop",
            };
            view! {
                <div class="dc-alert" role="alert" data-testid="storage-notice">
                    <p>{messages::notice(&n)}</p>
                    <button
                        type="button"
                        on:click=move |_| {
                            browser::download(&format!("{stem}-{label}.txt"), "text/plain", &raw);
                        }
                    >
                        {say!(W::DownloadKeptData)}
                    </button>
                </div>
            }
        })
    }
}

/// "Reset answers…", which asks first.
#[component]
pub fn ResetControl(on_reset: Callback<()>) -> impl IntoView {
    view! {
        <Confirm
            label=say!(W::ResetAnswers)
            question=say!(W::ResetQuestion)
            yes=say!(W::ResetYes)
            question_id="dc-reset-q"
            on_yes=on_reset
        />
    }
}

crate::part! {
    /// The card page's notice about stored data it could not use: taken over when there is
    /// one (the prerendered page never has one).
    pub fn notice_part(session: CardSession) as notice,
        wake = Signal::derive(move || session.notice().with(Option::is_some))
        => view! { <StoredNotice notice=session.notice().into() file_stem=session.card.id.clone() /> }
}

crate::part! {
    /// The card page's "Reset answers…": taken over when the reader reaches for it.
    pub fn reset_part(session: CardSession) as reset
        => view! { <ResetControl on_reset=Callback::new(move |()| session.reset()) /> }
}
