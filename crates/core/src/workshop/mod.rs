//! A workshop: several participants' answers to one card, brought together by a facilitator,
//! with the group's spread, tallies and verdict. Pure; tested natively.
//!
//! **How the group's answers are formed** (the engine then judges them like anyone's):
//!
//! - each factor's position is the **median** of the participants' positions; with an even
//!   number of participants the halfway point is rounded toward neutral, so a split room never
//!   reads as a lean;
//! - each factor's importance is the median of the importances the participants used (their
//!   own choice, else the card's default); a halfway point is rounded toward the card's default;
//! - a signal, bad reason, anti-pattern or re-look trigger counts as ticked when **more than
//!   half** of the participants ticked it (bad reasons and anti-patterns still never move the
//!   score; the engine only warns about them);
//! - each evidence item's status is the median status, a halfway point rounded down (the group
//!   is not more confident than its middle member);
//! - notes are not merged: the summary lists each participant's notes under the question.
//!
//! **Disagreement** on a factor is the standard deviation of its positions (population form,
//! in slider steps). A factor is listed as disputed when its positions are at least two steps
//! apart, or when they fall on both sides of a point where the group's recommendation changes
//! ([`crate::sensitivity::group`]); those that do come first, then the most disputed.
//!
//! **Duplicates**: the same answers added twice are one participant, unless both carry
//! different names (two people can give identical answers). The same name with other
//! answers is added, and reported, so the facilitator decides which one stands.
//!
//! **Size**: no fixed number of participants. What limits a workshop is what the browser
//! can store ([`MAX_BYTES`], about 10,000 participants who leave no notes); past that the
//! workshop keeps working on the page and can be downloaded ([`encode`]) and added back.

use crate::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, STEPS};
use crate::card::{Card, MAX_WEIGHT};
use crate::engine::{self, Verdict};
use crate::envelope::{self, DecodeError, Prefer};
use crate::explain;
use crate::json::{Json, ObjectWriter};
use crate::sensitivity::group::Sides;
use crate::share::{self, ShareError, Shared};
use crate::sort;
use crate::transcript;

mod export;
pub use export::{csv, markdown};

/// The stored form's schema this version writes and the newest it reads.
pub const SCHEMA: u32 = 1;

/// Largest stored workshop [`decode`] reads and the app writes, in bytes: within what every
/// browser's storage holds for one site (5 MB or more), with room for the site's other keys.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// How many disputed factors the summary names at most.
pub const MAX_DISPUTED: usize = 3;

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
    workshop: &'a mut Workshop,
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

/// Where a participant's answers came from, for the report of what was added.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A line of pasted text, from 1.
    Line(usize),
    /// An answers file, by name.
    File(String),
}

/// What became of one link or file given to the workshop.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Added as a new participant, named `who`.
    Added { who: String },
    /// Added as `who`, though `earlier` has the same name and other answers.
    AddedAgain { who: String, earlier: String },
    /// The same answers are already there, as participant `who`.
    Duplicate { who: String },
    /// A line with a web address that is not a share link.
    NotALink,
    /// A link or file that could not be read, and why.
    Refused(ShareError),
    /// The browser could not read the file, with its message.
    Unreadable(String),
    /// The lines of chat around the links, left out (a report without a source).
    Chatter { lines: usize },
}

/// One line of the report shown after adding links or files.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `None` for a report about the whole paste ("nothing to add").
    pub source: Option<Source>,
    pub outcome: Option<Outcome>,
}

impl Report {
    /// Whether this went well (added, already there, or chat left out); the rest is shown
    /// as a problem to look at.
    pub fn is_ok(&self) -> bool {
        matches!(
            self.outcome,
            Some(Outcome::Added { .. } | Outcome::Duplicate { .. } | Outcome::Chatter { .. })
        )
    }

    /// Whether this added a participant.
    pub fn is_added(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Added { .. } | Outcome::AddedAgain { .. }))
    }
}

/// What pasting text into the workshop did.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// One report per link and per line with another web address, then one for the chat
    /// left out; a single report with no source and no outcome when there was no link.
    pub reports: Vec<Report>,
    /// The lines that could not be added, to fix or remove.
    pub kept: String,
}

