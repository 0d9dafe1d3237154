//! The decision engine: "default plus burden of proof".
//!
//! The card names a default option. Factors (position × importance) and ticked genuine
//! signals add up to a score on one axis: negative points to Option A, positive to
//! Option B. The case for leaving the default must clear a burden of proof that the
//! card sets per undo cost. Bad reasons and anti-patterns never move the score; they only
//! produce warnings. Everything here is pure and deterministic.
//!
//! Rules the engine applies, beyond what the types say:
//!
//! - A factor contributes `weight × position / STEPS`; a ticked genuine signal contributes the
//!   card's `signal_strength` toward its option. Ticked bad reasons and anti-patterns, and ids
//!   the card does not know, contribute nothing.
//! - `case` is the score measured away from the default. `case > burden` leaves the default
//!   (`Switch`, or `Gated` when a capability gate for the other option points away from it).
//!   `case <= -burden` with `case < 0` is `DefaultConfirmed`: the evidence must actually point
//!   to the default, so neutral answers are `NotClearYet` even on a card whose burden is 0.
//!   Everything else is `NotClearYet`, recommending the default.
//! - Strength: `NotClearYet` is always `Slightly` (the case is inside the band); otherwise
//!   `Clearly` up to twice the burden and `Strongly` beyond it. So a verdict that leaves or
//!   confirms the default never reads "slightly".
//! - Confidence is the mean credit of the card's evidence items (in progress counts half):
//!   `Low` below 1/3, `Medium` below 3/4, `High` from 3/4. A card that asks for no evidence has
//!   nothing outstanding: fraction 1, `High`. Evidence never changes the score or the outcome.
//! - Card numbers are not trusted blindly: a signal strength or burden that is negative or NaN
//!   counts as 0, and anything above [`CARD_NUMBER_CAP`] (including infinity) is capped, so
//!   every number in a verdict is finite. A default option that names neither option falls
//!   back to Option A.
//! - The flip point is the smallest change to one factor's position that changes the
//!   recommended option (ties: the earlier factor, then the position nearer "points clearly to
//!   Option A"). A move that only changes the kind of outcome for the same option, such as
//!   "not clear yet" becoming "clearly confirmed", is not a flip. There is none when no single
//!   factor can change the recommendation.

use crate::answers::{Answers, STEPS};
use crate::card::{Card, Item, Side, MAX_WEIGHT};
use crate::sort;

/// Largest signal strength or burden taken from a card. Real cards use single digits; the cap
/// only exists so that a broken card cannot push a score to infinity.
pub const CARD_NUMBER_CAP: f64 = 1.0e9;

/// Confidence fraction from which the level is `Medium`.
pub const CONFIDENCE_MEDIUM: f64 = 1.0 / 3.0;

/// Confidence fraction from which the level is `High`.
pub const CONFIDENCE_HIGH: f64 = 0.75;

/// What the engine concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The evidence itself points to the default option (case against leaving ≥ burden).
    DefaultConfirmed,
    /// Stay with the default: the case for leaving it is not clear yet (inside the band).
    NotClearYet,
    /// The case for the other option clears the burden of proof.
    Switch,
    /// The case clears the burden, but a capability gate for that option points away.
    Gated,
}

/// How strongly the evidence points, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Slightly,
    Clearly,
    Strongly,
}

/// Confidence from the evidence gathered: it never changes the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfidenceLevel {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confidence {
    pub level: ConfidenceLevel,
    /// Share of the evidence gathered, 0..=1 (in progress counts half).
    pub fraction: f64,
}

/// What moved the score: a factor or a ticked genuine signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub kind: ContributionKind,
    /// The factor or signal id.
    pub id: String,
    /// Signed amount: negative toward Option A, positive toward Option B.
    pub amount: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContributionKind {
    Factor,
    Signal,
}

/// The smallest change to one factor's position that would change the recommended option.
///
/// Moves that only change the outcome's kind (say from "not clear yet" to "clearly confirmed")
/// are not flips: what a reader wants to know is what would make them act differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    pub factor: String,
    /// The position it would need (`-STEPS..=STEPS`).
    pub to: i8,
    /// The outcome it would give.
    pub outcome: Outcome,
    /// The option that outcome recommends: always another option than the verdict's.
    pub recommends: Side,
    /// The option the case would then point to.
    pub points_to: Side,
}

