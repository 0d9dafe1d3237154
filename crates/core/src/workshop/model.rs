//! The workshop and its participants.
//!
//! **Duplicates**: the same answers added twice are one participant, unless both carry
//! different names (two people can give identical answers). The same name with other
//! answers is added, and reported, so the facilitator decides which one stands. Answers are
//! compared by [`fingerprint`], worked out once per participant.

use super::codec::SCHEMA;
use crate::answers::{Answers, EvidenceAnswer, FactorAnswer, Prefer};
use crate::card::Card;
use crate::envelope;

/// A facilitator's workshop on one card, as stored in the browser.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    pub schema: u32,
    pub card: String,
    /// The card's content version when the workshop was last saved.
    pub content_version: u32,
    /// Results are hidden until the facilitator reveals them.
    pub hidden: bool,
    pub participants: Vec<Participant>,
}

/// One participant: an optional name and their answers, keyed by stable ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Empty when no name was given.
    pub name: String,
    pub answers: Answers,
}

/// What [`Workshop::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Added as participant `index`.
    New { index: usize },
    /// The same answers are already there, as participant `of`.
    Duplicate { of: usize },
    /// Added as participant `index`, though participant `earlier` has the same name and
    /// other answers (someone who answered again, or two people of one name).
    SameName { index: usize, earlier: usize },
}

impl Workshop {
    /// An empty workshop on `card`.
    pub fn new(card: &Card) -> Self {
        Workshop::empty(&card.id, card.version)
    }

    /// An empty workshop on the card with this id and content version.
    pub fn empty(card_id: &str, content_version: u32) -> Self {
        Workshop {
            schema: SCHEMA,
            card: card_id.to_owned(),
            content_version,
            hidden: false,
            participants: Vec::new(),
        }
    }

    /// The participant's name, or "Participant N" when they gave none.
    pub fn label(&self, index: usize) -> String {
        match self.participants.get(index) {
            Some(p) if !p.name.trim().is_empty() => p.name.trim().to_string(),
            _ => format!("Participant {}", index + 1),
        }
    }

    /// Add a participant unless the same answers are already there (see the module notes on
    /// duplicates). A duplicate without a name takes the incoming name.
    pub fn add(&mut self, name: Option<&str>, answers: Answers) -> Added {
        self.adder().add(name, answers)
    }

    /// A way to add many participants at once: each participant's fingerprint is worked out
    /// once, not once per addition, so a thousand links take milliseconds, not seconds.
    pub fn adder(&mut self) -> Adder<'_> {
        let prints = self.participants.iter().map(|p| fingerprint(&p.answers)).collect();
        Adder { workshop: self, prints }
    }
}

/// Adds participants to a workshop, remembering their fingerprints ([`Workshop::adder`]).
pub struct Adder<'a> {
    pub(super) workshop: &'a mut Workshop,
    prints: Vec<u64>,
}

impl Adder<'_> {
    /// See [`Workshop::add`].
    pub fn add(&mut self, name: Option<&str>, answers: Answers) -> Added {
        let name = name.map(str::trim).unwrap_or("").to_string();
        let print = fingerprint(&answers);
        let people = &mut self.workshop.participants;
        // ASCII case folding: Unicode `to_lowercase` costs about 30 KB of WASM (its tables).
        let same_name = |p: &Participant| !name.is_empty() && p.name.trim().eq_ignore_ascii_case(&name);
        let duplicate = (0..people.len()).find(|&i| {
            self.prints[i] == print
                && (name.is_empty() || people[i].name.trim().is_empty() || same_name(&people[i]))
        });
        if let Some(of) = duplicate {
            if people[of].name.trim().is_empty() && !name.is_empty() {
                people[of].name = name;
            }
            return Added::Duplicate { of };
        }
        let earlier = people.iter().position(same_name);
        people.push(Participant { name, answers });
        self.prints.push(print);
        let index = people.len() - 1;
        match earlier {
            Some(earlier) => Added::SameName { index, earlier },
            None => Added::New { index },
        }
    }

    /// The workshop being added to.
    pub fn workshop(&self) -> &Workshop {
        self.workshop
    }
}

/// Three-way merge of a workshop changed in two places (two tabs) since `base`, the copy
/// both last agreed on: a participant added on either side is kept, one removed on either
/// side goes, so neither tab's additions or removals are lost; whether results are hidden
/// is taken from the side that changed it (`prefer` decides when both did).
pub fn merge(base: &Workshop, ours: &Workshop, theirs: &Workshop, prefer: Prefer) -> Workshop {
    // Who is who: the name (ASCII case folded) and the fingerprint, worked out once per
    // participant so that merging two workshops of a thousand stays quick.
    let keys = |w: &Workshop| -> Vec<(String, u64)> {
        w.participants.iter().map(|p| (p.name.trim().to_ascii_lowercase(), fingerprint(&p.answers))).collect()
    };
    let (base_keys, their_keys) = (keys(base), keys(theirs));
    let mut out = ours.clone();
    // Kept unless the other side removed it.
    let mut kept = keys(ours).into_iter().map(|k| !base_keys.contains(&k) || their_keys.contains(&k));
    out.participants.retain(|_| kept.next().unwrap_or(true));
    let mut adder = out.adder();
    for (p, key) in theirs.participants.iter().zip(&their_keys) {
        if !base_keys.contains(key) {
            let name = (!p.name.trim().is_empty()).then_some(p.name.as_str());
            adder.add(name, p.answers.clone());
        }
    }
    out.hidden = match (ours.hidden == base.hidden, theirs.hidden == base.hidden, prefer) {
        (true, _, _) => theirs.hidden,
        (_, true, _) => ours.hidden,
        (false, false, Prefer::Ours) => ours.hidden,
        (false, false, Prefer::Theirs) => theirs.hidden,
    };
    out
}

/// Answers without entries that mean "not answered", so equal answers compare equal however
/// they were stored.
pub fn canonical(answers: &Answers) -> Answers {
    let mut out = answers.clone();
    out.clamp();
    out.factors.retain(|_, f| *f != FactorAnswer::default());
    out.evidence.retain(|_, e| *e != EvidenceAnswer::default());
    out.notes.retain(|_, n| !n.is_empty());
    out
}

/// A stable fingerprint of the answers (FNV-1a over their canonical JSON), for duplicates.
pub fn fingerprint(answers: &Answers) -> u64 {
    let mut text = String::new();
    envelope::write_answers(&mut text, &canonical(answers));
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
