//! Checks a card for what its types cannot express: references between its parts, the
//! ranges of its numbers, ids, required sections left empty, and things that are allowed
//! but look wrong.
//!
//! Every problem is found in one pass, in file order, so an author sees them all at once.
//! [`Severity::Error`] stops the build; [`Severity::Warning`] is reported and the card is
//! built. The build runs this on every card in `content/`; the words are in
//! [`crate::messages`].

use crate::card::{Card, Item, Pitfall, Side, MAX_WEIGHT};
use std::collections::BTreeMap;

/// One thing wrong with a card, located by a field path such as `factors[2].weight`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where the problem is, in the card file's own field names (`options[1].signals[0].id`).
    pub path: String,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Allowed, but probably not what the author meant.
    Warning,
    /// The card cannot be used.
    Error,
}

/// What is wrong, with the data an author needs to fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A required text or list is empty.
    Empty,
    /// Not a language code (see [`is_language_code`]).
    BadLang { lang: String },
    /// A list item is blank.
    BlankItem,
    /// Not usable as an id (see [`is_valid_id`]).
    BadId { id: String },
    /// The id is used twice in the card; `first` is the path of its first use.
    DuplicateId { id: String, first: String },
    /// The two options have the same id.
    SameOptionIds { id: String },
    /// Content versions start at 1.
    VersionZero,
    /// A reference to an option that the card does not have.
    NotAnOption { id: String, options: [String; 2] },
    /// A weight above [`MAX_WEIGHT`].
    WeightOutOfRange { weight: u8 },
    /// The undo cost has no burden of proof in `scoring.burden`.
    UnknownUndoCost { undo_cost: String, known: Vec<String> },
    /// A scoring number that is not a finite number above zero.
    NotPositive { value: f64 },
    /// Warning: a factor with nothing to help place its slider.
    NoPrompt,
    /// Warning: a genuine signal with the same words as a bad reason or anti-pattern, so
    /// ticking either says opposite things about the same observation.
    SignalRepeatsPitfall { pitfall: String },
    /// Warning: a capability gate for the default option, which the gate can never hold back.
    GateForDefault,
    /// Warning: no evidence items, so the verdict's confidence is always high.
    NoEvidence,
    /// `informs` names a factor the card does not have.
    NotAFactor { id: String, factors: Vec<String> },
    /// `informs` on an item other than evidence: only evidence informs factors.
    InformsOutsideEvidence,
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::NoPrompt
            | ProblemKind::SignalRepeatsPitfall { .. }
            | ProblemKind::GateForDefault
            | ProblemKind::NoEvidence => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A BCP 47 language tag as a card may give it: a language of two or three lowercase
/// letters, then any subtags of letters and digits (`en`, `fr`, `pt-BR`, `zh-Hant`). It names
/// a folder of `lang/`, so nothing else is allowed.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Every problem found in `card`, in file order (errors and warnings mixed). No error means
/// the card is valid.
pub fn validate(card: &Card) -> Vec<Problem> {
    let mut c = Checker { card, problems: Vec::new(), ids: BTreeMap::new() };
    c.check();
    c.problems
}

/// The errors only: an empty list means the card can be built.
pub fn errors(card: &Card) -> Vec<Problem> {
    validate(card).into_iter().filter(|p| p.severity() == Severity::Error).collect()
}

/// True when `id` is usable as a stable id: lowercase ASCII letters, digits and single
/// dashes, not starting or ending with a dash. Such ids survive URLs, storage keys, file
/// names and JS strings unchanged.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

struct Checker<'a> {
    card: &'a Card,
    problems: Vec<Problem>,
    /// Item id → path of its first use, to point duplicates at both places.
    ids: BTreeMap<&'a str, String>,
}

