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
//!   exactly as [`Answers`] serialises.
//!
//! [`merge`] combines answers changed in two places (two tabs) since a common saved copy, so
//! that neither side's change overwrites the other's.

use crate::answers::{Answers, STEPS};
use crate::card::MAX_WEIGHT;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The schema this version writes and the newest it can read.
pub const SCHEMA: u32 = 2;

/// Largest text [`decode`] accepts, in bytes. Real answers are a few kilobytes; anything near
/// this size is damaged or not ours, and parsing it would only stall the page.
pub const MAX_BYTES: usize = 1024 * 1024;

/// The latest time a JavaScript `Date` can hold, in milliseconds since the Unix epoch. Saved
/// times are kept within `0..=MAX_TIME_MS`, in whole milliseconds.
pub const MAX_TIME_MS: f64 = 8.64e15;

/// One card's saved answers and what is needed to read them safely later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

impl Envelope {
    /// An envelope in the current schema.
    pub fn new(card: &str, content_version: u32, saved_at: f64, answers: Answers) -> Self {
        Envelope { schema: SCHEMA, card: card.to_string(), content_version, saved_at, answers }
    }
}

/// A decoded envelope and the schema it was stored in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The envelope, migrated to [`SCHEMA`], numbers clamped.
    pub envelope: Envelope,
    /// The schema found in the text; below [`SCHEMA`] when a migration ran.
    pub from_schema: u32,
}

impl Decoded {
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
    /// Valid JSON, but not an envelope (serde's message says which part).
    WrongShape { detail: String },
    /// Written by a newer version of the app in a schema this version does not know. Such
    /// data must be kept as it is and never rewritten in an older schema.
    Newer { schema: u64 },
    /// A valid envelope, but for another card.
    OtherCard { card: String },
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
    let mut copy;
    let envelope = if clean_time(envelope.saved_at) == envelope.saved_at {
        envelope
    } else {
        // serde_json writes NaN and infinities as `null`, which `decode` would then refuse:
        // never write a time we could not read back, nor one it would change.
        copy = envelope.clone();
        copy.saved_at = clean_time(envelope.saved_at);
        &copy
    };
    // Serialising these types cannot fail (string keys, finite numbers); the fallback only
    // keeps this function total. An empty string decodes as `Truncated`, never as answers.
    serde_json::to_string(envelope).unwrap_or_default()
}

/// Read stored text as the envelope of `card_id`, migrating older schemas.
pub fn decode(raw: &str, card_id: &str) -> Result<Envelope, DecodeError> {
    decode_detailed(raw, card_id).map(|d| d.envelope)
}

/// Like [`decode`], and also says which schema the text was stored in.
pub fn decode_detailed(raw: &str, card_id: &str) -> Result<Decoded, DecodeError> {
    if raw.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge { bytes: raw.len() });
    }
    let mut value: Value = serde_json::from_str(raw).map_err(|e| {
        if e.is_eof() {
            DecodeError::Truncated
        } else {
            DecodeError::NotJson { detail: e.to_string() }
        }
    })?;

    let from_schema = read_schema(&value)?;
    if u64::from(from_schema) > u64::from(SCHEMA) {
        return Err(DecodeError::Newer { schema: from_schema.into() });
    }
    migrate(&mut value, from_schema).map_err(|detail| DecodeError::WrongShape { detail })?;

    // The card id is checked on untyped JSON so that another card's data is reported as
    // such even when its answers would not parse.
    match value.get("card") {
        Some(Value::String(card)) if card == card_id => {}
        Some(Value::String(card)) => return Err(DecodeError::OtherCard { card: card.clone() }),
        _ => return Err(shape("`card` is missing or not a string")),
    }

    check_objects(&value)?;
    if let Some(factors) = value.pointer_mut("/answers/factors").and_then(Value::as_object_mut) {
        clamp_factor_numbers(factors);
    }
    let mut envelope: Envelope =
        serde_json::from_value(value).map_err(|e| DecodeError::WrongShape { detail: e.to_string() })?;
    if !envelope.saved_at.is_finite() {
        return Err(shape("`saved_at` is not a finite number"));
    }
    envelope.saved_at = clean_time(envelope.saved_at);
    envelope.answers.clamp();
    Ok(Decoded { envelope, from_schema })
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

