//! Sharing answers without a server: the share link and the answers file. Pure: no browser,
//! no storage, so every rule about what is trusted is tested natively.
//!
//! **Link.** The answers travel in the URL fragment, which browsers never send to a server:
//!
//! ```text
//! #a=2.<card-id>.<content-version>.<payload>
//! ```
//!
//! `2` is the link format ([`LINK_FORMAT`]); format 1 links (without the sender's token and
//! time) are still read. The payload is base64url (no padding) of a small
//! binary form keyed by the card's items *in card order*, which is what makes links short; the
//! content version says which order that is, so a link made for another content version is
//! refused with a clear message ([`ShareError::OtherVersion`]) instead of being misread (the
//! file, keyed by stable ids, carries answers across content versions). Payload, in order:
//!
//! - the sender's name: a length (LEB128) and UTF-8 bytes, length 0 for none;
//! - (format 2) the sender's participant token ([`is_token`]) the same way, length 0 for none,
//!   then when the link was made, in seconds since the Unix epoch (LEB128, 0 for unknown): a
//!   workshop tells the same participant's rounds apart by them;
//! - one byte per factor: `(position + 2) * 5 + w`, where `w` is 0 for the card's default
//!   importance and `1 + weight` for a chosen one;
//! - a bit set of the ticked items: every genuine signal (options in order), then the bad
//!   reasons, then the anti-patterns;
//! - a bit set of the re-look triggers that apply today;
//! - two bits per evidence item: its status (0 not started, 1 in progress, 2 gathered);
//! - the evidence notes, then the question notes: a length and UTF-8 bytes each;
//! - CRC-32 of the header (`1.<card-id>.<content-version>.`) and all of the above, 4 bytes,
//!   big-endian, so a link cut short or changed on its way is recognised as such.
//!
//! [`decode_link`] checks, in this order: size ([`MAX_LINK_CHARS`]), link format, card,
//! content version, then the payload (checksum, structure, every range), and returns a
//! [`ShareError`] whose `Display` is written for the user. It never panics, whatever the input.
//!
//! **File.** The answers file is the stored envelope ([`crate::envelope`]): schema
//! version, card id, content version, time and answers keyed by stable ids, plus an optional
//! top-level `"participant"` name. [`decode_file`] lets the envelope decoder check size,
//! schema and card, and then refuses (rather than clamps) factor numbers out of range: an
//! imported file that says "position 7" was not written by this app and is not guessed at.

use crate::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, STEPS};
use crate::card::{Card, MAX_WEIGHT};
use crate::envelope::{self, DecodeError, Envelope, MAX_BYTES};
use crate::history::History;
use crate::json::{At, Json, Number, ShapeError};
use crate::messages::MessageWord as W;
use crate::say;

/// The link format this version writes and the newest it reads.
pub const LINK_FORMAT: u32 = 2;

/// Characters in a participant token: eleven of base64url's alphabet, 66 random bits.
pub const TOKEN_CHARS: usize = 11;

/// Whether `text` has the shape of a participant token: [`TOKEN_CHARS`] characters of
/// base64url's alphabet. Anything else in a link or file is refused, never half-trusted.
pub fn is_token(text: &str) -> bool {
    text.len() == TOKEN_CHARS && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A new participant token from `random` (the caller's source of randomness: this module
/// stays pure): six random bits per character, 66 in all.
pub fn new_token(mut random: impl FnMut() -> u32) -> String {
    (0..TOKEN_CHARS).map(|_| char::from(ALPHABET[(random() >> 26) as usize])).collect()
}

/// Who sends answers, as a link carries it: their participant token and when the link was
/// made (seconds since the Unix epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender<'a> {
    pub token: &'a str,
    pub made: u32,
}

/// Longest fragment [`decode_link`] reads, in characters. A fully filled card with a sentence
/// in every note is about 1,300; this leaves room for long notes without letting a pasted
/// novel stall the page.
pub const MAX_LINK_CHARS: usize = 8 * 1024;

/// Longest participant name kept, in characters (longer names are refused in links and
/// shortened when typed).
pub const MAX_NAME_CHARS: usize = 60;

/// What starts the fragment of a share link (after `#`).
pub const FRAGMENT_PREFIX: &str = "a=";

/// Answers read from a link or a file, with what came with them.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The sender's name, when they gave one.
    pub name: Option<String>,
    /// The sender's participant token ([`is_token`]), when the link or file carries one.
    pub token: Option<String>,
    /// When the link or file was made, in seconds since the Unix epoch, when it says.
    pub made: Option<u32>,
    /// The card's content version the answers were made with.
    pub content_version: u32,
    pub answers: Answers,
    /// The decisions recorded on the card: an answers file carries them, a link does not.
    pub history: History,
}

