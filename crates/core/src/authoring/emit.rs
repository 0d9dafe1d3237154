//! Writes serde data as a Rust expression, for the build script to bundle the cards as
//! code rather than as JSON to parse at start-up.
//!
//! Parsing JSON in the browser needs serde_json's deserializer instantiated for every card
//! type: tens of kilobytes of WASM, run once, to rebuild values the build script already
//! had. A Rust expression that constructs the same values costs a few kilobytes and no
//! parsing. The expression names each struct and field as serde reports them, so it
//! compiles only against the very types that were serialized (renamed fields or skipped
//! values would fail to compile, not misbehave). Strings become `s("…")`, lists of strings
//! `strs(&[…])` and maps `map([(key, value), …])`; the including module defines those
//! helpers.

use serde::ser::{self, Serialize};
use std::fmt;

/// The Rust source of an expression that evaluates to `value`.
pub fn to_rust<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    value.serialize(Emitter)
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn unsupported(what: &str) -> Error {
    Error(format!("cannot write {what} as Rust source"))
}

struct Emitter;

/// Collects the items of a list, a map or a struct.
pub struct Compound {
    /// The struct's name, or `None` for a list or a map (`"[]"` for an array).
    name: Option<&'static str>,
    items: Vec<String>,
    /// A map key waiting for its value.
    key: Option<String>,
}

impl Compound {
    fn new(name: Option<&'static str>) -> Self {
        Compound { name, items: Vec::new(), key: None }
    }
}

/// Whether `item` is exactly one string literal helper call, `s("…")`.
fn string_literal(item: &str) -> Option<&str> {
    let inner = item.strip_prefix("s(")?.strip_suffix(')')?;
    (inner.starts_with('"') && inner.ends_with('"')).then_some(inner)
}

impl ser::Serializer for Emitter {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<String, Error> {
        if v.is_finite() {
            // `{:?}` always writes a decimal point or an exponent: a float literal.
            Ok(format!("{v:?}"))
        } else {
            Err(unsupported("a number that is not finite"))
        }
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        // `{:?}` of a str is a valid Rust string literal (quotes, backslashes and control
        // characters escaped).
        Ok(format!("s({v:?})"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<String, Error> {
        Ok("None".into())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        Ok(format!("Some({})", value.serialize(Emitter)?))
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Ok("()".into())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<String, Error> {
        Ok(name.into())
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(format!("{name}::{variant}"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        Ok(format!("{name}({})", value.serialize(Emitter)?))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        Ok(format!("{name}::{variant}({})", value.serialize(Emitter)?))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound, Error> {
        Ok(Compound::new(None))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound, Error> {
        // Fixed-size arrays (`[OptionSide; 2]`) serialize as tuples: an array literal.
        Ok(Compound::new(Some("[]")))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("a tuple variant"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound, Error> {
        Ok(Compound::new(None))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound, Error> {
        Ok(Compound::new(Some(name)))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("a struct variant"))
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = String;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(Emitter)?);
        Ok(())
    }

    fn end(self) -> Result<String, Error> {
        if self.items.is_empty() {
            return Ok("Vec::new()".into());
        }
        // A list of strings becomes one call over static data instead of one allocation
        // call per string in the code.
        let literals: Option<Vec<&str>> = self.items.iter().map(|i| string_literal(i)).collect();
        Ok(match literals {
            Some(literals) => format!("strs(&[{}])", literals.join(", ")),
            None => format!("vec![{}]", self.items.join(", ")),
        })
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = String;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(Emitter)?);
        Ok(())
    }

    fn end(self) -> Result<String, Error> {
        Ok(format!("[{}]", self.items.join(", ")))
    }
}

impl ser::SerializeMap for Compound {
    type Ok = String;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(Emitter)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without a key".into()))?;
        self.items.push(format!("({key}, {})", value.serialize(Emitter)?));
        Ok(())
    }

    fn end(self) -> Result<String, Error> {
        if self.items.is_empty() {
            return Ok("Default::default()".into());
        }
        Ok(format!("map([{}])", self.items.join(", ")))
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = String;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.items.push(format!("{key}: {}", value.serialize(Emitter)?));
        Ok(())
    }

    fn end(self) -> Result<String, Error> {
        Ok(format!("{} {{ {} }}", self.name.unwrap_or_default(), self.items.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::to_rust;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Item {
        id: String,
        text: String,
    }

    #[derive(Serialize)]
    struct Sample {
        items: Vec<Item>,
        names: Vec<String>,
        none: Vec<String>,
        weight: u8,
        on: bool,
        gate: Option<String>,
        missing: Option<String>,
        burden: BTreeMap<String, f64>,
        empty: BTreeMap<String, f64>,
    }

    #[test]
    fn writes_structs_lists_maps_and_escaped_strings() {
        let sample = Sample {
            items: vec![Item { id: "a".into(), text: "say \"hi\"\\\n\u{201c}ok\u{201d}".into() }],
            names: vec!["x".into(), "y".into()],
            none: Vec::new(),
            weight: 2,
            on: true,
            gate: Some("b".into()),
            missing: None,
            burden: BTreeMap::from([("low".to_string(), 1.0), ("high".to_string(), 2.5)]),
            empty: BTreeMap::new(),
        };
        assert_eq!(
            to_rust(&sample).unwrap(),
            "Sample { items: vec![Item { id: s(\"a\"), text: s(\"say \\\"hi\\\"\\\\\\n\u{201c}ok\u{201d}\") }], \
             names: strs(&[\"x\", \"y\"]), none: Vec::new(), weight: 2, on: true, \
             gate: Some(s(\"b\")), missing: None, \
             burden: map([(s(\"high\"), 2.5), (s(\"low\"), 1.0)]), \
             empty: Default::default() }"
        );
    }

    #[test]
    fn refuses_non_finite_numbers_and_writes_arrays() {
        assert!(to_rust(&f64::NAN).is_err());
        assert!(to_rust(&[1u8; 0][..]).is_ok());
        assert_eq!(to_rust(&[1u8, 2]).unwrap(), "[1, 2]");
    }
}
