//! Fixtures shared by the core's tests: cards built in code (small, with the seed card's
//! numbers or a second card's), the real cards of `content/` read the way the build reads
//! them, and helpers to write answers.

#![allow(dead_code)]

use decision_core::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer};
use decision_core::authoring::load;
use decision_core::card::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The seed card's id ("Model API vs Self-Hosted Model").
pub const SEED_ID: &str = "model-api-vs-self-hosted";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every card of `content/`, read and validated as the build reads them.
pub fn content_cards() -> &'static [Card] {
    static CARDS: OnceLock<Vec<Card>> = OnceLock::new();
    CARDS.get_or_init(|| {
        let report = load::load_dir(&root(), &root().join("content"));
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "content/ has errors: {errors:#?}");
        report.cards
    })
}

/// A card of `content/` by id.
pub fn content_card(id: &str) -> &'static Card {
    content_cards().iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no card {id} in content/"))
}

/// The seed card as it is in `content/`.
pub fn seed_card() -> &'static Card {
    content_card(SEED_ID)
}

pub fn item(id: &str) -> Item {
    Item::new(id, id)
}

pub fn pitfall(id: &str, favours: &str) -> Pitfall {
    Pitfall {
        id: id.into(),
        text: id.into(),
        why: "It does not count.".into(),
        why_added: false,
        favours: favours.into(),
    }
}

pub fn option(id: &str, signals: &[&str]) -> OptionSide {
    OptionSide {
        id: id.into(),
        name: id.into(),
        best_when: vec![format!("{id} fits")],
        real_world_fits: vec![],
        strengths: vec![format!("{id} is strong")],
        costs: vec![format!("{id} costs")],
        hidden_costs: vec![],
        failure_modes: vec![],
        who_absorbs_cost: vec![],
        over_time: String::new(),
        signals: signals.iter().map(|s| item(s)).collect(),
    }
}

pub fn factor(id: &str, weight: u8, gate_for: Option<&str>) -> Factor {
    Factor {
        id: id.into(),
        name: id.into(),
        prompt: format!("Where does {id} point?"),
        prompt_added: false,
        weight,
        weight_added: false,
        gate_for: gate_for.map(Into::into),
    }
}

pub fn burdens() -> BTreeMap<String, f64> {
    [("easy", 1.5), ("moderate", 3.0), ("moderate-hard", 4.0), ("hard", 5.0)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// A card with only what the engine reads; every optional section empty.
#[allow(clippy::too_many_arguments)]
pub fn card(
    id: &str,
    options: [OptionSide; 2],
    default_option: &str,
    factors: Vec<Factor>,
    bad_reasons: Vec<Pitfall>,
    anti_patterns: Vec<Pitfall>,
    evidence: &[&str],
    undo_cost: &str,
) -> Card {
    Card {
        id: id.into(),
        version: 1,
        title: id.into(),
        tagline: String::new(),
        group: String::new(),
        lang: "en".into(),
        framing: Framing::default(),
        decision: Decision {
            question: format!("Which way for {id}?"),
            heuristic: String::new(),
            default_stance: String::new(),
            default_option: default_option.into(),
        },
        options,
        reversibility: Reversibility {
            undo_cost: undo_cost.into(),
            undo_cost_added: false,
            relook_triggers: vec![],
            revisit_after: None,
        },
        factors,
        questions: vec![],
        evidence: evidence.iter().map(|e| item(e)).collect(),
        pressures: Pressures { bad_reasons, anti_patterns },
        ai: AiImpact::default(),
        related: vec![],
        scoring: Scoring { signal_strength: 1.0, burden: burdens() },
        named_by: Vec::new(),
    }
}

/// Mirrors the seed card's numbers: default "api" (Option A), burden 4 (moderate-hard).
pub fn seed_like() -> Card {
    card(
        "model-serving",
        [
            option("api", &["sig-api-speed", "sig-api-small-team"]),
            option("self-hosted", &["sig-sh-data-residency", "sig-sh-volume"]),
        ],
        "api",
        vec![
            factor("privacy", 3, None),
            factor("control", 2, None),
            factor("ops", 2, Some("self-hosted")),
            factor("latency", 1, None),
            factor("economics", 2, None),
        ],
        vec![pitfall("bad-hype", "self-hosted"), pitfall("bad-vendor-fear", "self-hosted")],
        vec![pitfall("anti-resume", "self-hosted"), pitfall("anti-no-effort", "api")],
        &["ev-cost-model", "ev-ops-audit"],
        "moderate-hard",
    )
}

/// An unrelated card whose default is Option B, with its own ids and a gate on Option A.
pub fn other_card() -> Card {
    card(
        "build-vs-buy",
        [
            option("build", &["sig-core-differentiator", "sig-unique-workflow"]),
            option("buy", &["sig-commodity", "sig-deadline"]),
        ],
        "buy",
        vec![factor("fit", 3, None), factor("team", 2, Some("build")), factor("cost", 1, None)],
        vec![pitfall("bad-nih", "build")],
        vec![pitfall("anti-shiny", "buy")],
        &["ev-market-scan"],
        "moderate",
    )
}

/// Sets a factor's slider position, keeping its importance.
pub fn set(answers: &mut Answers, id: &str, position: i8) {
    answers.factors.entry(id.into()).or_default().position = position;
}

pub fn tick(answers: &mut Answers, ids: &[&str]) {
    answers.ticked.extend(ids.iter().map(|s| s.to_string()));
}

/// Answers from `(factor, position)` pairs and ticked ids.
pub fn answers(factors: &[(&str, i8)], ticked: &[&str]) -> Answers {
    let mut a = Answers::default();
    for (id, position) in factors {
        a.factors.insert((*id).into(), FactorAnswer { position: *position, weight: None });
    }
    tick(&mut a, ticked);
    a
}

pub fn evidence(status: EvidenceStatus, note: &str) -> EvidenceAnswer {
    EvidenceAnswer { status, note: note.into() }
}
