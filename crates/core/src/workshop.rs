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
//! apart; the most disputed come first.
//!
//! **Duplicates**: the same answers added twice are one participant, unless both carry
//! different names (two people can give identical answers).

use crate::answers::{Answers, EvidenceAnswer, EvidenceStatus, FactorAnswer, STEPS};
use crate::card::{Card, Side, MAX_WEIGHT};
use crate::engine::{self, Verdict};
use crate::envelope::{self, DecodeError, Prefer};
use crate::explain;
use crate::json::{Json, ObjectWriter};
use crate::share::{self, ShareError, Shared};
use crate::sort;
use std::fmt::Write;

/// The stored form's schema this version writes and the newest it reads.
pub const SCHEMA: u32 = 1;

/// Most participants one workshop takes (a room, not a survey).
pub const MAX_PARTICIPANTS: usize = 100;

/// Largest stored workshop [`decode`] reads, in bytes.
pub const MAX_BYTES: usize = crate::envelope::MAX_BYTES;

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
    /// The workshop already has [`MAX_PARTICIPANTS`].
    Full,
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
        let name = name.map(str::trim).unwrap_or("").to_string();
        let print = fingerprint(&answers);
        // ASCII case folding: Unicode `to_lowercase` costs about 30 KB of WASM (its tables).
        let same_name = |a: &str| a.trim().eq_ignore_ascii_case(&name);
        if let Some(of) = self.participants.iter().position(|p| {
            fingerprint(&p.answers) == print
                && (name.is_empty() || p.name.trim().is_empty() || same_name(&p.name))
        }) {
            if self.participants[of].name.trim().is_empty() && !name.is_empty() {
                self.participants[of].name = name;
            }
            return Added::Duplicate { of };
        }
        if self.participants.len() >= MAX_PARTICIPANTS {
            return Added::Full;
        }
        self.participants.push(Participant { name, answers });
        Added::New { index: self.participants.len() - 1 }
    }
}

/// Three-way merge of a workshop changed in two places (two tabs) since `base`, the copy
/// both last agreed on: a participant added on either side is kept, one removed on either
/// side goes, so neither tab's additions or removals are lost; whether results are hidden
/// is taken from the side that changed it (`prefer` decides when both did).
pub fn merge(base: &Workshop, ours: &Workshop, theirs: &Workshop, prefer: Prefer) -> Workshop {
    let same = |a: &Participant, b: &Participant| {
        a.name.trim().eq_ignore_ascii_case(b.name.trim())
            && fingerprint(&a.answers) == fingerprint(&b.answers)
    };
    let has = |w: &Workshop, p: &Participant| w.participants.iter().any(|q| same(p, q));
    let mut out = ours.clone();
    // Kept unless the other side removed it.
    out.participants.retain(|p| !has(base, p) || has(theirs, p));
    for p in theirs.participants.iter().filter(|p| !has(base, p)) {
        let name = (!p.name.trim().is_empty()).then_some(p.name.as_str());
        out.add(name, p.answers.clone());
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
    /// The same answers are already there, as participant `who`.
    Duplicate { who: String },
    /// The workshop cannot take more participants.
    Full,
    /// Not a share link at all.
    NotALink,
    /// A link or file that could not be read, and why.
    Refused(ShareError),
    /// The browser could not read the file, with its message.
    Unreadable(String),
}

/// One line of the report shown after adding links or files.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// `None` for a report about the whole paste ("nothing to add").
    pub source: Option<Source>,
    pub outcome: Option<Outcome>,
}

impl Report {
    /// Whether this went well (added, or already there).
    pub fn is_ok(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Added { .. } | Outcome::Duplicate { .. }))
    }
}

/// What pasting text into the workshop did.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    /// One report per link, and per line that holds none; a single report with no source
    /// and no outcome when there was nothing to add at all.
    pub reports: Vec<Report>,
    /// The lines that could not be added, to fix or remove.
    pub kept: String,
}

impl Workshop {
    /// Adds the answers of a link or file, and says what happened.
    pub fn add_shared(&mut self, shared: Shared, label: Option<String>, source: Source) -> Report {
        let name = label.or(shared.name);
        let outcome = match self.add(name.as_deref(), shared.answers) {
            Added::New { index } => Outcome::Added { who: self.label(index) },
            Added::Duplicate { of } => Outcome::Duplicate { who: self.label(of) },
            Added::Full => Outcome::Full,
        };
        Report { source: Some(source), outcome: Some(outcome) }
    }

    /// Adds every share link found in pasted text.
    pub fn add_pasted(&mut self, card: &Card, text: &str) -> Pasted {
        let mut reports = Vec::new();
        let mut kept: Vec<&str> = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        for line in share::pasted_links(text) {
            let source = Some(Source::Line(line.line));
            let outcome = match line.link.map(|link| share::decode_link(link, card)) {
                Some(Ok(shared)) => {
                    reports.push(self.add_shared(shared, line.label, Source::Line(line.line)));
                    continue;
                }
                Some(Err(err)) => Outcome::Refused(err),
                None => Outcome::NotALink,
            };
            reports.push(Report { source, outcome: Some(outcome) });
            let text = lines.get(line.line - 1).copied().unwrap_or_default();
            if kept.last() != Some(&text) {
                kept.push(text);
            }
        }
        if reports.is_empty() {
            reports.push(Report { source: None, outcome: None });
        }
        Pasted { reports, kept: kept.join("\n") }
    }

