//! What to send the participants: the card's own address, with how to answer and send back.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{addresses, browser};
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::messages::Action;
use decision_core::say;
use leptos::prelude::*;

/// The participants' link to the card, to paste into the meeting chat or an invitation.
#[component]
pub fn Invite(card_id: String) -> impl IntoView {
    let link = browser::page_url()
        .map(|here| addresses::beside(&here, &addresses::card(&card_id)))
        .unwrap_or_else(|| addresses::card(&card_id));
    let status = ActionStatus::new();
    let to_copy = link.clone();
    let copy = move |_| status.report(Action::CopyInvite, browser::copy(&to_copy));
    view! {
        <section class="dc-section dc-ws-invite" aria-labelledby="dc-ws-invite-h">
            <h2 id="dc-ws-invite-h">{say!(W::Invite)}</h2>
            <p class="dc-blurb">{say!(W::InviteBlurb)}</p>
            <div class="dc-ws-invite-link">
                <label for="dc-ws-invite-url" class="dc-sr">{say!(W::InviteLinkLabel)}</label>
                <input id="dc-ws-invite-url" type="text" readonly value=link.clone() data-testid="ws-invite" />
                <button type="button" on:click=copy>{say!(W::CopyLink)}</button>
                <StatusLine status />
            </div>
        </section>
    }
}
