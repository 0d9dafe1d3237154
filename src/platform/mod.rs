//! The browser, wrapped: everything the app asks of the page besides storage, each call
//! unable to panic. Nothing here may run while a page is rendered natively at build time:
//! without a browser every function answers "nothing there", and the prerender step fails
//! when a component asks anyway (`render_check`).
//!
//! - [`addresses`]: the address of each page of the build, relative to this one.
//! - [`browser`]: the URL, the clipboard, downloads, reading a picked file.
//! - [`clock`]: the time now and local dates and times in words.
//! - [`listener`]: event listeners removed when dropped.
//! - [`page`]: the page the app starts on: its kind, its data, edits made before it was live.
//! - `parts` (with the `hydrate` feature): a part of the page drawn anew when the reader reaches for it.
//! - [`embed`]: embed mode and its iframe height messages.
//! - [`failure`]: the words of the notice shown when the app fails (the page shows it).

pub mod addresses;
pub mod browser;
pub mod clock;
pub mod embed;
pub mod failure;
pub mod listener;
pub mod page;
#[cfg(feature = "hydrate")]
pub mod parts;
#[cfg(feature = "ssr")]
pub mod render_check;
