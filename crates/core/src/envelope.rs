//! The stored envelope: one card's answers wrapped with the schema version, the card id, the
//! card's content version and the time they were saved.
//!
//! This module is pure (no browser, no storage): it turns an [`Envelope`] into text and text
//! back into an `Envelope`, so every rule about what is trusted is tested natively.
//!
//! Decoding never trusts its input:
//!
//! - text over [`MAX_BYTES`] is refused before it is parsed;
//! - the schema number is read first, from untyped JSON, so data written by a newer version
//!   is recognised ([`DecodeError::Newer`]) instead of being half-read and then overwritten;
//! - older schemas are migrated one step at a time (`1 → 2 → …`) on untyped JSON, each step a
//!   small function in `MIGRATIONS`, so a migration never needs the old Rust types;
//! - slider positions and weights are clamped into range, never rejected for being too big
//!   (a user's answers matter more than a stray number) and never trusted as they are.
//!
//! Schema history:
//!
//! - **1** (first draft): factor answers were two maps under `answers`,
//!   `"positions": {id: i8}` and `"weights": {id: u8}`.
//! - **2**: factor answers are one map, `"factors": {id: {"position": i8, "weight": u8|null}}`,
//!   as [`write_answers`] writes them.
//! - **3**: an optional `"decisions"` list, the decisions recorded on the card
//!   ([`crate::history`]); nothing to migrate, since older progress has none. Later, an
//!   optional `"token"`, this browser's anonymous participant token for the card
//!   ([`crate::share::is_token`]); older versions ignore it, so the schema stays 3.
//!
//! The JSON is read and written by [`crate::json`], not serde_json (a large part of the
//! WASM); the fuzz targets check both agree on what is JSON. It is read through
//! [`crate::json::At`], so a document of the wrong shape is refused with the path of the
//! value that is wrong ([`DecodeError::WrongShape`]).
//!
//! Answers changed in two tabs are combined by [`Answers::merge`].

use crate::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, Prefer, STEPS};
use crate::card::MAX_WEIGHT;
use crate::history::{self, History};
use crate::ids::IdSet;
use crate::json::{self, At, Expected, Json, Number, ObjectWriter, ParseError, ShapeError};

/// The schema this version writes and the newest it can read.
pub const SCHEMA: u32 = 3;

/// Largest text [`decode`] accepts, in bytes. Real answers are a few kilobytes; anything near
/// this size is damaged or not ours, and parsing it would only stall the page.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The latest time a JavaScript `Date` can hold, in milliseconds since the Unix epoch. Saved
/// times are kept within `0..=MAX_TIME_MS`, in whole milliseconds.
pub const MAX_TIME_MS: f64 = 8.64e15;

/// One card's saved answers and what is needed to read them safely later.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// Schema of the stored form. [`Envelope::new`] sets [`SCHEMA`], and [`decode`] always
    /// returns envelopes already migrated to [`SCHEMA`].
    pub schema: u32,
    /// Id of the card the answers belong to.
    pub card: String,
    /// The card's content version when the answers were saved (answers are keyed by stable
    /// ids, so an older content version is still readable; it is kept for the record).
    pub content_version: u32,
    /// When the answers were saved, in milliseconds since the Unix epoch.
    pub saved_at: f64,
    /// The answers themselves. Required: an envelope without answers is not an envelope.
    pub answers: Answers,
    /// The decisions recorded on the card, oldest first.
    pub history: History,
    /// This browser's participant token for the card, once it has sent a link or file.
    pub token: Option<String>,
}

impl Envelope {
    /// An envelope in the current schema.
    pub fn new(card: &str, content_version: u32, saved_at: f64, answers: Answers) -> Self {
        Envelope {
            schema: SCHEMA,
            card: card.to_string(),
            content_version,
            saved_at,
            answers,
            history: History::default(),
            token: None,
        }
    }
}

/// What a card's stored progress holds: the answers on the page, the decisions recorded and
/// the participant token its links carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contents {
    pub answers: Answers,
    pub history: History,
    pub token: Option<String>,
}

