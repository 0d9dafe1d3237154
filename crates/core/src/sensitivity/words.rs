//! "What could change the answer" in words: the same sentences on the card and in the
//! decision record. Slider positions are said in the slider's own words
//! ([`explain::position_words`]) and importances in the importance control's
//! ([`explain::weight_words`]).

use super::group::Sides;
use super::{Change, Move, Sensitivity};
use crate::card::{Card, Side};
use crate::engine::Outcome;
use crate::explain;

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
pub const HEADING: &str = "What could change the answer";

/// Everything the part says about `s`.
pub fn panel(card: &Card, s: &Sensitivity) -> Panel {
    let factor_names = |ids: &[String]| -> Vec<String> {
        ids.iter().map(|id| card.factor(id).map_or_else(|| id.clone(), |f| f.name.clone())).collect()
    };
    let (lead, changes, more_pairs) = if !s.changes.is_empty() {
        (None, s.changes.iter().map(|c| (change_sentence(card, c), c.tokens())).collect(), 0)
    } else if !s.pairs.is_empty() {
        let shown =
            s.pairs.iter().take(MAX_PAIRS_SHOWN).map(|c| (change_sentence(card, c), c.tokens())).collect();
        (
            Some(
                "No single answer changes the recommendation. The smallest pairs of answers that would:"
                    .to_string(),
            ),
            shown,
            s.pairs.len().saturating_sub(MAX_PAIRS_SHOWN),
        )
    } else {
        let lead = (!card.factors.is_empty()).then(|| {
            "No single answer, and no two answers together, would change the recommendation.".to_string()
        });
        (lead, Vec::new(), 0)
    };
    let settled = if !s.changes.is_empty() {
        (!s.settled.is_empty()).then(|| {
            let names = factor_names(&s.settled);
            format!("Settled whichever way {} {}: {}.", pronoun(names.len()), verb(names.len()), join(&names))
        })
    } else if !s.pairs.is_empty() && !s.idle.is_empty() {
        let names = factor_names(&s.idle);
        Some(format!("{} would not change it even together with one other answer.", join(&names)))
    } else {
        None
    };
    let evidence = (!s.first_evidence.is_empty()).then(|| {
        let items: Vec<String> = s
            .first_evidence
            .iter()
            .map(|(e, f)| {
                let text = card.evidence.iter().find(|x| x.id == *e).map_or(e.as_str(), |x| x.text.as_str());
                let factor = card.factor(f).map_or(f.as_str(), |x| x.name.as_str());
                format!("{text} ({factor})")
            })
            .collect();
        format!("Find out first: {}.", items.join("; "))
    });
    Panel { lead, changes, more_pairs, settled, evidence }
}

/// "Economics to “points clearly to Self-Hosted Model” or further: Self-Hosted Model would be
/// justified."
pub fn change_sentence(card: &Card, c: &Change) -> String {
    let moves = match c.moves.as_slice() {
        // "Privacy and Control both to “points clearly to Self-Hosted Model”".
        [Move::Position { factor: a, position: p }, Move::Position { factor: b, position: q }] if p == q => {
            let name = |id: &str| card.factor(id).map_or_else(|| id.to_string(), |f| f.name.clone());
            let at = move_words(card, &c.moves[1], false);
            let second = name(b);
            format!("{} and {second} both{}", name(a), at.strip_prefix(second.as_str()).unwrap_or(&at))
        }
        moves => upper_first(
            &moves.iter().map(|m| move_words(card, m, c.or_further)).collect::<Vec<_>>().join(" and "),
        ),
    };
    format!("{moves}: {}.", outcome_clause(card, c.outcome, c.recommends, c.points_to))
}

/// One move: "Privacy to “leans to Self-Hosted Model”", "the importance of Latency to “High”",
/// "ticking “Serving capability exists”".
pub fn move_words(card: &Card, m: &Move, or_further: bool) -> String {
    let factor_name = |id: &str| card.factor(id).map_or_else(|| id.to_string(), |f| f.name.clone());
    match m {
        Move::Position { factor, position } => format!(
            "{} to \u{201c}{}\u{201d}{}",
            factor_name(factor),
            explain::lower_first(&explain::position_words(card, *position)),
            if or_further { " or further" } else { "" }
        ),
        Move::Importance { factor, weight } => format!(
            "the importance of {} at \u{201c}{}\u{201d}",
            factor_name(factor),
            explain::weight_words(*weight)
        ),
        Move::Signal { id, on } => {
            let text =
                card.signals().find(|(_, s)| s.id == *id).map_or(id.as_str(), |(_, s)| s.text.as_str());
            format!("{} \u{201c}{text}\u{201d}", if *on { "ticking" } else { "unticking" })
        }
    }
}

/// What the changed answers would give, naming the option then recommended.
pub fn outcome_clause(card: &Card, outcome: Outcome, recommends: Side, points_to: Side) -> String {
    let name = card.option(recommends).name.as_str();
    let other = card.option(recommends.other()).name.as_str();
    match outcome {
        Outcome::Switch => format!("{name} would be justified"),
        Outcome::Gated => format!(
            "a capability gap would keep {name}, though the case would point to {}",
            card.option(points_to).name
        ),
        Outcome::NotClearYet => format!("{name} would stand, the case for {other} no longer clear"),
        Outcome::DefaultConfirmed => format!("the evidence would clearly confirm {name}"),
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
    let people = |n: usize| if n == 1 { "1 participant".to_string() } else { format!("{n} participants") };
    if sides.matters() {
        Some(format!(
            "This disagreement could change the group's answer: {} {} where the group's recommendation would change, {} where it would not.",
            people(sides.changing),
            if sides.changing == 1 { "sits" } else { "sit" },
            sides.holding
        ))
    } else if sides.settled {
        Some(
            "This disagreement does not change the group's answer: no position of this factor alone would."
                .to_string(),
        )
    } else {
        None
    }
}

/// "And 2 more pairs of the same size."
pub fn more_pairs(n: usize) -> String {
    if n == 1 {
        "And 1 more pair of the same size.".to_string()
    } else {
        format!("And {n} more pairs of the same size.")
    }
}

fn pronoun(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "they"
    }
}

fn verb(n: usize) -> &'static str {
    if n == 1 {
        "points"
    } else {
        "point"
    }
}

/// "A", "A and B", "A, B and C".
fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// ASCII only, like [`explain::lower_first`]: the first word is always one of ours or a
/// factor's name, which the card already capitalises.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}
