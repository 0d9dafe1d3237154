//! The stored form of a workshop: compact JSON, read through [`crate::json::At`] so a
//! damaged workshop is refused with the path of the value that is wrong.
//!
//! **Schemas**: 1 held one list of `"participants"`; 2 holds `"rounds"`, oldest first, each
//! `{"participants": […]}`, a participant with its `"token"` and `"made"` when it has them.
//! A schema 1 workshop reads as round 1. The order of the list is the order of the rounds,
//! so rounds cannot be out of order; a closed round read empty is left out (it gathered
//! nothing), and the round being gathered is always the last.
//!
//! **Size**: no fixed number of participants. What limits a workshop is what the browser
//! can store ([`MAX_BYTES`], about 10,000 participants who leave no notes); past that the
//! workshop keeps working on the page and can be downloaded ([`encode`]) and added back.

use super::model::{Participant, Workshop};
use crate::envelope::{self, DecodeError};
use crate::json::{write_list, At, Expected, ObjectWriter};
use crate::share;

/// The stored form's schema this version writes and the newest it reads.
pub const SCHEMA: u32 = 2;

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
    write_list(o.key("rounds"), workshop.rounds(), |rounds, people| {
        let mut ro = ObjectWriter::new(rounds);
        write_list(ro.key("participants"), people, |list, p| {
            let mut po = ObjectWriter::new(list);
            po.string("name", &p.name);
            if let Some(token) = &p.token {
                po.string("token", token);
            }
            if let Some(made) = p.made {
                po.int("made", i64::from(made));
            }
            envelope::write_answers(po.key("answers"), &p.answers);
            po.end();
        });
        ro.end();
    });
    o.end();
    out
}

/// The participants of one round's list.
fn read_participants(list: &At) -> Result<Vec<Participant>, DecodeError> {
    let mut participants = Vec::new();
    for p in list.items()? {
        let name = match p.get("name")? {
            None => String::new(),
            Some(name) => name.text()?,
        };
        let token = match p.get("token")? {
            None => None,
            Some(token) if share::is_token(token.str()?) => Some(token.text()?),
            Some(token) => return Err(token.expected(Expected::Token).into()),
        };
        let made = match p.get("made")? {
            None => None,
            Some(made) => Some(made.whole(0, i64::from(u32::MAX))? as u32),
        };
        let mut answers = envelope::read_answers(&p.field("answers")?)?;
        answers.clamp();
        participants.push(Participant { name, token, made, answers });
    }
    Ok(participants)
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
    let mut rounds = Vec::new();
    if schema == 1 {
        if let Some(list) = doc.get("participants")? {
            rounds.push(read_participants(&list)?);
        }
    } else if let Some(list) = doc.get("rounds")? {
        for round in list.items()? {
            rounds.push(match round.get("participants")? {
                Some(list) => read_participants(&list)?,
                None => Vec::new(),
            });
        }
    }
    let participants = rounds.pop().unwrap_or_default();
    rounds.retain(|r| !r.is_empty());
    Ok(Workshop {
        schema: SCHEMA,
        card: card_id.to_owned(),
        content_version,
        hidden,
        closed: rounds,
        participants,
    })
}