impl Adder<'_> {
    /// Adds the answers of a link or file, and says what happened.
    pub fn add_shared(&mut self, shared: Shared, label: Option<String>, source: Source) -> Report {
        let name = label.or(shared.name);
        let label = |adder: &Self, i| adder.workshop.label(i);
        let outcome = match self.add(name.as_deref(), shared.answers) {
            Added::New { index } => Outcome::Added { who: label(self, index) },
            Added::SameName { index, earlier } => Outcome::AddedAgain {
                who: label(self, index),
                earlier: format!("participant {}", earlier + 1),
            },
            Added::Duplicate { of } => Outcome::Duplicate { who: label(self, of) },
        };
        Report { source: Some(source), outcome: Some(outcome) }
    }
}

impl Workshop {
    /// Adds every share link found in pasted text: a list of links, or a whole chat
    /// ([`transcript::scan`] finds the links and their senders).
    pub fn add_pasted(&mut self, card: &Card, text: &str) -> Pasted {
        let scan = transcript::scan(text);
        let lines: Vec<&str> = text.lines().collect();
        let mut refused: Vec<(usize, Report)> = Vec::new();
        let mut reports = Vec::new();
        let mut adder = self.adder();
        for found in scan.links {
            let source = Source::Line(found.line);
            match share::decode_link(found.link, card) {
                Ok(shared) => reports.push((found.line, adder.add_shared(shared, found.name, source))),
                Err(err) => {
                    let report = Report { source: Some(source), outcome: Some(Outcome::Refused(err)) };
                    refused.push((found.line, report));
                }
            }
        }
        for line in scan.other_addresses {
            let report = Report { source: Some(Source::Line(line)), outcome: Some(Outcome::NotALink) };
            refused.push((line, report));
        }
        // Lines that could not be added stay, once each and in their order, to fix.
        let mut kept_lines: Vec<usize> = refused.iter().map(|(line, _)| *line).collect();
        sort::sort(&mut kept_lines);
        kept_lines.dedup();
        let kept: Vec<&str> = kept_lines.iter().filter_map(|&n| lines.get(n - 1).map(|l| l.trim())).collect();
        reports.extend(refused);
        sort::sort_by(&mut reports, |a, b| a.0 < b.0);
        let mut reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();
        if reports.is_empty() {
            reports.push(Report { source: None, outcome: None });
        } else if scan.chatter > 0 {
            reports.push(Report { source: None, outcome: Some(Outcome::Chatter { lines: scan.chatter }) });
        }
        Pasted { reports, kept: kept.join("\n") }
    }

    /// Adds the answers of a file the facilitator picked: one participant's answers file,
    /// or a whole workshop downloaded before (every participant in it).
    pub fn add_file(&mut self, card: &Card, name: &str, text: &str) -> Vec<Report> {
        let source = || Source::File(name.to_owned());
        let mut adder = self.adder();
        match share::decode_file(text, card) {
            Ok(shared) => vec![adder.add_shared(shared, None, source())],
            // Not one participant's file: perhaps a whole workshop, keyed by ids like an
            // answers file, so it is read across content versions too.
            Err(err) => match decode(text, &card.id) {
                Ok(other) => other
                    .participants
                    .into_iter()
                    .map(|p| {
                        let shared = Shared {
                            name: Some(p.name),
                            content_version: other.content_version,
                            answers: p.answers,
                        };
                        adder.add_shared(shared, None, source())
                    })
                    .collect(),
                Err(_) => vec![Report { source: Some(source()), outcome: Some(Outcome::Refused(err)) }],
            },
        }
    }
}

/// Refuse a file by its size alone, before it is read: the largest a whole workshop can be.
pub fn check_file_size(bytes: u64) -> Result<(), ShareError> {
    if bytes > MAX_BYTES as u64 {
        Err(ShareError::FileTooLarge { bytes })
    } else {
        Ok(())
    }
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

/// One factor across the group.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorSpread {
    pub id: String,
    /// Each participant's position, in participant order.
    pub positions: Vec<i8>,
    /// How many participants chose each step, from `-STEPS` to `STEPS`.
    pub counts: Vec<usize>,
    pub min: i8,
    pub max: i8,
    pub median: f64,
    pub mean: f64,
    /// Standard deviation of the positions, in steps: the disagreement.
    pub spread: f64,
    /// The group's position (median, halfway rounded toward neutral).
    pub group_position: i8,
    /// The group's importance (median, halfway rounded toward the card's default).
    pub group_weight: u8,
}

impl FactorSpread {
    /// Steps between the furthest-apart participants.
    pub fn range(&self) -> i8 {
        self.max - self.min
    }
}

/// How many participants ticked one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub id: String,
    pub count: usize,
}

