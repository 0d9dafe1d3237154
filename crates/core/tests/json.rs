//! The core's own JSON reader against serde_json, the reference: every document serde_json
//! writes reads back to the same value, and any text is JSON to both or to neither.

use decision_core::json::{self, Json, Number};
use proptest::prelude::*;
use serde_json::Value;

/// The core's value as serde_json's, for comparison.
fn to_serde(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(Number::Int(n)) => Value::from(*n),
        Json::Number(Number::UInt(n)) => Value::from(*n),
        Json::Number(Number::Float(x)) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => {
            let mut map = serde_json::Map::new();
            for (k, v) in members {
                map.insert(k.clone(), to_serde(v));
            }
            Value::Object(map)
        }
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        // Numbers as this app writes and reads them: small decimals.
        (-1_000_000i64..1_000_000, 0u32..4).prop_map(|(m, d)| Value::from(m as f64 / 10f64.powi(d as i32))),
        "\\PC{0,12}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("\\PC{0,8}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn what_serde_json_writes_reads_back_the_same(value in any_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
        let ours = json::parse(&text).expect("serde_json's output is JSON");
        prop_assert_eq!(to_serde(&ours), value);
    }

    #[test]
    fn any_text_is_json_to_both_or_to_neither(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ \n]{0,24}") {
        let reference = serde_json::from_str::<Value>(&text);
        let ours = json::parse(&text);
        prop_assert_eq!(ours.is_ok(), reference.is_ok(), "{:?}: ours {:?}, serde_json {:?}", text, ours, reference);
        if let (Ok(ours), Ok(reference)) = (ours, reference) {
            prop_assert_eq!(to_serde(&ours), reference);
        }
    }

    #[test]
    fn strings_written_by_the_core_read_back_in_serde_json(text in any::<String>()) {
        let mut out = String::new();
        json::write_string(&mut out, &text);
        prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text.clone());
        prop_assert_eq!(out, serde_json::to_string(&text).unwrap(), "escaped as serde_json does");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A value read by the core, written back by `write_value` (kept-aside data), reads as the
    /// same value: numbers included, with no float formatting of Rust's in the writer.
    #[test]
    fn what_the_core_reads_it_writes_back_to_read_the_same(value in any_value()) {
        let first = json::parse(&serde_json::to_string(&value).unwrap()).unwrap();
        let mut text = String::new();
        json::write_value(&mut text, &first);
        prop_assert_eq!(json::parse(&text).unwrap(), first);
    }

    /// Where the reader is exact (up to 15 significant digits, within 10^±22 of them), a
    /// number comes back exactly; anywhere else, within the reader's own precision.
    #[test]
    fn any_number_the_core_reads_is_written_back_to_the_same_number(
        digits in "[1-9][0-9]{0,14}", fraction in "[0-9]{1,6}", exponent in -300i32..300
    ) {
        let number = |v: &Json| v.as_f64().unwrap();
        // Beyond the largest f64 the reader refuses the number: nothing to write back.
        let parsed = json::parse(&format!("{digits}.{fraction}e{exponent}"));
        prop_assume!(parsed.is_ok());
        let first = parsed.unwrap();
        let mut text = String::new();
        json::write_value(&mut text, &first);
        let again = json::parse(&text).unwrap();
        let significant = digits.len() + fraction.len();
        let scale = exponent - fraction.len() as i32;
        if significant <= 15 && scale.abs() <= 22 {
            prop_assert_eq!(again, first, "{}", text);
        } else if number(&first).is_finite() && number(&first) != 0.0 {
            let error = ((number(&again) - number(&first)) / number(&first)).abs();
            prop_assert!(error < 1e-14, "{} read as {} then {}", text, number(&first), number(&again));
        }
    }
}

#[test]
fn numbers_are_written_in_their_shortest_form() {
    for (read, written) in
        [("0.125", "125e-3"), ("-2.5e3", "-25e2"), ("1.5", "15e-1"), ("1e300", "1e300"), ("0.0", "0")]
    {
        let mut text = String::new();
        json::write_value(&mut text, &json::parse(read).unwrap());
        assert_eq!(text, written, "{read}");
    }
}
