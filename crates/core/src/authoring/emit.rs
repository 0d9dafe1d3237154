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

/// The language the library page speaks: its cards' when they are all written in one, else
/// English.
pub fn library_language(cards: &[Card]) -> &str {
    match cards.split_first() {
        Some((first, rest)) if rest.iter().all(|c| c.lang == first.lang) => &first.lang,
        _ => crate::card::ENGLISH,
    }
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
                search: search_text(&text),
                points_to,
                lang: card.lang.clone(),
            }
        })
        .collect()
}

/// A card's words as the library searches them, folded both ways: transliterated (a query
/// typed without accents, or in Latin letters, finds them) and as the browser folds what is
/// typed (a query in the card's own script finds them). Each word once: a query word holds no
/// space, so it is found inside one word or not at all, and a repeated word adds nothing but
/// bytes to the library page.
fn search_text(text: &str) -> String {
    let (transliterated, typed) = (fold(text), search::fold(text));
    let mut words: Vec<&str> = Vec::new();
    for word in transliterated.split_whitespace().chain(typed.split_whitespace()) {
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words.join(" ")
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

    #[test]
    fn the_search_text_holds_each_word_once() {
        let text = "Réplique en lecture \u{b7} Cache ou réplique \u{b7} Москва";
        assert_eq!(search_text(text), "replique en lecture cache ou moskva \u{b7} Москва");
    }

    proptest::proptest! {
        /// Each word once finds what the two folds side by side found, whatever the text and
        /// the query.
        #[test]
        fn the_search_text_finds_what_both_folds_find(
            text in "[a-zA-Zéèàçœ·Мос \\-]{0,40}",
            query in "[a-zA-Zéèàçœ Мос·-]{0,8}",
        ) {
            let both = format!("{} {}", fold(&text), search::fold(&text));
            proptest::prop_assert_eq!(search::matches(&search_text(&text), &query), search::matches(&both, &query));
        }
    }
}
