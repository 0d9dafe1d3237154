//! Cards out: the JSON a page carries for its app ([`crate::page_data`] reads it back in the
//! browser). Written with serde_json at build time; the only change to its output is that
//! `</` is written `<\/` (the same string in JSON), so the text can sit inside a `<script>`
//! element without ending it.

use super::fold;
use crate::card::Card;
use crate::page_data::CardSummary;
use crate::search;

/// The data of a card page (and of the card's workshop page).
pub fn card_json(card: &Card) -> String {
    script_safe(serde_json::to_string(card))
}

/// The data of the library page: a summary of each card, in library order.
pub fn library_json(cards: &[Card]) -> String {
    script_safe(serde_json::to_string(&summaries(cards)))
}

/// What the library page shows and searches of each card, in library order, with the cards
/// each one's related decisions name (as `authoring::load::link_library` linked them).
pub fn summaries(cards: &[Card]) -> Vec<CardSummary> {
    cards
        .iter()
        .map(|card| {
            let [a, b] = &card.options;
            let mut words =
                vec![card.title.as_str(), &card.tagline, &card.decision.question, &a.name, &b.name];
            words.extend(card.factors.iter().map(|f| f.name.as_str()));
            let text = words.join(" \u{b7} ");
            let mut points_to: Vec<String> = Vec::new();
            for id in card.related.iter().map(|r| &r.card).filter(|id| !id.is_empty()) {
                if !points_to.contains(id) {
                    points_to.push(id.clone());
                }
            }
            CardSummary {
                id: card.id.clone(),
                version: card.version,
                title: card.title.clone(),
                tagline: card.tagline.clone(),
                question: card.decision.question.clone(),
                default_stance: card.decision.default_stance.clone(),
                factors: card.factors.iter().map(|f| f.id.clone()).collect(),
                group: card.group.clone(),
                // Folded both ways: transliterated (a query typed without accents, or in Latin
                // letters, finds it) and as the browser folds what is typed (a query in the
                // card's own script finds it).
                search: format!("{} {}", fold(&text), search::fold(&text)),
                points_to,
            }
        })
        .collect()
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
