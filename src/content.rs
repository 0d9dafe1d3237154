//! The decision cards bundled into the app.
//!
//! The build script reads and validates `content/*.toml` and writes them as Rust code that
//! constructs them (`$OUT_DIR/cards.rs`); this module includes that code and runs it once,
//! on first use. The first card is the one the library lists first.
//!
//! Code rather than JSON: the values are built directly, so the WASM carries no JSON
//! deserializer for the card types and start-up parses nothing. The build refuses a content
//! folder without cards, so the bundle is never empty; lookups still return `Option`, so the
//! screen can say what is missing rather than fail.

use decision_core::card::Card;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The cards as the build script wrote them: one expression that builds them.
mod bundled {
    use decision_core::card::*;
    use std::collections::BTreeMap;

    // Out of line, so that each string costs one call rather than inlined allocation code.
    #[inline(never)]
    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[inline(never)]
    fn strs(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    fn map<V, const N: usize>(entries: [(String, V); N]) -> BTreeMap<String, V> {
        super::map(entries)
    }

    pub fn cards() -> Vec<Card> {
        include!(concat!(env!("OUT_DIR"), "/cards.rs"))
    }
}

/// Every bundled card, in library order.
pub fn cards() -> &'static [Card] {
    static CARDS: OnceLock<Vec<Card>> = OnceLock::new();
    CARDS.get_or_init(bundled::cards)
}

/// The card with this id, if it is bundled.
pub fn card(id: &str) -> Option<&'static Card> {
    cards().iter().find(|c| c.id == id)
}

/// The card listed first.
pub fn first() -> Option<&'static Card> {
    cards().first()
}

/// A map built by insertion. `collect()` and `From` would sort the entries first, and each
/// element type's sort costs kilobytes of WASM; entries here are few, and those from the
/// build script are already in key order.
fn map<V, const N: usize>(entries: [(String, V); N]) -> BTreeMap<String, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}
