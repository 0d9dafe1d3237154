//! What moved between two rounds of a workshop: who answered again, who moved on which
//! factor and which way, and whether the group converged or split.
//!
//! **Who is who** across rounds is [`Participant::same_person`]: the same token under names
//! that agree, or, where either has no token, the same name. Each participant of the earlier
//! round is matched once at most ([`same_people`]).
//!
//! **Converged or split**: a factor converged when its spread (the standard deviation of the
//! positions, [`super::FactorSpread::spread`]) narrowed by more than [`SPREAD_TOLERANCE`]
//! steps, split when it widened by more, held otherwise; the group as a whole by its mean
//! spread over the factors. Spreads are of every participant of each round; the moves are of
//! those in both.
//!
//! **Cost**: matching goes through maps by token and by name (sorted vectors, searched by
//! halves), so two rounds of a thousand are matched without a thousand times a thousand
//! comparisons.

use super::model::{Participant, Workshop};
use super::statistics::{factor_stats, group_answers, FactorSpread};
use crate::card::Card;
use crate::engine::{self, Verdict};
use crate::ids::IdMap;
use crate::sort;

/// Less than this change of spread, in slider steps, is no change.
pub const SPREAD_TOLERANCE: f64 = 0.05;

/// Which way a spread went between two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Narrowed: the group came closer.
    Converged,
    /// Widened: the group moved apart.
    Split,
    /// Within [`SPREAD_TOLERANCE`].
    Held,
}

impl Trend {
    fn of(before: f64, after: f64) -> Trend {
        if after < before - SPREAD_TOLERANCE {
            Trend::Converged
        } else if after > before + SPREAD_TOLERANCE {
            Trend::Split
        } else {
            Trend::Held
        }
    }
}

/// One factor between two rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorMove {
    /// The spread (standard deviation, in steps) in the earlier and the later round.
    pub spread: (f64, f64),
    /// The median position in the earlier and the later round.
    pub median: (f64, f64),
    /// Participants in both rounds who moved toward the first option, toward the second,
    /// or stayed.
    pub toward_a: usize,
    pub toward_b: usize,
    pub stayed: usize,
}

impl FactorMove {
    pub fn trend(&self) -> Trend {
        Trend::of(self.spread.0, self.spread.1)
    }
}

/// A participant who moved between the two rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Mover {
    /// Their place in the later round.
    pub index: usize,
    /// Steps moved, summed over the factors.
    pub steps: u32,
    /// Each factor they moved on: its index in the card, and the positions before and after.
    pub moves: Vec<(usize, i8, i8)>,
}

/// What moved between round `from` and round `to` (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub from: usize,
    pub to: usize,
    /// Per factor, in card order.
    pub factors: Vec<FactorMove>,
    /// Participants of the earlier round.
    pub before: usize,
    /// Participants of the later round who were in the earlier one: they answered again.
    pub returning: usize,
    /// Participants of the later round who were not in the earlier one.
    pub new: usize,
    /// The returning participants who moved on at least one factor, most steps first.
    pub movers: Vec<Mover>,
    /// The returning participants who moved on no factor.
    pub stayed: usize,
}

impl Movement {
    /// The group as a whole: its mean spread over the factors, before and after.
    pub fn trend(&self) -> Trend {
        let n = self.factors.len().max(1) as f64;
        let before = self.factors.iter().map(|f| f.spread.0).sum::<f64>() / n;
        let after = self.factors.iter().map(|f| f.spread.1).sum::<f64>() / n;
        Trend::of(before, after)
    }
}

