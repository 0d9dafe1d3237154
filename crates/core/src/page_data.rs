//! The data a page carries for its app: one card (a card page, a workshop page), or the
//! library's list of cards. The build writes it into the page as JSON
//! (`<script type="application/json" id="dc-data">`, see [`crate::authoring::emit`]); the
//! app reads it here. So the WASM holds no card at all: one WASM serves every card of the
//! library, and a card added to `content/` costs a page, not kilobytes on every page.
//!
//! The reader is written out by hand over [`crate::json::At`], which names the path of a
//! wrong value in its error: serde's derived deserializers would be tens of kilobytes of
//! WASM for a document the build wrote and checked. A test reads back every card of
//! `content/` as the build writes it.

use crate::card::*;
use crate::dates::Date;
use crate::history::compare::due;
use crate::json::{self, At, Expected, Json, ShapeError};
use serde::Serialize;
use std::collections::BTreeMap;

/// The id of the element that holds a page's data.
pub const DATA_ID: &str = "dc-data";

/// What the library page shows of a card before it is opened, what it searches, and what it
/// needs to say how far this browser got with it. Written at build time
/// (`authoring::emit::summaries`), where the whole library is known.
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
    /// The group the card is listed under; empty for none.
    pub group: String,
    /// Its title, tagline, question, option and factor names, folded for the search box
    /// ([`crate::search`]).
    pub search: String,
    /// The cards of the library its related decisions name, by id.
    pub points_to: Vec<String>,
    /// The language the card is written in (`lang`), which its text is marked with on the
    /// library page when the page speaks another.
    pub lang: String,
}

impl CardSummary {
    /// How far this browser got with the card, from its stored progress (`None`: nothing
    /// stored), on `today`. A factor counts as set once its slider or its weight has been
    /// moved.
    pub fn progress(&self, stored: Option<&str>, today: Option<Date>) -> Progress {
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
                decided: env.history.latest().map(|d| Decided {
                    decided_on: d.decided_on,
                    revisit_by: d.revisit_by,
                    due: today.is_some_and(|today| due(d, today, &env.answers).is_some()),
                }),
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
        /// The decision in force, when one was recorded.
        decided: Option<Decided>,
    },
}

/// Where a card stands in this browser, as the library's filter sorts cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    NotStarted,
    /// Answers saved (or saved progress that cannot be read), no decision recorded.
    InProgress,
    Decided,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        match self {
            Progress::NotStarted => Stage::NotStarted,
            Progress::Started { decided: Some(_), .. } => Stage::Decided,
            _ => Stage::InProgress,
        }
    }
}

/// The decision in force on a card, as the library shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub decided_on: Date,
    pub revisit_by: Date,
    /// Its revisit date has come, or a re-look trigger was ticked since.
    pub due: bool,
}

/// Why a page's data could not be read; [`crate::messages`] words it.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// The data is not JSON.
    NotJson(json::ParseError),
    /// JSON, but not a card (or a library): which value is wrong, and how.
    Shape(ShapeError),
}

impl From<ShapeError> for DataError {
    fn from(shape: ShapeError) -> Self {
        DataError::Shape(shape)
    }
}

/// A card page's data: the card.
pub fn read_card(text: &str) -> Result<Card, DataError> {
    let value = json::parse(text).map_err(DataError::NotJson)?;
    Ok(card(&At::top(&value))?)
}

/// The library page's data: the cards it lists, in order.
pub fn read_library(text: &str) -> Result<Vec<CardSummary>, DataError> {
    let value = json::parse(text).map_err(DataError::NotJson)?;
    let cards = At::top(&value)
        .items()?
        .map(|c| {
            Ok(CardSummary {
                id: c.text_of("id")?,
                version: c.number_of("version")? as u32,
                title: c.text_of("title")?,
                tagline: c.text_of("tagline")?,
                question: c.text_of("question")?,
                default_stance: c.text_of("default_stance")?,
                factors: c.texts_of("factors")?,
                group: c.text_of("group")?,
                search: c.text_of("search")?,
                points_to: c.texts_of("points_to")?,
                lang: c.text_of("lang")?,
            })
        })
        .collect::<Result<_, ShapeError>>()?;
    Ok(cards)
}

fn items(r: &At, key: &str) -> Result<Vec<Item>, ShapeError> {
    r.list(key, |i| {
        // `informs` and its mark are written only when set (see `Item`).
        let has = |name: &str| i.get(name).is_ok_and(|f| f.is_some());
        Ok(Item {
            id: i.text_of("id")?,
            text: i.text_of("text")?,
            informs: if has("informs") { i.texts_of("informs")? } else { Vec::new() },
            informs_added: has("informs_added") && i.bool_of("informs_added")?,
        })
    })
}