/// The full verdict with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// The option to act on. For `Gated` this is the default option: the case points away
    /// from it, but the capability to take the other path is missing.
    pub recommends: Side,
    /// The option the evidence points to, ignoring the burden and the gate (the default
    /// when the score is exactly zero).
    pub points_to: Side,
    pub strength: Strength,
    /// Signed score: negative toward Option A, positive toward Option B.
    pub score: f64,
    /// The score needed (in the direction away from the default) to leave the default.
    pub burden: f64,
    /// `score` scaled by the largest score the card allows: always in -1..=1.
    pub lean: f64,
    /// The largest score the card allows (the scale of `lean`), ≥ 0.
    pub max_score: f64,
    pub confidence: Confidence,
    /// Every non-zero contribution, largest magnitude first.
    pub contributions: Vec<Contribution>,
    /// For `Gated`: the id of the gate factor that points away.
    pub gate: Option<String>,
    /// Ids of ticked bad reasons and anti-patterns (they never count; always warned about).
    pub warnings: Vec<String>,
    /// When the case for an option rests mostly on bad reasons: that option.
    pub rests_on_pitfalls: Option<Side>,
}

/// Evaluate the answers against the card.
///
/// Pure and deterministic, and it never panics: answers out of range are clamped, unknown ids
/// are ignored and doubtful card numbers are sanitised (see the module documentation for the
/// exact rules). It runs on every slider movement, so it does no formatting.
#[must_use]
pub fn evaluate(card: &Card, answers: &Answers) -> Verdict {
    let prepared = Prepared::new(card, answers);
    let core = prepared.core(&Over::NONE);
    let strength_per_signal = prepared.signal_strength;

    // Factors first, then signals, each in card order: the stable sort below then breaks ties
    // in magnitude exactly as documented (factors before signals, then card order).
    let mut contributions = Vec::with_capacity(prepared.factors.len() + answers.ticked.len());
    for f in &prepared.factors {
        let amount = f.amount(f.position);
        if amount != 0.0 {
            contributions.push(Contribution { kind: ContributionKind::Factor, id: f.id.to_owned(), amount });
        }
    }
    if strength_per_signal > 0.0 {
        for (side, item) in genuine_signals(card) {
            if answers.is_ticked(&item.id) {
                let amount = f64::from(side.sign()) * strength_per_signal;
                contributions.push(Contribution {
                    kind: ContributionKind::Signal,
                    id: item.id.clone(),
                    amount,
                });
            }
        }
    }
    // Largest first; equal ones keep their order.
    sort::sort_by(&mut contributions, |a, b| a.amount.abs() > b.amount.abs());

    let warnings: Vec<String> =
        card.pitfalls().filter(|p| answers.is_ticked(&p.id)).map(|p| p.id.clone()).collect();

    let rests_on_pitfalls =
        rests_on_pitfalls(card, answers, &contributions, strength_per_signal, prepared.default);

    let points_to = prepared.points_to(&core);

    let strength = match core.outcome {
        Outcome::NotClearYet => Strength::Slightly,
        _ if core.case.abs() > 2.0 * prepared.burden => Strength::Strongly,
        _ => Strength::Clearly,
    };

    let lean =
        if prepared.max_possible > 0.0 { (core.score / prepared.max_possible).clamp(-1.0, 1.0) } else { 0.0 };

    Verdict {
        outcome: core.outcome,
        recommends: core.recommends,
        points_to,
        strength,
        score: core.score,
        burden: prepared.burden,
        lean,
        max_score: prepared.max_possible,
        confidence: confidence(card, answers),
        contributions,
        gate: core.gate.map(|i| prepared.factors[i].id.to_owned()),
        warnings,
        rests_on_pitfalls,
    }
}

/// The flip point of `answers`: the smallest change to one factor's position that would change
/// the recommended option, if one does. Apart from [`evaluate`], which runs on every slider
/// movement: only a workshop's group verdict states it, where a reader's verdict names every
/// such move ([`crate::sensitivity`]).
#[must_use]
pub fn flip(card: &Card, answers: &Answers) -> Option<Flip> {
    let prepared = Prepared::new(card, answers);
    prepared.flip(&prepared.core(&Over::NONE))
}

/// Clamp a number read from a card into `0..=CARD_NUMBER_CAP`; NaN counts as 0.
fn sane(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, CARD_NUMBER_CAP)
    }
}

/// Genuine signals. An id that the card also lists as a bad reason or anti-pattern is
/// treated as the pitfall: ticking a pitfall must never move the score.
fn genuine_signals(card: &Card) -> impl Iterator<Item = (Side, &Item)> {
    card.signals().filter(move |(_, item)| !card.pitfalls().any(|p| p.id == item.id))
}

