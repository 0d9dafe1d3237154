//! Sharing from the card: a link that holds the answers, export and import of the answers
//! file, the way to the workshop view, and the prompt shown when a link or a file brings
//! answers in. Where answers come from and what is done with them is the session's
//! ([`crate::state::card::CardSession`]); nothing here changes saved progress unless the user
//! chooses "Replace".

use crate::components::status::{ActionStatus, StatusLine};
use crate::platform::{addresses, browser};
use crate::state::card::{CardSession, Incoming};
use decision_core::engine;
use decision_core::explain;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::messages::{self, Action, IncomingWords};
use decision_core::say;
use decision_core::share::MAX_NAME_CHARS;
use leptos::prelude::*;

crate::part! {
    /// The share bar as the card page carries it: taken over when the reader reaches for it,
    /// or when a share link in the address brings answers, which wait in it for the reader's
    /// choice (a file brings them through the bar itself).
    pub fn share_part(session: CardSession) as share,
        wake = Signal::derive(move || session.link_in_address().with(Option::is_some))
        => view! { <ShareBar session /> }
}

/// Share link, export, import and the way to the workshop view, with the incoming-answers
/// prompt.
#[component]
pub fn ShareBar(session: CardSession) -> impl IntoView {
    let card = session.card;
    let (open, set_open) = signal(false);
    let name = RwSignal::new(String::new());
    let status = ActionStatus::new();
    // Opening the panel and copying make the link anew: it says when it was made, so a
    // workshop counts a participant who sends it again in a later round, unchanged, as
    // having answered that round.
    let fresh = Trigger::new();
    let link = Memo::new(move |_| {
        fresh.track();
        name.with(|n| session.share_link(n))
    });
    let copy = move |_| {
        fresh.notify();
        status.report(Action::CopyShareLink, browser::copy(&link.get_untracked()))
    };
    let export = move |_| {
        let ok = name.with_untracked(|n| session.export(Some(n)));
        status.report(Action::ExportAnswers, ok);
    };
    let import = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Let the same file be picked again after a refusal.
        input.set_value("");
        session.import_file(file);
    };

    // A link in the address, on arrival or pasted later: its answers are offered here.
    Effect::new(move |_| {
        if let Some(fragment) = session.link_in_address().get() {
            session.offer_link(&fragment);
        }
    });

    let workshop_href = addresses::workshop(&card.id);
    view! {
        <div class="dc-share">
            <div class="dc-actions" role="group" aria-label=say!(W::ShareGroup)>
                <button
                    type="button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="dc-share-panel"
                    data-testid="share-open"
                    on:click=move |_| {
                        session.make_token();
                        fresh.notify();
                        set_open.update(|o| *o = !*o)
                    }
                >
                    {say!(W::ShareLink)}
                </button>
                <button type="button" on:click=export data-testid="export">{say!(W::ExportFile)}</button>
                <label class="dc-file-button">
                    {say!(W::ImportFile)}
                    <input type="file" accept=".json,application/json" class="dc-sr" data-testid="import" on:change:target=import />
                </label>
                <a class="dc-link-button" href=workshop_href data-testid="workshop-link">{say!(W::FacilitateWorkshop)}</a>
            </div>
            {move || open.get().then(|| view! {
                <div class="dc-share-panel" id="dc-share-panel">
                    <div class="dc-field">
                        <label for="dc-share-name">{say!(W::ShareName)}</label>
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
                        <label for="dc-share-link">{say!(W::ShareLinkLabel)}</label>
                        <div class="dc-copy-row">
                            <input
                                type="text"
                                id="dc-share-link"
                                readonly
                                data-testid="share-link"
                                aria-describedby="dc-share-note"
                                prop:value=move || link.get()
                                on:focus:target=move |ev| ev.target().select()
                            />
                            <button type="button" on:click=copy>{say!(W::CopyLink)}</button>
                        </div>
                        <p class="dc-blurb" id="dc-share-note">
                            {say!(W::ShareNote)}
                            {move || say!(W::LinkLength, n = link.with(|l| l.chars().count()))}
                        </p>
                    </div>
                </div>
            })}
            <StatusLine status testid="share-status" />
            {move || session.refused().get().map(|e| view! {
                <div class="dc-alert" role="alert" data-testid="share-error">
                    <p>{e}</p>
                    <button type="button" class="dc-quiet" on:click=move |_| session.dismiss_refusal()>{say!(W::Dismiss)}</button>
                </div>
            })}
            {move || session.incoming().get().map(|incoming| view! { <IncomingPrompt session incoming status /> })}
        </div>
    }
}

/// "This link holds answers — replace your saved progress?", with a summary of the incoming
/// answers and the verdict they give.
#[component]
fn IncomingPrompt(session: CardSession, incoming: Incoming, status: ActionStatus) -> impl IntoView {
    let card = session.card;
    let Incoming { source, shared } = incoming;
    let has_own = session.answers().with_untracked(|a| !a.is_empty());
    let verdict = engine::evaluate(card, &shared.answers);
    let headline = explain::headline(card, &verdict).0;
    let IncomingWords { question, factors, counts } =
        messages::incoming(card, &source, shared.name.as_deref(), &shared.answers, has_own);
    let (accept_label, keep_label) = if has_own {
        (say!(W::ReplaceMine), say!(W::KeepMine))
    } else {
        (say!(W::UseThese), say!(W::Ignore))
    };
    let accept = move |_| {
        session.use_incoming();
        status.report(Action::UseShared, true);
    };
    let keep_mine = move |_| {
        session.decline_incoming();
        status.report(Action::KeepOwn, true);
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
            <p class="dc-incoming-verdict">{say!(W::TheyGive)} <strong data-testid="incoming-verdict">{headline}</strong></p>
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