fn shape(detail: &str) -> DecodeError {
    DecodeError::WrongShape { detail: detail.to_string() }
}

/// `answers`, and each factor and evidence answer, must be JSON objects. serde's derived
/// structs would also take an array in their place (`"privacy": [1, 2]` as position 1,
/// weight 2), skipping the clamping above; the stored form never writes one, so an array
/// there is refused as the wrong shape rather than guessed at.
fn check_objects(value: &Value) -> Result<(), DecodeError> {
    let Some(answers) = value.get("answers") else {
        return Err(shape("`answers` is missing"));
    };
    let Some(answers) = answers.as_object() else {
        return Err(shape("`answers` is not an object"));
    };
    for field in ["factors", "evidence"] {
        if let Some(Value::Object(entries)) = answers.get(field) {
            if let Some((id, _)) = entries.iter().find(|(_, v)| !v.is_object()) {
                return Err(DecodeError::WrongShape {
                    detail: format!("`answers.{field}.{id}` is not an object"),
                });
            }
        }
    }
    Ok(())
}

/// The `schema` field, checked before anything else is interpreted.
fn read_schema(value: &Value) -> Result<u32, DecodeError> {
    let Some(object) = value.as_object() else {
        return Err(shape("expected an object"));
    };
    let schema = match object.get("schema").and_then(Value::as_u64) {
        Some(n) if n >= 1 => n,
        _ => return Err(shape("`schema` is missing or not a positive whole number")),
    };
    // A schema beyond u32 can only be newer than ours.
    u32::try_from(schema).map_err(|_| DecodeError::Newer { schema })
}

/// One migration step: rewrites an object of schema `n` into schema `n + 1` in place.
type Migration = fn(&mut Map<String, Value>) -> Result<(), String>;

/// `MIGRATIONS[i]` migrates schema `i + 1` to schema `i + 2`.
const MIGRATIONS: [Migration; SCHEMA as usize - 1] = [v1_to_v2];

/// Run every step from `from` up to [`SCHEMA`], then stamp the result with [`SCHEMA`].
fn migrate(value: &mut Value, from: u32) -> Result<(), String> {
    let object = value.as_object_mut().ok_or("expected an object")?;
    for step in &MIGRATIONS[(from as usize - 1)..] {
        step(object)?;
    }
    object.insert("schema".into(), SCHEMA.into());
    Ok(())
}

/// Schema 1 → 2: merge `answers.positions` and `answers.weights` into `answers.factors`.
///
/// A factor that only had a weight gets position 0 (neutral); one that only had a position
/// keeps the card's default weight (`null`). Values are copied as they are: the typed
/// decoding after migration checks and clamps them like any other answer.
fn v1_to_v2(envelope: &mut Map<String, Value>) -> Result<(), String> {
    let Some(answers) = envelope.get_mut("answers").and_then(Value::as_object_mut) else {
        // No answers to migrate: the typed decoding reports the missing field.
        return Ok(());
    };
    let mut take_map = |name: &str| match answers.remove(name) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(format!("`answers.{name}` is not a map of factor ids (schema 1)")),
    };
    let positions = take_map("positions")?;
    let weights = take_map("weights")?;
    let mut factors = match answers.remove("factors") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for (id, position) in positions {
        set_field(&mut factors, id, "position", position);
    }
    for (id, weight) in weights {
        set_field(&mut factors, id, "weight", weight);
    }
    answers.insert("factors".into(), Value::Object(factors));
    Ok(())
}

/// Set `factors[id][field]`, making `factors[id]` an object if it is not one.
fn set_field(factors: &mut Map<String, Value>, id: String, field: &str, value: Value) {
    let slot = factors.entry(id).or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(map) = slot {
        map.insert(field.into(), value);
    } else {
        let mut map = Map::new();
        map.insert(field.into(), value);
        *slot = Value::Object(map);
    }
}

