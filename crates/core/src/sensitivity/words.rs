//! "What could change the answer" in words: the same sentences on the card and in the
//! decision record. Slider positions are said in the slider's own words
//! ([`explain::position_words`]) and importances in the importance control's
//! ([`explain::weight_words`]). The words are the card's language's
//! (`lang/<code>/sensitivity.toml`, [`crate::lang`]).

use super::group::Sides;
use super::{Change, Move, Sensitivity};
use crate::card::{Card, Side};
use crate::engine::Outcome;
use crate::explain;
use crate::{say, say_n};

crate::words!(Sensitivity:
    /// The words of "What could change the answer" (`lang/<code>/sensitivity.toml`), on the
    /// card, in the decision record and in the workshop.
    pub enum SensitivityWord {
        Heading,
        PairsLead,
        NothingChangesLead,
        Settled,
        Idle,
        FindOutFirst,
        EvidenceSeparator,
        ChangeSentence,
        BothTo,
        MovesAnd,
        ListAnd,
        ListSeparator,
        MoveTo,
        MoveToOrFurther,
        MoveImportance,
        MoveTick,
        MoveUntick,
        OutcomeSwitch,
        OutcomeGated,
        OutcomeNotClearYet,
        OutcomeDefaultConfirmed,
        SidesMatter,
        SidesSettled,
        MorePairs,
    }
);

use SensitivityWord as W;

/// How many of the smallest pairs are said: more of the same size add length, not news.
pub const MAX_PAIRS_SHOWN: usize = 3;

/// The part of the verdict, sentence by sentence; each field is empty when there is nothing
/// true to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// A line before the list: why the list holds pairs, or that nothing can change it.
    pub lead: Option<String>,
    /// One sentence per change (single moves, else the smallest pairs), smallest first, each
    /// with its moves as [`super::Change::tokens`] gives them.
    pub changes: Vec<(String, String)>,
    /// How many more pairs of the same size there are beyond those said.
    pub more_pairs: usize,
    /// The settled factors (or, where pairs are listed, the idle ones).
    pub settled: Option<String>,
    /// The evidence to gather first.
    pub evidence: Option<String>,
}

impl Panel {
    pub fn is_empty(&self) -> bool {
        self.lead.is_none() && self.changes.is_empty() && self.settled.is_none() && self.evidence.is_none()
    }
}

/// The heading of the part.
pub fn heading() -> &'static str {
    say!(W::Heading)
}

/// Everything the part says about `s`.
pub fn panel<'a>(card: &'a Card, s: &'a Sensitivity) -> Panel {
    let factor_names =
        |ids: &'a [String]| -> Vec<&'a str> { ids.iter().map(|id| factor_name(card, id)).collect() };
    let (lead, changes, more_pairs) = if !s.changes.is_empty() {
        (None, s.changes.iter().map(|c| (change_sentence(card, c), c.tokens())).collect(), 0)
    } else if !s.pairs.is_empty() {
        let shown =
            s.pairs.iter().take(MAX_PAIRS_SHOWN).map(|c| (change_sentence(card, c), c.tokens())).collect();
        (Some(say!(W::PairsLead).to_string()), shown, s.pairs.len().saturating_sub(MAX_PAIRS_SHOWN))
    } else {
        let lead = (!card.factors.is_empty()).then(|| say!(W::NothingChangesLead).to_string());
        (lead, Vec::new(), 0)
    };
    let settled = if !s.changes.is_empty() {
        (!s.settled.is_empty()).then(|| {
            let names = factor_names(&s.settled);
            say_n!(names.len(), W::Settled, names = join(&names))
        })
    } else if !s.pairs.is_empty() && !s.idle.is_empty() {
        let names = factor_names(&s.idle);
        Some(say!(W::Idle, names = join(&names)))
    } else {
        None
    };
    let evidence = (!s.first_evidence.is_empty()).then(|| {
        let items: Vec<String> = s
            .first_evidence
            .iter()
            .map(|(e, f)| {
                let text = card.evidence.iter().find(|x| x.id == *e).map_or(e.as_str(), |x| x.text.as_str());
                format!("{text} ({})", factor_name(card, f))
            })
            .collect();
        say!(W::FindOutFirst, items = items.join(say!(W::EvidenceSeparator)))
    });
    Panel { lead, changes, more_pairs, settled, evidence }
}