    /// Adds the answers of a file the facilitator picked.
    pub fn add_file(&mut self, card: &Card, name: &str, text: &str) -> Report {
        let source = Source::File(name.to_owned());
        match share::decode_file(text, card) {
            Ok(shared) => self.add_shared(shared, None, source),
            Err(err) => Report { source: Some(source), outcome: Some(Outcome::Refused(err)) },
        }
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
    /// Indices into `factors` of the disputed factors, most disputed first.
    pub disputed: Vec<usize>,
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
    let mut disputed: Vec<usize> = (0..factors.len()).filter(|&i| factors[i].range() >= 2).collect();
    // `model::sort` rather than the standard sorts: a few hundred bytes of WASM, not kilobytes.
    sort::sort_by(&mut disputed, |&a, &b| {
        let (fa, fb) = (&factors[a], &factors[b]);
        fb.spread.total_cmp(&fa.spread).then(fb.range().cmp(&fa.range())).then(a.cmp(&b)).is_lt()
    });
    disputed.truncate(MAX_DISPUTED);
    Summary { participants: n, factors, signals, pitfalls, verdicts, group, group_verdict, disputed }
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

// ---------------------------------------------------------------------------------------------
// Group summary
// ---------------------------------------------------------------------------------------------

/// The group summary as Markdown. `date` comes from the caller so this stays pure.
pub fn markdown(card: &Card, workshop: &Workshop, summary: &Summary, date: &str) -> String {
    let mut md = String::new();
    let name = |side: Side| card.option(side).name.as_str();
    let _ = writeln!(md, "# Workshop summary: {}\n", card.title);
    let _ = writeln!(md, "- Date: {date}");
    let _ = writeln!(md, "- Card: {} (content version {})", card.id, card.version);
    let _ = writeln!(md, "- Participants: {}\n", summary.participants);
    let _ = writeln!(md, "{}\n", card.decision.question);

    let _ = writeln!(md, "## Group verdict\n");
    match &summary.group_verdict {
        Some(v) => {
            let (headline, qualifier) = explain::headline(card, v);
            let _ = writeln!(md, "**{headline}.** {qualifier}\n");
            let _ = writeln!(
                md,
                "- Confidence: {} ({} of the evidence gathered, at the group's median)",
                explain::confidence_words(v.confidence.level),
                explain::percent(v.confidence.fraction)
            );
            if let Some(flip) = explain::flip_sentence(card, v) {
                let _ = writeln!(md, "- Flip point: {flip}");
            }
            if let Some(gate) = explain::gate_sentence(card, v) {
                let _ = writeln!(md, "- Capability gap: {gate}");
            }
            if let Some(p) = explain::pitfall_sentence(card, v) {
                let _ = writeln!(md, "- {p}");
            }
            let _ = writeln!(md, "- How it was formed: {AGGREGATION_RULE}\n");
        }
        None => {
            let _ = writeln!(md, "No participants yet.\n");
        }
    }

    let _ = writeln!(md, "## Participants\n");
    let _ = writeln!(md, "| Participant | Verdict |\n| --- | --- |");
    for (i, v) in summary.verdicts.iter().enumerate() {
        let _ = writeln!(md, "| {} | {} |", cell(&workshop.label(i)), cell(&explain::headline(card, v).0));
    }

    let _ = writeln!(md, "\n## Factors\n");
    let _ = writeln!(
        md,
        "Positions run from -{STEPS} (clearly {}) to +{STEPS} (clearly {}).\n",
        name(Side::A),
        name(Side::B)
    );
    let _ = writeln!(md, "| Factor | Positions | Median | Spread (SD) | Group position | Group importance |");
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- |");
    for (f, s) in card.factors.iter().zip(&summary.factors) {
        let positions: Vec<String> = s.positions.iter().map(|p| format!("{p:+}")).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&f.name),
            positions.join(" "),
            explain::signed_decimal(s.median, 1),
            explain::decimal(s.spread, 2),
            cell(&explain::position_words(card, s.group_position)),
            explain::weight_words(s.group_weight)
        );
    }

    let _ = writeln!(md, "\n## Where the group disagrees most\n");
    if summary.disputed.is_empty() {
        let _ = writeln!(md, "No factor is more than one step apart across the group.");
    }
    for &i in &summary.disputed {
        let (f, s) = (&card.factors[i], &summary.factors[i]);
        let _ = writeln!(
            md,
            "- **{}** (spread {}, from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}): {}",
            f.name,
            explain::decimal(s.spread, 2),
            explain::position_words(card, s.min),
            explain::position_words(card, s.max),
            f.prompt
        );
    }

    let _ = writeln!(md, "\n## Questions to discuss\n");
    for q in &card.questions {
        let _ = writeln!(md, "- {}", q.text);
        for (i, p) in workshop.participants.iter().enumerate() {
            if let Some(note) = p.answers.notes.get(&q.id).filter(|n| !n.trim().is_empty()) {
                let _ = writeln!(md, "  - {}: {}", workshop.label(i), note.trim().replace('\n', " "));
            }
        }
    }

    let _ = writeln!(md, "\n## Signals\n");
    let _ = writeln!(md, "| Signal | Points to | Ticked by |\n| --- | --- | --- |");
    for ((side, s), t) in card.signals().zip(&summary.signals) {
        let _ =
            writeln!(md, "| {} | {} | {} of {} |", cell(&s.text), name(side), t.count, summary.participants);
    }
    let _ = writeln!(md, "\n## Reasons that do not count\n");
    let _ = writeln!(
        md,
        "| Bad reason or anti-pattern | Ticked by | Why it does not count |\n| --- | --- | --- |"
    );
    for (p, t) in card.pitfalls().zip(&summary.pitfalls) {
        let _ = writeln!(
            md,
            "| {} | {} of {} | {} |",
            cell(&p.text),
            t.count,
            summary.participants,
            cell(&p.why)
        );
    }
    md
}

/// Make text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
