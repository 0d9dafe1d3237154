//! The address of each page of the build, relative to the page that links to it, so that a
//! build works from any folder of any static host, and side by side on disk (the
//! single-file build names its files the same way):
//!
//! - `index.html`: the library;
//! - `<card-id>.html`: a card;
//! - `<card-id>.workshop.html`: the facilitator's page for that card.
//!
//! A page downloaded as one file keeps its name (`<card-id>.html`), as in the single-file
//! build.

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

/// The full address of `page` (one of the addresses above) next to the page at `here`: the
/// link a facilitator sends, from wherever the build is hosted. The query and the fragment of
/// `here` are not carried over (they belong to the facilitator's page).
pub fn beside(here: &str, page: &str) -> String {
    let here = here.split(['#', '?']).next().unwrap_or(here);
    let folder = here.rfind('/').map_or("", |at| &here[..=at]);
    format!("{folder}{page}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_beside_another_keeps_host_and_folder() {
        let at = "https://wiki.example/team/decisions/build-vs-buy.workshop.html?embed=1#x";
        assert_eq!(
            beside(at, &card("build-vs-buy")),
            "https://wiki.example/team/decisions/build-vs-buy.html"
        );
        assert_eq!(beside("file:///home/a/dist/x.workshop.html", &card("x")), "file:///home/a/dist/x.html");
        assert_eq!(beside("https://h.example/", LIBRARY), "https://h.example/index.html");
    }
}