/// Why shared answers could not be read. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// No share link in the text.
    NotALink,
    /// The link is longer than [`MAX_LINK_CHARS`].
    LinkTooLong { chars: usize },
    /// The link was made by a newer version of Decision Cards.
    NewerLink { format: String },
    /// The link holds answers to another card.
    OtherCard { card: String },
    /// The link was made for another content version of this card.
    OtherVersion { link: u32, page: u32 },
    /// The link was cut short or changed on its way (checksum or length wrong).
    Incomplete,
    /// The link's structure is broken in a way cutting it short cannot explain.
    Damaged { detail: String },
    /// A number in the link or file is outside what the card allows.
    OutOfRange { detail: String },
    /// The file is larger than the envelope's limit (checked before it is read).
    FileTooLarge { bytes: u64 },
    /// The file could not be read as answers (the envelope decoder's reason).
    File(DecodeError),
    /// The participant token is not of the shape this app makes ([`is_token`]).
    BadToken,
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

/// The part of the answers a link carries: answers to this card's items that differ from
/// "not answered", in the same shape [`decode_link`] returns. Answers to items the card does
/// not have stay out of links (files keep them).
pub fn shareable(card: &Card, answers: &Answers) -> Answers {
    let mut out = Answers::default();
    for f in &card.factors {
        if let Some(a) = answers.factors.get(&f.id) {
            let a = FactorAnswer {
                position: a.position.clamp(-STEPS, STEPS),
                weight: a.weight.map(|w| w.min(MAX_WEIGHT)),
            };
            if a != FactorAnswer::default() {
                out.factors.insert(f.id.clone(), a);
            }
        }
    }
    for id in tickable(card) {
        if answers.ticked.contains(id) {
            out.ticked.insert(id.to_string());
        }
    }
    for t in &card.reversibility.relook_triggers {
        if answers.triggers.contains(&t.id) {
            out.triggers.insert(t.id.clone());
        }
    }
    for e in &card.evidence {
        if let Some(a) = answers.evidence.get(&e.id).filter(|a| **a != EvidenceAnswer::default()) {
            out.evidence.insert(e.id.clone(), a.clone());
        }
    }
    for q in &card.questions {
        if let Some(n) = answers.notes.get(&q.id).filter(|n| !n.is_empty()) {
            out.notes.insert(q.id.clone(), n.clone());
        }
    }
    out
}

/// Ids a link's tick bit set covers, in order: genuine signals, bad reasons, anti-patterns.
fn tickable(card: &Card) -> impl Iterator<Item = &str> {
    card.signals().map(|(_, s)| s.id.as_str()).chain(card.pitfalls().map(|p| p.id.as_str()))
}

fn header(card: &Card) -> String {
    format!("{LINK_FORMAT}.{}.{}.", card.id, card.version)
}

