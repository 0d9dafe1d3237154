//! Stored progress (and the answers file's envelope): any text gives an envelope or an error,
//! never a panic; what decodes holds only numbers in range and survives a round trip.
#![no_main]

use decision_cards_fuzz::CARD_ID;
use decision_core::answers::STEPS;
use decision_core::card::MAX_WEIGHT;
use decision_core::envelope::{decode_detailed, encode, SCHEMA};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(decoded) = decode_detailed(&text, CARD_ID) else {
        return;
    };
    let env = decoded.envelope;
    assert_eq!(env.schema, SCHEMA);
    assert_eq!(env.card, CARD_ID);
    assert!(env.saved_at.is_finite());
    for f in env.answers.factors.values() {
        assert!((-STEPS..=STEPS).contains(&f.position));
        assert!(f.weight.is_none_or(|w| w <= MAX_WEIGHT));
    }
    let again = decode_detailed(&encode(&env), CARD_ID).expect("an encoded envelope decodes");
    assert!(!again.migrated());
    assert_eq!(again.envelope, env);
});