/// Share of the card's evidence gathered. Answers to evidence the card does not list are
/// ignored because only the card's own items are looked up.
fn confidence(card: &Card, answers: &Answers) -> Confidence {
    let fraction = if card.evidence.is_empty() {
        1.0
    } else {
        let credit: f64 = card.evidence.iter().map(|e| answers.evidence_status(&e.id).credit()).sum();
        (credit / card.evidence.len() as f64).clamp(0.0, 1.0)
    };
    let level = if fraction < CONFIDENCE_MEDIUM {
        ConfidenceLevel::Low
    } else if fraction < CONFIDENCE_HIGH {
        ConfidenceLevel::Medium
    } else {
        ConfidenceLevel::High
    };
    Confidence { level, fraction }
}

/// The option whose case rests mostly on ticked pitfalls, if any: the weight the pitfalls
/// would have had (had they counted like signals) exceeds the genuine contributions toward
/// that option. If both qualify, the larger pitfall weight wins; a tie names the non-default
/// option, since leaving the default for bad reasons is the costlier mistake.
fn rests_on_pitfalls(
    card: &Card,
    answers: &Answers,
    contributions: &[Contribution],
    strength_per_signal: f64,
    default: Side,
) -> Option<Side> {
    let mut ticked = [0u32; 2];
    for p in card.pitfalls() {
        if answers.is_ticked(&p.id) {
            if let Some(side) = card.favoured(p) {
                ticked[side.index()] += 1;
            }
        }
    }
    let mut genuine = [0.0f64; 2];
    for c in contributions {
        genuine[usize::from(c.amount > 0.0)] += c.amount.abs();
    }
    let weight = |side: Side| strength_per_signal * f64::from(ticked[side.index()]);
    let qualifies = |side: Side| weight(side) > 0.0 && weight(side) > genuine[side.index()];
    let other = default.other();
    match (qualifies(default), qualifies(other)) {
        (true, true) if weight(default) > weight(other) => Some(default),
        (_, true) => Some(other),
        (true, false) => Some(default),
        (false, false) => None,
    }
}

/// One factor as the engine sees it after clamping.
pub(crate) struct FactorState<'a> {
    pub(crate) id: &'a str,
    pub(crate) weight: i64,
    pub(crate) position: i8,
    /// Index of the first factor with the same id. Answers are keyed by id, so factors that
    /// share an id (only in a broken card) always move together, also when searching flips.
    pub(crate) key: usize,
    /// The option this factor is a capability gate for.
    gate_for: Option<Side>,
}

/// Answers changed in thought, for the searches that ask "what if": up to two factors (by
/// key) at another position and importance, and the ticked genuine signals' net count
/// changed by `ticked_delta`. [`crate::sensitivity`] checks through `Answers::apply` that
/// what it gives is what evaluating the changed answers gives.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Over {
    /// `(key, position, weight)`.
    pub(crate) factors: [Option<(usize, i8, i64)>; 2],
    pub(crate) ticked_delta: i64,
}

impl Over {
    pub(crate) const NONE: Over = Over { factors: [None, None], ticked_delta: 0 };

    fn factor(&self, key: usize) -> Option<(i8, i64)> {
        self.factors.iter().flatten().find(|(k, ..)| *k == key).map(|&(_, p, w)| (p, w))
    }
}

/// One genuine signal id as the engine counts it: ticking it changes the net count of ticked
/// signals by `net` (the sum of the sides of every genuine signal with that id, which is one
/// signal except in a broken card).
pub(crate) struct SignalState<'a> {
    pub(crate) id: &'a str,
    pub(crate) net: i64,
    pub(crate) ticked: bool,
}

impl FactorState<'_> {
    /// Contribution at a given position. Computed from integers, so it is exact.
    fn amount(&self, position: i8) -> f64 {
        (self.weight * i64::from(position)) as f64 / f64::from(STEPS)
    }
}

/// Everything the outcome depends on, gathered once per evaluation so the flip search can
/// re-run the outcome for many hypothetical positions without allocating.
pub(crate) struct Prepared<'a> {
    pub(crate) factors: Vec<FactorState<'a>>,
    /// The genuine signals by distinct id, in card order.
    pub(crate) signals: Vec<SignalState<'a>>,
    /// Ticked genuine signals toward B minus those toward A.
    ticked_net: i64,
    signal_strength: f64,
    default: Side,
    burden: f64,
    /// The largest |score| the card allows, for `lean`.
    max_possible: f64,
}

