//! The address of each page of the build, relative to the page that links to it, so that a
//! build works from any folder of any static host. The single-file build has one file per
//! page, named after its card (`<card-id>.html`, `<card-id>.workshop.html`), side by side.

use super::{browser, embed};

/// The card's page.
pub fn card(card_id: &str) -> String {
    if browser::is_single_file() {
        format!("{card_id}.html")
    } else {
        with_embed(format!("index.html?card={card_id}"))
    }
}

/// The facilitator's page for a card.
pub fn workshop(card_id: &str) -> String {
    if browser::is_single_file() {
        format!("{card_id}.workshop.html")
    } else {
        with_embed(format!("workshop.html?card={card_id}"))
    }
}

/// `url` with this page's fragment (a share link's answers), for forwarding an old link
/// without losing anything.
pub fn with_fragment(mut url: String) -> String {
    if let Some(fragment) = browser::fragment() {
        url.push('#');
        url.push_str(&fragment);
    }
    url
}

/// Embed mode carries over to the pages it links to.
fn with_embed(mut url: String) -> String {
    if embed::is_embedded() {
        url.push_str("&embed=1");
    }
    url
}