/// The fragment (without `#`) that carries `answers` for `card`, with an optional name and
/// sender. Only [`shareable`] answers go in; a name longer than [`MAX_NAME_CHARS`] is
/// shortened; a token of the wrong shape is left out.
pub fn encode_link(card: &Card, answers: &Answers, name: Option<&str>, sender: Option<Sender>) -> String {
    let answers = shareable(card, answers);
    let mut bytes = Vec::with_capacity(64);
    let name: String = name.map(str::trim).unwrap_or("").chars().take(MAX_NAME_CHARS).collect();
    put_text(&mut bytes, &name);
    let sender = sender.filter(|s| is_token(s.token));
    put_text(&mut bytes, sender.map_or("", |s| s.token));
    put_number(&mut bytes, sender.map_or(0, |s| s.made));
    for f in &card.factors {
        let a = answers.factors.get(&f.id).copied().unwrap_or_default();
        let w = a.weight.map_or(0, |w| 1 + w.min(MAX_WEIGHT));
        // Position in 0..=4, weight code in 0..=4: at most 24.
        bytes.push(((a.position.clamp(-STEPS, STEPS) + STEPS) as u8) * 5 + w);
    }
    put_bits(&mut bytes, tickable(card).map(|id| answers.ticked.contains(id)));
    put_bits(&mut bytes, card.reversibility.relook_triggers.iter().map(|t| answers.triggers.contains(&t.id)));
    let statuses: Vec<u8> = card
        .evidence
        .iter()
        .map(|e| match answers.evidence_status(&e.id) {
            EvidenceStatus::NotStarted => 0,
            EvidenceStatus::InProgress => 1,
            EvidenceStatus::Gathered => 2,
        })
        .collect();
    for chunk in statuses.chunks(4) {
        let mut byte = 0u8;
        for (i, s) in chunk.iter().enumerate() {
            byte |= s << (2 * i);
        }
        bytes.push(byte);
    }
    for e in &card.evidence {
        put_text(&mut bytes, answers.evidence.get(&e.id).map_or("", |a| a.note.as_str()));
    }
    for q in &card.questions {
        put_text(&mut bytes, answers.notes.get(&q.id).map_or("", String::as_str));
    }
    let head = header(card);
    let crc = crc32(head.as_bytes().iter().chain(bytes.iter()).copied());
    bytes.extend_from_slice(&crc.to_be_bytes());
    let mut out = String::with_capacity(FRAGMENT_PREFIX.len() + head.len() + bytes.len() * 4 / 3 + 4);
    out.push_str(FRAGMENT_PREFIX);
    out.push_str(&head);
    out.push_str(&base64url_encode(&bytes));
    out
}

/// The fragment of a share link inside `text`: a whole URL, `#a=…` or `a=…`. Whitespace
/// around it and characters a chat app may glue to its end (`.`, `)`, `>`, quotes) are
/// ignored; they are never part of the base64url payload.
fn fragment_of(text: &str) -> Option<&str> {
    let text = text.trim();
    let start = match text.find('#') {
        Some(i) => i + 1,
        None => 0,
    };
    let fragment = text[start..].strip_prefix(FRAGMENT_PREFIX)?;
    let end = fragment
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&fragment[..end])
}

/// The card id a share link names, if `text` looks like one (to open the right card).
pub fn link_card(text: &str) -> Option<String> {
    let fragment = fragment_of(text)?;
    if fragment.len() > MAX_LINK_CHARS {
        return None;
    }
    let mut parts = fragment.split('.');
    let _format = parts.next()?;
    let card = parts.next()?;
    (!card.is_empty()).then(|| card.to_string())
}

/// True when `text` is meant as a share link (it has the `#a=` fragment), valid or not.
pub fn is_link(text: &str) -> bool {
    fragment_of(text).is_some()
}

