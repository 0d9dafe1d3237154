//! What could change the answer: for the current answers, every single move (one factor's
//! slider, one factor's importance, one genuine signal ticked or unticked) that would change
//! the option the verdict *recommends*, smallest first; the factors that are settled; and,
//! where no single move is enough, the smallest pairs of moves that are. [`words`] says it.
//!
//! The search is exhaustive and exact, not sampled: a card has a handful of factors, five
//! positions and four importances, so every single move is one evaluation and every pair of
//! them a few hundred more. Each evaluation is the engine's own (`Prepared::core`, with the
//! capability gate applied exactly as in [`crate::engine::evaluate`]), on integers, so a move
//! named here changes the recommendation when it is made through
//! [`crate::answers::Answers::apply`]; the property tests check exactly that.
//!
//! Rules, beyond what the types say:
//!
//! - A change is a change of the recommended option. A move that only changes the kind of
//!   outcome for the same option (say "not clear yet" to "clearly confirmed"), or that carries
//!   the case across the burden while a capability gate still holds the default, is not one.
//! - The size of a move is the slider steps it takes, the importance steps it takes, or 1 for a
//!   tick. Moves are ordered by size, importance moves after the others of the same size, then
//!   in card order (factors before signals). For each factor only its nearest position and its
//!   nearest importance that change the recommendation are listed; `or_further` says whether
//!   every position beyond that one, to the end of the slider, changes it too.
//! - A factor is *settled* when no position of its slider (at its importance) and no importance
//!   (at its position) changes the recommendation.
//! - Pairs are searched only when no single move changes the recommendation. A pair is two moves
//!   on two different answers (a factor's slider and its own importance count as two). The
//!   smallest pairs are those of the least total size, then with the fewest importance moves;
//!   all of them are listed, in card order. *Idle* factors are those that take part in no pair
//!   that changes the recommendation, of any size.
//! - Evidence to gather first: the card's evidence items not yet gathered that inform (`informs`
//!   in the card) a factor named in a listed move, ordered by that factor's first move.

pub mod group;
pub mod words;

use std::fmt::Write as _;

use crate::answers::{Answers, Edit, EvidenceStatus, STEPS};
use crate::card::{Card, Side, MAX_WEIGHT};
use crate::engine::{Outcome, Over, Prepared};
use crate::sort;

/// One change to one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// A factor's slider to `position`, its importance unchanged.
    Position { factor: String, position: i8 },
    /// A factor's importance to `weight`, its slider unchanged.
    Importance { factor: String, weight: u8 },
    /// A genuine signal ticked (`on`) or unticked.
    Signal { id: String, on: bool },
}

impl Move {
    /// The edit that makes this move on the page.
    pub fn edit(&self) -> Edit {
        match self {
            Move::Position { factor, position } => {
                Edit::Position { factor: factor.clone(), position: *position }
            }
            Move::Importance { factor, weight } => Edit::Weight { factor: factor.clone(), weight: *weight },
            Move::Signal { id, on } => Edit::Tick { id: id.clone(), on: *on },
        }
    }

    /// The factor a slider or importance move is about.
    pub fn factor(&self) -> Option<&str> {
        match self {
            Move::Position { factor, .. } | Move::Importance { factor, .. } => Some(factor),
            Move::Signal { .. } => None,
        }
    }
}

/// Moves that together change the recommended option, and what they would give.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// One move, or two where no single one is enough.
    pub moves: Vec<Move>,
    /// Slider steps, importance steps and ticks, summed.
    pub size: u32,
    pub outcome: Outcome,
    /// Always another option than the one recommended now.
    pub recommends: Side,
    /// The option the case would then point to.
    pub points_to: Side,
    /// For a single slider move: every position beyond it, to the end of the slider, changes
    /// the recommendation too (at the same importance).
    pub or_further: bool,
}

