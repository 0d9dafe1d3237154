//! A small JSON reader and writer for the formats the app stores, shares and embeds:
//! saved progress, answers files, workshops and the card data a page carries.
//!
//! Why not serde_json: in the browser it is tens of kilobytes of WASM for a handful of
//! small documents. This reader is strict RFC 8259 JSON (what serde_json accepts, and what
//! every version of the app wrote), with the limits that matter for untrusted input: nesting
//! deeper than [`MAX_DEPTH`] is refused rather than recursed into, a number too large for an
//! `f64` is refused rather than read as infinity, and nothing panics, whatever the text. It is
//! fuzzed against serde_json (`fuzz/fuzz_targets/json.rs`).
//!
//! Numbers keep what the text said: a whole number that fits is an integer, anything else a
//! float, as serde_json does, so "1.5" is never silently taken for a slider position. Floats
//! are read without the standard library's float parser (a large table in WASM): exactly
//! when mantissa and exponent are small, as in every number this app writes or reads, and
//! to within a few units in the last place otherwise.
//!
//! Documents are read through [`At`] (`at.rs`): a value with its path in the document, so
//! that every decoder (stored progress, answers files, workshops, page data) refuses a value
//! of the wrong shape with a [`ShapeError`] that names it (`answers.factors.privacy.position`).

mod at;
mod write;
pub use at::{At, Expected, ShapeError};
pub use write::{write_list, write_string, write_strings, write_value, ObjectWriter};

/// Deepest nesting of arrays and objects read (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

/// A JSON value. Objects keep their members in text order; [`Json::get`] finds the last of
/// duplicate keys, as serde_json does.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// A JSON number as the text wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number without fraction or exponent that fits in an `i64`.
    Int(i64),
    /// A whole number without fraction or exponent above `i64::MAX` that fits in a `u64`.
    UInt(u64),
    /// Anything else: finite.
    Float(f64),
}

/// Why text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text ends before the value does (empty, or cut short).
    Eof,
    /// Anything else, as a word of the catalogue, with the byte offset where reading
    /// stopped.
    Invalid { at: usize, what: JsonWord },
}

crate::words!(Json:
    /// The words about a text that is not JSON or a value of the wrong shape
    /// (`lang/<code>/json.toml`), shown inside the messages about stored data, answers
    /// files and page data. The parser keeps the word, not its text: the catalogue reader
    /// itself parses JSON, so the parser must never need a catalogue to fail.
    pub enum JsonWord {
        TrailingCharacters,
        UnknownWord,
        NestedTooDeeply,
        ExpectedCommaOrBracket,
        ExpectedMemberName,
        ExpectedColon,
        ExpectedCommaOrBrace,
        ExpectedValue,
        UnknownEscape,
        ControlCharacter,
        LoneSurrogate,
        InvalidCharacter,
        BadUnicodeEscape,
        NumberWithoutDigits,
        NumberWithoutFraction,
        NumberWithoutExponent,
        NumberTooLarge,
        EndsTooEarly,
        InvalidAt,
        NotJson,
        Missing,
        Expected,
        ExpectedAt,
        Object,
        List,
        Text,
        Bool,
        Number,
        WholeFromTo,
        WholeFrom,
        OneOf,
        TextOrNull,
        ListOf,
        Date,
        Period,
        Token,
    }
);

use JsonWord as W;

impl Json {
    /// The member `key` of an object (the last one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(members) => members.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets the member `key` of an object (replacing every earlier one); does nothing to
    /// anything else.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(members) = self {
            members.retain(|(k, _)| k != key);
            members.push((key.to_owned(), value));
        }
    }

    /// Takes the member `key` out of an object.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let Json::Object(members) = self else { return None };
        let mut found = None;
        members.retain_mut(|(k, v)| {
            if k == key {
                found = Some(std::mem::replace(v, Json::Null));
                false
            } else {
                true
            }
        });
        found
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A whole number, when the text wrote one that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(Number::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// A whole number ≥ 0, when the text wrote one that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::Int(n)) => u64::try_from(*n).ok(),
            Json::Number(Number::UInt(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number, as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(Number::Int(n)) => Some(*n as f64),
            Json::Number(Number::UInt(n)) => Some(*n as f64),
            Json::Number(Number::Float(x)) => Some(*x),
            _ => None,
        }
    }
}