/// For each participant of `after`, the participant of `before` who is the same person, if
/// any. Each participant of `before` is matched once at most, to the first who claims them.
pub fn same_people(before: &[Participant], after: &[Participant]) -> Vec<Option<usize>> {
    let mut by_token: IdMap<Vec<usize>> = IdMap::new();
    let mut by_name: IdMap<Vec<usize>> = IdMap::new();
    for (i, p) in before.iter().enumerate() {
        if let Some(token) = &p.token {
            by_token.entry(token.clone()).or_default().push(i);
        }
        let name = p.name.trim();
        if !name.is_empty() {
            by_name.entry(name.to_ascii_lowercase()).or_default().push(i);
        }
    }
    let mut taken = vec![false; before.len()];
    let mut claim = |candidates: Option<&Vec<usize>>, p: &Participant| -> Option<usize> {
        let i = *candidates?.iter().find(|&&i| !taken[i] && before[i].same_person(p))?;
        taken[i] = true;
        Some(i)
    };
    after
        .iter()
        .map(|p| {
            let by_token = p.token.as_deref().and_then(|t| claim(by_token.get(t), p));
            by_token.or_else(|| claim(by_name.get(&p.name.trim().to_ascii_lowercase()), p))
        })
        .collect()
}

/// What moved from round `from` (its participants `before`) to round `to` (`after`).
pub fn movement(
    card: &Card,
    (from, before): (usize, &[Participant]),
    (to, after): (usize, &[Participant]),
) -> Movement {
    let (stats_before, stats_after) = (factor_stats(card, before), factor_stats(card, after));
    let matches = same_people(before, after);
    let pairs: Vec<(usize, usize)> =
        matches.iter().enumerate().filter_map(|(later, earlier)| earlier.map(|e| (e, later))).collect();
    let factors = card
        .factors
        .iter()
        .zip(stats_before.iter().zip(&stats_after))
        .map(|(f, (b, a))| {
            let (mut toward_a, mut toward_b, mut stayed) = (0, 0, 0);
            for &(e, l) in &pairs {
                let step = after[l].answers.position(&f.id) - before[e].answers.position(&f.id);
                match step {
                    0 => stayed += 1,
                    s if s < 0 => toward_a += 1,
                    _ => toward_b += 1,
                }
            }
            FactorMove {
                spread: (b.spread, a.spread),
                median: (b.median, a.median),
                toward_a,
                toward_b,
                stayed,
            }
        })
        .collect();
    let mut movers: Vec<Mover> = pairs
        .iter()
        .filter_map(|&(e, l)| {
            let moves: Vec<(usize, i8, i8)> = card
                .factors
                .iter()
                .enumerate()
                .map(|(i, f)| (i, before[e].answers.position(&f.id), after[l].answers.position(&f.id)))
                .filter(|(_, b, a)| b != a)
                .collect();
            let steps = moves.iter().map(|(_, b, a)| u32::from(b.abs_diff(*a))).sum();
            (!moves.is_empty()).then_some(Mover { index: l, steps, moves })
        })
        .collect();
    // Stable: movers of as many steps keep the later round's order.
    sort::sort_by(&mut movers, |a, b| a.steps > b.steps);
    Movement {
        from,
        to,
        factors,
        before: before.len(),
        returning: pairs.len(),
        new: after.len() - pairs.len(),
        stayed: pairs.len() - movers.len(),
        movers,
    }
}

/// What the workshop page shows about its rounds once there is more than one, worked out
/// once per change of the workshop.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounds {
    /// The round being gathered, from 2.
    pub round: usize,
    /// Participants of the round before who answered again in this one, and how many it had.
    pub answered_again: (usize, usize),
    /// Round 1's spread per factor, in card order, to draw beside the latest round's.
    pub first: Vec<FactorSpread>,
    /// What moved from round 1 to the round being gathered.
    pub movement: Movement,
    /// Each round's group verdict, oldest first; `None` for a round without participants.
    pub verdicts: Vec<Option<Verdict>>,
}

/// The rounds of `workshop` compared; `None` while it has only one.
pub fn compare_rounds(card: &Card, workshop: &Workshop) -> Option<Rounds> {
    let round = workshop.round();
    let previous = workshop.closed.last()?;
    let latest = workshop.participants.as_slice();
    let again = same_people(previous, latest).iter().filter(|m| m.is_some()).count();
    let first = workshop.round_participants(1);
    let verdicts = workshop
        .rounds()
        .map(|people| (!people.is_empty()).then(|| engine::evaluate(card, &group_answers(card, people))))
        .collect();
    Some(Rounds {
        round,
        answered_again: (again, previous.len()),
        first: factor_stats(card, first),
        movement: movement(card, (1, first), (round, latest)),
        verdicts,
    })
}