impl Change {
    /// The moves as data for the page and its tests, space-separated: `position:<factor>:<p>`,
    /// `importance:<factor>:<w>`, `tick:<signal>:<1|0>`.
    pub fn tokens(&self) -> String {
        let mut tokens = String::new();
        for m in &self.moves {
            let (kind, subject, value) = match m {
                Move::Position { factor, position } => ("position", factor, i32::from(*position)),
                Move::Importance { factor, weight } => ("importance", factor, i32::from(*weight)),
                Move::Signal { id, on } => ("tick", id, i32::from(*on)),
            };
            if !tokens.is_empty() {
                tokens.push(' ');
            }
            let _ = write!(tokens, "{kind}:{subject}:{value}");
        }
        tokens
    }
}

/// Where one factor, alone, changes the recommendation: every position and importance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorReach {
    pub factor: String,
    /// Bit `(weight × (2·STEPS + 1)) + (position + STEPS)` set: the recommendation differs
    /// with the factor at that position and importance, everything else unchanged.
    grid: u32,
}

impl FactorReach {
    fn bit(position: i8, weight: u8) -> Option<u32> {
        let positions = (2 * STEPS + 1) as u32;
        ((-STEPS..=STEPS).contains(&position) && weight <= MAX_WEIGHT)
            .then(|| u32::from(weight) * positions + (position + STEPS) as u32)
    }

    /// Whether the recommendation differs with this factor at `position` and `weight`.
    pub fn changes_at(&self, position: i8, weight: u8) -> bool {
        Self::bit(position, weight).is_some_and(|b| self.grid & (1 << b) != 0)
    }

    /// The positions at which it differs, at importance `weight`.
    pub fn positions(&self, weight: u8) -> Vec<i8> {
        (-STEPS..=STEPS).filter(|&p| self.changes_at(p, weight)).collect()
    }
}

/// Everything that could change the answer, for one set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The option recommended now.
    pub recommends: Side,
    /// Single moves that change the recommendation, smallest first.
    pub changes: Vec<Change>,
    /// When no single move does: the smallest pairs that do, in card order.
    pub pairs: Vec<Change>,
    /// Ids of the settled factors, in card order.
    pub settled: Vec<String>,
    /// When pairs were searched: ids of the factors in no pair that changes it, in card order.
    pub idle: Vec<String>,
    /// `(evidence id, factor id)`: open evidence that informs a factor a listed move names.
    pub first_evidence: Vec<(String, String)>,
}

impl Sensitivity {
    /// Whether anything at all is said: a change, a pair or a settled factor.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.pairs.is_empty() && self.settled.is_empty()
    }
}

/// A move as the search handles it: indices into the prepared factors and signals.
#[derive(Debug, Clone, Copy)]
enum Cand {
    Position { key: usize, to: i8 },
    Importance { key: usize, to: u8 },
    Signal { index: usize },
}

impl Cand {
    /// The answer it changes: a factor's slider, its importance, or a signal.
    fn subject(self) -> (u8, usize) {
        match self {
            Cand::Position { key, .. } => (0, key),
            Cand::Importance { key, .. } => (1, key),
            Cand::Signal { index } => (2, index),
        }
    }

    fn is_importance(self) -> bool {
        matches!(self, Cand::Importance { .. })
    }
}

