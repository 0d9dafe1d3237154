//! The library page (`index.html`): every card of the build, with its title, tagline,
//! question and default stance, and how far this browser got with it. Prerendered; the
//! progress lines fill in once the app is live, since only the browser knows them.

use crate::platform::{addresses, clock};
use crate::state::library;
use decision_core::history::words;
use decision_core::messages;
use decision_core::page_data::{CardSummary, Progress};
use leptos::prelude::*;

/// The library of cards. `missing` names a card an old link asked for that this build does
/// not have (shown once the app is live).
#[component]
pub fn LibraryPage(cards: Vec<CardSummary>, missing: Option<String>) -> impl IntoView {
    // Each card's progress line, and its decision line with whether a revisit is due.
    let progress = RwSignal::new(Vec::<(String, Option<(String, bool)>)>::new());
    let notice = RwSignal::new(None::<String>);
    let cards_for_progress = cards.clone();
    // Effects run only in the browser, after the page is taken over.
    Effect::new(move |_| {
        progress.set(
            cards_for_progress
                .iter()
                .zip(library::progress(&cards_for_progress))
                .map(|(card, progress)| match progress {
                    Progress::NotStarted => (messages::progress_none(), None),
                    Progress::Unreadable => (messages::progress_unreadable(), None),
                    Progress::Started { factors_set, saved_at, decided } => (
                        messages::progress_line(
                            factors_set,
                            card.factors.len(),
                            &clock::short_date(saved_at),
                        ),
                        decided.map(|d| (words::library_line(&d), d.due)),
                    ),
                })
                .collect(),
        );
        notice.set(missing.clone().map(|id| messages::no_such_card(&id)));
    });
    let count = cards.len();
    view! {
        <div class="dc-root dc-library">
            <header class="dc-header">
                <p class="dc-kicker">"Decision cards"</p>
                <h1>"The library"</h1>
                <p class="dc-tagline">{messages::library_intro(count)}</p>
            </header>
            {move || notice.get().map(|n| view! { <p class="dc-alert" role="alert" data-testid="library-notice">{n}</p> })}
            <main>
                <ul class="dc-library-list">
                    {cards
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let line = move || progress.with(|p| p.get(i).cloned());
                            view! {
                                <li class="dc-library-card" data-card=c.id.clone()>
                                    <h2><a href=addresses::card(&c.id)>{c.title}</a></h2>
                                    {(!c.tagline.is_empty()).then(|| view! { <p class="dc-tagline">{c.tagline}</p> })}
                                    <p class="dc-question-big">{c.question}</p>
                                    {(!c.default_stance.is_empty()).then(|| view! {
                                        <p class="dc-library-default">
                                            <strong>"Default stance: "</strong>
                                            {c.default_stance}
                                        </p>
                                    })}
                                    {move || line().map(|(l, decided)| view! {
                                        <p class="dc-library-progress" data-testid="library-progress">{l}</p>
                                        {decided.map(|(d, due)| view! {
                                            <p class="dc-library-decided" class:dc-due=due data-testid="library-decided">{d}</p>
                                        })}
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </main>
        </div>
    }
}
