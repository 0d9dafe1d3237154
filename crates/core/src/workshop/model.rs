//! The workshop, its rounds and their participants.
//!
//! **Rounds**: a workshop is gathered in rounds (answer alone, reveal, discuss, answer
//! again). Starting a round closes the one before as it is; what is added from then on goes
//! into the new round ([`Workshop::participants`]).
//!
//! **Who is who**: a participant's browser gives their links and files an anonymous token and
//! the time they were made ([`crate::share::Sender`]). Within the workshop:
//!
//! - a link whose token was already gathered, made no later than the answers gathered for it,
//!   changes nothing (the whole meeting chat pasted again): [`Added::Duplicate`] when it is the
//!   very link and in this round, [`Added::Gathered`] when in an earlier round,
//!   [`Added::Superseded`] when newer answers of theirs are already there;
//! - a newer link of a token already in the round replaces that participant's answers
//!   ([`Added::Replaced`]): the newer answers are kept;
//! - a token already used under another name is added as someone else, and flagged
//!   ([`Added::SharedToken`]): two people cannot both be one participant;
//! - without a token (an older link, or storage cleared) the rules are by answers and name:
//!   the same answers added twice are one participant, unless both carry different names (two
//!   people can give identical answers); the same name with other answers is added, and
//!   reported, so the facilitator decides which one stands; answers already gathered in an
//!   earlier round are not added again.
//!
//! Answers are compared by [`fingerprint`], worked out once per participant.

use super::codec::SCHEMA;
use crate::answers::{Answers, EvidenceAnswer, FactorAnswer, Prefer};
use crate::card::Card;
use crate::envelope;
use crate::ids::IdMap;

/// A facilitator's workshop on one card, as stored in the browser.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    pub schema: u32,
    pub card: String,
    /// The card's content version when the workshop was last saved.
    pub content_version: u32,
    /// Results are hidden until the facilitator reveals them.
    pub hidden: bool,
    /// The rounds closed so far, oldest first, as they were when the next one started.
    pub closed: Vec<Vec<Participant>>,
    /// The round being gathered: round `closed.len() + 1`.
    pub participants: Vec<Participant>,
}

/// One participant of a round: an optional name, who sent the answers, and the answers,
/// keyed by stable ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Empty when no name was given.
    pub name: String,
    /// The participant's anonymous token ([`crate::share::is_token`]), when their link or
    /// file carried one.
    pub token: Option<String>,
    /// When their link or file was made, in seconds since the Unix epoch, when it said.
    pub made: Option<u32>,
    pub answers: Answers,
}

impl Participant {
    /// A participant known by name only (no token), as older links and tests give them.
    pub fn named(name: &str, answers: Answers) -> Participant {
        Participant { name: name.trim().to_string(), token: None, made: None, answers }
    }

    /// Whether `self` (in one round) and `other` (in another) are the same person: the same
    /// token under names that agree, or, where either has no token, the same name.
    pub fn same_person(&self, other: &Participant) -> bool {
        match (&self.token, &other.token) {
            (Some(a), Some(b)) => a == b && self.names_agree(other),
            _ => !self.name.trim().is_empty() && self.name.trim().eq_ignore_ascii_case(other.name.trim()),
        }
    }

    /// Whether `self` and `other` may be one person by their names: the same name (ASCII
    /// case folded), or a name on one side only.
    pub fn names_agree(&self, other: &Participant) -> bool {
        names_agree(&self.name, &other.name)
    }
}

/// See [`Participant::names_agree`].
fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.is_empty() || b.is_empty() || a.eq_ignore_ascii_case(b)
}

