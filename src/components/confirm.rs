//! A destructive action that asks first, in the page itself (`confirm()` is blocked in
//! sandboxed frames): the question takes keyboard focus to the safe choice, and focus comes
//! back to the button afterwards instead of falling to the top of the page.

use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use leptos::either::Either;
use leptos::prelude::*;

/// A quiet button (`label`) that, pressed, is replaced by `question` with "`yes`" and
/// "Cancel" (in the page's language); `on_yes` runs only on "`yes`".
#[component]
pub fn Confirm(
    label: &'static str,
    question: &'static str,
    yes: &'static str,
    /// The id of the question, which names the group of buttons for screen readers.
    question_id: &'static str,
    on_yes: Callback<()>,
) -> impl IntoView {
    let (asking, set_asking) = signal(false);
    // Set once the question was answered: the button that comes back takes focus.
    let (answered, set_answered) = signal(false);
    let answer = move |yes: bool| {
        set_answered.set(true);
        set_asking.set(false);
        if yes {
            on_yes.run(());
        }
    };
    view! {
        {move || {
            if asking.get() {
                let cancel = NodeRef::<leptos::html::Button>::new();
                cancel.on_load(|b| {
                    let _ = b.focus();
                });
                Either::Left(view! {
                    <div class="dc-confirm" role="group" aria-labelledby=question_id>
                        <span id=question_id>{question}</span>
                        <button type="button" class="dc-danger" on:click=move |_| answer(true)>
                            {yes}
                        </button>
                        <button type="button" node_ref=cancel on:click=move |_| answer(false)>
                            {say!(W::Cancel)}
                        </button>
                    </div>
                })
            } else {
                let button = NodeRef::<leptos::html::Button>::new();
                button.on_load(move |b| {
                    if answered.get_untracked() {
                        let _ = b.focus();
                    }
                });
                Either::Right(view! {
                    <button type="button" class="dc-quiet" node_ref=button on:click=move |_| set_asking.set(true)>
                        {label}
                    </button>
                })
            }
        }}
    }
}
