//! The pages of the app: which one a URL asks for, and each page's layout. A page creates
//! its session (`crate::state`) and lays out components; it does no I/O of its own.

pub mod card;
pub mod workshop;

use crate::content;
use crate::platform::{addresses, browser, embed};
use card::CardPage;
use decision_core::share;
use leptos::prelude::*;

/// The card page: the card the page names (see [`embed::requested_card`]), or the first
/// bundled card. A link made for the workshop before it had a page of its own
/// (`?mode=workshop`) is sent on to that page, with its query and fragment.
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
        Some(card) if browser::query_param("mode").as_deref() == Some("workshop") => {
            browser::replace_location(&addresses::with_fragment(addresses::workshop(&card.id)));
            view! { <p class="dc-boot-loading">"Opening the workshop\u{2026}"</p> }.into_any()
        }
        Some(card) => view! { <CardPage card /> }.into_any(),
        None => view! { <MissingCard requested /> }.into_any(),
    }
}

/// A card the build does not have: say so, and list the ones it has.
#[component]
pub fn MissingCard(requested: Option<String>) -> impl IntoView {
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
                    .map(|c| view! { <li><a href=addresses::card(&c.id)>{c.title.as_str()}</a></li> })
                    .collect_view()}
            </ul>
        </div>
    }
}