/// What [`Workshop::add`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Added as participant `index`.
    New { index: usize },
    /// The same answers are already there, as participant `of`.
    Duplicate { of: usize },
    /// Added as participant `index`, though participant `earlier` has the same name and
    /// other answers (someone who answered again, or two people of one name).
    SameName { index: usize, earlier: usize },
    /// Participant `index` sent newer answers in this round: they replace the older ones.
    Replaced { index: usize },
    /// This very link was gathered already, in round `round` (from 1): nothing changed.
    Gathered { round: usize },
    /// Newer answers of the same participant were gathered already, in round `round`:
    /// nothing changed.
    Superseded { round: usize },
    /// Added as participant `index`, though `other` (their name, in this round or an
    /// earlier one) carries the same token: both are kept, to look at.
    SharedToken { index: usize, other: String },
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
            closed: Vec::new(),
            participants: Vec::new(),
        }
    }

    /// The round being gathered, from 1.
    pub fn round(&self) -> usize {
        self.closed.len() + 1
    }

    /// Every round, oldest first; the last is the one being gathered.
    pub fn rounds(&self) -> impl Iterator<Item = &[Participant]> {
        self.closed.iter().map(Vec::as_slice).chain([self.participants.as_slice()])
    }

    /// Closes the round being gathered, as it is, and starts the next one, empty. Nothing
    /// happens while the current round has no one: an empty round closes nothing.
    pub fn start_round(&mut self) {
        if !self.participants.is_empty() {
            self.closed.push(std::mem::take(&mut self.participants));
        }
    }

    /// The participants of round `round` (from 1); empty for a round that does not exist.
    pub fn round_participants(&self, round: usize) -> &[Participant] {
        self.rounds().nth(round.wrapping_sub(1)).unwrap_or(&[])
    }

    /// The name of participant `index` of the round being gathered, or "Participant N"
    /// when they gave none.
    pub fn label(&self, index: usize) -> String {
        label_in(&self.participants, index)
    }

    /// Add a participant known by name only to the round being gathered (see the module
    /// notes on who is who).
    pub fn add(&mut self, name: Option<&str>, answers: Answers) -> Added {
        self.adder().add(Participant::named(name.unwrap_or(""), answers))
    }

    /// A way to add many participants to the round being gathered at once: each
    /// participant's fingerprint is worked out once, not once per addition, so a thousand
    /// links take milliseconds, not seconds.
    pub fn adder(&mut self) -> Adder<'_> {
        let round = self.closed.len();
        self.adder_for(round)
    }

    /// An [`Adder`] into round `round` (from 0; past the last, the round being gathered):
    /// the rounds before it are what it was gathered after.
    pub(super) fn adder_for(&mut self, round: usize) -> Adder<'_> {
        let round = round.min(self.closed.len());
        let mut earlier: IdMap<Seen> = IdMap::new();
        let mut earlier_prints: IdMap<usize> = IdMap::new();
        for (r, people) in self.rounds().take(round).enumerate() {
            for p in people {
                match (&p.token, p.made) {
                    (Some(token), made) => {
                        let print = fingerprint(&p.answers);
                        let seen =
                            Seen { round: r + 1, made: made.unwrap_or(0), print, name: p.name.clone() };
                        earlier.insert(token.clone(), seen);
                    }
                    (None, _) => {
                        earlier_prints.insert(print_key(fingerprint(&p.answers), &p.name), r + 1);
                    }
                }
            }
        }
        let prints =
            self.rounds().nth(round).unwrap_or(&[]).iter().map(|p| fingerprint(&p.answers)).collect();
        Adder { workshop: self, round, prints, earlier, earlier_prints }
    }
}

/// The name of participant `index` of `people`, or "Participant N" when they gave none.
pub fn label_in(people: &[Participant], index: usize) -> String {
    match people.get(index) {
        Some(p) if !p.name.trim().is_empty() => p.name.trim().to_string(),
        _ => super::words::numbered(index + 1),
    }
}

/// Answers and a name as one key: the fingerprint, then the name ASCII case folded.
fn print_key(print: u64, name: &str) -> String {
    format!("{print:016x}{}", name.trim().to_ascii_lowercase())
}

/// Round `round` (from 0; past the closed rounds, the one being gathered).
fn round_mut(w: &mut Workshop, round: usize) -> &mut Vec<Participant> {
    if round < w.closed.len() {
        &mut w.closed[round]
    } else {
        &mut w.participants
    }
}

/// What an earlier round holds for one token: the latest answers gathered for it.
struct Seen {
    round: usize,
    made: u32,
    print: u64,
    /// The name they came with: to tell whether an incoming name agrees.
    name: String,
}

/// Adds participants to one round of a workshop, remembering their fingerprints and what
/// earlier rounds gathered ([`Workshop::adder`]).
pub struct Adder<'a> {
    pub(super) workshop: &'a mut Workshop,
    /// The round added to, from 0.
    round: usize,
    prints: Vec<u64>,
    /// Per token, the latest answers earlier rounds gathered.
    earlier: IdMap<Seen>,
    /// The answers and names without a token earlier rounds gathered ([`print_key`]), and
    /// the last round of each.
    earlier_prints: IdMap<usize>,
}