/// Everything the workshop view and the group summary show.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub participants: usize,
    /// Per factor, in card order.
    pub factors: Vec<FactorSpread>,
    /// Genuine signals, in card order (options in order).
    pub signals: Vec<Tally>,
    /// Bad reasons, then anti-patterns, in card order.
    pub pitfalls: Vec<Tally>,
    /// Each participant's own verdict, in participant order.
    pub verdicts: Vec<Verdict>,
    /// The group's answers (see the module notes).
    pub group: Answers,
    /// The engine's verdict on the group's answers; `None` without participants.
    pub group_verdict: Option<Verdict>,
    /// Indices into `factors` of the disputed factors: those whose disagreement could change
    /// the group's answer first, then the most disputed.
    pub disputed: Vec<usize>,
    /// Per factor, in card order: how the participants sit around the points where the group's
    /// recommendation changes.
    pub sides: Vec<Sides>,
}

/// Gather the group's spread, tallies and verdicts.
pub fn summarize(card: &Card, participants: &[Participant]) -> Summary {
    let n = participants.len();
    let factors: Vec<FactorSpread> = card.factors.iter().map(|f| spread(card, &f.id, participants)).collect();
    let tally = |id: &str| Tally {
        id: id.to_string(),
        count: participants.iter().filter(|p| p.answers.is_ticked(id)).count(),
    };
    let signals = card.signals().map(|(_, s)| tally(&s.id)).collect();
    let pitfalls = card.pitfalls().map(|p| tally(&p.id)).collect();
    let verdicts = participants.iter().map(|p| engine::evaluate(card, &p.answers)).collect();
    let group = group_answers(card, participants);
    let group_verdict = (n > 0).then(|| engine::evaluate(card, &group));
    let positions: Vec<&[i8]> = factors.iter().map(|f| f.positions.as_slice()).collect();
    let sides = crate::sensitivity::group::sides(card, &group, &positions);
    let mut disputed: Vec<usize> =
        (0..factors.len()).filter(|&i| factors[i].range() >= 2 || sides[i].matters()).collect();
    // `model::sort` rather than the standard sorts: a few hundred bytes of WASM, not kilobytes.
    sort::sort_by(&mut disputed, |&a, &b| {
        let (fa, fb) = (&factors[a], &factors[b]);
        (sides[b].matters().cmp(&sides[a].matters()))
            .then(fb.spread.total_cmp(&fa.spread))
            .then(fb.range().cmp(&fa.range()))
            .then(a.cmp(&b))
            .is_lt()
    });
    disputed.truncate(MAX_DISPUTED);
    Summary { participants: n, factors, signals, pitfalls, verdicts, group, group_verdict, disputed, sides }
}

fn spread(card: &Card, id: &str, participants: &[Participant]) -> FactorSpread {
    let positions: Vec<i8> = participants.iter().map(|p| p.answers.position(id)).collect();
    let mut counts = vec![0; (2 * STEPS + 1) as usize];
    for &p in &positions {
        counts[(p + STEPS) as usize] += 1;
    }
    let mut sorted = positions.clone();
    sort::sort(&mut sorted);
    let n = positions.len();
    let mean = if n == 0 { 0.0 } else { positions.iter().map(|&p| f64::from(p)).sum::<f64>() / n as f64 };
    let variance = if n == 0 {
        0.0
    } else {
        positions.iter().map(|&p| (f64::from(p) - mean).powi(2)).sum::<f64>() / n as f64
    };
    let (median, group_position) = match n {
        0 => (0.0, 0),
        _ if n % 2 == 1 => (f64::from(sorted[n / 2]), sorted[n / 2]),
        _ => {
            let (a, b) = (i16::from(sorted[n / 2 - 1]), i16::from(sorted[n / 2]));
            // Integer division truncates toward zero: a halfway point goes toward neutral.
            (f64::from(a + b) / 2.0, ((a + b) / 2) as i8)
        }
    };
    let default = card.factor(id).map_or(0, |f| f.weight.min(MAX_WEIGHT));
    let mut weights: Vec<u8> = participants.iter().map(|p| p.answers.weight(card, id)).collect();
    sort::sort(&mut weights);
    let group_weight = match weights.len() {
        0 => default,
        m if m % 2 == 1 => weights[m / 2],
        m => {
            let (a, b) = (weights[m / 2 - 1], weights[m / 2]);
            // Exact, or a halfway point: rounded down unless the card's default lies above.
            if default <= (a + b) / 2 {
                (a + b) / 2
            } else {
                (a + b).div_ceil(2)
            }
        }
    };
    FactorSpread {
        id: id.to_string(),
        min: sorted.first().copied().unwrap_or(0),
        max: sorted.last().copied().unwrap_or(0),
        positions,
        counts,
        median,
        mean,
        spread: variance.sqrt(),
        group_position,
        group_weight,
    }
}

