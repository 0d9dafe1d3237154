//! The data a page carries for its app: one card (a card page, a workshop page), or the
//! library's list of cards. The build writes it into the page as JSON
//! (`<script type="application/json" id="dc-data">`, see [`crate::authoring::emit`]); the
//! app reads it here. So the WASM holds no card at all: one WASM serves every card of the
//! library, and a card added to `content/` costs a page, not kilobytes on every page.
//!
//! The reader is written out by hand over [`crate::json`]: serde's derived deserializers
//! would be tens of kilobytes of WASM for a document the build wrote and checked. A test
//! reads back every card of `content/` as the build writes it.

use crate::card::*;
use crate::json::{self, Json};
use serde::Serialize;
use std::collections::BTreeMap;

/// The id of the element that holds a page's data.
pub const DATA_ID: &str = "dc-data";

/// What the library page shows of a card before it is opened, and what it needs to say how
/// far this browser got with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardSummary {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub tagline: String,
    pub question: String,
    pub default_stance: String,
    /// The card's factor ids, to count how many a user has set.
    pub factors: Vec<String>,
}

impl CardSummary {
    pub fn of(card: &Card) -> CardSummary {
        CardSummary {
            id: card.id.clone(),
            version: card.version,
            title: card.title.clone(),
            tagline: card.tagline.clone(),
            question: card.decision.question.clone(),
            default_stance: card.decision.default_stance.clone(),
            factors: card.factors.iter().map(|f| f.id.clone()).collect(),
        }
    }

    /// How far this browser got with the card, from its stored progress (`None`: nothing
    /// stored). A factor counts as set once its slider or its weight has been moved.
    pub fn progress(&self, stored: Option<&str>) -> Progress {
        let Some(raw) = stored else { return Progress::NotStarted };
        match crate::envelope::decode(raw, &self.id) {
            Err(_) => Progress::Unreadable,
            Ok(env) => Progress::Started {
                factors_set: self
                    .factors
                    .iter()
                    .filter(|f| {
                        env.answers.factors.get(f).is_some_and(|a| a.position != 0 || a.weight.is_some())
                    })
                    .count(),
                saved_at: env.saved_at,
            },
        }
    }
}

/// How far this browser got with a card: see [`CardSummary::progress`].
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    NotStarted,
    /// Something is stored but cannot be read; the card page says why and keeps it.
    Unreadable,
    Started {
        factors_set: usize,
        saved_at: f64,
    },
}

/// A card page's data: the card.
pub fn read_card(text: &str) -> Result<Card, String> {
    let value = json::parse(text).map_err(|e| format!("the card data is not JSON ({e:?})"))?;
    card(&R { v: &value, path: String::new() })
}

/// The library page's data: the cards it lists, in order.
pub fn read_library(text: &str) -> Result<Vec<CardSummary>, String> {
    let value = json::parse(text).map_err(|e| format!("the library data is not JSON ({e:?})"))?;
    let r = R { v: &value, path: String::new() };
    r.list()?
        .iter()
        .map(|c| {
            Ok(CardSummary {
                id: c.text("id")?,
                version: c.number("version")? as u32,
                title: c.text("title")?,
                tagline: c.text("tagline")?,
                question: c.text("question")?,
                default_stance: c.text("default_stance")?,
                factors: c.texts("factors")?,
            })
        })
        .collect()
}

/// A value being read, with its path for messages.
struct R<'a> {
    v: &'a Json,
    path: String,
}

impl<'a> R<'a> {
    fn field(&self, name: &str) -> Result<R<'a>, String> {
        let path = if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) };
        match self.v.get(name) {
            Some(v) => Ok(R { v, path }),
            None => Err(format!("`{path}` is missing")),
        }
    }

    fn text(&self, name: &str) -> Result<String, String> {
        let f = self.field(name)?;
        f.v.as_str().map(str::to_owned).ok_or_else(|| format!("`{}` is not text", f.path))
    }

    fn flag(&self, name: &str) -> Result<bool, String> {
        match self.field(name)?.v {
            Json::Bool(b) => Ok(*b),
            _ => Err(format!("`{}.{name}` is not true or false", self.path)),
        }
    }

    fn number(&self, name: &str) -> Result<f64, String> {
        let f = self.field(name)?;
        f.v.as_f64().ok_or_else(|| format!("`{}` is not a number", f.path))
    }

    fn list(&self) -> Result<Vec<R<'a>>, String> {
        let items = self.v.as_array().ok_or_else(|| format!("`{}` is not a list", self.path))?;
        Ok(items.iter().enumerate().map(|(i, v)| R { v, path: format!("{}[{i}]", self.path) }).collect())
    }

    fn texts(&self, name: &str) -> Result<Vec<String>, String> {
        self.field(name)?
            .list()?
            .iter()
            .map(|item| {
                item.v.as_str().map(str::to_owned).ok_or_else(|| format!("`{}` is not text", item.path))
            })
            .collect()
    }

    fn items(&self, name: &str) -> Result<Vec<Item>, String> {
        self.field(name)?
            .list()?
            .iter()
            .map(|i| {
                // `informs` and its mark are written only when set (see `Item`).
                let has = |name: &str| i.v.get(name).is_some();
                Ok(Item {
                    id: i.text("id")?,
                    text: i.text("text")?,
                    informs: if has("informs") { i.texts("informs")? } else { Vec::new() },
                    informs_added: has("informs_added") && i.flag("informs_added")?,
                })
            })
            .collect()
    }
}

