//! The stored form of a workshop: compact JSON, read through [`crate::json::At`] so a
//! damaged workshop is refused with the path of the value that is wrong.
//!
//! **Size**: no fixed number of participants. What limits a workshop is what the browser
//! can store ([`MAX_BYTES`], about 10,000 participants who leave no notes); past that the
//! workshop keeps working on the page and can be downloaded ([`encode`]) and added back.

use super::model::{Participant, Workshop};
use crate::envelope::{self, DecodeError};
use crate::json::{At, ObjectWriter};

/// The stored form's schema this version writes and the newest it reads.
pub const SCHEMA: u32 = 1;

/// Largest stored workshop [`decode`] reads and the app writes, in bytes: within what every
/// browser's storage holds for one site (5 MB or more), with room for the site's other keys.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The stored text of a workshop (compact JSON).
pub fn encode(workshop: &Workshop) -> String {
    let mut out = String::with_capacity(64 + 256 * workshop.participants.len());
    let mut o = ObjectWriter::new(&mut out);
    o.int("schema", i64::from(workshop.schema));
    o.string("card", &workshop.card);
    o.int("content_version", i64::from(workshop.content_version));
    o.bool("hidden", workshop.hidden);
    let list = o.key("participants");
    list.push('[');
    for (i, p) in workshop.participants.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        let mut po = ObjectWriter::new(list);
        po.string("name", &p.name);
        envelope::write_answers(po.key("answers"), &p.answers);
        po.end();
    }
    list.push(']');
    o.end();
    out
}

/// Read a stored workshop for `card_id`: size first, then the schema (newer is reported, not
/// half-read), then the card, then the shape; answers are clamped into range.
pub fn decode(raw: &str, card_id: &str) -> Result<Workshop, DecodeError> {
    let value = envelope::parse(raw, MAX_BYTES)?;
    let schema = envelope::read_schema(&value, SCHEMA)?;
    envelope::check_card(&value, card_id)?;
    let doc = At::top(&value);
    let content_version = doc.field("content_version")?.whole(0, i64::from(u32::MAX))? as u32;
    let hidden = match doc.get("hidden")? {
        None => false,
        Some(hidden) => hidden.bool()?,
    };
    let mut participants = Vec::new();
    if let Some(list) = doc.get("participants")? {
        for p in list.items()? {
            let name = match p.get("name")? {
                None => String::new(),
                Some(name) => name.text()?,
            };
            let mut answers = envelope::read_answers(&p.field("answers")?)?;
            answers.clamp();
            participants.push(Participant { name, answers });
        }
    }
    Ok(Workshop { schema, card: card_id.to_owned(), content_version, hidden, participants })
}
