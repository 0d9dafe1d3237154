//! The decision card as its author wrote it: plain data, no behaviour beyond lookups.
//!
//! Cards are written in TOML under `content/` ([`crate::authoring`] reads and checks them at
//! build time). Every item a user can answer carries a stable `id`: saved answers are keyed
//! by it, so rewording an item's text never loses an answer.
//!
//! What a decision needs in order to be decided is required: the title, the question, the
//! default option, two options each with "best when", strengths and costs, at least one
//! factor, the undo cost and the scoring numbers. Every other section may be left out; an
//! empty list or an empty text means "the card does not have this section", and nothing
//! renders it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One complete decision card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable identifier, used in URLs, file names and storage keys (lowercase, digits, `-`).
    pub id: String,
    /// Content version; bump it when items are added, removed or re-identified.
    pub version: u32,
    pub title: String,
    /// One line under the title ("Usually a control-vs-complexity decision.").
    #[serde(default)]
    pub tagline: String,
    /// The group the library lists the card under ("Platform", "Data"); none when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// The language the card is written in, as a BCP 47 code (`en`, `fr`, `pt-BR`): the
    /// page's `lang`, and the catalogue the tool's own words around the card come from
    /// (`lang/<code>/`, [`crate::lang`]).
    #[serde(default = "english", skip_serializing_if = "is_english")]
    pub lang: String,
    #[serde(default)]
    pub framing: Framing,
    pub decision: Decision,
    /// The two poles of the trade-off: `options[0]` is Option A, `options[1]` Option B.
    pub options: [OptionSide; 2],
    pub reversibility: Reversibility,
    /// The key factors, each answered with a slider.
    pub factors: Vec<Factor>,
    /// "Questions to ask": each gets a note field.
    #[serde(default)]
    pub questions: Vec<Item>,
    /// "Evidence needed": each gets a status and a note.
    #[serde(default)]
    pub evidence: Vec<Item>,
    #[serde(default)]
    pub pressures: Pressures,
    #[serde(default)]
    pub ai: AiImpact,
    #[serde(default)]
    pub related: Vec<Related>,
    pub scoring: Scoring,
    /// The library's cards whose related decisions name this one: found at build time
    /// (`authoring::load::link_library`, which replaces whatever a card file says here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named_by: Vec<CardRef>,
}

/// The language of a card that does not say.
pub const ENGLISH: &str = "en";

fn english() -> String {
    ENGLISH.to_owned()
}

fn is_english(lang: &str) -> bool {
    lang == ENGLISH
}

/// Another card of the library, by id and title, and the language its title is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardRef {
    pub id: String,
    pub title: String,
    #[serde(default = "english", skip_serializing_if = "is_english")]
    pub lang: String,
}

/// One of the two options, by position: the engine's axis runs from A to B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    A,
    B,
}

impl Side {
    /// Both sides, A first.
    pub const BOTH: [Side; 2] = [Side::A, Side::B];

    /// 0 for A, 1 for B: the position in [`Card::options`].
    pub fn index(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }

    /// The side a signed amount points to (negative toward A, positive toward B); `None`
    /// for zero.
    pub fn of_sign(amount: f64) -> Option<Side> {
        if amount < 0.0 {
            Some(Side::A)
        } else if amount > 0.0 {
            Some(Side::B)
        } else {
            None
        }
    }

    /// +1 for B, −1 for A: the direction of this side on the engine's axis.
    pub fn sign(self) -> i8 {
        match self {
            Side::A => -1,
            Side::B => 1,
        }
    }
}

/// What the decision is really about, not about, and why it feels hard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Framing {
    pub really_about: Vec<String>,
    pub not_about: Vec<String>,
    pub why_hard: Vec<String>,
}

