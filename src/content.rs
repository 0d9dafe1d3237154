//! The decision cards bundled into the app.
//!
//! The build script parses and validates `content/*.toml` and writes them as Rust code that
//! constructs them (`$OUT_DIR/cards.rs`); this module includes that code and runs it once,
//! on first use. The first card is the one the app opens by default.
//!
//! Code rather than JSON: the values are built directly, so the WASM carries no JSON
//! deserializer for the card types (about 45 KB of it) and start-up parses nothing. The
//! build script refuses a content folder without cards; an empty bundle is still handled
//! rather than unwrapped: a panic in WASM leaves a dead frame in someone's wiki page with
//! no word of what went wrong, whereas [`load_error`] lets the UI say so.

use crate::model::card::{
    AiImpact, Card, Decision, Framing, OptionSide, Pressures, Reversibility, Scoring,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The cards as the build script wrote them: one expression that builds them.
mod bundled {
    use crate::model::card::*;
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

struct Bundle {
    cards: Vec<Card>,
    error: Option<String>,
    /// Handed out by [`first`] when there is no card, so callers never need to unwrap.
    placeholder: Card,
}

fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let cards = bundled::cards();
        let error = cards
            .is_empty()
            .then(|| "No decision card is bundled with this build.".to_string());
        Bundle {
            cards,
            error,
            placeholder: placeholder(),
        }
    })
}

/// Every bundled card, the default one first. Empty only if [`load_error`] says why.
pub fn cards() -> &'static [Card] {
    &bundle().cards
}

/// The card with this id, if it is bundled.
pub fn card(id: &str) -> Option<&'static Card> {
    cards().iter().find(|c| c.id == id)
}

/// The card to open when none is asked for. If no card could be read this is a blank
/// placeholder with two unnamed options, and [`load_error`] returns the reason to show.
pub fn first() -> &'static Card {
    let b = bundle();
    b.cards.first().unwrap_or(&b.placeholder)
}

/// Why no card could be read, for the UI to show; `None` when the bundle is fine.
pub fn load_error() -> Option<&'static str> {
    bundle().error.as_deref()
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

/// A card with every section empty but the shape the engine needs (two options, a
/// default, a burden), so that rendering it shows headings and a message, never a crash.
fn placeholder() -> Card {
    let option = |id: &str, name: &str| OptionSide {
        id: id.into(),
        name: name.into(),
        best_when: Vec::new(),
        real_world_fits: Vec::new(),
        strengths: Vec::new(),
        costs: Vec::new(),
        hidden_costs: Vec::new(),
        failure_modes: Vec::new(),
        who_absorbs_cost: Vec::new(),
        over_time: String::new(),
        signals: Vec::new(),
    };
    Card {
        id: "unavailable".into(),
        version: 0,
        title: "No decision card available".into(),
        tagline: String::new(),
        framing: Framing {
            really_about: Vec::new(),
            not_about: Vec::new(),
            why_hard: Vec::new(),
        },
        decision: Decision {
            question: String::new(),
            heuristic: String::new(),
            default_stance: String::new(),
            default_option: "a".into(),
        },
        options: vec![option("a", "Option A"), option("b", "Option B")],
        reversibility: Reversibility {
            undo_cost: "unknown".into(),
            relook_triggers: Vec::new(),
        },
        factors: Vec::new(),
        questions: Vec::new(),
        evidence: Vec::new(),
        pressures: Pressures {
            bad_reasons: Vec::new(),
            anti_patterns: Vec::new(),
        },
        ai: AiImpact {
            helps: Vec::new(),
            worsens: Vec::new(),
            false_confidence: String::new(),
            synthesis: String::new(),
        },
        related: Vec::new(),
        scoring: Scoring {
            signal_strength: 1.0,
            burden: map([("unknown".to_string(), 1.0)]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    /// The placeholder stands in for a real card when the bundle is unreadable, so it must
    /// have what the engine and the UI index into without checking.
    #[test]
    fn placeholder_has_the_shape_the_engine_needs() {
        let card = placeholder();
        assert_eq!(card.options.len(), 2);
        assert_eq!(card.option_index(&card.decision.default_option), Some(0));
        assert!(card.burden() > 0.0);
    }
}
