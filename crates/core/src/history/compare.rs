//! What has changed since a decision was recorded: the answers (factors moved, signals and
//! evidence changed), what the verdict recommends now, and the card itself (items added or
//! removed in a later content version); and whether the decision is due for a revisit.

use super::{item_ids, Decision};
use crate::answers::{Answers, EvidenceStatus};
use crate::card::{Card, Side};
use crate::dates::Date;
use crate::engine::Verdict;

/// One factor whose slider or importance is not where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorMove {
    pub id: String,
    pub then: i8,
    pub now: i8,
    /// The importance then and now, when it changed.
    pub weight: Option<(u8, u8)>,
}

/// One evidence item whose status is not what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceChange {
    pub id: String,
    pub then: EvidenceStatus,
    pub now: EvidenceStatus,
}

/// How the card has changed since the content version a decision was recorded on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardChange {
    pub then_version: u32,
    pub now_version: u32,
    /// Ids of items the card has now and did not have then.
    pub added: Vec<String>,
    /// Ids of items the card had then and has no longer.
    pub removed: Vec<String>,
}

/// A decision set against today's answers, in card order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub moved: Vec<FactorMove>,
    /// Signals, bad reasons and anti-patterns ticked since, and unticked since.
    pub ticked: Vec<String>,
    pub unticked: Vec<String>,
    pub evidence: Vec<EvidenceChange>,
    /// Re-look triggers ticked since.
    pub triggers: Vec<String>,
    /// What the verdict recommended then and recommends now.
    pub then: Side,
    pub now: Side,
    pub card: Option<CardChange>,
}

impl Comparison {
    /// Whether the verdict would now recommend another option than it did then.
    pub fn verdict_differs(&self) -> bool {
        self.then != self.now
    }

    /// Whether no answer has changed since.
    pub fn answers_unchanged(&self) -> bool {
        self.moved.is_empty()
            && self.ticked.is_empty()
            && self.unticked.is_empty()
            && self.evidence.is_empty()
            && self.triggers.is_empty()
    }
}

/// Compares `decision` with `now`, the answers on the page, whose verdict is `verdict`.
pub fn compare(card: &Card, decision: &Decision, now: &Answers, verdict: &Verdict) -> Comparison {
    let then = &decision.answers;
    let moved = card
        .factors
        .iter()
        .filter_map(|f| {
            let (p0, p1) = (then.position(&f.id), now.position(&f.id));
            let (w0, w1) = (then.weight_of(f), now.weight_of(f));
            (p0 != p1 || w0 != w1).then(|| FactorMove {
                id: f.id.clone(),
                then: p0,
                now: p1,
                weight: (w0 != w1).then_some((w0, w1)),
            })
        })
        .collect();
    let tickable: Vec<&str> =
        card.signals().map(|(_, s)| s.id.as_str()).chain(card.pitfalls().map(|p| p.id.as_str())).collect();
    let ticked =
        tickable.iter().filter(|id| now.is_ticked(id) && !then.is_ticked(id)).map(|id| id.to_string());
    let unticked =
        tickable.iter().filter(|id| then.is_ticked(id) && !now.is_ticked(id)).map(|id| id.to_string());
    let evidence = card
        .evidence
        .iter()
        .filter_map(|e| {
            let (s0, s1) = (then.evidence_status(&e.id), now.evidence_status(&e.id));
            (s0 != s1).then(|| EvidenceChange { id: e.id.clone(), then: s0, now: s1 })
        })
        .collect();
    Comparison {
        moved,
        ticked: ticked.collect(),
        unticked: unticked.collect(),
        evidence,
        triggers: triggers_since(decision, now),
        then: decision.recommended,
        now: verdict.recommends,
        card: card_change(card, decision),
    }
}

/// What the card has gained and lost since the decision's content version; `None` when it
/// was recorded on this version.
pub fn card_change(card: &Card, decision: &Decision) -> Option<CardChange> {
    if decision.content_version == card.version {
        return None;
    }
    let now = item_ids(card);
    Some(CardChange {
        then_version: decision.content_version,
        now_version: card.version,
        added: now.iter().filter(|id| !decision.items.contains(id)).cloned().collect(),
        removed: decision.items.iter().filter(|id| !now.contains(id)).cloned().collect(),
    })
}

/// Re-look triggers ticked now that were not ticked when `decision` was made.
pub fn triggers_since(decision: &Decision, now: &Answers) -> Vec<String> {
    now.triggers.iter().filter(|id| !decision.answers.triggers.contains(id)).cloned().collect()
}

/// Why a decision is due for a revisit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The revisit date, when `today` is on or after it.
    pub date_passed: Option<Date>,
    /// Re-look triggers ticked since the decision.
    pub triggers: Vec<String>,
}

/// Whether `decision` is due for a revisit on `today` with the answers `now`: its revisit
/// date has come, or a re-look trigger has been ticked since it was recorded.
pub fn due(decision: &Decision, today: Date, now: &Answers) -> Option<Due> {
    let date_passed = (today >= decision.revisit_by).then_some(decision.revisit_by);
    let triggers = triggers_since(decision, now);
    (date_passed.is_some() || !triggers.is_empty()).then_some(Due { date_passed, triggers })
}
