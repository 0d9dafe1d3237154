//! The workshop page (the facilitator's view of one card): participants' links and files
//! come in, the group's spread, tallies and verdict go out, with results hidden until
//! revealed when wanted. The workshop is saved in this browser and exports as Markdown, CSV
//! and a workshop file.

use crate::components::progress::{SaveLine, StoredNotice};
use crate::components::workshop::add::AddParticipants;
use crate::components::workshop::export::Export;
use crate::components::workshop::group::GroupSection;
use crate::components::workshop::invite::Invite;
use crate::components::workshop::people::Participants;
use crate::components::workshop::rounds::RoundBar;
use crate::platform::{addresses, page};
use crate::state::workshop::WorkshopSession;
use decision_core::card::Card;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages;
use decision_core::page_data;
use decision_core::say;
use decision_core::store::Stored;
use decision_core::workshop::{self, words::WorkshopWord};
use leptos::prelude::*;

/// Starts the workshop WASM: the facilitator's view of the card the page carries.
pub fn start_workshop_app() {
    if let Err(why) = page::install_words() {
        return page::cannot_start(&why);
    }
    let card: &'static _ = match page_data::read_card(&page::data().unwrap_or_default()) {
        Ok(card) => Box::leak(Box::new(card)),
        Err(why) => return page::cannot_start(&why.to_string()),
    };
    let Some(root) = page::app_element() else { return };
    leptos::mount::mount_to(root, move || view! { <WorkshopPage card /> }).forget();
    page::started();
}

/// The facilitator's view of one card.
#[component]
pub fn WorkshopPage(card: &'static Card) -> impl IntoView {
    let session = WorkshopSession::new(card);
    // Built in the browser (this page is not prerendered), so storage can be read at once.
    session.connect();

    view! {
        <div class="dc-root dc-workshop">
            <header class="dc-header">
                <p class="dc-kicker">{say!(W::Workshop)}</p>
                <h1>{card.title.as_str()}</h1>
                <p class="dc-tagline">{card.decision.question.as_str()}</p>
                <nav class="dc-nav" aria-label=say!(W::Workshop)>
                    <a href=addresses::card(&card.id) data-testid="back-to-card">{say!(W::BackToCard)}</a>
                </nav>
                <SaveLine
                    state=session.save_state().into()
                    what=Stored::Workshop
                    on_export=Callback::new(move |()| {
                        session.download_workshop();
                    })
                    export_label=say!(W::DownloadWorkshop)
                />
            </header>
            <StoredNotice notice=session.notice().into() file_stem=card.id.clone() />
            <main class="dc-ws-layout">
                <Invite card_id=card.id.clone() />
                <AddParticipants session />
                {group_part(session)}
            </main>
        </div>
    }
}

crate::part_when! {
    /// The group: the rounds, who has been added, the group's results and what to take away.
    /// Drawn once there is someone to show (or a round closed): a workshop not started yet
    /// loads none of its code, and says only that no one is there yet.
    fn group_part(session: WorkshopSession) as group,
        when = Signal::derive(move || session.workshop().with(|w| !w.participants.is_empty() || w.round() > 1)),
        failed = say!(W::GroupNotLoaded),
        meanwhile = view! {
            <section class="dc-section dc-ws-people" aria-labelledby="dc-ws-people-h">
                <h2 id="dc-ws-people-h">
                    {say!(WorkshopWord::Participants)} " " <span class="dc-badge">{messages::participants(0)}</span>
                </h2>
                <p class="dc-blurb">{say!(W::NoOneYet)}</p>
            </section>
        }
        => view! { <Group session /> }
}

/// The sections of [`group_part`], with what they share worked out once per change.
#[component]
fn Group(session: WorkshopSession) -> impl IntoView {
    let card = session.card;
    let ws = session.workshop();
    let summary = Memo::new(move |_| ws.with(|w| workshop::summarize(card, &w.participants)));
    let rounds = Memo::new(move |_| ws.with(|w| workshop::compare_rounds(card, w)));
    let hidden = Memo::new(move |_| ws.with(|w| w.hidden));
    view! {
        <RoundBar session rounds />
        <Participants session summary hidden />
        <GroupSection session summary rounds hidden />
        <Export session summary hidden />
    }
}
