//! One card's page: the card to read, the answers to give, the verdict always in view, and
//! the record, sharing and saving around them.

use crate::components::decision::{decide_part, decided_part};
use crate::components::evidence::Evidence;
use crate::components::factors::Factors;
use crate::components::orphans::orphans_part;
use crate::components::progress::{notice_part, reset_part, SaveLine};
use crate::components::questions::Questions;
use crate::components::record::record_part;
use crate::components::reversibility::Reversibility;
use crate::components::share::share_part;
use crate::components::signals::Signals;
use crate::components::verdict::{VerdictBar, VerdictPanel};
// The sections built from the card alone, which the browser build leaves as prerendered.
#[cfg_attr(feature = "hydrate", allow(unused_imports))]
use crate::components::{
    questions::HowToDecide,
    reference::{AiImpact, CardHeading, Framing, Options, Related, SectionsNav},
};
use crate::platform::{clock, embed};
use crate::state::card::CardSession;
use decision_core::answers::Edit;
use decision_core::card::Card;
use decision_core::engine;
use decision_core::store::Stored;
use leptos::prelude::*;

/// One card with its answers, verdict and saved progress.
///
/// Rendered at build time with empty answers, then taken over in the browser, where the
/// saved progress comes in (and `moved`, what the reader changed before the app was live).
/// Everything that depends on the browser (storage, the address, the date, the frame it may
/// sit in) happens in effects, which run only once the page is live.
#[component]
pub fn CardPage(card: &'static Card, moved: Vec<Edit>) -> impl IntoView {
    let session = CardSession::new(card);
    let moved = StoredValue::new(moved);
    let root = NodeRef::<leptos::html::Div>::new();
    let (today, set_today) = signal(None);
    // Once, after the page is taken over: nothing read here may make it run again.
    Effect::new(move |_| {
        untrack(|| {
            set_today.set(clock::today());
            session.connect(moved.get_value());
            embed::report_height(root, card.id.clone());
        })
    });
    let answers = session.answers();
    let verdict = Memo::new(move |_| answers.with(|a| engine::evaluate(card, a)));
    view! {
        <div class="dc-root" node_ref=root>
            <header class="dc-header">
                {crate::prerendered_only!(view! { <CardHeading card /> })}
                {decided_part(session, today)}
                {crate::prerendered_only!(view! { <SectionsNav card /> })}
                {notice_part(session)}
                <div class="dc-progress">
                    <SaveLine
                        state=session.save_state().into()
                        what=Stored::Progress
                        on_export=Callback::new(move |_| {
                            session.export(None);
                        })
                    />
                    {reset_part(session)}
                </div>
                {share_part(session)}
            </header>
            <div class="dc-layout">
                <main class="dc-main">
                    {orphans_part(card, answers)}
                    // Built from the card alone: the browser never takes these over.
                    {crate::prerendered_only!(view! { <Framing card /> <Options card /> })}
                    <Reversibility session />
                    {crate::prerendered_only!(view! { <HowToDecide /> })}
                    <Questions session />
                    <Factors session />
                    <Evidence session />
                    <Signals session />
                    {crate::prerendered_only!(view! { <AiImpact card /> <Related card /> })}
                    {decide_part(session, verdict, today)}
                    {record_part(session, verdict, today)}
                </main>
                <VerdictPanel card verdict answers />
            </div>
            <VerdictBar card verdict />
        </div>
    }
}