impl Framing {
    pub fn is_empty(&self) -> bool {
        self.really_about.is_empty() && self.not_about.is_empty() && self.why_hard.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The question being decided.
    pub question: String,
    #[serde(default)]
    pub heuristic: String,
    /// The default stance in the card's words.
    #[serde(default)]
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
    #[serde(default)]
    pub real_world_fits: Vec<String>,
    pub strengths: Vec<String>,
    pub costs: Vec<String>,
    #[serde(default)]
    pub hidden_costs: Vec<String>,
    #[serde(default)]
    pub failure_modes: Vec<String>,
    #[serde(default)]
    pub who_absorbs_cost: Vec<String>,
    /// How this option ages over time.
    #[serde(default)]
    pub over_time: String,
    /// "What should push the call" toward this option: genuine signals.
    #[serde(default)]
    pub signals: Vec<Item>,
}

impl OptionSide {
    /// Whether the card says nothing about who pays for this option or how it ages.
    pub fn cost_over_time_is_empty(&self) -> bool {
        self.who_absorbs_cost.is_empty() && self.over_time.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reversibility {
    /// What undoing costs; must be a key of [`Scoring::burden`].
    pub undo_cost: String,
    /// True when the undo cost was chosen for the tool because the source did not say.
    #[serde(default)]
    pub undo_cost_added: bool,
    /// "What should force a re-look".
    #[serde(default)]
    pub relook_triggers: Vec<Item>,
    /// How long after a decision it should be looked at again ("6 months", "1 year"): the
    /// revisit date a recorded decision starts with. None: six months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_after: Option<Period>,
}

/// A span of calendar time, written as a whole number and a unit: `90 days`, `6 weeks`,
/// `6 months`, `1 year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    pub amount: u16,
    pub unit: PeriodUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl PeriodUnit {
    const ALL: [(PeriodUnit, &'static str); 4] =
        [(Self::Days, "day"), (Self::Weeks, "week"), (Self::Months, "month"), (Self::Years, "year")];
}

impl Period {
    /// Reads `"<whole number> <unit>"`, the unit singular or plural; from 1 to 3,650 days'
    /// worth of any unit up to ten years.
    pub fn parse(text: &str) -> Result<Period, NotAPeriod> {
        let refuse = || NotAPeriod { text: text.to_owned(), out_of_range: false };
        let mut words = text.split_whitespace();
        let (Some(amount), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(refuse());
        };
        let amount: u16 = amount.parse().map_err(|_| refuse())?;
        let unit = PeriodUnit::ALL
            .iter()
            .find(|(_, name)| unit == *name || unit.strip_suffix('s') == Some(name))
            .map(|(unit, _)| *unit)
            .ok_or_else(refuse)?;
        let limit = match unit {
            PeriodUnit::Days => 3650,
            PeriodUnit::Weeks => 520,
            PeriodUnit::Months => 120,
            PeriodUnit::Years => 10,
        };
        if amount == 0 || amount > limit {
            return Err(NotAPeriod { text: text.to_owned(), out_of_range: true });
        }
        Ok(Period { amount, unit })
    }

    /// The date this period after `date`; `None` past the last date the tool handles.
    pub fn after(self, date: crate::dates::Date) -> Option<crate::dates::Date> {
        let n = i64::from(self.amount);
        match self.unit {
            PeriodUnit::Days => date.add_days(n),
            PeriodUnit::Weeks => date.add_days(7 * n),
            PeriodUnit::Months => date.add_months(i32::from(self.amount)),
            PeriodUnit::Years => date.add_months(12 * i32::from(self.amount)),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = NotAPeriod;
    fn try_from(text: String) -> Result<Period, NotAPeriod> {
        Period::parse(&text)
    }
}

/// A text that is not a [`Period`]. What it says is for the card's author (the build's
/// messages are English); the page, which reads periods the build checked, never says it,
/// so its sentences stay out of the WASM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPeriod {
    pub text: String,
    /// A period of a known unit, but zero or over ten years.
    pub out_of_range: bool,
}

impl std::fmt::Display for NotAPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = &self.text;
        if self.out_of_range {
            write!(f, "\"{text}\" is not a period from one day to ten years")
        } else {
            write!(f, "\"{text}\" is not a period: write a whole number and days, weeks, months or years, such as \"6 months\"")
        }
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        let name = PeriodUnit::ALL.iter().find(|(u, _)| *u == p.unit).map_or("month", |(_, n)| n);
        let plural = if p.amount == 1 { "" } else { "s" };
        format!("{} {name}{plural}", p.amount)
    }
}

/// A key factor, answered on a slider from "clearly Option A" to "clearly Option B".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: String,
    pub name: String,
    /// A short prompt that helps place the slider (empty: none; a warning at build time).
    #[serde(default)]
    pub prompt: String,
    /// True when the prompt was written for the tool rather than taken from the card.
    #[serde(default)]
    pub prompt_added: bool,
    /// Default importance, `0..=MAX_WEIGHT`.
    pub weight: u8,
    /// True when the weight was chosen for the tool because the source gives none.
    #[serde(default)]
    pub weight_added: bool,
    /// When set, this factor is a capability gate for the named option: a case for that
    /// option is not taken while this factor points away from it.
    #[serde(default)]
    pub gate_for: Option<String>,
}

/// A plain answerable item: a question, an evidence need, a signal or a trigger.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// Evidence only: ids of the factors this evidence helps to answer, so that open evidence
    /// bearing on a factor that could change the answer is named as what to find out first.
    /// Written out only when there are some, so cards without links carry exactly what they
    /// carried before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub informs: Vec<String>,
    /// True when `informs` was drafted for the tool rather than given by the source card.
    #[serde(default, skip_serializing_if = "is_false")]
    pub informs_added: bool,
}

impl Item {
    /// An item with no links to factors.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Item {
        Item { id: id.into(), text: text.into(), ..Item::default() }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Pressures that feel convincing but must not count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pressures {
    pub bad_reasons: Vec<Pitfall>,
    pub anti_patterns: Vec<Pitfall>,
}

impl Pressures {
    pub fn is_empty(&self) -> bool {
        self.bad_reasons.is_empty() && self.anti_patterns.is_empty()
    }
}

/// A common bad reason or anti-pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    pub id: String,
    pub text: String,
    /// Why it does not count, in the card's own words.
    pub why: String,
    /// True when `why` was drafted for the tool rather than quoted from the card.
    #[serde(default)]
    pub why_added: bool,
    /// Id of the option this pressure pushes toward.
    pub favours: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AiImpact {
    pub helps: Vec<String>,
    pub worsens: Vec<String>,
    pub false_confidence: String,
    pub synthesis: String,
}

impl AiImpact {
    pub fn is_empty(&self) -> bool {
        self.helps.is_empty()
            && self.worsens.is_empty()
            && self.false_confidence.is_empty()
            && self.synthesis.is_empty()
    }
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
    /// The library card this decision is, by id: written in the card file, or found at build
    /// time when the title is a library card's title or id (`authoring::load::link_library`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub card: String,
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
    /// Whether the card has anything for "Signals from the ground": a genuine signal on either
    /// side, a bad reason or an anti-pattern.
    pub fn has_signals(&self) -> bool {
        !self.pressures.is_empty() || self.options.iter().any(|o| !o.signals.is_empty())
    }

