//! A workshop: several participants' answers to one card, brought together by a facilitator,
//! with the group's spread, tallies and verdict. Pure; tested natively.
//!
//! - `model.rs`: the [`Workshop`], its rounds and their participants, adding one without
//!   duplicates and telling who is who by token ([`Adder`]), and the three-way [`merge`] of a
//!   workshop changed in two tabs.
//! - `adding.rs`: adding share links (a list or a whole pasted chat) and files, with a
//!   [`Report`] line for each.
//! - `statistics.rs`: each factor's spread ([`factor_stats`]), the tallies, and the group's
//!   answers and verdict ([`summarize`]); the rules of aggregation are documented there and
//!   stated in one sentence by [`aggregation_rule`].
//! - `rounds.rs`: what moved between two rounds ([`movement`]): who answered again, who
//!   moved on which factor, and whether the group converged or split.
//! - `codec.rs`: the stored form ([`encode`], [`decode`]), read through [`crate::json::At`].
//! - `export.rs`: the summary as Markdown and the participants as CSV.
//! - `words.rs`: the area's words ([`words::WorkshopWord`], `lang/<code>/workshop.toml`):
//!   the report line of each link or file added, and what moved, in words.
//!
//! Callers use the items re-exported here (`workshop::summarize`, `workshop::Workshop`).

mod adding;
mod codec;
mod export;
mod model;
mod rounds;
mod statistics;
pub mod words;

pub use adding::{check_file_size, AddOutcome, Pasted, Report, Source};
pub use codec::{decode, encode, MAX_BYTES, SCHEMA};
pub use export::{csv, markdown, MOVERS_NAMED};
pub use model::{canonical, fingerprint, label_in, merge, Added, Adder, Participant, Workshop};
pub use rounds::{
    compare_rounds, movement, same_people, FactorMove, Movement, Mover, Rounds, Trend, SPREAD_TOLERANCE,
};
pub use statistics::{
    factor_stats, group_answers, summarize, verdict_split, FactorSpread, Summary, Tally, MAX_DISPUTED,
};
pub use words::{aggregation_rule, movement_sentence, trend_word};
