//! The app's `model` module, as far as the decoders need it (same paths, same files).

#[path = "../../src/model/answers.rs"]
pub mod answers;
#[path = "../../src/model/card.rs"]
pub mod card;
#[path = "../../src/model/envelope.rs"]
pub mod envelope;