/// The outcome without its explanation.
pub(crate) struct Core {
    score: f64,
    case: f64,
    pub(crate) outcome: Outcome,
    pub(crate) recommends: Side,
    /// Index into `Prepared::factors` of the gate that holds the case back.
    gate: Option<usize>,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(card: &'a Card, answers: &Answers) -> Self {
        let signal_strength = sane(card.scoring.signal_strength);
        let factors: Vec<FactorState<'a>> = card
            .factors
            .iter()
            .enumerate()
            .map(|(i, f)| FactorState {
                id: f.id.as_str(),
                weight: i64::from(answers.weight(card, &f.id)),
                position: answers.position(&f.id),
                key: card.factors[..i].iter().position(|g| g.id == f.id).unwrap_or(i),
                gate_for: f.gate_for.as_deref().and_then(|o| card.side_of(o)),
            })
            .collect();

        let mut per_side = [0u64; 2];
        let mut ticked_net: i64 = 0;
        let mut signals: Vec<SignalState<'a>> = Vec::new();
        for (side, item) in genuine_signals(card) {
            per_side[side.index()] += 1;
            let ticked = answers.is_ticked(&item.id);
            if ticked {
                ticked_net += i64::from(side.sign());
            }
            match signals.iter_mut().find(|s| s.id == item.id) {
                Some(s) => s.net += i64::from(side.sign()),
                None => signals.push(SignalState { id: &item.id, net: i64::from(side.sign()), ticked }),
            }
        }
        let max_possible = f64::from(MAX_WEIGHT) * factors.len() as f64
            + signal_strength * per_side[0].max(per_side[1]) as f64;

        Prepared {
            factors,
            signals,
            ticked_net,
            signal_strength,
            default: card.default_side(),
            burden: sane(card.burden()),
            max_possible,
        }
    }

    /// Position and weight of factor `i`, with `over` moving every factor of a key it names.
    fn answer(&self, i: usize, over: &Over) -> (i8, i64) {
        let f = &self.factors[i];
        over.factor(f.key).unwrap_or((f.position, f.weight))
    }

    /// The outcome, with the answers changed as `over` says. Never computes flips, so the
    /// searches can call it freely.
    pub(crate) fn core(&self, over: &Over) -> Core {
        // Integer sum of weight × position: exact, and identical whether a position comes from
        // the answers or from a hypothetical move, so a reported flip reproduces exactly.
        let raw: i64 = (0..self.factors.len())
            .map(|i| {
                let (position, weight) = self.answer(i, over);
                weight * i64::from(position)
            })
            .sum();
        // One multiplication rather than a running sum: exact for whole strengths, and it
        // keeps the score monotone in every factor.
        let ticked = self.ticked_net + over.ticked_delta;
        let signal_net = if self.signal_strength > 0.0 { self.signal_strength * ticked as f64 } else { 0.0 };
        let score = raw as f64 / f64::from(STEPS) + signal_net;
        // Measured toward the other option: positive is a case for leaving the default.
        let other = self.default.other();
        let case = score * f64::from(other.sign());

        let (outcome, recommends, gate) = if case > self.burden {
            match self.blocking_gate(other, over) {
                Some(g) => (Outcome::Gated, self.default, Some(g)),
                None => (Outcome::Switch, other, None),
            }
        } else if case < 0.0 && case <= -self.burden {
            (Outcome::DefaultConfirmed, self.default, None)
        } else {
            (Outcome::NotClearYet, self.default, None)
        };
        Core { score, case, outcome, recommends, gate }
    }

    /// The gate for `side` that points away from it the most (first in card order on ties).
    /// Neutral is not "away": an unanswered gate does not block.
    fn blocking_gate(&self, side: Side, over: &Over) -> Option<usize> {
        let mut best: Option<(usize, i8)> = None;
        for (i, f) in self.factors.iter().enumerate() {
            if f.gate_for != Some(side) {
                continue;
            }
            let away = -self.answer(i, over).0 * side.sign();
            if away > 0 && best.is_none_or(|(_, b)| away > b) {
                best = Some((i, away));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The option the case points to: the sign of the score, the default when it is zero.
    pub(crate) fn points_to(&self, core: &Core) -> Side {
        Side::of_sign(core.score).unwrap_or(self.default)
    }

    /// The smallest single-factor move that changes the recommended option. Ties: the earlier
    /// factor, then the position nearer option 0.
    fn flip(&self, now: &Core) -> Option<Flip> {
        // (distance, factor index, target, the moved outcome)
        let mut best: Option<(i8, usize, i8, Core)> = None;
        for (i, f) in self.factors.iter().enumerate() {
            if f.key != i {
                continue;
            }
            for to in -STEPS..=STEPS {
                let distance = (to - f.position).abs();
                if distance == 0 || best.as_ref().is_some_and(|(d, ..)| distance >= *d) {
                    continue;
                }
                let moved = self.core(&Over { factors: [Some((i, to, f.weight)), None], ticked_delta: 0 });
                if moved.recommends != now.recommends {
                    best = Some((distance, i, to, moved));
                }
            }
        }
        best.map(|(_, i, to, moved)| Flip {
            factor: self.factors[i].id.to_owned(),
            to,
            outcome: moved.outcome,
            recommends: moved.recommends,
            points_to: self.points_to(&moved),
        })
    }
}
