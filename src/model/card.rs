//! The decision card as its author wrote it: plain data, no behaviour.
//!
//! Cards are written in TOML under `content/`; the build script parses and validates them
//! into these same types and hands the app JSON, so no TOML parser ships in the WASM.
//! Every item a user can answer carries a stable `id`: saved answers are keyed by it, so
//! rewording an item's text never loses an answer.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One complete decision card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable identifier, used in URLs and storage keys (lowercase, digits, `-`).
    pub id: String,
    /// Content version; bump it when items are added, removed or re-identified.
    pub version: u32,
    pub title: String,
    /// One line under the title ("Usually a control-vs-complexity decision.").
    pub tagline: String,
    pub framing: Framing,
    pub decision: Decision,
    /// Exactly two options: index 0 is "Option A", index 1 is "Option B".
    pub options: Vec<OptionSide>,
    pub reversibility: Reversibility,
    /// The key factors, each answered with a slider.
    pub factors: Vec<Factor>,
    /// "Questions to ask": each gets a note field.
    pub questions: Vec<Item>,
    /// "Evidence needed": each gets a status and a note.
    pub evidence: Vec<Item>,
    pub pressures: Pressures,
    pub ai: AiImpact,
    #[serde(default)]
    pub related: Vec<Related>,
    pub scoring: Scoring,
}

/// What the decision is really about, not about, and why it feels hard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framing {
    pub really_about: Vec<String>,
    pub not_about: Vec<String>,
    pub why_hard: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The question being decided.
    pub question: String,
    pub heuristic: String,
    /// The default stance in the card's words.
    pub default_stance: String,
    /// Id of the option to prefer until the evidence clears the burden of proof.
    pub default_option: String,
}

/// One pole of the trade-off, with everything the card says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSide {
    pub id: String,
    pub name: String,
    pub best_when: Vec<String>,
    pub real_world_fits: Vec<String>,
    pub strengths: Vec<String>,
    pub costs: Vec<String>,
    pub hidden_costs: Vec<String>,
    pub failure_modes: Vec<String>,
    pub who_absorbs_cost: Vec<String>,
    /// How this option ages over time.
    pub over_time: String,
    /// "What should push the call" toward this option: genuine signals.
    pub signals: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reversibility {
    /// What undoing costs; must be a key of [`Scoring::burden`].
    pub undo_cost: String,
    /// "What should force a re-look".
    pub relook_triggers: Vec<Item>,
}

/// A key factor, answered on a slider from "clearly Option A" to "clearly Option B".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: String,
    pub name: String,
    /// A short prompt that helps place the slider.
    pub prompt: String,
    /// True when the prompt was written for the tool rather than taken from the card.
    #[serde(default)]
    pub prompt_added: bool,
    /// Default importance, `0..=MAX_WEIGHT`.
    pub weight: u8,
    /// When set, this factor is a capability gate for the named option: a case for that
    /// option is not taken while this factor points away from it.
    #[serde(default)]
    pub gate_for: Option<String>,
}

/// A plain answerable item: a question, an evidence need, a signal or a trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
}

/// Pressures that feel convincing but must not count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pressures {
    pub bad_reasons: Vec<Pitfall>,
    pub anti_patterns: Vec<Pitfall>,
}

/// A common bad reason or anti-pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    pub id: String,
    pub text: String,
    /// Why it does not count, in the card's own words.
    pub why: String,
    /// Id of the option this pressure pushes toward.
    pub favours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiImpact {
    pub helps: Vec<String>,
    pub worsens: Vec<String>,
    pub false_confidence: String,
    pub synthesis: String,
}

/// A connected decision ("Easy to confuse with", "Adjacent concept", ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub kind: String,
    pub title: String,
    /// True when the title was supplied because the source had lost it.
    #[serde(default)]
    pub title_added: bool,
    pub text: String,
}

/// The numbers of the decision engine. They are content: a card tunes its own engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// What one ticked genuine signal adds to its side, in the same units as a factor at
    /// full position and weight 1.
    pub signal_strength: f64,
    /// Burden of proof (score needed to leave the default) per undo cost.
    pub burden: BTreeMap<String, f64>,
}

/// Highest importance a factor can have.
pub const MAX_WEIGHT: u8 = 3;

impl Card {
    /// Index of the default option (0 or 1). A validated card always names one of its
    /// options; anything else falls back to the first.
    pub fn default_index(&self) -> usize {
        self.option_index(&self.decision.default_option)
            .unwrap_or(0)
    }

    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The burden of proof for this card's undo cost.
    pub fn burden(&self) -> f64 {
        self.scoring
            .burden
            .get(&self.reversibility.undo_cost)
            .copied()
            .unwrap_or(0.0)
    }

    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// Genuine signals with the index of the option they point to.
    pub fn signals(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.options
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.signals.iter().map(move |s| (i, s)))
    }

    /// Bad reasons and anti-patterns together.
    pub fn pitfalls(&self) -> impl Iterator<Item = &Pitfall> {
        self.pressures
            .bad_reasons
            .iter()
            .chain(self.pressures.anti_patterns.iter())
    }
}