impl Contents {
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.history.is_empty() && self.token.is_none()
    }

    /// Two copies changed since `base` (two tabs): the answers merged item by item, the
    /// decisions of both kept, the token of the first that has one (two tabs that each made
    /// one keep ours: the other tab's links still count as someone who sent no newer ones).
    pub fn merge(base: &Contents, ours: &Contents, theirs: &Contents, prefer: Prefer) -> Contents {
        Contents {
            answers: Answers::merge(&base.answers, &ours.answers, &theirs.answers, prefer),
            history: History::union(&ours.history, &theirs.history),
            token: ours.token.clone().or_else(|| theirs.token.clone()),
        }
    }
}

/// A decoded envelope and the schema it was stored in.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedEnvelope {
    /// The envelope, migrated to [`SCHEMA`], numbers clamped.
    pub envelope: Envelope,
    /// The schema found in the text; below [`SCHEMA`] when a migration ran.
    pub from_schema: u32,
}

impl DecodedEnvelope {
    /// True when the stored text was in an older schema and has been migrated.
    pub fn migrated(&self) -> bool {
        self.from_schema < SCHEMA
    }
}

/// Why stored text could not be used. Every variant but [`DecodeError::Newer`] means the
/// text is unreadable by any version; `Newer` means only this version cannot read it.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// The text is larger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// The text is empty, or stops in the middle (a write that was cut short).
    Truncated,
    /// The text is not JSON at all.
    NotJson { detail: String },
    /// Valid JSON, but not an envelope: which value is wrong, and how.
    WrongShape(ShapeError),
    /// Written by a newer version of the app in a schema this version does not know. Such
    /// data must be kept as it is and never rewritten in an older schema.
    Newer { schema: u64 },
    /// A valid envelope, but for another card.
    OtherCard { card: String },
}

impl From<ShapeError> for DecodeError {
    fn from(shape: ShapeError) -> Self {
        DecodeError::WrongShape(shape)
    }
}

impl DecodeError {
    /// True for data no version can read (damaged or not ours), as opposed to
    /// [`DecodeError::Newer`], which a newer version can.
    pub fn is_unreadable(&self) -> bool {
        !matches!(self, DecodeError::Newer { .. })
    }
}

/// The text form of an envelope (compact JSON).
pub fn encode(envelope: &Envelope) -> String {
    let mut out = String::with_capacity(256);
    write_envelope(&mut out, envelope, None);
    out
}

/// Writes an envelope, with a participant's name when given (the answers file).
pub fn write_envelope(out: &mut String, envelope: &Envelope, participant: Option<&str>) {
    let mut o = ObjectWriter::new(out);
    o.int("schema", i64::from(envelope.schema));
    o.string("card", &envelope.card);
    o.int("content_version", i64::from(envelope.content_version));
    // Never write a time that would not read back the same: whole milliseconds in range.
    o.int("saved_at", clean_time(envelope.saved_at) as i64);
    write_answers(o.key("answers"), &envelope.answers);
    if !envelope.history.is_empty() {
        history::write(o.key("decisions"), &envelope.history);
    }
    if let Some(token) = &envelope.token {
        o.string("token", token);
    }
    if let Some(name) = participant {
        o.string("participant", name);
    }
    o.end();
}

/// Writes answers as their stored form: every id with its answer, in id order.
pub fn write_answers(out: &mut String, a: &Answers) {
    let mut o = ObjectWriter::new(out);
    let mut factors = ObjectWriter::new(o.key("factors"));
    for (id, f) in &a.factors {
        let mut fo = ObjectWriter::new(factors.key(id));
        fo.int("position", i64::from(f.position));
        match f.weight {
            Some(w) => fo.int("weight", i64::from(w)),
            None => fo.key("weight").push_str("null"),
        }
        fo.end();
    }
    factors.end();
    json::write_strings(o.key("ticked"), a.ticked.iter().map(String::as_str));
    let mut evidence = ObjectWriter::new(o.key("evidence"));
    for (id, e) in &a.evidence {
        let mut eo = ObjectWriter::new(evidence.key(id));
        eo.string("status", e.status.key());
        eo.string("note", &e.note);
        eo.end();
    }
    evidence.end();
    let mut notes = ObjectWriter::new(o.key("notes"));
    for (id, note) in &a.notes {
        notes.string(id, note);
    }
    notes.end();
    json::write_strings(o.key("triggers"), a.triggers.iter().map(String::as_str));
    o.end();
}

