//! Writing JSON: string literals escaped as serde_json escapes them, objects member by
//! member, lists of strings, and any parsed value written back so that it reads the same.

use super::{Json, Number};
use std::fmt::Write as _;

/// Appends `text` as a JSON string literal, escaping as serde_json does (`"`, `\` and
/// control characters; everything else as UTF-8).
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Builds a JSON object member by member: `{"a":1,"b":"x"}`.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Starts a member: its name and the colon; the caller writes its value.
    pub fn key(&mut self, name: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(self.out, name);
        self.out.push(':');
        self.out
    }

    pub fn string(&mut self, name: &str, value: &str) {
        let out = self.key(name);
        write_string(out, value);
    }

    pub fn int(&mut self, name: &str, value: i64) {
        let out = self.key(name);
        let _ = write!(out, "{value}");
    }

    pub fn bool(&mut self, name: &str, value: bool) {
        self.key(name).push_str(if value { "true" } else { "false" });
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// Appends any value as compact JSON: what [`super::parse`] read, written back so that it reads the
/// same (kept-aside entries of a stored document survive a save unchanged).
pub fn write_value(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(Number::Int(n)) => {
            let _ = write!(out, "{n}");
        }
        Json::Number(Number::UInt(n)) => {
            let _ = write!(out, "{n}");
        }
        // Rust prints the shortest text that reads back as the same `f64`; a parsed number
        // is always finite.
        Json::Number(Number::Float(x)) => {
            let _ = write!(out, "{x:e}");
        }
        Json::String(s) => write_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            let mut o = ObjectWriter::new(out);
            for (key, item) in members {
                write_value(o.key(key), item);
            }
            o.end();
        }
    }
}

/// Appends `["a","b"]`.
pub fn write_strings<'s>(out: &mut String, items: impl IntoIterator<Item = &'s str>) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, item);
    }
    out.push(']');
}
