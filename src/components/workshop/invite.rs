//! What to send the participants: the card's own address, with how to answer and send back.

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{addresses, browser};
use decision_core::messages::Action;
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
            <h2 id="dc-ws-invite-h">"Invite"</h2>
            <p class="dc-blurb">
                "Send this link to the participants, in the meeting chat or an invitation. Each opens the card "
                "on their own laptop, answers it, presses \u{201c}Share link\u{201d} and posts their link back in the chat. "
                "Then copy the whole chat and paste it below."
            </p>
            <div class="dc-ws-invite-link">
                <label for="dc-ws-invite-url" class="dc-sr">"Link for the participants"</label>
                <input id="dc-ws-invite-url" type="text" readonly value=link.clone() data-testid="ws-invite" />
                <button type="button" on:click=copy>"Copy link"</button>
                <StatusLine status />
            </div>
        </section>
    }
}
