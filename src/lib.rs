//! Decision Cards: a decision card as an interactive widget, compiled to WebAssembly.
//!
//! The layers, each depending only on those below it:
//!
//! - [`decision_core`] (its own crate) is everything pure: card types, answers, the engine
//!   and its words, the record, the stored and shared formats, workshops.
//! - [`content`]: the bundled cards (validated when the crate builds).
//! - [`platform`] wraps the browser (URL, clipboard, downloads, time, embed mode, the
//!   panic notice); [`storage`] is the only module that touches `localStorage`.
//! - [`state`]: each page's session: signals, loading, saving, other tabs, status.
//! - [`pages`]: which page a URL asks for, and each page's layout.
//! - [`components`]: leaf widgets that read signals and call core functions.

pub mod components;
pub mod content;
pub mod pages;
pub mod platform;
pub mod state;
pub mod storage;

pub use pages::App;
