//! Progress: the visible save state, notices about stored data, export when answers cannot
//! be saved, and reset with confirmation.

use crate::browser;
use leptos::prelude::*;

/// A message about stored data that could not be used, with that data to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub message: String,
    /// The stored text exactly as found, so nothing is lost.
    pub raw: Option<String>,
}

/// What the user should know about saving, in words the status line shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing to save yet.
    Idle,
    /// A change is waiting for the debounce.
    Pending,
    /// Saved at this local time (`HH:MM`).
    Saved(String),
    /// Storage cannot be used: progress lives in memory only.
    MemoryOnly(String),
    /// Saving failed (quota, …): the last good copy is kept.
    Failed(String),
    /// Stored data is newer than this app: shown read-only, never overwritten.
    ReadOnly(String),
    /// Answers changed in another tab were taken in at this local time (`HH:MM`), merged
    /// with any unsaved change made here.
    OtherTab(String),
}

impl SaveState {
    fn text(&self) -> String {
        match self {
            Self::Idle => "Progress is saved in this browser as you go.".into(),
            Self::Pending => "Saving…".into(),
            Self::Saved(at) => format!("Saved in this browser at {at}."),
            Self::MemoryOnly(why) => format!(
                "Not saved: {why} Your answers stay only while this page is open; export them to keep them."
            ),
            Self::Failed(why) => {
                format!("Not saved: {why} The last saved copy is kept; export your answers to keep them.")
            }
            Self::ReadOnly(why) => format!("Read-only: {why} Export your answers to keep changes made here."),
            Self::OtherTab(at) => format!("Updated with changes made in another tab at {at}."),
        }
    }

    /// True when answers are not being saved, so the user should be told and offered export.
    pub fn is_problem(&self) -> bool {
        matches!(self, Self::MemoryOnly(_) | Self::Failed(_) | Self::ReadOnly(_))
    }
}

/// The save status line, an export button whenever answers are not being saved, and the
/// reset control (reset asks first, in the page itself, because `confirm()` is blocked in
/// sandboxed frames).
#[component]
pub fn Progress(
    state: Signal<SaveState>,
    notice: Signal<Option<Notice>>,
    file_stem: String,
    on_reset: Callback<()>,
    /// Downloads the current answers as a file; offered while they cannot be saved.
    #[prop(optional)]
    on_export: Option<Callback<()>>,
) -> impl IntoView {
    let (confirming, set_confirming) = signal(false);
    // When the button that has keyboard focus goes away, focus moves to its replacement
    // instead of falling back to the top of the page.
    let (refocus_reset, set_refocus_reset) = signal(false);
    let notice_view = move || {
        notice.get().map(|n| {
            let stem = file_stem.clone();
            let download = n.raw.map(|raw| {
                view! {
                    <button
                        type="button"
                        on:click=move |_| {
                            browser::download(&format!("{stem}-unreadable-progress.txt"), "text/plain", &raw);
                        }
                    >
                        "Download the kept data"
                    </button>
                }
            });
            view! {
                <div class="dc-alert" role="alert" data-testid="storage-notice">
                    <p>{n.message}</p>
                    {download}
                </div>
            }
        })
    };
    view! {
        {notice_view}
        <div class="dc-progress">
            // Not a live region: "Saving…" / "Saved" after every pause in typing would talk
            // over the user. Only a problem is announced, by the status line below.
            <p
                class="dc-save"
                class:dc-warn=move || state.with(SaveState::is_problem)
                data-testid="save-state"
            >
                {move || state.with(SaveState::text)}
            </p>
            {on_export.map(|export| {
                view! {
                    <Show when=move || state.with(SaveState::is_problem)>
                        <button type="button" data-testid="export-answers" on:click=move |_| export.run(())>
                            "Export answers"
                        </button>
                    </Show>
                }
            })}
            <span class="dc-sr" role="status">
                {move || state.with(|s| if s.is_problem() { s.text() } else { String::new() })}
            </span>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    let button = NodeRef::<leptos::html::Button>::new();
                    button.on_load(move |b| {
                        if refocus_reset.get_untracked() {
                            let _ = b.focus();
                        }
                    });
                    view! {
                        <button type="button" class="dc-quiet" node_ref=button on:click=move |_| set_confirming.set(true)>
                            "Reset answers…"
                        </button>
                    }
                }
            >
                {
                    // Focus goes to the safe choice.
                    let cancel = NodeRef::<leptos::html::Button>::new();
                    cancel.on_load(|b| {
                        let _ = b.focus();
                    });
                    view! {
                        <div class="dc-confirm" role="group" aria-labelledby="dc-reset-q">
                            <span id="dc-reset-q">"Clear every answer on this card?"</span>
                            <button
                                type="button"
                                class="dc-danger"
                                on:click=move |_| {
                                    set_refocus_reset.set(true);
                                    set_confirming.set(false);
                                    on_reset.run(());
                                }
                            >
                                "Yes, clear all"
                            </button>
                            <button
                                type="button"
                                node_ref=cancel
                                on:click=move |_| {
                                    set_refocus_reset.set(true);
                                    set_confirming.set(false);
                                }
                            >
                                "Cancel"
                            </button>
                        </div>
                    }
                }
            </Show>
        </div>
    }
}
