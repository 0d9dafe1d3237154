//! The group's statistics: each factor's spread, the tallies of ticked items, the group's
//! answers and the verdicts.
//!
//! **How the group's answers are formed** (the engine then judges them like anyone's):
//!
//! - each factor's position is the **median** of the participants' positions; with an even
//!   number of participants the halfway point is rounded toward neutral, so a split room never
//!   reads as a lean;
//! - each factor's importance is the median of the importances the participants used (their
//!   own choice, else the card's default); a halfway point is rounded toward the card's default;
//! - a signal, bad reason, anti-pattern or re-look trigger counts as ticked when **more than
//!   half** of the participants ticked it (bad reasons and anti-patterns still never move the
//!   score; the engine only warns about them);
//! - each evidence item's status is the median status, a halfway point rounded down (the group
//!   is not more confident than its middle member);
//! - notes are not merged: the summary lists each participant's notes under the question.
//!
//! **Disagreement** on a factor is the standard deviation of its positions (population form,
//! in slider steps). A factor is listed as disputed when its positions are at least two steps
//! apart, or when they fall on both sides of a point where the group's recommendation changes
//! ([`crate::sensitivity::group`]); those that do come first, then the most disputed.
//!
//! **Cost**: positions, importances and evidence statuses each take a handful of values, so
//! every statistic is read off a histogram filled in one pass over the participants:
//! O(participants + steps) per factor, never a sort of the participants. [`factor_stats`]
//! works them all out once; [`summarize`] builds everything else on that one result, so the
//! app memoises a single call per change.

use super::model::Participant;
use crate::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, STEPS};
use crate::card::{Card, Factor, MAX_WEIGHT};
use crate::engine::{self, Verdict};
use crate::explain;
use crate::sort;

/// How many disputed factors the summary names at most.
pub const MAX_DISPUTED: usize = 3;

/// One factor across the group.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorSpread {
    pub id: String,
    /// Each participant's position, in participant order.
    pub positions: Vec<i8>,
    /// How many participants chose each step, from `-STEPS` to `STEPS`.
    pub counts: Vec<usize>,
    pub min: i8,
    pub max: i8,
    pub median: f64,
    pub mean: f64,
    /// Standard deviation of the positions, in steps: the disagreement.
    pub spread: f64,
    /// The group's position (median, halfway rounded toward neutral).
    pub group_position: i8,
    /// The group's importance (median, halfway rounded toward the card's default).
    pub group_weight: u8,
}

impl FactorSpread {
    /// Steps between the furthest-apart participants.
    pub fn range(&self) -> i8 {
        self.max - self.min
    }
}

/// How many participants ticked one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub id: String,
    pub count: usize,
}

/// Everything the workshop view and the group summary show.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub participants: usize,
    /// Per factor, in card order.
    pub factors: Vec<FactorSpread>,
    /// Genuine signals, in card order (options in order).
    pub signals: Vec<Tally>,
    /// Bad reasons, then anti-patterns, in card order.
    pub pitfalls: Vec<Tally>,
    /// Each participant's own verdict, in participant order.
    pub verdicts: Vec<Verdict>,
    /// The group's answers (see the module notes).
    pub group: Answers,
    /// The engine's verdict on the group's answers; `None` without participants.
    pub group_verdict: Option<Verdict>,
    /// Indices into `factors` of the disputed factors: those whose disagreement could change
    /// the group's answer first, then the most disputed.
    pub disputed: Vec<usize>,
    /// Per factor, in card order: how the participants sit around the points where the group's
    /// recommendation changes.
    pub sides: Vec<crate::sensitivity::group::Sides>,
}

