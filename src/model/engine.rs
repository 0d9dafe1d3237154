//! The decision engine: "default plus burden of proof".
//!
//! The card names a default option. Factors (position × importance) and ticked genuine
//! signals add up to a score on one axis: negative points to option 0 ("A"), positive to
//! option 1 ("B"). The case for leaving the default must clear a burden of proof that the
//! card sets per undo cost. Bad reasons and anti-patterns never move the score; they only
//! produce warnings. Everything here is pure and deterministic.

use crate::model::answers::Answers;
use crate::model::card::Card;

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
    /// Signed amount: negative toward option 0, positive toward option 1.
    pub amount: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContributionKind {
    Factor,
    Signal,
}

/// The smallest change to one factor's position that would change the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    pub factor: String,
    /// The position it would need (`-STEPS..=STEPS`).
    pub to: i8,
    /// The outcome it would give.
    pub outcome: Outcome,
    /// The option that outcome recommends.
    pub recommends: usize,
}

/// The full verdict with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// The option to act on (0 or 1). For `Gated` this is the default option: the case
    /// points away from it, but the capability to take the other path is missing.
    pub recommends: usize,
    /// The option the evidence points to (0 or 1), ignoring the burden and the gate.
    pub points_to: usize,
    pub strength: Strength,
    /// Signed score: negative toward option 0, positive toward option 1.
    pub score: f64,
    /// The score needed (in the direction away from the default) to leave the default.
    pub burden: f64,
    /// `score` scaled by the largest score the card allows: always in -1..=1.
    pub lean: f64,
    pub confidence: Confidence,
    /// Every non-zero contribution, largest magnitude first.
    pub contributions: Vec<Contribution>,
    pub flip: Option<Flip>,
    /// For `Gated`: the id of the gate factor that points away.
    pub gate: Option<String>,
    /// Ids of ticked bad reasons and anti-patterns (they never count; always warned about).
    pub warnings: Vec<String>,
    /// When the case for an option rests mostly on bad reasons: that option's index.
    pub rests_on_pitfalls: Option<usize>,
}

/// Evaluate the answers against the card.
pub fn evaluate(card: &Card, answers: &Answers) -> Verdict {
    let _ = (card, answers);
    todo!("engine")
}