impl Adder<'_> {
    /// Adds one participant's answers (see the module notes on who is who).
    pub fn add(&mut self, incoming: Participant) -> Added {
        let print = fingerprint(&incoming.answers);
        match incoming.token.clone() {
            Some(token) => self.add_with_token(incoming, &token, print),
            None => self.add_by_name(incoming, print),
        }
    }

    fn add_with_token(&mut self, incoming: Participant, token: &str, print: u64) -> Added {
        let made = incoming.made.unwrap_or(0);
        let round = self.round + 1;
        let people = round_mut(self.workshop, self.round);
        let holders: Vec<usize> =
            (0..people.len()).filter(|&i| people[i].token.as_deref() == Some(token)).collect();
        if let Some(&i) = holders.iter().find(|&&i| people[i].names_agree(&incoming)) {
            let had = people[i].made.unwrap_or(0);
            if made == had && print == self.prints[i] {
                if people[i].name.trim().is_empty() && !incoming.name.trim().is_empty() {
                    people[i].name = incoming.name;
                }
                return Added::Duplicate { of: i };
            }
            if made < had {
                return Added::Superseded { round };
            }
            let p = &mut people[i];
            if !incoming.name.trim().is_empty() {
                p.name = incoming.name;
            }
            p.made = incoming.made;
            p.answers = incoming.answers;
            self.prints[i] = print;
            return Added::Replaced { index: i };
        }
        let mut other = holders.first().map(|&i| label_in(people, i));
        if let Some(seen) = self.earlier.get(token) {
            if !names_agree(&seen.name, &incoming.name) {
                // Both named (names agree when either is empty): the earlier name is its label.
                other = other.or_else(|| Some(seen.name.trim().to_string()));
            } else if made < seen.made {
                return Added::Superseded { round: seen.round };
            } else if made == seen.made {
                return if print == seen.print {
                    Added::Gathered { round: seen.round }
                } else {
                    Added::Superseded { round: seen.round }
                };
            }
        }
        let index = self.push(incoming, print);
        match other {
            Some(other) => Added::SharedToken { index, other },
            None => Added::New { index },
        }
    }

    fn add_by_name(&mut self, incoming: Participant, print: u64) -> Added {
        let prints = &self.prints;
        let people = round_mut(self.workshop, self.round);
        let named = !incoming.name.is_empty();
        // ASCII case folding: Unicode `to_lowercase` costs about 30 KB of WASM (its tables).
        let same_name = |p: &Participant| named && p.name.trim().eq_ignore_ascii_case(&incoming.name);
        let duplicate = (0..people.len()).find(|&i| prints[i] == print && people[i].names_agree(&incoming));
        if let Some(of) = duplicate {
            if people[of].name.trim().is_empty() && named {
                people[of].name = incoming.name;
            }
            return Added::Duplicate { of };
        }
        if let Some(&round) = self.earlier_prints.get(&print_key(print, &incoming.name)) {
            return Added::Gathered { round };
        }
        let earlier = people.iter().position(same_name);
        let index = self.push(incoming, print);
        match earlier {
            Some(earlier) => Added::SameName { index, earlier },
            None => Added::New { index },
        }
    }

    fn push(&mut self, incoming: Participant, print: u64) -> usize {
        let people = round_mut(self.workshop, self.round);
        people.push(incoming);
        let index = people.len() - 1;
        self.prints.push(print);
        index
    }

    /// The workshop being added to.
    pub fn workshop(&self) -> &Workshop {
        self.workshop
    }

    /// The round being added to, from 1.
    pub fn round(&self) -> usize {
        self.round + 1
    }
}

/// Three-way merge of a workshop changed in two places (two tabs) since `base`, the copy
/// both last agreed on, round by round: a participant added on either side is kept, one
/// removed on either side goes, so neither tab's additions or removals are lost; a round
/// started in either tab is kept; whether results are hidden is taken from the side that
/// changed it (`prefer` decides when both did).
pub fn merge(base: &Workshop, ours: &Workshop, theirs: &Workshop, prefer: Prefer) -> Workshop {
    let rounds = ours.round().max(theirs.round());
    let mut out = ours.clone();
    out.closed.clear();
    out.participants.clear();
    for r in 1..=rounds {
        let people =
            merge_round(base.round_participants(r), ours.round_participants(r), theirs.round_participants(r));
        if r < rounds {
            out.closed.push(people);
        } else {
            out.participants = people;
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

/// One round of [`merge`].
fn merge_round(base: &[Participant], ours: &[Participant], theirs: &[Participant]) -> Vec<Participant> {
    // Who is who: the name (ASCII case folded), the token, the time and the fingerprint,
    // worked out once per participant so that merging two workshops of a thousand stays quick.
    type Key = (String, Option<String>, Option<u32>, u64);
    let keys = |people: &[Participant]| -> Vec<Key> {
        people
            .iter()
            .map(|p| (p.name.trim().to_ascii_lowercase(), p.token.clone(), p.made, fingerprint(&p.answers)))
            .collect()
    };
    let (base_keys, our_keys, their_keys) = (keys(base), keys(ours), keys(theirs));
    // Kept unless the other side removed it.
    let mut out: Vec<Participant> = ours
        .iter()
        .zip(&our_keys)
        .filter(|(_, k)| !base_keys.contains(k) || their_keys.contains(k))
        .map(|(p, _)| p.clone())
        .collect();
    for (p, k) in theirs.iter().zip(&their_keys) {
        if !base_keys.contains(k) && !our_keys.contains(k) {
            out.push(p.clone());
        }
    }
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
