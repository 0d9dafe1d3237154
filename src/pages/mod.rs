//! The pages of the build, and how the app starts on each.
//!
//! - The library (`index.html`) and the card pages (`<card-id>.html`) are rendered at build
//!   time (`src/bin/prerender.rs`) by these same components; `start_library_app` and
//!   `start_card_app` (feature `hydrate`), each the start of a WASM of its own, take the
//!   markup over (hydration) instead of building it.
//! - The workshop page (`<card-id>.workshop.html`) has a WASM of its own
//!   ([`start_workshop_app`]) that builds its view in the browser.
//!
//! Each page carries its data (the card, or the library's cards) in the page itself, so
//! the same WASM serves every card. A page creates its session (`crate::state`) and lays out
//! components; it does no I/O of its own.

pub mod card;
pub mod library;
#[cfg(feature = "hydrate")]
mod start;
pub mod workshop;

#[cfg(feature = "hydrate")]
pub use start::{start_card_app, start_library_app};
pub use workshop::start_workshop_app;