fn card(r: &At) -> Result<Card, ShapeError> {
    let framing = r.field("framing")?;
    let decision = r.field("decision")?;
    let option_list = r.field("options")?;
    let options: Vec<At> = option_list.items()?.collect();
    let [a, b] = options.as_slice() else {
        return Err(option_list.expected(Expected::ListOf(2)));
    };
    let reversibility = r.field("reversibility")?;
    let pressures = r.field("pressures")?;
    let ai = r.field("ai")?;
    let scoring = r.field("scoring")?;
    let mut burden = BTreeMap::new();
    for (key, value) in scoring.field("burden")?.members()? {
        burden.insert(key.to_owned(), value.number()?);
    }
    Ok(Card {
        id: r.text_of("id")?,
        version: r.number_of("version")? as u32,
        title: r.text_of("title")?,
        tagline: r.text_of("tagline")?,
        group: optional_text(r, "group")?,
        lang: lang_of(r)?,
        framing: Framing {
            really_about: framing.texts_of("really_about")?,
            not_about: framing.texts_of("not_about")?,
            why_hard: framing.texts_of("why_hard")?,
        },
        decision: Decision {
            question: decision.text_of("question")?,
            heuristic: decision.text_of("heuristic")?,
            default_stance: decision.text_of("default_stance")?,
            default_option: decision.text_of("default_option")?,
        },
        options: [option(a)?, option(b)?],
        reversibility: Reversibility {
            undo_cost: reversibility.text_of("undo_cost")?,
            undo_cost_added: reversibility.bool_of("undo_cost_added")?,
            relook_triggers: items(&reversibility, "relook_triggers")?,
            revisit_after: match reversibility.get("revisit_after")? {
                Some(p) if !matches!(p.value, Json::Null) => {
                    Some(Period::parse(p.str()?).map_err(|_| p.expected(Expected::Period))?)
                }
                _ => None,
            },
        },
        factors: r.list("factors", factor)?,
        questions: items(r, "questions")?,
        evidence: items(r, "evidence")?,
        pressures: Pressures {
            bad_reasons: pressures.list("bad_reasons", pitfall)?,
            anti_patterns: pressures.list("anti_patterns", pitfall)?,
        },
        ai: AiImpact {
            helps: ai.texts_of("helps")?,
            worsens: ai.texts_of("worsens")?,
            false_confidence: ai.text_of("false_confidence")?,
            synthesis: ai.text_of("synthesis")?,
        },
        related: r.list("related", |x| {
            Ok(Related {
                kind: x.text_of("kind")?,
                title: x.text_of("title")?,
                title_added: x.bool_of("title_added")?,
                text: x.text_of("text")?,
                card: optional_text(x, "card")?,
            })
        })?,
        scoring: Scoring { signal_strength: scoring.number_of("signal_strength")?, burden },
        named_by: match r.get("named_by")? {
            Some(_) => r.list("named_by", |c| {
                Ok(CardRef { id: c.text_of("id")?, title: c.text_of("title")?, lang: lang_of(c)? })
            })?,
            None => Vec::new(),
        },
    })
}

/// A text member written only when not empty.
/// A `lang` field, written only when it is not English.
fn lang_of(r: &At) -> Result<String, ShapeError> {
    match optional_text(r, "lang")? {
        lang if lang.is_empty() => Ok(ENGLISH.to_owned()),
        lang => Ok(lang),
    }
}

fn optional_text(r: &At, key: &str) -> Result<String, ShapeError> {
    match r.get(key)? {
        Some(text) => text.text(),
        None => Ok(String::new()),
    }
}

fn option(r: &At) -> Result<OptionSide, ShapeError> {
    Ok(OptionSide {
        id: r.text_of("id")?,
        name: r.text_of("name")?,
        best_when: r.texts_of("best_when")?,
        real_world_fits: r.texts_of("real_world_fits")?,
        strengths: r.texts_of("strengths")?,
        costs: r.texts_of("costs")?,
        hidden_costs: r.texts_of("hidden_costs")?,
        failure_modes: r.texts_of("failure_modes")?,
        who_absorbs_cost: r.texts_of("who_absorbs_cost")?,
        over_time: r.text_of("over_time")?,
        signals: items(r, "signals")?,
    })
}

fn factor(r: &At) -> Result<Factor, ShapeError> {
    let gate_for = r.field("gate_for")?;
    let gate_for = match gate_for.value {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        _ => return Err(gate_for.expected(Expected::TextOrNull)),
    };
    let weight = r.number_of("weight")?;
    Ok(Factor {
        id: r.text_of("id")?,
        name: r.text_of("name")?,
        prompt: r.text_of("prompt")?,
        prompt_added: r.bool_of("prompt_added")?,
        weight: weight.clamp(0.0, 255.0) as u8,
        weight_added: r.bool_of("weight_added")?,
        gate_for,
    })
}

fn pitfall(r: &At) -> Result<Pitfall, ShapeError> {
    Ok(Pitfall {
        id: r.text_of("id")?,
        text: r.text_of("text")?,
        why: r.text_of("why")?,
        why_added: r.bool_of("why_added")?,
        favours: r.text_of("favours")?,
    })
}
