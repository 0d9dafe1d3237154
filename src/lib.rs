//! Decision Cards: a decision card as an interactive widget, compiled to WebAssembly.
//!
//! The layers, each depending only on those below it:
//!
//! - [`decision_core`] (its own crate) is everything pure: card types, answers, the engine
//!   and its words, the record, the stored and shared formats, workshops.
//! - [`platform`] wraps the browser (URL, clipboard, downloads, time, embed mode, the
//!   panic notice); [`storage`] is the only module that touches `localStorage`.
//! - [`state`]: each page's session: signals, loading, saving, other tabs, status.
//! - [`pages`]: the pages of the build (library, card, workshop), how the app starts on
//!   each, and their layouts; the same components render them at build time
//!   (`src/bin/prerender.rs`, feature `ssr`) and take them over in the browser.
//! - [`components`]: leaf widgets that read signals and call core functions; every answer
//!   control is named in [`controls`] and changes the answers only by a core `Edit`.

pub mod components;
pub mod controls;
pub mod pages;
pub mod platform;
pub mod state;
pub mod storage;
