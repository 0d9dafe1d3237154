//! Share links: any text gives answers or a message, never a panic; what decodes is in range
//! and encodes back to a link that decodes to the same answers.
#![no_main]

use decision_cards_fuzz::card;
use decision_core::answers::STEPS;
use decision_core::card::MAX_WEIGHT;
use decision_core::share::{decode_link, encode_link, link_card, Sender};
use decision_core::transcript;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = link_card(&text);
    let _ = transcript::scan(&text);
    let card = card();
    let Ok(shared) = decode_link(&text, card) else {
        return;
    };
    for f in shared.answers.factors.values() {
        assert!((-STEPS..=STEPS).contains(&f.position));
        assert!(f.weight.is_none_or(|w| w <= MAX_WEIGHT));
    }
    let sender = shared.token.as_deref().map(|token| Sender { token, made: shared.made.unwrap_or(0) });
    let link = encode_link(card, &shared.answers, shared.name.as_deref(), sender);
    let again = decode_link(&link, card).expect("an encoded link decodes");
    assert_eq!(again.answers, shared.answers);
    assert_eq!(again.token, shared.token);
});