/// "Economics to “points clearly to Self-Hosted Model” or further: Self-Hosted Model would be
/// justified."
pub fn change_sentence(card: &Card, c: &Change) -> String {
    let moves = match c.moves.as_slice() {
        // "Privacy and Control both to “points clearly to Self-Hosted Model”".
        [Move::Position { factor: a, position: p }, Move::Position { factor: b, position: q }] if p == q => {
            say!(
                W::BothTo,
                first = factor_name(card, a),
                second = factor_name(card, b),
                position = explain::lower_first(&explain::position_words(card, *p))
            )
        }
        moves => explain::upper_first(
            &moves
                .iter()
                .map(|m| move_words(card, m, c.or_further))
                .reduce(|first, second| say!(W::MovesAnd, first = first, second = second))
                .unwrap_or_default(),
        ),
    };
    say!(
        W::ChangeSentence,
        moves = moves,
        outcome = outcome_clause(card, c.outcome, c.recommends, c.points_to)
    )
}

/// One move: "Privacy to “leans to Self-Hosted Model”", "the importance of Latency at “High”",
/// "ticking “Serving capability exists”".
pub fn move_words(card: &Card, m: &Move, or_further: bool) -> String {
    match m {
        Move::Position { factor, position } => say!(
            if or_further { W::MoveToOrFurther } else { W::MoveTo },
            factor = factor_name(card, factor),
            position = explain::lower_first(&explain::position_words(card, *position))
        ),
        Move::Importance { factor, weight } => {
            say!(
                W::MoveImportance,
                factor = factor_name(card, factor),
                importance = explain::weight_words(*weight)
            )
        }
        Move::Signal { id, on } => {
            let text =
                card.signals().find(|(_, s)| s.id == *id).map_or(id.as_str(), |(_, s)| s.text.as_str());
            say!(if *on { W::MoveTick } else { W::MoveUntick }, text = text)
        }
    }
}

/// What the changed answers would give, naming the option then recommended.
pub fn outcome_clause(card: &Card, outcome: Outcome, recommends: Side, points_to: Side) -> String {
    let name = card.option(recommends).name.as_str();
    let other = card.option(recommends.other()).name.as_str();
    match outcome {
        Outcome::Switch => say!(W::OutcomeSwitch, name = name),
        Outcome::Gated => say!(W::OutcomeGated, name = name, points_to = card.option(points_to).name),
        Outcome::NotClearYet => say!(W::OutcomeNotClearYet, name = name, other = other),
        Outcome::DefaultConfirmed => say!(W::OutcomeDefaultConfirmed, name = name),
    }
}

/// The same part as Markdown, for the decision record: its paragraphs and list, blank lines
/// between them; empty when there is nothing to say.
pub fn markdown(card: &Card, s: &Sensitivity) -> String {
    let p = panel(card, s);
    let mut blocks: Vec<String> = Vec::new();
    blocks.extend(p.lead);
    let mut list: Vec<String> = p.changes.into_iter().map(|(c, _)| format!("- {c}")).collect();
    if p.more_pairs > 0 {
        list.push(format!("- {}", more_pairs(p.more_pairs)));
    }
    if !list.is_empty() {
        blocks.push(list.join("\n"));
    }
    blocks.extend(p.settled);
    blocks.extend(p.evidence);
    blocks.join("\n\n")
}

/// How a disputed factor's participants sit, for the workshop; `None` when they all sit on one
/// side of a point that could change the group's answer.
pub fn sides_words(sides: &Sides) -> Option<String> {
    if sides.matters() {
        Some(say_n!(sides.changing, W::SidesMatter, holding = sides.holding))
    } else if sides.settled {
        Some(say!(W::SidesSettled).to_string())
    } else {
        None
    }
}

/// "And 2 more pairs of the same size."
pub fn more_pairs(n: usize) -> String {
    say_n!(n, W::MorePairs)
}

/// A factor's name, or its id where the card has no such factor.
fn factor_name<'a>(card: &'a Card, id: &'a str) -> &'a str {
    card.factor(id).map_or(id, |f| f.name.as_str())
}

/// "A", "A and B", "A, B and C".
fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => say!(W::ListAnd, rest = rest.join(say!(W::ListSeparator)), last = last),
    }
}