/// Read stored text as the envelope of `card_id`, migrating older schemas.
pub fn decode(raw: &str, card_id: &str) -> Result<Envelope, DecodeError> {
    decode_detailed(raw, card_id).map(|d| d.envelope)
}

/// Reads JSON text, refusing it by size before it is parsed.
pub fn parse(raw: &str, max_bytes: usize) -> Result<Json, DecodeError> {
    if raw.len() > max_bytes {
        return Err(DecodeError::TooLarge { bytes: raw.len() });
    }
    json::parse(raw).map_err(|e| match e {
        ParseError::Eof => DecodeError::Truncated,
        invalid => DecodeError::NotJson { detail: invalid.to_string() },
    })
}

/// Like [`decode`], and also says which schema the text was stored in.
pub fn decode_detailed(raw: &str, card_id: &str) -> Result<DecodedEnvelope, DecodeError> {
    let mut value = parse(raw, MAX_BYTES)?;
    decode_value(&mut value, card_id)
}

/// Reads parsed JSON as the envelope of `card_id`. Older schemas are migrated in place, so
/// a caller that reads more of the same document (the answers file's participant) sees it
/// in the current schema, without parsing the text again.
pub fn decode_value(value: &mut Json, card_id: &str) -> Result<DecodedEnvelope, DecodeError> {
    let from_schema = read_schema(value, SCHEMA)?;
    migrate(value, from_schema)?;
    // The card id is checked on untyped JSON so that another card's data is reported as such
    // even when its answers would not parse.
    check_card(value, card_id)?;
    let doc = At::top(value);
    let content_version = doc.field("content_version")?.whole(0, i64::from(u32::MAX))? as u32;
    let saved_at = doc.number_of("saved_at")?;
    let mut answers = read_answers(&doc.field("answers")?)?;
    answers.clamp();
    let history = match doc.get("decisions")? {
        Some(list) => history::read(&list)?,
        None => History::default(),
    };
    // A token of another shape is not ours: left out (the answers matter more), and an
    // imported file is refused for it by `share::decode_file`.
    let token = match doc.get("token")? {
        Some(t) => t.value.as_str().filter(|t| crate::share::is_token(t)).map(str::to_owned),
        None => None,
    };
    let envelope = Envelope {
        schema: SCHEMA,
        card: card_id.to_owned(),
        content_version,
        saved_at: clean_time(saved_at),
        answers,
        history,
        token,
    };
    Ok(DecodedEnvelope { envelope, from_schema })
}

/// The `card` field, checked against the card expected.
pub fn check_card(value: &Json, card_id: &str) -> Result<(), DecodeError> {
    let doc = At::top(value);
    match doc.field("card")?.str()? {
        card if card == card_id => Ok(()),
        card => Err(DecodeError::OtherCard { card: card.to_owned() }),
    }
}

/// A saved time in range, in whole milliseconds (0 for a time that is not a number).
///
/// Whole milliseconds below 2^53 are exact in binary and in the decimal JSON holds, so a
/// time survives any number of saves unchanged; a long fraction or a huge exponent (found by
/// fuzzing: `1.7010000000077777e52` read back as `…75e52`) would not.
fn clean_time(ms: f64) -> f64 {
    if ms.is_finite() {
        ms.trunc().clamp(0.0, MAX_TIME_MS)
    } else {
        0.0
    }
}

/// The `schema` field, checked before anything else is interpreted: a positive whole number,
/// and at most `newest`.
pub fn read_schema(value: &Json, newest: u32) -> Result<u32, DecodeError> {
    let doc = At::top(value);
    let schema = doc.field("schema")?;
    let schema = match schema.value.as_u64() {
        Some(n) if n >= 1 => n,
        _ => return Err(schema.expected(Expected::Whole { min: 1, max: None }).into()),
    };
    if schema > u64::from(newest) {
        return Err(DecodeError::Newer { schema });
    }
    Ok(schema as u32)
}

