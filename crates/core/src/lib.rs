//! Decision Cards' pure core: everything that decides, words, encodes or checks, with no
//! browser in sight, so all of it is tested natively and fuzzed.
//!
//! - [`card`]: the card as written; [`validate`] checks what its types cannot express.
//! - [`answers`]: one user's answers, keyed by the card's stable item ids, and their
//!   three-way merge.
//! - [`engine`]: "default plus burden of proof"; [`explain`] puts its numbers into words.
//! - [`sensitivity`]: what could change the answer: the moves that would change what the
//!   verdict recommends, the settled factors, the evidence to gather first.
//! - [`record`]: the decision record (Markdown, MADR shape).
//! - [`history`]: decisions recorded over time, what changed since, when a revisit is due;
//!   [`dates`]: the calendar dates they need; [`calendar`]: the revisit date as an
//!   iCalendar (RFC 5545) file.
//! - [`envelope`]: the stored form of progress and its migrations.
//! - [`share`]: share links and answers files.
//! - [`workshop`]: a facilitator's workshop: duplicates, spread, tallies, group verdict.
//! - [`transcript`]: share links and their senders' names in pasted text or a whole chat.
//! - [`store`]: what the browser's storage can report, as data (the app does the I/O).
//! - [`sections`]: the fixed words of the card template; [`messages`]: every sentence about
//!   errors and stored data.
//! - [`page_data`]: the card (or the library) a page carries for its app.
//! - [`authoring`] (feature `authoring`, build time only): card files in, page data out.
//!
//! The crate depends on no web crate (no leptos, web-sys, js-sys, wasm-bindgen); that is
//! checked by `cargo tree -p decision-core` in the test command.

pub mod answers;
pub mod calendar;
pub mod card;
pub mod dates;
pub mod engine;
pub mod envelope;
pub mod explain;
pub mod history;
pub mod ids;
pub mod json;
pub mod lang;
pub mod messages;
pub mod page_data;
pub mod record;
pub mod search;
pub mod sections;
pub mod sensitivity;
pub mod share;
pub mod sort;
pub mod store;
pub mod transcript;
pub mod validate;
pub mod workshop;

#[cfg(feature = "authoring")]
pub mod authoring;
