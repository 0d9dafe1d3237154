//! Cards out: the JSON a page carries for its app ([`crate::page_data`] reads it back in the
//! browser). Written with serde_json at build time; the only change to its output is that
//! `</` is written `<\/` (the same string in JSON), so the text can sit inside a `<script>`
//! element without ending it.

use crate::card::Card;
use crate::page_data::CardSummary;

/// The data of a card page (and of the card's workshop page).
pub fn card_json(card: &Card) -> String {
    script_safe(serde_json::to_string(card))
}

/// The data of the library page: a summary of each card, in library order.
pub fn library_json(cards: &[Card]) -> String {
    let summaries: Vec<CardSummary> = cards.iter().map(CardSummary::of).collect();
    script_safe(serde_json::to_string(&summaries))
}

fn script_safe(json: serde_json::Result<String>) -> String {
    // Serialising these types cannot fail: string keys, finite numbers (checked by the loader).
    json.unwrap_or_default().replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_written_can_end_a_script_element() {
        let text = script_safe(serde_json::to_string(&["a</script>b", "</SCRIPT"]));
        assert!(!text.to_ascii_lowercase().contains("</script"), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["a</script>b", "</SCRIPT"]);
    }
}
