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
        Json::Number(Number::Float(x)) => write_float(out, *x),
        Json::String(s) => write_string(out, s),
        Json::Array(items) => write_list(out, items, write_value),
        Json::Object(members) => {
            let mut o = ObjectWriter::new(out);
            for (key, item) in members {
                write_value(o.key(key), item);
            }
            o.end();
        }
    }
}

/// Appends a finite `f64` as the shortest decimal `<digits>e<exponent>` that this module's
/// reader ([`super::parse`]) reads back as the same number: exactly wherever the reader is
/// exact (up to 15 significant digits within 10^±22), within its own precision elsewhere.
/// Written with integer arithmetic and the reader's own conversion, not Rust's float
/// formatting, which would cost the WASM about 14 KB for numbers the app itself never writes
/// (only kept-aside data holds them).
fn write_float(out: &mut String, x: f64) {
    if x == 0.0 || !x.is_finite() {
        out.push('0');
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let a = x.abs();
    // The decimal exponent of the leading digit, found by scaling into 1..10.
    let (mut lead, mut t) = (0i64, a);
    while t >= 10.0 {
        t /= 10.0;
        lead += 1;
    }
    while t < 1.0 {
        t *= 10.0;
        lead -= 1;
    }
    // The fewest digits that read back the same; the reader is exact only near the numbers
    // the app uses, so each length also tries the neighbours of its rounded mantissa.
    let mut best = (0u64, 0i64);
    'search: for digits in 1..=19i64 {
        let scale = lead - (digits - 1);
        let rounded = super::scale_by_power_of_ten(a, -scale).round() as u64;
        for mantissa in [rounded, rounded.saturating_sub(1), rounded.saturating_add(1)] {
            let mut text = [0u8; 20];
            let len = ascii_digits(mantissa, &mut text);
            if super::decimal_to_f64(&text[20 - len..], &[], scale) == a {
                best = (mantissa, scale);
                break 'search;
            }
        }
        best = (rounded, scale);
    }
    let _ = write!(out, "{}e{}", best.0, best.1);
}

/// Writes `n`'s decimal digits at the end of `buf`; returns how many.
fn ascii_digits(mut n: u64, buf: &mut [u8; 20]) -> usize {
    let mut len = 0;
    loop {
        len += 1;
        buf[20 - len] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return len;
        }
    }
}

/// Appends `["a","b"]`.
pub fn write_strings<'s>(out: &mut String, items: impl IntoIterator<Item = &'s str>) {
    write_list(out, items, write_string);
}

/// Appends `[a,b]`, each item written by `write`.
pub fn write_list<T>(out: &mut String, items: impl IntoIterator<Item = T>, write: impl Fn(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}
