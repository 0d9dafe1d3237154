//! What the fuzz targets share: the seed card they decode for. The decoders themselves are
//! the core crate's, used as an ordinary dependency, so the targets exercise exactly the
//! shipped code.

use decision_core::card::Card;
use std::sync::OnceLock;

/// The id of the card the targets decode for.
pub const CARD_ID: &str = "model-api-vs-self-hosted";

/// The seed card, read from `content/` as the build reads it.
pub fn card() -> &'static Card {
    static CARD: OnceLock<Card> = OnceLock::new();
    CARD.get_or_init(|| {
        toml::from_str(include_str!("../../content/model-api-vs-self-hosted.toml"))
            .expect("the seed card parses")
    })
}
