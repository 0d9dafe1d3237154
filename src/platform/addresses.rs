//! The address of each page of the build, relative to the page that links to it, so that a
//! build works from any folder of any static host, and side by side on disk (the
//! single-file build names its files the same way):
//!
//! - `index.html`: the library;
//! - `<card-id>.html`: a card;
//! - `<card-id>.workshop.html`: the facilitator's page for that card;
//! - `offline/<card-id>.html`: the card as one self-contained file, to download.

/// The library.
pub const LIBRARY: &str = "index.html";

/// A card's page.
pub fn card(card_id: &str) -> String {
    format!("{card_id}.html")
}

/// The facilitator's page for a card.
pub fn workshop(card_id: &str) -> String {
    format!("{card_id}.workshop.html")
}

/// The card as one self-contained file (in the hosted build's `offline/` folder).
pub fn offline(card_id: &str) -> String {
    format!("offline/{card_id}.html")
}