/// Reads the stored form of answers. Every part is optional; what is there must have the
/// shape this app writes: an object of objects for factors and evidence, lists of strings
/// for ticked items and triggers, strings for notes. Whole-number positions and weights out
/// of range are clamped, never rejected: a user's answers matter more than a stray number.
pub fn read_answers(at: &At) -> Result<Answers, ShapeError> {
    let mut a = Answers::default();
    if let Some(factors) = at.get("factors")? {
        for (id, f) in factors.members()? {
            let position = match f.get("position")? {
                None => 0,
                Some(p) => p.clamped(i64::from(-STEPS), i64::from(STEPS))? as i8,
            };
            let weight = match f.get("weight")? {
                None => None,
                Some(w) if matches!(w.value, Json::Null) => None,
                Some(w) => Some(w.clamped(0, i64::from(MAX_WEIGHT))? as u8),
            };
            a.factors.insert(id.to_owned(), FactorAnswer { position, weight });
        }
    }
    if let Some(ticked) = at.get("ticked")? {
        a.ticked = strings(&ticked)?;
    }
    if let Some(evidence) = at.get("evidence")? {
        for (id, e) in evidence.members()? {
            let status = match e.get("status")? {
                None => EvidenceStatus::NotStarted,
                Some(s) => s
                    .value
                    .as_str()
                    .and_then(EvidenceStatus::from_key)
                    .ok_or_else(|| s.expected(Expected::OneOf(&EvidenceStatus::KEYS)))?,
            };
            let note = match e.get("note")? {
                None => String::new(),
                Some(n) => n.text()?,
            };
            a.evidence.insert(id.to_owned(), EvidenceAnswer { status, note });
        }
    }
    if let Some(notes) = at.get("notes")? {
        for (id, note) in notes.members()? {
            a.notes.insert(id.to_owned(), note.text()?);
        }
    }
    if let Some(triggers) = at.get("triggers")? {
        a.triggers = strings(&triggers)?;
    }
    Ok(a)
}

fn strings(at: &At) -> Result<IdSet, ShapeError> {
    let mut set = IdSet::new();
    for item in at.items()? {
        set.insert(item.text()?);
    }
    Ok(set)
}

/// One migration step: rewrites an object of schema `n` into schema `n + 1` in place.
type Migration = fn(&mut Json) -> Result<(), ShapeError>;

/// `MIGRATIONS[i]` migrates schema `i + 1` to schema `i + 2`.
const MIGRATIONS: [Migration; SCHEMA as usize - 1] = [v1_to_v2, v2_to_v3];

/// Run every step from `from` up to [`SCHEMA`], then stamp the result with [`SCHEMA`].
fn migrate(value: &mut Json, from: u32) -> Result<(), ShapeError> {
    for step in &MIGRATIONS[(from as usize - 1)..] {
        step(value)?;
    }
    value.set("schema", Json::Number(Number::Int(i64::from(SCHEMA))));
    Ok(())
}

/// Schema 2 → 3: the optional decision history was added; progress of schema 2 has none.
fn v2_to_v3(_envelope: &mut Json) -> Result<(), ShapeError> {
    Ok(())
}

/// Schema 1 → 2: merge `answers.positions` and `answers.weights` into `answers.factors`.
///
/// A factor that only had a weight gets position 0 (neutral); one that only had a position
/// keeps the card's default weight (`null`). Values are copied as they are: the typed
/// reading after migration checks and clamps them like any other answer.
fn v1_to_v2(envelope: &mut Json) -> Result<(), ShapeError> {
    let Some(answers) = envelope.get_mut("answers").filter(|a| a.as_object().is_some()) else {
        // No answers to migrate: the typed reading reports the missing field.
        return Ok(());
    };
    let mut take = |name: &'static str| match answers.remove(name) {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(Json::Object(members)) => Ok(members),
        Some(_) => Err(ShapeError::Expected { path: format!("answers.{name}"), expected: Expected::Object }),
    };
    let positions = take("positions")?;
    let weights = take("weights")?;
    let mut factors = match answers.remove("factors") {
        Some(object @ Json::Object(_)) => object,
        _ => Json::Object(Vec::new()),
    };
    for (field, values) in [("position", positions), ("weight", weights)] {
        for (id, value) in values {
            match factors.get_mut(&id) {
                Some(f @ Json::Object(_)) => f.set(field, value),
                _ => factors.set(&id, Json::Object(vec![(field.to_owned(), value)])),
            }
        }
    }
    answers.set("factors", factors);
    Ok(())
}