fn card(r: &R) -> Result<Card, String> {
    let framing = r.field("framing")?;
    let decision = r.field("decision")?;
    let options = r.field("options")?.list()?;
    let [a, b] = options.as_slice() else {
        return Err("`options` does not hold exactly two options".into());
    };
    let reversibility = r.field("reversibility")?;
    let pressures = r.field("pressures")?;
    let ai = r.field("ai")?;
    let scoring = r.field("scoring")?;
    let mut burden = BTreeMap::new();
    let burdens = scoring.field("burden")?;
    for (key, value) in burdens.v.as_object().ok_or("`scoring.burden` is not a map")? {
        burden.insert(
            key.clone(),
            value.as_f64().ok_or_else(|| format!("`scoring.burden.{key}` is not a number"))?,
        );
    }
    Ok(Card {
        id: r.text("id")?,
        version: r.number("version")? as u32,
        title: r.text("title")?,
        tagline: r.text("tagline")?,
        framing: Framing {
            really_about: framing.texts("really_about")?,
            not_about: framing.texts("not_about")?,
            why_hard: framing.texts("why_hard")?,
        },
        decision: Decision {
            question: decision.text("question")?,
            heuristic: decision.text("heuristic")?,
            default_stance: decision.text("default_stance")?,
            default_option: decision.text("default_option")?,
        },
        options: [option(a)?, option(b)?],
        reversibility: Reversibility {
            undo_cost: reversibility.text("undo_cost")?,
            undo_cost_added: reversibility.flag("undo_cost_added")?,
            relook_triggers: reversibility.items("relook_triggers")?,
        },
        factors: r.field("factors")?.list()?.iter().map(factor).collect::<Result<_, _>>()?,
        questions: r.items("questions")?,
        evidence: r.items("evidence")?,
        pressures: Pressures {
            bad_reasons: pressures
                .field("bad_reasons")?
                .list()?
                .iter()
                .map(pitfall)
                .collect::<Result<_, _>>()?,
            anti_patterns: pressures
                .field("anti_patterns")?
                .list()?
                .iter()
                .map(pitfall)
                .collect::<Result<_, _>>()?,
        },
        ai: AiImpact {
            helps: ai.texts("helps")?,
            worsens: ai.texts("worsens")?,
            false_confidence: ai.text("false_confidence")?,
            synthesis: ai.text("synthesis")?,
        },
        related: r
            .field("related")?
            .list()?
            .iter()
            .map(|x| {
                Ok(Related {
                    kind: x.text("kind")?,
                    title: x.text("title")?,
                    title_added: x.flag("title_added")?,
                    text: x.text("text")?,
                })
            })
            .collect::<Result<_, String>>()?,
        scoring: Scoring { signal_strength: scoring.number("signal_strength")?, burden },
    })
}

fn option(r: &R) -> Result<OptionSide, String> {
    Ok(OptionSide {
        id: r.text("id")?,
        name: r.text("name")?,
        best_when: r.texts("best_when")?,
        real_world_fits: r.texts("real_world_fits")?,
        strengths: r.texts("strengths")?,
        costs: r.texts("costs")?,
        hidden_costs: r.texts("hidden_costs")?,
        failure_modes: r.texts("failure_modes")?,
        who_absorbs_cost: r.texts("who_absorbs_cost")?,
        over_time: r.text("over_time")?,
        signals: r.items("signals")?,
    })
}

fn factor(r: &R) -> Result<Factor, String> {
    let gate_for = match r.field("gate_for")?.v {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        _ => return Err(format!("`{}.gate_for` is not an option id", r.path)),
    };
    let weight = r.number("weight")?;
    Ok(Factor {
        id: r.text("id")?,
        name: r.text("name")?,
        prompt: r.text("prompt")?,
        prompt_added: r.flag("prompt_added")?,
        weight: weight.clamp(0.0, 255.0) as u8,
        weight_added: r.flag("weight_added")?,
        gate_for,
    })
}

fn pitfall(r: &R) -> Result<Pitfall, String> {
    Ok(Pitfall {
        id: r.text("id")?,
        text: r.text("text")?,
        why: r.text("why")?,
        why_added: r.flag("why_added")?,
        favours: r.text("favours")?,
    })
}
