//! The library page's state: how far this browser got with each card, and the decision in
//! force on it, read from storage without writing anything.

use crate::platform::clock;
use crate::storage;
use decision_core::page_data::{CardSummary, Progress};

/// Each card's progress in this browser today, in the order of `cards`.
pub fn progress(cards: &[CardSummary]) -> Vec<Progress> {
    let stored = storage::stored_progress(cards.iter().map(|c| c.id.as_str()));
    let today = clock::today();
    cards.iter().zip(stored).map(|(card, text)| card.progress(text.as_deref(), today)).collect()
}
