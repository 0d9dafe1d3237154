//! The core's JSON reader against serde_json: any text is JSON to both or to neither, and
//! both read the same value; what the core writes, serde_json reads back unchanged.
#![no_main]

use decision_core::json::{self, Json, Number};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn same(ours: &Json, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(Number::Int(a)), Value::Number(b)) => b.as_i64() == Some(*a),
        (Json::Number(Number::UInt(a)), Value::Number(b)) => b.as_u64() == Some(*a),
        // Far from the numbers the app uses, the core's reader may differ in the last places.
        (Json::Number(Number::Float(a)), Value::Number(b)) => {
            b.as_f64().is_some_and(|b| a == &b || ((a - b) / b).abs() < 1e-12)
        }
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Json::Object(_), Value::Object(b)) => {
            b.iter().all(|(k, v)| ours.get(k).is_some_and(|x| same(x, v)))
                && ours.as_object().is_some_and(|m| m.iter().all(|(k, _)| b.contains_key(k)))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: {ours:?} / {theirs:?}");
    if let (Ok(ours), Ok(theirs)) = (&ours, &theirs) {
        assert!(same(ours, theirs), "{text:?}: {ours:?} / {theirs:?}");
    }
    let mut out = String::new();
    json::write_string(&mut out, text);
    assert_eq!(serde_json::from_str::<String>(&out).ok().as_deref(), Some(text));
});