/// Read the answers a share link holds for `card`. See the module documentation for the
/// order of checks. Never panics.
pub fn decode_link(text: &str, card: &Card) -> Result<Shared, ShareError> {
    let Some(fragment) = fragment_of(text) else {
        return Err(ShareError::NotALink);
    };
    let chars = fragment.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::LinkTooLong { chars });
    }
    let mut parts = fragment.splitn(4, '.');
    let format = parts.next().unwrap_or("");
    let format = match format.parse::<u64>() {
        Ok(n) if (1..=u64::from(LINK_FORMAT)).contains(&n) => n as u32,
        Ok(n) if n > u64::from(LINK_FORMAT) => {
            return Err(ShareError::NewerLink { format: format.to_string() })
        }
        _ if format.len() > 1 && format.bytes().all(|b| b.is_ascii_digit()) => {
            // Only a number too large for u64: newer than anything.
            return Err(ShareError::NewerLink { format: format.chars().take(12).collect() });
        }
        _ => return Err(damaged(W::DamagedFormat)),
    };
    let (Some(card_id), Some(version)) = (parts.next(), parts.next()) else {
        return Err(ShareError::Incomplete);
    };
    if card_id != card.id {
        let card: String = card_id.chars().take(80).collect();
        return Err(ShareError::OtherCard { card });
    }
    let Ok(version) = version.parse::<u32>() else {
        return Err(damaged(W::DamagedVersion));
    };
    if version != card.version {
        return Err(ShareError::OtherVersion { link: version, page: card.version });
    }
    let payload = parts.next().ok_or(ShareError::Incomplete)?;
    let bytes = base64url_decode(payload)?;
    if bytes.len() < 4 {
        return Err(ShareError::Incomplete);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    let head = format!("{format}.{}.{}.", card.id, card.version);
    let expected = crc32(head.as_bytes().iter().chain(body.iter()).copied());
    if sum != expected.to_be_bytes() {
        return Err(ShareError::Incomplete);
    }
    read_body(body, card, format)
}

fn damaged(detail: W) -> ShareError {
    ShareError::Damaged { detail: say!(detail).to_string() }
}

fn out_of_range(detail: String) -> ShareError {
    ShareError::OutOfRange { detail }
}

/// The payload after its checksum was verified, in link format `format`.
fn read_body(body: &[u8], card: &Card, format: u32) -> Result<Shared, ShareError> {
    let mut r = Reader { bytes: body, at: 0 };
    let mut answers = Answers::default();
    let name = r.text()?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(out_of_range(say!(W::NameTooLong, max = MAX_NAME_CHARS)));
    }
    let name = (!name.trim().is_empty()).then(|| name.trim().to_string());
    let (mut token, mut made) = (None, None);
    if format >= 2 {
        let text = r.text()?;
        if !text.is_empty() && !is_token(&text) {
            return Err(ShareError::BadToken);
        }
        token = (!text.is_empty()).then_some(text);
        made = Some(r.number()?).filter(|&m| m > 0);
    }
    for f in &card.factors {
        let b = r.byte()?;
        if b >= 25 {
            return Err(out_of_range(say!(W::FactorAnswer, factor = f.name)));
        }
        let a = FactorAnswer {
            position: (b / 5) as i8 - STEPS,
            weight: match b % 5 {
                0 => None,
                w => Some(w - 1),
            },
        };
        if a != FactorAnswer::default() {
            answers.factors.insert(f.id.clone(), a);
        }
    }
    let ids: Vec<&str> = tickable(card).collect();
    for (id, on) in ids.iter().zip(r.bits(ids.len())?) {
        if on {
            answers.ticked.insert((*id).to_string());
        }
    }
    let triggers = &card.reversibility.relook_triggers;
    for (t, on) in triggers.iter().zip(r.bits(triggers.len())?) {
        if on {
            answers.triggers.insert(t.id.clone());
        }
    }
    let mut statuses = Vec::with_capacity(card.evidence.len());
    for chunk in 0..card.evidence.len().div_ceil(4) {
        let byte = r.byte()?;
        let in_chunk = (card.evidence.len() - chunk * 4).min(4);
        for i in 0..4 {
            let code = (byte >> (2 * i)) & 3;
            if i >= in_chunk {
                if code != 0 {
                    return Err(damaged(W::DamagedEvidenceBits));
                }
                continue;
            }
            statuses.push(match code {
                0 => EvidenceStatus::NotStarted,
                1 => EvidenceStatus::InProgress,
                2 => EvidenceStatus::Gathered,
                _ => {
                    let item = &card.evidence[chunk * 4 + i];
                    return Err(out_of_range(say!(W::EvidenceStatus, item = item.text)));
                }
            });
        }
    }
    for (e, status) in card.evidence.iter().zip(statuses) {
        let note = r.text()?;
        let a = EvidenceAnswer { status, note };
        if a != EvidenceAnswer::default() {
            answers.evidence.insert(e.id.clone(), a);
        }
    }
    for q in &card.questions {
        let note = r.text()?;
        if !note.is_empty() {
            answers.notes.insert(q.id.clone(), note);
        }
    }
    if r.at != body.len() {
        return Err(damaged(W::DamagedTrailing));
    }
    Ok(Shared { name, token, made, content_version: card.version, answers, history: History::default() })
}

