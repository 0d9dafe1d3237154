//! Pure decision logic: card types, answers, the engine and its explanation, the stored
//! envelope. Nothing here touches the browser, so all of it is tested natively.

pub mod answers;
pub mod card;
pub mod engine;
pub mod envelope;
pub mod explain;
pub mod record;
pub mod sections;
pub mod sort;
pub mod validate;
pub mod workshop;