/// Gather the group's spread, tallies and verdicts: everything the workshop view shows,
/// from one pass of statistics ([`factor_stats`]).
pub fn summarize(card: &Card, participants: &[Participant]) -> Summary {
    let n = participants.len();
    let factors = factor_stats(card, participants);
    let tally = |id: &str| Tally {
        id: id.to_string(),
        count: participants.iter().filter(|p| p.answers.is_ticked(id)).count(),
    };
    let signals = card.signals().map(|(_, s)| tally(&s.id)).collect();
    let pitfalls = card.pitfalls().map(|p| tally(&p.id)).collect();
    let verdicts = participants.iter().map(|p| engine::evaluate(card, &p.answers)).collect();
    let group = group_from(card, participants, &factors);
    let group_verdict = (n > 0).then(|| engine::evaluate(card, &group));
    let positions: Vec<&[i8]> = factors.iter().map(|f| f.positions.as_slice()).collect();
    let sides = crate::sensitivity::group::sides(card, &group, &positions);
    let mut disputed: Vec<usize> =
        (0..factors.len()).filter(|&i| factors[i].range() >= 2 || sides[i].matters()).collect();
    // `crate::sort` rather than the standard sorts: a few hundred bytes of WASM, not kilobytes.
    sort::sort_by(&mut disputed, |&a, &b| {
        let (fa, fb) = (&factors[a], &factors[b]);
        (sides[b].matters().cmp(&sides[a].matters()))
            .then(fb.spread.total_cmp(&fa.spread))
            .then(fb.range().cmp(&fa.range()))
            .then(a.cmp(&b))
            .is_lt()
    });
    disputed.truncate(MAX_DISPUTED);
    Summary { participants: n, factors, signals, pitfalls, verdicts, group, group_verdict, disputed, sides }
}

/// Every factor's statistics across the group, in card order: per factor, one pass over the
/// participants fills a histogram of positions and one of importances, and every statistic
/// is read off them.
pub fn factor_stats(card: &Card, participants: &[Participant]) -> Vec<FactorSpread> {
    card.factors.iter().map(|f| spread(f, participants)).collect()
}

/// A histogram of small whole numbers: `counts[i]` values equal to `lowest + i`.
struct Histogram<'a> {
    counts: &'a [usize],
    lowest: i64,
}

impl Histogram<'_> {
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The `k`-th smallest value, counting from 0 (`k` below the total).
    fn kth(&self, k: usize) -> i64 {
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen > k {
                return self.lowest + i as i64;
            }
        }
        self.lowest + self.counts.len() as i64 - 1
    }

    /// The two middle values (the same one twice for an odd total); `None` when empty.
    fn middle(&self) -> Option<(i64, i64)> {
        let n = self.total();
        (n > 0).then(|| (self.kth((n - 1) / 2), self.kth(n / 2)))
    }

    fn min(&self) -> Option<i64> {
        self.counts.iter().position(|&c| c > 0).map(|i| self.lowest + i as i64)
    }

    fn max(&self) -> Option<i64> {
        self.counts.iter().rposition(|&c| c > 0).map(|i| self.lowest + i as i64)
    }

    /// Mean and population variance, from exact whole-number sums: one rounding each, so
    /// the same positions in any order give the very same spread.
    fn mean_and_variance(&self) -> (f64, f64) {
        let (mut n, mut sum, mut squares) = (0i64, 0i64, 0i64);
        for (i, &c) in self.counts.iter().enumerate() {
            let (c, v) = (c as i64, self.lowest + i as i64);
            n += c;
            sum += c * v;
            squares += c * v * v;
        }
        if n == 0 {
            return (0.0, 0.0);
        }
        let (n, sum, squares) = (n as f64, sum as f64, squares as f64);
        (sum / n, (n * squares - sum * sum) / (n * n))
    }
}

