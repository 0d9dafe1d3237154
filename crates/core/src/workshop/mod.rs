//! A workshop: several participants' answers to one card, brought together by a facilitator,
//! with the group's spread, tallies and verdict. Pure; tested natively.
//!
//! - `model.rs`: the [`Workshop`] and its participants, adding one without duplicates
//!   ([`Adder`]), and the three-way [`merge`] of a workshop changed in two tabs.
//! - `adding.rs`: adding share links (a list or a whole pasted chat) and files, with a
//!   [`Report`] line for each.
//! - `statistics.rs`: each factor's spread ([`factor_stats`]), the tallies, and the group's
//!   answers and verdict ([`summarize`]); the rules of aggregation are documented there and
//!   stated in [`AGGREGATION_RULE`].
//! - `codec.rs`: the stored form ([`encode`], [`decode`]), read through [`crate::json::At`].
//! - `export.rs`: the summary as Markdown and the participants as CSV.
//!
//! Callers use the items re-exported here (`workshop::summarize`, `workshop::Workshop`).

mod adding;
mod codec;
mod export;
mod model;
mod statistics;

pub use adding::{check_file_size, AddOutcome, Pasted, Report, Source};
pub use codec::{decode, encode, MAX_BYTES, SCHEMA};
pub use export::{csv, markdown};
pub use model::{canonical, fingerprint, merge, Added, Adder, Participant, Workshop};
pub use statistics::{
    factor_stats, group_answers, summarize, verdict_split, FactorSpread, Summary, Tally, AGGREGATION_RULE,
    MAX_DISPUTED,
};
