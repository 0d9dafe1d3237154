//! The cards bundled into the app are exactly the cards of `content/`, as the build's loader
//! reads them (the loader itself is tested in `crates/core/tests/content.rs`).

use decision_cards::content;
use decision_core::authoring::load;
use std::path::Path;

#[test]
fn the_bundle_is_the_content_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = load::load_dir(root, &root.join("content"));
    assert!(!report.has_errors());
    assert_eq!(content::cards(), report.cards.as_slice());
    assert_eq!(content::first().map(|c| c.id.as_str()), Some("model-api-vs-self-hosted"));
    assert!(content::card("no-such-card").is_none());
}