impl<'a> Checker<'a> {
    fn problem(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem { path: path.into(), kind });
    }

    fn check(&mut self) {
        let card = self.card;
        if !is_valid_id(&card.id) {
            self.problem("id", ProblemKind::BadId { id: card.id.clone() });
        }
        if card.version == 0 {
            self.problem("version", ProblemKind::VersionZero);
        }
        self.required_text("title", &card.title);
        if !is_language_code(&card.lang) {
            self.problem("lang", ProblemKind::BadLang { lang: card.lang.clone() });
        }
        self.list("framing.really_about", &card.framing.really_about, false);
        self.list("framing.not_about", &card.framing.not_about, false);
        self.list("framing.why_hard", &card.framing.why_hard, false);

        self.required_text("decision.question", &card.decision.question);
        self.option_ref("decision.default_option", &card.decision.default_option);

        self.options();
        self.reversibility();
        self.factors();
        self.items("questions", &card.questions);
        if card.evidence.is_empty() {
            self.problem("evidence", ProblemKind::NoEvidence);
        }
        self.items("evidence", &card.evidence);
        self.informs();
        self.pitfalls("pressures.bad_reasons", &card.pressures.bad_reasons);
        self.pitfalls("pressures.anti_patterns", &card.pressures.anti_patterns);
        self.signals_repeating_pitfalls();

        self.list("ai.helps", &card.ai.helps, false);
        self.list("ai.worsens", &card.ai.worsens, false);

        for (i, r) in card.related.iter().enumerate() {
            self.required_text(format!("related[{i}].kind"), &r.kind);
            self.required_text(format!("related[{i}].title"), &r.title);
            self.required_text(format!("related[{i}].text"), &r.text);
        }

        self.scoring();
    }

    fn options(&mut self) {
        let card = self.card;
        if card.options[0].id == card.options[1].id && is_valid_id(&card.options[0].id) {
            self.problem("options[1].id", ProblemKind::SameOptionIds { id: card.options[1].id.clone() });
        }
        for side in Side::BOTH {
            let o = card.option(side);
            let at = format!("options[{}]", side.index());
            self.id(format!("{at}.id"), &o.id);
            self.required_text(format!("{at}.name"), &o.name);
            self.list(&format!("{at}.best_when"), &o.best_when, true);
            self.list(&format!("{at}.real_world_fits"), &o.real_world_fits, false);
            self.list(&format!("{at}.strengths"), &o.strengths, true);
            self.list(&format!("{at}.costs"), &o.costs, true);
            self.list(&format!("{at}.hidden_costs"), &o.hidden_costs, false);
            self.list(&format!("{at}.failure_modes"), &o.failure_modes, false);
            self.list(&format!("{at}.who_absorbs_cost"), &o.who_absorbs_cost, false);
            self.items(&format!("{at}.signals"), &o.signals);
        }
    }

    fn reversibility(&mut self) {
        let card = self.card;
        let undo = &card.reversibility.undo_cost;
        if undo.trim().is_empty() {
            self.problem("reversibility.undo_cost", ProblemKind::Empty);
        } else if !card.scoring.burden.contains_key(undo) {
            let known = card.scoring.burden.keys().cloned().collect();
            self.problem(
                "reversibility.undo_cost",
                ProblemKind::UnknownUndoCost { undo_cost: undo.clone(), known },
            );
        }
        self.items("reversibility.relook_triggers", &card.reversibility.relook_triggers);
    }

    fn factors(&mut self) {
        let card = self.card;
        if card.factors.is_empty() {
            self.problem("factors", ProblemKind::Empty);
        }
        for (i, f) in card.factors.iter().enumerate() {
            let at = format!("factors[{i}]");
            self.id(format!("{at}.id"), &f.id);
            self.required_text(format!("{at}.name"), &f.name);
            if f.prompt.trim().is_empty() {
                self.problem(format!("{at}.prompt"), ProblemKind::NoPrompt);
            }
            if f.weight > MAX_WEIGHT {
                self.problem(format!("{at}.weight"), ProblemKind::WeightOutOfRange { weight: f.weight });
            }
            if let Some(gate) = &f.gate_for {
                if self.option_ref(format!("{at}.gate_for"), gate) && *gate == card.decision.default_option {
                    self.problem(format!("{at}.gate_for"), ProblemKind::GateForDefault);
                }
            }
        }
    }

    fn items(&mut self, at: &str, items: &'a [Item]) {
        let evidence = at == "evidence";
        for (i, item) in items.iter().enumerate() {
            self.id(format!("{at}[{i}].id"), &item.id);
            self.required_text(format!("{at}[{i}].text"), &item.text);
            if !evidence && (!item.informs.is_empty() || item.informs_added) {
                self.problem(format!("{at}[{i}].informs"), ProblemKind::InformsOutsideEvidence);
            }
        }
    }

    /// Every factor an evidence item informs is one of the card's factors.
    fn informs(&mut self) {
        let card = self.card;
        // Without factors only the empty list is reported, as for a gate.
        if card.factors.is_empty() {
            return;
        }
        for (i, e) in card.evidence.iter().enumerate() {
            for (j, id) in e.informs.iter().enumerate() {
                if card.factor(id).is_none() {
                    let factors = card.factors.iter().map(|f| f.id.clone()).collect();
                    self.problem(
                        format!("evidence[{i}].informs[{j}]"),
                        ProblemKind::NotAFactor { id: id.clone(), factors },
                    );
                }
            }
        }
    }

    fn pitfalls(&mut self, at: &str, pitfalls: &'a [Pitfall]) {
        for (i, p) in pitfalls.iter().enumerate() {
            self.id(format!("{at}[{i}].id"), &p.id);
            self.required_text(format!("{at}[{i}].text"), &p.text);
            self.required_text(format!("{at}[{i}].why"), &p.why);
            self.option_ref(format!("{at}[{i}].favours"), &p.favours);
        }
    }

    fn signals_repeating_pitfalls(&mut self) {
        let card = self.card;
        for side in Side::BOTH {
            for (i, s) in card.option(side).signals.iter().enumerate() {
                let words = normalise(&s.text);
                if let Some(p) = card.pitfalls().find(|p| normalise(&p.text) == words) {
                    self.problem(
                        format!("options[{}].signals[{i}].text", side.index()),
                        ProblemKind::SignalRepeatsPitfall { pitfall: p.id.clone() },
                    );
                }
            }
        }
    }

    fn scoring(&mut self) {
        let s = &self.card.scoring;
        // A zero or negative strength would let a signal count against its own side, and
        // NaN would poison every sum it touches.
        if !(s.signal_strength.is_finite() && s.signal_strength > 0.0) {
            self.problem("scoring.signal_strength", ProblemKind::NotPositive { value: s.signal_strength });
        }
        if s.burden.is_empty() {
            self.problem("scoring.burden", ProblemKind::Empty);
        }
        for (key, value) in &s.burden {
            if key.trim().is_empty() {
                self.problem("scoring.burden", ProblemKind::BlankItem);
            }
            if !(value.is_finite() && *value > 0.0) {
                self.problem(format!("scoring.burden.{key}"), ProblemKind::NotPositive { value: *value });
            }
        }
    }

    /// An item id: well formed, and unique across the whole card, because answers from
    /// every section share one namespace in saved progress and share links.
    fn id(&mut self, path: String, id: &'a str) {
        if !is_valid_id(id) {
            self.problem(path, ProblemKind::BadId { id: id.to_owned() });
            return;
        }
        if let Some(first) = self.ids.get(id) {
            let kind = ProblemKind::DuplicateId { id: id.to_owned(), first: first.clone() };
            self.problem(path, kind);
        } else {
            self.ids.insert(id, path);
        }
    }

    /// Whether `id` names one of the card's options; a problem at `path` when not.
    fn option_ref(&mut self, path: impl Into<String>, id: &str) -> bool {
        let found = self.card.side_of(id).is_some();
        if !found {
            let options = self.card.options.clone().map(|o| o.id);
            self.problem(path, ProblemKind::NotAnOption { id: id.to_owned(), options });
        }
        found
    }

    fn required_text(&mut self, path: impl Into<String>, text: &str) {
        if text.trim().is_empty() {
            self.problem(path, ProblemKind::Empty);
        }
    }

    /// A list of sentences: none blank, and at least one when the section is required.
    fn list(&mut self, at: &str, list: &[String], required: bool) {
        if required && list.is_empty() {
            self.problem(at, ProblemKind::Empty);
        }
        for (i, s) in list.iter().enumerate() {
            if s.trim().is_empty() {
                self.problem(format!("{at}[{i}]"), ProblemKind::BlankItem);
            }
        }
    }
}

/// Text compared for "the same words": ASCII case and surrounding punctuation ignored.
fn normalise(text: &str) -> String {
    text.trim().trim_end_matches(['.', '!', '?']).to_ascii_lowercase()
}
