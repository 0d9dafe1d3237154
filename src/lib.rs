//! Decision Cards: a decision card as an interactive widget, compiled to WebAssembly.
//!
//! - [`decision_core`] is the pure core: card types, answers, the engine, explanations, the
//!   record, the stored and shared formats, workshops.
//! - [`content`] holds the bundled cards (validated when the crate builds).
//! - [`components`] is the screen; [`App`] picks the card and wires state to storage.
//! - [`browser`] wraps the few browser APIs used besides storage.
//! - [`embed`] picks the card a page asks for and runs embed mode (iframe height messages).
//! - `?mode=workshop` opens the facilitator's view ([`components::workshop`]) instead of
//!   the card.

pub mod browser;
pub mod components;
pub mod content;
pub mod embed;
pub mod panic;
pub mod session;
pub mod storage;

use components::evidence::Evidence;
use components::factors::Factors;
use components::orphans::Orphans;
use components::progress::Progress;
use components::questions::{HowToDecide, Questions};
use components::record::RecordPanel;
use components::reference::{AiImpact, Framing, Options, Related};
use components::reversibility::Reversibility;
use components::share::ShareBar;
use components::signals::Signals;
use components::verdict::{VerdictBar, VerdictPanel};
use components::workshop::WorkshopView;
use decision_core::card::Card;
use decision_core::engine;
use decision_core::share;
use leptos::prelude::*;
use session::Session;

/// The widget: the card the page names (see [`embed::requested_card`]), or the first bundled card.
#[component]
pub fn App() -> impl IntoView {
    // A share link opened without `?card=` still opens the card it holds answers to (when
    // this build has it; otherwise the card that opens says the link is for another card).
    let requested = embed::requested_card().or_else(|| {
        browser::fragment().and_then(|f| share::link_card(&f)).filter(|id| content::card(id).is_some())
    });
    let card = match &requested {
        Some(id) => content::card(id),
        None => content::first(),
    };
    match card {
        // `?mode=workshop`: the facilitator's view of the same card.
        Some(card) if browser::query_param("mode").as_deref() == Some("workshop") => {
            view! { <WorkshopView card /> }.into_any()
        }
        Some(card) => view! { <CardView card /> }.into_any(),
        None => {
            let why = match requested {
                Some(id) => format!("There is no card called \u{201c}{id}\u{201d} in this build."),
                None => "This build contains no cards.".to_string(),
            };
            view! {
                <div class=embed::root_class(embed::is_embedded())>
                    <p class="dc-alert" role="alert">{why}</p>
                    <ul class="dc-list">
                        {content::cards()
                            .iter()
                            .map(|c| view! { <li><a href=format!("?card={}", c.id)>{c.title.as_str()}</a></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    }
}

/// One card with its answers, verdict and saved progress.
#[component]
fn CardView(card: &'static Card) -> impl IntoView {
    let session = Session::start(card);
    let answers = session.answers;
    let verdict = Memo::new(move |_| answers.with(|a| engine::evaluate(card, a)));
    let reset = Callback::new(move |_| session.reset());
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
                <Progress
                    state=session.save_state.into()
                    notice=session.notice.into()
                    file_stem=card.id.clone()
                    on_reset=reset
                    on_export=Callback::new(move |_| { session.export(); })
                />
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
