//! Which disagreements in a workshop matter: a factor matters when the participants' positions
//! fall on both sides of a point where the group's recommendation changes, that is some of
//! them hold a position at which (everything else as the group answered) the group's verdict
//! would recommend the other option, and some do not.

use super::reach;
use crate::answers::Answers;
use crate::card::Card;

/// How one factor's participants sit around the points where the group's answer changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// Participants whose position, put in place of the group's, would change what the group's
    /// verdict recommends.
    pub changing: usize,
    /// Participants whose position would not.
    pub holding: usize,
    /// No position of this factor, alone, changes the group's recommendation.
    pub settled: bool,
}

impl Sides {
    /// Participants on both sides of a point where the recommendation changes.
    pub fn matters(&self) -> bool {
        self.changing > 0 && self.holding > 0
    }
}

/// For each of the card's factors (in card order, `positions[i]` the participants' positions
/// on `card.factors[i]`), how the participants sit around the group's points of change.
pub fn sides(card: &Card, group: &Answers, positions: &[&[i8]]) -> Vec<Sides> {
    let reach = reach(card, group);
    card.factors
        .iter()
        .zip(positions)
        .map(|(f, ps)| {
            let weight = group.weight(card, &f.id);
            let Some(reach) = reach.iter().find(|r| r.factor == f.id) else {
                return Sides::default();
            };
            let changing = ps.iter().filter(|&&p| reach.changes_at(p, weight)).count();
            Sides { changing, holding: ps.len() - changing, settled: reach.positions(weight).is_empty() }
        })
        .collect()
}