/// Reads `text` as one JSON value (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut p = Parser { bytes: text.as_bytes(), at: 0 };
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.invalid(W::TrailingCharacters));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn invalid(&self, what: JsonWord) -> ParseError {
        ParseError::Invalid { at: self.at, what }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Result<u8, ParseError> {
        self.space();
        self.bytes.get(self.at).copied().ok_or(ParseError::Eof)
    }

    fn literal(&mut self, word: &'static [u8], value: Json) -> Result<Json, ParseError> {
        for &b in word {
            match self.bytes.get(self.at) {
                None => return Err(ParseError::Eof),
                Some(&c) if c == b => self.at += 1,
                Some(_) => return Err(self.invalid(W::UnknownWord)),
            }
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json, ParseError> {
        match self.peek()? {
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number().map(Json::Number),
            b'[' | b'{' if depth >= MAX_DEPTH => Err(self.invalid(W::NestedTooDeeply)),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek()? == b']' {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.invalid(W::ExpectedCommaOrBracket)),
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                if self.peek()? == b'}' {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    if self.peek()? != b'"' {
                        return Err(self.invalid(W::ExpectedMemberName));
                    }
                    let key = self.string()?;
                    if self.peek()? != b':' {
                        return Err(self.invalid(W::ExpectedColon));
                    }
                    self.at += 1;
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(self.invalid(W::ExpectedCommaOrBrace)),
                    }
                }
            }
            _ => Err(self.invalid(W::ExpectedValue)),
        }
    }

    /// A string, the opening quote at `self.at`.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a `str` and the run stops at ASCII bytes, so it is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default());
            match self.bytes.get(self.at) {
                None => return Err(ParseError::Eof),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let Some(&escape) = self.bytes.get(self.at) else { return Err(ParseError::Eof) };
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let c = self.unicode_escape()?;
                            out.push(c);
                        }
                        _ => return Err(self.invalid(W::UnknownEscape)),
                    }
                }
                Some(_) => return Err(self.invalid(W::ControlCharacter)),
            }
        }
    }

    /// The character of a `\u` escape (the `\u` just read), joining surrogate pairs.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.bytes.get(self.at) {
                        None => return Err(ParseError::Eof),
                        Some(&b) if b == expected => self.at += 1,
                        Some(_) => return Err(self.invalid(W::LoneSurrogate)),
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.invalid(W::LoneSurrogate));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.invalid(W::LoneSurrogate)),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.invalid(W::InvalidCharacter))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(&b) = self.bytes.get(self.at) else { return Err(ParseError::Eof) };
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.invalid(W::BadUnicodeEscape)),
            };
            n = n * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.at;
        let negative = self.bytes[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        match self.bytes.get(self.at) {
            None => return Err(ParseError::Eof),
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.invalid(W::NumberWithoutDigits)),
        }
        let int_end = self.at;
        let mut frac = (self.at, self.at);
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            frac.0 = self.at;
            if self.digits() == 0 {
                return Err(if self.at >= self.bytes.len() {
                    ParseError::Eof
                } else {
                    self.invalid(W::NumberWithoutFraction)
                });
            }
            frac.1 = self.at;
        }
        let mut exponent: i64 = 0;
        let has_exponent = matches!(self.bytes.get(self.at), Some(b'e' | b'E'));
        if has_exponent {
            self.at += 1;
            let sign = match self.bytes.get(self.at) {
                Some(b'-') => {
                    self.at += 1;
                    -1
                }
                Some(b'+') => {
                    self.at += 1;
                    1
                }
                _ => 1,
            };
            let exp_start = self.at;
            if self.digits() == 0 {
                return Err(if self.at >= self.bytes.len() {
                    ParseError::Eof
                } else {
                    self.invalid(W::NumberWithoutExponent)
                });
            }
            for &b in &self.bytes[exp_start..self.at] {
                // Saturates far beyond any exponent that still gives a finite number.
                exponent = (exponent * 10 + i64::from(b - b'0')).min(1_000_000);
            }
            exponent *= sign;
        }
        let int_digits = &self.bytes[int_start..int_end];
        if frac.0 == frac.1 && !has_exponent {
            if let Some(n) = whole(int_digits, negative) {
                return Ok(n);
            }
        }
        let x = decimal_to_f64(int_digits, &self.bytes[frac.0..frac.1], exponent);
        if !x.is_finite() {
            self.at = start;
            return Err(self.invalid(W::NumberTooLarge));
        }
        Ok(Number::Float(if negative { -x } else { x }))
    }
}

/// A whole number that fits an `i64` (or, when positive, a `u64`). `-0` is not one: like
/// serde_json, it is the float −0.0.
fn whole(digits: &[u8], negative: bool) -> Option<Number> {
    let mut n: u64 = 0;
    for &d in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if negative && n == 0 {
        None
    } else if negative {
        if n <= i64::MAX as u64 + 1 {
            Some(Number::Int((n as i64).wrapping_neg()))
        } else {
            None
        }
    } else if let Ok(i) = i64::try_from(n) {
        Some(Number::Int(i))
    } else {
        Some(Number::UInt(n))
    }
}

