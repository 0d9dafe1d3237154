//! The library page (`index.html`): every card of the build, with its title, tagline,
//! question and default stance, the cards it names and that name it, and how far this
//! browser got with it; a search box (accents and case ignored) and a filter by how far each
//! card got; cards listed under the group they declare. Prerendered with every card shown;
//! the progress lines, the search and the filter work once the app is live, since only the
//! browser knows them.

use crate::platform::{addresses, clock};
use crate::state::library;
use decision_core::history::words;
use decision_core::lang::library_page::{self, LibraryPageWord as W};
use decision_core::page_data::{CardSummary, Progress, Stage};
use decision_core::say;
use decision_core::search;
use leptos::either::Either;
use leptos::prelude::*;

/// Each card's progress line, and its decision line with whether a revisit is due.
type ProgressLines = Vec<(String, Option<(String, bool)>)>;

/// Which cards the filter shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    All,
    Only(Stage),
}

const FILTERS: [(Shown, W); 4] = [
    (Shown::All, W::FilterAll),
    (Shown::Only(Stage::NotStarted), W::FilterNotStarted),
    (Shown::Only(Stage::InProgress), W::FilterInProgress),
    (Shown::Only(Stage::Decided), W::FilterDecided),
];

/// The library of cards. `missing` names a card an old link asked for that this build does
/// not have (shown once the app is live).
#[component]
pub fn LibraryPage(cards: Vec<CardSummary>, missing: Option<String>) -> impl IntoView {
    let progress = RwSignal::new(ProgressLines::new());
    let stages = RwSignal::new(Vec::<Stage>::new());
    let notice = RwSignal::new(None::<String>);
    let query = RwSignal::new(String::new());
    let shown = RwSignal::new(Shown::All);
    let cards = StoredValue::new(cards);
    // Effects run only in the browser, after the page is taken over.
    Effect::new(move |_| {
        let found = cards.with_value(|cards| library::progress(cards));
        stages.set(found.iter().map(Progress::stage).collect());
        progress.set(cards.with_value(|cards| {
            cards
                .iter()
                .zip(found)
                .map(|(card, progress)| match progress {
                    Progress::NotStarted => (library_page::progress_none(), None),
                    Progress::Unreadable => (library_page::progress_unreadable(), None),
                    Progress::Started { factors_set, saved_at, decided } => (
                        library_page::progress_line(
                            factors_set,
                            card.factors.len(),
                            &clock::short_date(saved_at),
                        ),
                        decided.map(|d| (words::library_line(&d), d.due)),
                    ),
                })
                .collect()
        }));
        notice.set(missing.clone().map(|id| library_page::no_such_card(&id)));
    });
    let visible = move |i: usize| {
        let found = cards.with_value(|cards| query.with(|q| search::matches(&cards[i].search, q)));
        found
            && match shown.get() {
                Shown::All => true,
                Shown::Only(stage) => stages.with(|s| s.get(i) == Some(&stage)),
            }
    };
    let count = cards.with_value(Vec::len);
    let shown_count = move || (0..count).filter(|&i| visible(i)).count();
    // Groups in the order their first card comes; cards without one last, under "Other
    // decisions" when there are groups at all.
    let mut groups: Vec<String> = Vec::new();
    cards.with_value(|cards| {
        for c in cards {
            if !groups.contains(&c.group) {
                groups.push(c.group.clone());
            }
        }
    });
    if let Some(i) = groups.iter().position(String::is_empty) {
        let none = groups.remove(i);
        groups.push(none);
    }
    let grouped = groups.iter().any(|g| !g.is_empty());
    let lists = groups
        .into_iter()
        .map(|group| {
            let members: Vec<usize> =
                cards.with_value(|cards| (0..cards.len()).filter(|&i| cards[i].group == group).collect());
            let any_shown = {
                let members = members.clone();
                move || members.iter().any(|&i| visible(i))
            };
            let items =
                members.into_iter().map(|i| card_item(cards, i, grouped, progress, visible)).collect_view();
            let heading = if group.is_empty() { say!(W::OtherDecisions).to_string() } else { group };
            view! {
                <section class="dc-library-group" hidden=move || !any_shown()>
                    {grouped.then(|| view! { <h2 class="dc-library-group-h">{heading}</h2> })}
                    <ul class="dc-library-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="dc-root dc-library">
            <header class="dc-header">
                <p class="dc-kicker">{say!(W::Kicker)}</p>
                <h1>{say!(W::Title)}</h1>
                <p class="dc-tagline">{library_page::library_intro(count)}</p>
            </header>
            {move || notice.get().map(|n| view! { <p class="dc-alert" role="alert" data-testid="library-notice">{n}</p> })}
            <main>
                <div class="dc-library-tools" role="search">
                    <label for="dc-library-search">{say!(W::SearchLabel)}</label>
                    <input
                        type="search"
                        id="dc-library-search"
                        data-testid="library-search"
                        placeholder=say!(W::SearchPlaceholder)
                        prop:value=move || query.get()
                        on:input:target=move |ev| query.set(ev.target().value())
                    />
                    <fieldset class="dc-library-filter">
                        <legend>{say!(W::Show)}</legend>
                        {FILTERS
                            .into_iter()
                            .map(|(filter, label)| view! {
                                <label>
                                    <input
                                        type="radio"
                                        name="dc-library-filter"
                                        prop:checked=move || shown.get() == filter
                                        on:change=move |_| shown.set(filter)
                                    />
                                    {say!(label)}
                                </label>
                            })
                            .collect_view()}
                    </fieldset>
                    <p class="dc-library-count" role="status" data-testid="library-count">
                        {move || library_page::library_shown(shown_count(), count)}
                    </p>
                </div>
                {lists}
            </main>
        </div>
    }
}

/// A card the list links to: its id, its title and its language.
type Link = (String, String, String);

/// One card of the list: its title (a heading under its group's when there are groups),
/// tagline, question, default stance, the library cards it names and that name it, and its
/// progress in this browser.
fn card_item(
    cards: StoredValue<Vec<CardSummary>>,
    i: usize,
    grouped: bool,
    progress: RwSignal<ProgressLines>,
    visible: impl Fn(usize) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // A card's own text is marked with its language, so that a screen reader reads a French
    // title as French on an English page.
    let (c, names, named_by) = cards.with_value(|cards| {
        let link = |o: &CardSummary| (o.id.clone(), o.title.clone(), o.lang.clone());
        let c = cards[i].clone();
        let names: Vec<Link> =
            c.points_to.iter().filter_map(|id| cards.iter().find(|o| &o.id == id)).map(link).collect();
        let named_by: Vec<Link> = cards.iter().filter(|o| o.points_to.contains(&c.id)).map(link).collect();
        (c, names, named_by)
    });

    let line = move || progress.with(|p| p.get(i).cloned());
    let links = |label: &'static str, testid: &'static str, cards: Vec<Link>| {
        (!cards.is_empty()).then(|| {
            view! {
                <p class="dc-library-links" data-testid=testid>
                    {label}
                    {cards
                        .into_iter()
                        .enumerate()
                        .map(|(k, (id, title, lang))| view! { {(k > 0).then_some(", ")} <a href=addresses::card(&id) lang=lang>{title}</a> })
                        .collect_view()}
                </p>
            }
        })
    };
    let title = view! { <a href=addresses::card(&c.id)>{c.title}</a> };
    let title = if grouped {
        Either::Left(view! { <h3>{title}</h3> })
    } else {
        Either::Right(view! { <h2>{title}</h2> })
    };
    view! {
        <li class="dc-library-card" data-card=c.id.clone() hidden=move || !visible(i)>
            <div lang=c.lang.clone()>
                {title}
                {(!c.tagline.is_empty()).then(|| view! { <p class="dc-tagline">{c.tagline}</p> })}
                <p class="dc-question-big">{c.question}</p>
            </div>
            {(!c.default_stance.is_empty()).then(|| view! {
                <p class="dc-library-default">
                    <strong>{say!(W::DefaultStance)}</strong>
                    <span lang=c.lang>{c.default_stance}</span>
                </p>
            })}
            {links(say!(W::RelatedHere), "library-points-to", names)}
            {links(say!(W::PointHere), "library-pointed-from", named_by)}
            {move || line().map(|(l, decided)| view! {
                <p class="dc-library-progress" data-testid="library-progress">{l}</p>
                {decided.map(|(d, due)| view! {
                    <p class="dc-library-decided" class:dc-due=due data-testid="library-decided">{d}</p>
                })}
            })}
        </li>
    }
}
