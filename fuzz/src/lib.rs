//! The app's decoders of untrusted text, compiled from its own source files so that the fuzz
//! targets exercise exactly the shipped code: the envelope (stored progress, answers files)
//! and the share link and file decoders. They depend only on the model types and serde.

#![allow(dead_code)]

pub mod model;

#[path = "../../src/share.rs"]
pub mod share;

use model::card::Card;
use std::sync::OnceLock;

/// The id of the card the targets decode for.
pub const CARD_ID: &str = "model-api-vs-self-hosted";

/// The seed card, read from `content/` as the build script reads it.
pub fn card() -> &'static Card {
    static CARD: OnceLock<Card> = OnceLock::new();
    CARD.get_or_init(|| {
        toml::from_str(include_str!("../../content/model-api-vs-self-hosted.toml"))
            .expect("the seed card parses")
    })
}