/// `int.frac × 10^exponent` as an `f64`, positive. Exact (correctly rounded) when the
/// significant digits fit in 2^53 and the power of ten in 10^22, as IEEE division and
/// multiplication are; within a few units in the last place otherwise.
pub(crate) fn decimal_to_f64(int: &[u8], frac: &[u8], exponent: i64) -> f64 {
    let mut mantissa: u64 = 0;
    let mut scale = exponent;
    let mut seen_nonzero = false;
    for (i, &d) in int.iter().chain(frac).enumerate() {
        let in_fraction = i >= int.len();
        seen_nonzero |= d != b'0';
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(d - b'0');
            if in_fraction {
                scale -= 1;
            }
        } else if !in_fraction {
            // Digits beyond what a u64 holds only change the magnitude.
            scale += 1;
        }
    }
    if !seen_nonzero {
        return 0.0;
    }
    let m = mantissa as f64;
    if mantissa < (1 << 53) && scale.unsigned_abs() <= 22 {
        // One exact power and one IEEE operation: correctly rounded.
        let p = POWERS[scale.unsigned_abs() as usize];
        return if scale < 0 { m / p } else { m * p };
    }
    scale_by_power_of_ten(m, scale)
}

/// The powers of ten an `f64` holds exactly.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// `x × 10^e`, in steps of exact powers: good enough far from the numbers this app uses,
/// and never panicking.
pub(crate) fn scale_by_power_of_ten(mut x: f64, mut e: i64) -> f64 {
    while e > 22 {
        x *= 1e22;
        e -= 22;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -22 {
        x /= 1e22;
        e += 22;
        if x == 0.0 {
            return 0.0;
        }
    }
    if e < 0 {
        x / POWERS[(-e) as usize]
    } else {
        x * POWERS[e as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v =
            parse(r#" {"a": [1, -2, 3.5, 1e2, true, false, null], "b": "x\n\u00e9\ud83d\ude00", "a": 0} "#)
                .unwrap();
        assert_eq!(v.get("a"), Some(&Json::Number(Number::Int(0))), "the last of repeated keys");
        let Json::Object(members) = &v else { panic!() };
        assert_eq!(
            members[0].1,
            Json::Array(vec![
                Json::Number(Number::Int(1)),
                Json::Number(Number::Int(-2)),
                Json::Number(Number::Float(3.5)),
                Json::Number(Number::Float(100.0)),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null,
            ])
        );
        assert_eq!(v.get("b").and_then(Json::as_str), Some("x\né😀"));
        assert_eq!(parse("18446744073709551615").unwrap(), Json::Number(Number::UInt(u64::MAX)));
        assert_eq!(parse("-9223372036854775808").unwrap(), Json::Number(Number::Int(i64::MIN)));
        assert_eq!(
            parse("18446744073709551616").unwrap(),
            Json::Number(Number::Float(18446744073709551616.0))
        );
    }

    #[test]
    fn refuses_what_is_not_json_and_says_when_it_was_cut_short() {
        for text in ["", " ", "{", "[1,", "\"abc", "{\"a\":", "tru", "-", "1.", "1e", "\"\\u12"] {
            assert_eq!(parse(text), Err(ParseError::Eof), "{text:?}");
        }
        for text in [
            "NaN",
            "{a:1}",
            "[1 2]",
            "01",
            "1.e5",
            "+1",
            "\"\u{1}\"",
            "\"\\x\"",
            "1e999",
            "-1e999",
            "[1]x",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "{\"a\" 1}",
            "nul!",
        ] {
            assert!(matches!(parse(text), Err(ParseError::Invalid { .. })), "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(matches!(parse(&deep), Err(ParseError::Invalid { what: JsonWord::NestedTooDeeply, .. })));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn small_decimals_are_read_exactly() {
        for (text, x) in [
            ("1.5", 1.5),
            ("4.0", 4.0),
            ("0.1", 0.1),
            ("2.3", 2.3),
            ("1700000000123.0", 1_700_000_000_123.0),
            ("1e-7", 1e-7),
            ("123.456e3", 123_456.0),
        ] {
            assert_eq!(parse(text).unwrap().as_f64(), Some(x), "{text}");
        }
        assert_eq!(
            parse("1.7010000000077777e52").unwrap().as_f64().map(|x| (x / 1e52 * 1e6).round()),
            Some(1_701_000.0)
        );
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é""#);
        assert_eq!(parse(&out).unwrap().as_str(), Some("a\"b\\c\nd\u{1}é"));
    }
}
