//! Answers files: any text gives answers or a message, never a panic; what decodes encodes
//! back to a file that decodes to the same answers and decisions.
#![no_main]

use decision_cards_fuzz::card;
use decision_core::share::{decode_file, encode_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let card = card();
    let Ok(shared) = decode_file(&text, card) else {
        return;
    };
    let file = encode_file(
        card,
        &shared.answers,
        &shared.history,
        shared.name.as_deref(),
        shared.token.as_deref(),
        0.0,
    );
    let again = decode_file(&file, card).expect("an encoded file decodes");
    assert_eq!(again.answers, shared.answers);
    // Every decision comes back, and every entry kept aside is kept again.
    assert_eq!(again.history.decisions, shared.history.decisions);
    assert_eq!(again.history.unreadable.len(), shared.history.unreadable.len());
    assert_eq!(again.name, shared.name);
    assert_eq!(again.token, shared.token);
});