/// The group's answers (see the module notes for the rules).
pub fn group_answers(card: &Card, participants: &[Participant]) -> Answers {
    let mut group = Answers::default();
    let n = participants.len();
    if n == 0 {
        return group;
    }
    for f in &card.factors {
        let s = spread(card, &f.id, participants);
        let answer = FactorAnswer {
            position: s.group_position,
            weight: (s.group_weight != f.weight).then_some(s.group_weight),
        };
        if answer != FactorAnswer::default() {
            group.factors.insert(f.id.clone(), answer);
        }
    }
    let majority = |id: &str, of: fn(&Answers, &str) -> bool| {
        2 * participants.iter().filter(|p| of(&p.answers, id)).count() > n
    };
    for id in card.signals().map(|(_, s)| &s.id).chain(card.pitfalls().map(|p| &p.id)) {
        if majority(id, |a, id| a.is_ticked(id)) {
            group.ticked.insert(id.clone());
        }
    }
    for t in &card.reversibility.relook_triggers {
        if majority(&t.id, |a, id| a.triggers.contains(id)) {
            group.triggers.insert(t.id.clone());
        }
    }
    for e in &card.evidence {
        let mut codes: Vec<u8> = participants
            .iter()
            .map(|p| match p.answers.evidence_status(&e.id) {
                EvidenceStatus::NotStarted => 0,
                EvidenceStatus::InProgress => 1,
                EvidenceStatus::Gathered => 2,
            })
            .collect();
        sort::sort(&mut codes);
        let code = if n % 2 == 1 { codes[n / 2] } else { (codes[n / 2 - 1] + codes[n / 2]) / 2 };
        let status = EvidenceStatus::ALL[usize::from(code)];
        if status != EvidenceStatus::NotStarted {
            group.evidence.insert(e.id.clone(), EvidenceAnswer { status, note: String::new() });
        }
    }
    group
}

/// How the participants' own verdicts split, by headline, most common first:
/// `[("Self-Hosted Model is justified", 2), ("Stay with Model API — the default", 1)]`.
pub fn verdict_split(card: &Card, verdicts: &[Verdict]) -> Vec<(String, usize)> {
    let mut split: Vec<(String, usize)> = Vec::new();
    for v in verdicts {
        let h = explain::headline(card, v).0;
        match split.iter_mut().find(|(x, _)| *x == h) {
            Some((_, n)) => *n += 1,
            None => split.push((h, 1)),
        }
    }
    // Stable: equally common headlines keep the order they first appeared in.
    sort::sort_by(&mut split, |a, b| a.1 > b.1);
    split
}

/// The rule above in one sentence, for the screen and the summary.
pub const AGGREGATION_RULE: &str = "The group's answers: the median position of each factor \
    (a halfway point rounded toward neutral) and the median importance; a signal counts as \
    ticked when more than half ticked it; evidence at its median status. The engine judges \
    them like anyone's answers.";

// ---------------------------------------------------------------------------------------------
// Stored form
// ---------------------------------------------------------------------------------------------

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
    let shape = |detail: String| DecodeError::WrongShape { detail };
    let content_version = value
        .get("content_version")
        .and_then(Json::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| shape("`content_version` is missing or not a whole number".into()))?;
    let hidden = match value.get("hidden") {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(_) => return Err(shape("`hidden` is not true or false".into())),
    };
    let mut participants = Vec::new();
    if let Some(list) = value.get("participants") {
        let list = list.as_array().ok_or_else(|| shape("`participants` is not a list".into()))?;
        for (i, p) in list.iter().enumerate() {
            let name = match p.get("name") {
                None => String::new(),
                Some(n) => n
                    .as_str()
                    .ok_or_else(|| shape(format!("`participants[{i}].name` is not text")))?
                    .to_owned(),
            };
            let answers =
                p.get("answers").ok_or_else(|| shape(format!("`participants[{i}].answers` is missing")))?;
            let mut answers =
                envelope::read_answers(answers).map_err(|d| shape(format!("participants[{i}]: {d}")))?;
            answers.clamp();
            participants.push(Participant { name, answers });
        }
    }
    Ok(Workshop { schema, card: card_id.to_owned(), content_version, hidden, participants })
}
