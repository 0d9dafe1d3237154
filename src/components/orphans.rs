//! Answers kept from an earlier version of the card: when the card's content changes and an
//! item is removed or re-identified, its answer is kept (saved, exported, shared by file) and
//! listed here, as text, so the user sees it rather than losing it silently. On the card page
//! the list is a part loaded on demand (`on_demand`): only a page with such answers loads it.

use decision_core::answers::{Answers, Orphan};
use decision_core::card::Card;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::messages;
use decision_core::say;
use leptos::prelude::*;

crate::part! {
    /// The list as the card page carries it: taken over when the answers name items the card no
    /// longer has (the prerendered page has no answers).
    pub fn orphans_part(card: &'static Card, answers: Memo<Answers>) as orphans,
        wake = Signal::derive(move || answers.with(|a| !a.orphans(card).is_empty()))
        => view! { <Orphans card answers /> }
}

/// The list of answers to items this card no longer has; nothing at all when there are none.
#[component]
pub fn Orphans(card: &'static Card, answers: Memo<Answers>) -> impl IntoView {
    let orphans = Memo::new(move |_| answers.with(|a| a.orphans(card)));
    move || {
        let list: Vec<Orphan> = orphans.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="dc-section dc-orphans" aria-labelledby="dc-orphans-h" data-testid="orphans">
                    <h2 id="dc-orphans-h">{say!(W::OrphansHeading)}</h2>
                    <p class="dc-blurb">{say!(W::OrphansBlurb)}</p>
                    <ul class="dc-list">
                        {list
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <span class="dc-orphan-kind">{messages::orphan_kind(&o)}</span>
                                        " "
                                        <code>{o.id().to_owned()}</code>
                                        {say!(W::OrphanAnswerSeparator)}
                                        <span class="dc-orphan-value">{messages::orphan_answer(&o)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
