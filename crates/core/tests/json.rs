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