/// Reads the payload; running out of bytes means the structure is wrong.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ShareError> {
        let b = *self.bytes.get(self.at).ok_or_else(|| damaged(W::DamagedEnd))?;
        self.at += 1;
        Ok(b)
    }

    fn length(&mut self) -> Result<usize, ShareError> {
        self.number().map(|n| n as usize)
    }

    /// LEB128, at most 32 bits.
    fn number(&mut self) -> Result<u32, ShareError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            let part = u32::from(b & 0x7f);
            if shift == 28 && part > 0x0f {
                return Err(damaged(W::DamagedLength));
            }
            value |= part << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(damaged(W::DamagedLength))
    }

    fn text(&mut self) -> Result<String, ShareError> {
        let len = self.length()?;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| damaged(W::DamagedNoteEnd))?;
        let text = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| damaged(W::DamagedNoteText))?;
        self.at = end;
        Ok(text.to_string())
    }

    fn bits(&mut self, count: usize) -> Result<Vec<bool>, ShareError> {
        let mut out = Vec::with_capacity(count);
        for chunk in 0..count.div_ceil(8) {
            let byte = self.byte()?;
            let in_chunk = (count - chunk * 8).min(8);
            if in_chunk < 8 && byte >> in_chunk != 0 {
                return Err(damaged(W::DamagedBits));
            }
            out.extend((0..in_chunk).map(|i| byte & (1 << i) != 0));
        }
        Ok(out)
    }
}

fn put_text(bytes: &mut Vec<u8>, text: &str) {
    put_number(bytes, text.len() as u32);
    bytes.extend_from_slice(text.as_bytes());
}

/// LEB128.
fn put_number(bytes: &mut Vec<u8>, mut n: u32) {
    loop {
        let part = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            bytes.push(part);
            break;
        }
        bytes.push(part | 0x80);
    }
}

fn put_bits(bytes: &mut Vec<u8>, bits: impl Iterator<Item = bool>) {
    let mut byte = 0u8;
    let mut n = 0;
    for on in bits {
        if on {
            byte |= 1 << n;
        }
        n += 1;
        if n == 8 {
            bytes.push(byte);
            byte = 0;
            n = 0;
        }
    }
    if n > 0 {
        bytes.push(byte);
    }
}

