//! One card's page: the card to read, the answers to give, the verdict always in view, and
//! the record, sharing and saving around them.

use crate::components::evidence::Evidence;
use crate::components::factors::Factors;
use crate::components::orphans::Orphans;
use crate::components::progress::{ResetControl, SaveLine, StoredNotice};
use crate::components::questions::{HowToDecide, Questions};
use crate::components::record::RecordPanel;
use crate::components::reference::{AiImpact, Framing, Options, Related};
use crate::components::reversibility::Reversibility;
use crate::components::share::ShareBar;
use crate::components::signals::Signals;
use crate::components::verdict::{VerdictBar, VerdictPanel};
use crate::platform::embed;
use crate::state::card::CardSession;
use decision_core::card::Card;
use decision_core::engine;
use decision_core::store::Stored;
use leptos::prelude::*;

/// One card with its answers, verdict and saved progress.
#[component]
pub fn CardPage(card: &'static Card) -> impl IntoView {
    let session = CardSession::new(card);
    session.connect();
    let answers = session.answers;
    let verdict = Memo::new(move |_| answers.with(|a| engine::evaluate(card, a)));
    let root = NodeRef::<leptos::html::Div>::new();
    embed::report_height(root, card.id.clone());
    view! {
        <div class=embed::root_class(embed::is_embedded()) node_ref=root>
            <header class="dc-header">
                <p class="dc-kicker">"Decision card"</p>
                <h1>{card.title.as_str()}</h1>
                <p class="dc-tagline">{card.tagline.as_str()}</p>
                <nav class="dc-nav" aria-label="Sections">
                    <a href="#dc-framing">"Decision"</a>
                    <a href="#dc-options">"Options"</a>
                    <a href="#dc-factors">"Factors"</a>
                    <a href="#dc-signals">"Signals"</a>
                    <a href="#dc-evidence">"Evidence"</a>
                    <a href="#dc-record">"Record"</a>
                </nav>
                <StoredNotice notice=session.notice.into() file_stem=card.id.clone() />
                <div class="dc-progress">
                    <SaveLine
                        state=session.save_state.into()
                        what=Stored::Progress
                        on_export=Callback::new(move |_| {
                            session.export();
                        })
                    />
                    <ResetControl on_reset=Callback::new(move |_| session.reset()) />
                </div>
                <ShareBar card answers />
            </header>
            <div class="dc-layout">
                <main class="dc-main">
                    <Orphans card answers />
                    <Framing card />
                    <Options card />
                    <Reversibility card answers />
                    <HowToDecide />
                    <Questions card answers />
                    <Factors card answers />
                    <Evidence card answers />
                    <Signals card answers />
                    <AiImpact card />
                    <Related card />
                    <RecordPanel card answers verdict />
                </main>
                <VerdictPanel card verdict />
            </div>
            <VerdictBar card verdict />
        </div>
    }
}