/// The analysis of `answers` on `card`. Pure and deterministic; never panics.
#[must_use]
pub fn analyse(card: &Card, answers: &Answers) -> Sensitivity {
    let p = Prepared::new(card, answers);
    let now = p.core(&Over::NONE).recommends;
    let keys: Vec<usize> = (0..p.factors.len()).filter(|&i| p.factors[i].key == i).collect();

    // Every single move, in card order: each factor's positions, then its importances; then
    // each signal.
    let mut cands: Vec<Cand> = Vec::new();
    for &key in &keys {
        let f = &p.factors[key];
        cands.extend((-STEPS..=STEPS).filter(|&to| to != f.position).map(|to| Cand::Position { key, to }));
        cands.extend(
            (0..=MAX_WEIGHT).filter(|&to| i64::from(to) != f.weight).map(|to| Cand::Importance { key, to }),
        );
    }
    cands.extend((0..p.signals.len()).map(|index| Cand::Signal { index }));

    let size = |c: Cand| -> u32 {
        match c {
            Cand::Position { key, to } => u32::from((to - p.factors[key].position).unsigned_abs()),
            Cand::Importance { key, to } => (i64::from(to) - p.factors[key].weight).unsigned_abs() as u32,
            Cand::Signal { .. } => 1,
        }
    };
    let over = |moves: &[Cand]| -> Over {
        let mut o = Over::NONE;
        let mut slot = 0;
        for &c in moves {
            match c {
                Cand::Position { key, to } => {
                    let weight = part(&o, key).map_or(p.factors[key].weight, |(_, w)| w);
                    put(&mut o, &mut slot, key, to, weight);
                }
                Cand::Importance { key, to } => {
                    let position = part(&o, key).map_or(p.factors[key].position, |(pos, _)| pos);
                    put(&mut o, &mut slot, key, position, i64::from(to));
                }
                Cand::Signal { index } => {
                    let s = &p.signals[index];
                    o.ticked_delta += if s.ticked { -s.net } else { s.net };
                }
            }
        }
        o
    };

    // Single moves: per factor its nearest slider position and nearest importance that change
    // the recommendation, and every signal that does. Per factor key, whether any move of it
    // changes the recommendation, and (bit `position + STEPS`) the slider positions that do.
    let mut moving = vec![false; p.factors.len()];
    let mut positions = vec![0u32; p.factors.len()];
    let mut singles: Vec<(Cand, u32)> = Vec::new();
    for &c in &cands {
        if p.core(&over(&[c])).recommends == now {
            continue;
        }
        let s = size(c);
        let same = singles.iter().position(|&(d, _)| match (d, c) {
            (Cand::Position { key: a, .. }, Cand::Position { key: b, .. })
            | (Cand::Importance { key: a, .. }, Cand::Importance { key: b, .. }) => a == b,
            _ => false,
        });
        match same {
            // The earlier one is nearer or as near (ties: nearer option A, the lower value).
            Some(i) if singles[i].1 <= s => {}
            Some(i) => singles[i] = (c, s),
            None => singles.push((c, s)),
        }
        match c {
            Cand::Position { key, to } => {
                moving[key] = true;
                positions[key] |= 1 << (to + STEPS);
            }
            Cand::Importance { key, .. } => moving[key] = true,
            Cand::Signal { .. } => {}
        }
    }
    sort::sort_by(&mut singles, |a, b| (a.1, a.0.is_importance()) < (b.1, b.0.is_importance()));

    let settled_keys: Vec<usize> = keys.iter().copied().filter(|&k| !moving[k]).collect();

    let change = |moves: &[Cand], total: u32| -> Change {
        let moved = p.core(&over(moves));
        // Every position beyond this one, away from where the slider is now, was found to
        // change it too (the scan above tried them all).
        let or_further = match moves {
            [Cand::Position { key, to }] => {
                let (first, last) =
                    if *to > p.factors[*key].position { (*to + 1, STEPS) } else { (-STEPS, *to - 1) };
                first <= last && (first..=last).all(|q| positions[*key] & (1 << (q + STEPS)) != 0)
            }
            _ => false,
        };
        Change {
            moves: moves.iter().map(|&c| named(&p, c)).collect(),
            size: total,
            outcome: moved.outcome,
            recommends: moved.recommends,
            points_to: p.points_to(&moved),
            or_further,
        }
    };
    let changes: Vec<Change> = singles.iter().map(|&(c, s)| change(&[c], s)).collect();

    // Pairs, only where no single move is enough.
    let mut pairs: Vec<Change> = Vec::new();
    let mut idle: Vec<String> = Vec::new();
    if changes.is_empty() {
        let mut best: Option<(u32, usize)> = None;
        let mut chosen: Vec<(Cand, Cand)> = Vec::new();
        let mut paired = vec![false; p.factors.len()];
        for (i, &a) in cands.iter().enumerate() {
            for &b in &cands[i + 1..] {
                if a.subject() == b.subject() || p.core(&over(&[a, b])).recommends == now {
                    continue;
                }
                for c in [a, b] {
                    if let Cand::Position { key, .. } | Cand::Importance { key, .. } = c {
                        paired[key] = true;
                    }
                }
                let key =
                    (size(a) + size(b), usize::from(a.is_importance()) + usize::from(b.is_importance()));
                match best {
                    Some(k) if k < key => {}
                    Some(k) if k == key => chosen.push((a, b)),
                    _ => {
                        best = Some(key);
                        chosen = vec![(a, b)];
                    }
                }
            }
        }
        pairs = chosen.iter().map(|&(a, b)| change(&[a, b], size(a) + size(b))).collect();
        idle = settled_keys.iter().filter(|&&k| !paired[k]).map(|&k| p.factors[k].id.to_owned()).collect();
    }

    // Evidence: open items informing a factor that a listed move names, in the order of the
    // moves (each item under the first factor it informs), then in card order.
    let mut named_factors: Vec<&str> = Vec::new();
    for c in changes.iter().chain(&pairs) {
        named_factors.extend(c.moves.iter().filter_map(Move::factor));
    }
    let mut first_evidence: Vec<(String, String)> = Vec::new();
    for f in named_factors {
        for e in &card.evidence {
            if e.informs.iter().any(|i| i == f)
                && answers.evidence_status(&e.id) != EvidenceStatus::Gathered
                && !first_evidence.iter().any(|(id, _)| *id == e.id)
            {
                first_evidence.push((e.id.clone(), f.to_owned()));
            }
        }
    }

    Sensitivity {
        recommends: now,
        changes,
        pairs,
        settled: settled_keys.iter().map(|&k| p.factors[k].id.to_owned()).collect(),
        idle,
        first_evidence,
    }
}

