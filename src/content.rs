//! The decision cards bundled into the app.
//!
//! The build script parses and validates `content/*.toml` and writes them as one JSON
//! array; this module embeds that JSON and reads it once, on first use. The first card is
//! the one the app opens by default.
//!
//! Reading cannot fail for a build that passed its build script, since the JSON was
//! written from the very types it is read into. It is still handled rather than
//! unwrapped: a panic in WASM leaves a dead frame in someone's wiki page with no word of
//! what went wrong, whereas an empty list plus [`load_error`] lets the UI say so.

use crate::model::card::{
    AiImpact, Card, Decision, Framing, OptionSide, Pressures, Reversibility, Scoring,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The cards as the build script wrote them.
const CARDS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/cards.json"));

struct Bundle {
    cards: Vec<Card>,
    error: Option<String>,
    /// Handed out by [`first`] when there is no card, so callers never need to unwrap.
    placeholder: Card,
}

fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let (cards, error) = match serde_json::from_str::<Vec<Card>>(CARDS_JSON) {
            Ok(cards) if cards.is_empty() => (
                cards,
                Some("No decision card is bundled with this build.".to_string()),
            ),
            Ok(cards) => (cards, None),
            Err(e) => (
                Vec::new(),
                Some(format!("The bundled decision cards could not be read: {e}")),
            ),
        };
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
            burden: BTreeMap::from([("unknown".to_string(), 1.0)]),
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