fn spread(factor: &Factor, participants: &[Participant]) -> FactorSpread {
    let default = factor.weight.min(MAX_WEIGHT);
    let mut counts = vec![0; (2 * STEPS + 1) as usize];
    let mut weight_counts = [0usize; MAX_WEIGHT as usize + 1];
    let positions: Vec<i8> = participants
        .iter()
        .map(|p| {
            let position = p.answers.position(&factor.id);
            counts[(position + STEPS) as usize] += 1;
            weight_counts[usize::from(p.answers.weight_of(factor))] += 1;
            position
        })
        .collect();
    let histogram = Histogram { counts: &counts, lowest: i64::from(-STEPS) };
    let (mean, variance) = histogram.mean_and_variance();
    let (median, group_position) = match histogram.middle() {
        None => (0.0, 0),
        // Integer division truncates toward zero: a halfway point goes toward neutral.
        Some((a, b)) => ((a + b) as f64 / 2.0, ((a + b) / 2) as i8),
    };
    let weights = Histogram { counts: &weight_counts, lowest: 0 };
    let group_weight = match weights.middle() {
        None => default,
        Some((a, b)) => {
            let (a, b) = (a as u8, b as u8);
            // Exact, or a halfway point: rounded down unless the card's default lies above.
            if default <= (a + b) / 2 {
                (a + b) / 2
            } else {
                (a + b).div_ceil(2)
            }
        }
    };
    FactorSpread {
        id: factor.id.clone(),
        min: histogram.min().unwrap_or(0) as i8,
        max: histogram.max().unwrap_or(0) as i8,
        positions,
        counts,
        median,
        mean,
        spread: variance.sqrt(),
        group_position,
        group_weight,
    }
}

/// The group's answers (see the module notes for the rules).
pub fn group_answers(card: &Card, participants: &[Participant]) -> Answers {
    group_from(card, participants, &factor_stats(card, participants))
}

/// The group's answers, from the factors' statistics already worked out.
fn group_from(card: &Card, participants: &[Participant], factors: &[FactorSpread]) -> Answers {
    let mut group = Answers::default();
    let n = participants.len();
    if n == 0 {
        return group;
    }
    for (f, s) in card.factors.iter().zip(factors) {
        let answer = FactorAnswer {
            position: s.group_position,
            weight: (s.group_weight != f.weight).then_some(s.group_weight),
        };
        if answer != FactorAnswer::default() {
            group.factors.insert(f.id.clone(), answer);
        }
    }
    let majority = |id: &str, of: fn(&Answers, &str) -> bool| {
        2 * participants.iter().filter(|p| of(&p.answers, id)).count() > n
    };
    for id in card.signals().map(|(_, s)| &s.id).chain(card.pitfalls().map(|p| &p.id)) {
        if majority(id, |a, id| a.is_ticked(id)) {
            group.ticked.insert(id.clone());
        }
    }
    for t in &card.reversibility.relook_triggers {
        if majority(&t.id, |a, id| a.triggers.contains(id)) {
            group.triggers.insert(t.id.clone());
        }
    }
    for e in &card.evidence {
        let mut counts = [0usize; EvidenceStatus::ALL.len()];
        for p in participants {
            counts[p.answers.evidence_status(&e.id) as usize] += 1;
        }
        let statuses = Histogram { counts: &counts, lowest: 0 };
        let status = match statuses.middle() {
            // A halfway point rounded down.
            Some((a, b)) => EvidenceStatus::ALL[((a + b) / 2) as usize],
            None => EvidenceStatus::NotStarted,
        };
        if status != EvidenceStatus::NotStarted {
            group.evidence.insert(e.id.clone(), EvidenceAnswer { status, note: String::new() });
        }
    }
    group
}

/// How the participants' own verdicts split, by headline, most common first:
/// `[("Self-Hosted Model is justified", 2), ("Stay with Model API — the default", 1)]`.
pub fn verdict_split(card: &Card, verdicts: &[Verdict]) -> Vec<(String, usize)> {
    let mut split: Vec<(String, usize)> = Vec::new();
    for v in verdicts {
        let h = explain::headline(card, v).0;
        match split.iter_mut().find(|(x, _)| *x == h) {
            Some((_, n)) => *n += 1,
            None => split.push((h, 1)),
        }
    }
    // Stable: equally common headlines keep the order they first appeared in.
    sort::sort_by(&mut split, |a, b| a.1 > b.1);
    split
}