    /// The option on `side`.
    pub fn option(&self, side: Side) -> &OptionSide {
        &self.options[side.index()]
    }

    /// The side of the option with this id.
    pub fn side_of(&self, option_id: &str) -> Option<Side> {
        Side::BOTH.into_iter().find(|&s| self.option(s).id == option_id)
    }

    /// The default option. A validated card always names one of its options; anything else
    /// falls back to A.
    pub fn default_side(&self) -> Side {
        self.side_of(&self.decision.default_option).unwrap_or(Side::A)
    }

    /// The burden of proof for this card's undo cost.
    pub fn burden(&self) -> f64 {
        self.scoring.burden.get(&self.reversibility.undo_cost).copied().unwrap_or(0.0)
    }

    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// Genuine signals with the side they point to.
    pub fn signals(&self) -> impl Iterator<Item = (Side, &Item)> {
        Side::BOTH.into_iter().flat_map(move |s| self.option(s).signals.iter().map(move |i| (s, i)))
    }

    /// Bad reasons and anti-patterns together.
    pub fn pitfalls(&self) -> impl Iterator<Item = &Pitfall> {
        self.pressures.bad_reasons.iter().chain(self.pressures.anti_patterns.iter())
    }

    /// The side a pitfall pushes toward, when it names one of the card's options.
    pub fn favoured(&self, pitfall: &Pitfall) -> Option<Side> {
        self.side_of(&pitfall.favours)
    }
}