/// Clamp integer positions and weights into range before typed decoding, so that
/// `"position": 1000` means "clearly B" instead of making the whole envelope unreadable.
/// Non-integers (strings, fractions) are left alone and rejected by the typed decoding.
fn clamp_factor_numbers(factors: &mut Map<String, Value>) {
    for factor in factors.values_mut() {
        let Some(factor) = factor.as_object_mut() else {
            continue;
        };
        if let Some(p) = factor.get_mut("position") {
            if let Some(n) = clamp_integer(p, i64::from(-STEPS), i64::from(STEPS)) {
                *p = n.into();
            }
        }
        if let Some(w) = factor.get_mut("weight") {
            if let Some(n) = clamp_integer(w, 0, i64::from(MAX_WEIGHT)) {
                *w = n.into();
            }
        }
    }
}

fn clamp_integer(value: &Value, min: i64, max: i64) -> Option<i64> {
    match value {
        Value::Number(n) if n.is_i64() => n.as_i64().map(|n| n.clamp(min, max)),
        // Only integers above i64::MAX are u64 but not i64.
        Value::Number(n) if n.is_u64() => Some(max),
        _ => None,
    }
}

/// Which side keeps an answer that both sides changed to different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Ours,
    Theirs,
}

/// Three-way merge of one card's answers: `base` is the copy both sides last agreed on (the
/// stored answers this tab last read or wrote), `ours` and `theirs` are the two changed
/// versions. Every item is decided on its own: an item changed on one side only takes that
/// side's value, so changes to different items are all kept; only an item both sides changed
/// to different values is decided by `prefer`. An empty value (neutral slider, blank note,
/// untouched evidence) counts the same as no answer.
pub fn merge(base: &Answers, ours: &Answers, theirs: &Answers, prefer: Prefer) -> Answers {
    Answers {
        factors: merge_map(&base.factors, &ours.factors, &theirs.factors, prefer),
        ticked: merge_set(&base.ticked, &ours.ticked, &theirs.ticked, prefer),
        evidence: merge_map(&base.evidence, &ours.evidence, &theirs.evidence, prefer),
        notes: merge_map(&base.notes, &ours.notes, &theirs.notes, prefer),
        triggers: merge_set(&base.triggers, &ours.triggers, &theirs.triggers, prefer),
    }
}

fn pick<T: PartialEq>(base: T, ours: T, theirs: T, prefer: Prefer) -> T {
    if ours == base {
        theirs
    } else if theirs == base {
        ours
    } else {
        match prefer {
            Prefer::Ours => ours,
            Prefer::Theirs => theirs,
        }
    }
}

fn merge_map<V: Clone + Default + PartialEq>(
    base: &BTreeMap<String, V>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    prefer: Prefer,
) -> BTreeMap<String, V> {
    let empty = V::default();
    let get = |map: &'_ BTreeMap<String, V>, key: &str| map.get(key).filter(|v| **v != empty).cloned();
    // `extend` inserts one by one; `collect` into a B-tree sorts first, and that sort costs
    // kilobytes of WASM per element type.
    let mut keys = BTreeSet::new();
    keys.extend(base.keys().chain(ours.keys()).chain(theirs.keys()));
    let mut merged = BTreeMap::new();
    merged.extend(keys.into_iter().filter_map(|key| {
        pick(get(base, key), get(ours, key), get(theirs, key), prefer).map(|v| (key.clone(), v))
    }));
    merged
}

fn merge_set(
    base: &BTreeSet<String>,
    ours: &BTreeSet<String>,
    theirs: &BTreeSet<String>,
    prefer: Prefer,
) -> BTreeSet<String> {
    let mut merged = BTreeSet::new();
    merged.extend(
        base.iter()
            .chain(ours)
            .chain(theirs)
            .filter(|id| pick(base.contains(*id), ours.contains(*id), theirs.contains(*id), prefer))
            .cloned(),
    );
    merged
}