/// Where each factor alone changes the recommendation: every position and importance, per
/// factor (each id once) in card order. Apart from [`analyse`], which names only the nearest
/// moves: a workshop needs the whole grid ([`group`]), a card page does not.
pub fn reach(card: &Card, answers: &Answers) -> Vec<FactorReach> {
    let p = Prepared::new(card, answers);
    let now = p.core(&Over::NONE).recommends;
    let keys: Vec<usize> = (0..p.factors.len()).filter(|&i| p.factors[i].key == i).collect();
    grids(&p, &keys, now)
}

/// Per factor key, the whole grid of positions × importances.
fn grids(p: &Prepared, keys: &[usize], now: Side) -> Vec<FactorReach> {
    keys.iter()
        .map(|&key| {
            let mut grid = 0u32;
            for weight in 0..=MAX_WEIGHT {
                for position in -STEPS..=STEPS {
                    let o =
                        Over { factors: [Some((key, position, i64::from(weight))), None], ticked_delta: 0 };
                    if p.core(&o).recommends != now {
                        grid |= FactorReach::bit(position, weight).map_or(0, |b| 1 << b);
                    }
                }
            }
            FactorReach { factor: p.factors[key].id.to_owned(), grid }
        })
        .collect()
}

/// The factor `key` as `over` already moves it, if it does.
fn part(o: &Over, key: usize) -> Option<(i8, i64)> {
    o.factors.iter().flatten().find(|(k, ..)| *k == key).map(|&(_, p, w)| (p, w))
}

/// Moves factor `key` in `o`: in its slot if it has one, else in the next free one.
fn put(o: &mut Over, slot: &mut usize, key: usize, position: i8, weight: i64) {
    if let Some(existing) = o.factors.iter_mut().flatten().find(|(k, ..)| *k == key) {
        *existing = (key, position, weight);
    } else if *slot < o.factors.len() {
        o.factors[*slot] = Some((key, position, weight));
        *slot += 1;
    }
}

fn named(p: &Prepared, c: Cand) -> Move {
    match c {
        Cand::Position { key, to } => Move::Position { factor: p.factors[key].id.to_owned(), position: to },
        Cand::Importance { key, to } => Move::Importance { factor: p.factors[key].id.to_owned(), weight: to },
        Cand::Signal { index } => {
            let s = &p.signals[index];
            Move::Signal { id: s.id.to_owned(), on: !s.ticked }
        }
    }
}