/// CRC-32 (IEEE, as in zip and PNG), bit by bit: a link is a few hundred bytes, so a table
/// would only add size.
pub fn crc32(bytes: impl Iterator<Item = u8>) -> u32 {
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Base64url without padding. A length no encoder produces means the text was cut short.
fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    if text.len() % 4 == 1 {
        return Err(ShareError::Incomplete);
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'-' => 62,
                b'_' => 63,
                _ => return Err(damaged(W::DamagedCharacters)),
            };
            n |= u32::from(v) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/// The answers file: the stored envelope (answers, recorded decisions, the participant
/// token), with the participant's name when given.
pub fn encode_file(
    card: &Card,
    answers: &Answers,
    history: &History,
    name: Option<&str>,
    token: Option<&str>,
    saved_at: f64,
) -> String {
    let name: String = name.map(str::trim).unwrap_or("").chars().take(MAX_NAME_CHARS).collect();
    let mut envelope = Envelope::new(&card.id, card.version, saved_at, answers.clone());
    envelope.history = history.clone();
    envelope.token = token.filter(|t| is_token(t)).map(str::to_owned);
    let mut out = String::with_capacity(256);
    envelope::write_envelope(&mut out, &envelope, (!name.is_empty()).then_some(name.as_str()));
    out
}

/// Refuse a file by its size alone, before anything reads it into memory.
pub fn check_file_size(bytes: u64) -> Result<(), ShareError> {
    if bytes > MAX_BYTES as u64 {
        Err(ShareError::FileTooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Read an answers file for `card`: size, JSON, schema, card (the envelope decoder), then
/// every factor number is checked to be in range. The text is parsed once. Never panics.
pub fn decode_file(text: &str, card: &Card) -> Result<Shared, ShareError> {
    check_file_size(text.len() as u64)?;
    let mut value = envelope::parse(text, MAX_BYTES).map_err(ShareError::File)?;
    // Migrated in place: schema 1's position and weight maps are now under `factors`.
    let envelope = envelope::decode_value(&mut value, &card.id).map_err(ShareError::File)?.envelope;
    // The envelope decoder clamps stray numbers in saved progress; an imported file is
    // checked strictly instead.
    check_ranges(&value, card)?;
    let shape = |e: ShapeError| ShareError::File(DecodeError::WrongShape(e));
    let name = match At::top(&value).get("participant").map_err(shape)? {
        Some(name) if !matches!(name.value, Json::Null) => {
            let name = name.str().map_err(shape)?;
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(out_of_range(say!(W::NameTooLong, max = MAX_NAME_CHARS)));
            }
            Some(name.trim().to_string()).filter(|s| !s.is_empty())
        }
        _ => None,
    };
    // The envelope decoder leaves out a token of another shape; an imported file is refused.
    if value.get("token").is_some() && envelope.token.is_none() {
        return Err(ShareError::BadToken);
    }
    Ok(Shared {
        name,
        token: envelope.token,
        made: Some((envelope.saved_at / 1000.0) as u32).filter(|&s| s > 0),
        content_version: envelope.content_version,
        answers: envelope.answers,
        history: envelope.history,
    })
}

/// Every factor position and weight in the file (migrated to the current schema, so all of
/// them are under `answers.factors`) must be a whole number in range.
fn check_ranges(value: &Json, card: &Card) -> Result<(), ShareError> {
    let Some(factors) = value.get("answers").and_then(|a| a.get("factors")).and_then(Json::as_object) else {
        return Ok(());
    };
    let name = |id: &str| card.factor(id).map_or_else(|| id.to_string(), |f| f.name.clone());
    let check = |id: &str, what: W, v: &Json, min: i64, max: i64| -> Result<(), ShareError> {
        let n = match v {
            Json::Number(Number::Int(n)) if (min..=max).contains(n) => return Ok(()),
            Json::Number(Number::Int(n)) => n.to_string(),
            Json::Number(Number::UInt(n)) => n.to_string(),
            // Not a whole number at all: the envelope decoder already refused it.
            _ => return Ok(()),
        };
        Err(out_of_range(say!(what, n = n, factor = name(id), min = min, max = max)))
    };
    for (id, f) in factors {
        if let Some(p) = f.get("position") {
            check(id, W::PositionOutOfRange, p, i64::from(-STEPS), i64::from(STEPS))?;
        }
        if let Some(w) = f.get("weight") {
            check(id, W::ImportanceOutOfRange, w, 0, i64::from(MAX_WEIGHT))?;
        }
    }
    Ok(())
}
