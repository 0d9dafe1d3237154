//! Checks a card for what its types cannot express: references between its parts, the
//! ranges of its numbers, ids, and sections left empty.
//!
//! The build script runs this on every file in `content/` and refuses to build on any
//! problem, so the app only ever sees valid cards. The same function runs in the tests.
//!
//! This file is also compiled into the build script as a sibling of `card.rs`, which is
//! why it reaches the card types through `super::card` and never through `crate::`.

use super::card::{Card, Item, Pitfall, MAX_WEIGHT};
use std::collections::BTreeMap;
use std::fmt;

/// One thing wrong with a card, located by a field path such as `factors[2].weight`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is, in the card file's own field names (`options[1].signals[0].id`).
    pub path: String,
    /// What is wrong, in words an author can act on.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in `card`, in file order. An empty list means the card is valid.
pub fn validate(card: &Card) -> Vec<Problem> {
    let mut c = Checker {
        card,
        problems: Vec::new(),
        ids: BTreeMap::new(),
    };
    c.check();
    c.problems
}

/// True when `id` is usable as a stable id: lowercase ASCII letters, digits and single
/// dashes, not starting or ending with a dash. Such ids survive URLs, storage keys and
/// file names unchanged.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
    fn problem(&mut self, path: String, message: String) {
        self.problems.push(Problem { path, message });
    }

    fn check(&mut self) {
        let card = self.card;
        if !is_valid_id(&card.id) {
            self.problem("id".into(), bad_id_message(&card.id));
        }
        if card.version == 0 {
            self.problem("version".into(), "must be 1 or more".into());
        }
        self.text("title".into(), &card.title);
        self.text("tagline".into(), &card.tagline);

        self.list("framing.really_about", &card.framing.really_about);
        self.list("framing.not_about", &card.framing.not_about);
        self.list("framing.why_hard", &card.framing.why_hard);

        self.text("decision.question".into(), &card.decision.question);
        self.text("decision.heuristic".into(), &card.decision.heuristic);
        self.text(
            "decision.default_stance".into(),
            &card.decision.default_stance,
        );
        self.option_ref(
            "decision.default_option".into(),
            &card.decision.default_option,
        );

        self.options();
        self.reversibility();
        self.factors();
        self.items("questions", &card.questions);
        self.items("evidence", &card.evidence);
        self.pitfalls("pressures.bad_reasons", &card.pressures.bad_reasons);
        self.pitfalls("pressures.anti_patterns", &card.pressures.anti_patterns);

        self.list("ai.helps", &card.ai.helps);
        self.list("ai.worsens", &card.ai.worsens);
        self.text("ai.false_confidence".into(), &card.ai.false_confidence);
        self.text("ai.synthesis".into(), &card.ai.synthesis);

        // `related` may be empty: not every decision has known neighbours.
        for (i, r) in card.related.iter().enumerate() {
            self.text(format!("related[{i}].kind"), &r.kind);
            self.text(format!("related[{i}].title"), &r.title);
            self.text(format!("related[{i}].text"), &r.text);
        }

        self.scoring();
    }

    fn options(&mut self) {
        let card = self.card;
        // The engine's axis runs from the first option to the second; anything but two
        // options has no meaning on it.
        if card.options.len() != 2 {
            self.problem(
                "options".into(),
                format!(
                    "a card needs exactly two options, found {}",
                    card.options.len()
                ),
            );
        }
        for (i, o) in card.options.iter().enumerate() {
            let at = format!("options[{i}]");
            self.id(format!("{at}.id"), &o.id);
            self.text(format!("{at}.name"), &o.name);
            self.list(&format!("{at}.best_when"), &o.best_when);
            self.list(&format!("{at}.real_world_fits"), &o.real_world_fits);
            self.list(&format!("{at}.strengths"), &o.strengths);
            self.list(&format!("{at}.costs"), &o.costs);
            self.list(&format!("{at}.hidden_costs"), &o.hidden_costs);
            self.list(&format!("{at}.failure_modes"), &o.failure_modes);
            self.list(&format!("{at}.who_absorbs_cost"), &o.who_absorbs_cost);
            self.text(format!("{at}.over_time"), &o.over_time);
            self.items(&format!("{at}.signals"), &o.signals);
        }
    }

    fn reversibility(&mut self) {
        let card = self.card;
        let undo = &card.reversibility.undo_cost;
        if undo.trim().is_empty() {
            self.problem("reversibility.undo_cost".into(), "must not be empty".into());
        } else if !card.scoring.burden.contains_key(undo) {
            let known = join_quoted(card.scoring.burden.keys().map(String::as_str));
            self.problem(
                "reversibility.undo_cost".into(),
                format!("`{undo}` has no burden of proof in scoring.burden (it has: {known})"),
            );
        }
        self.items(
            "reversibility.relook_triggers",
            &card.reversibility.relook_triggers,
        );
    }

    fn factors(&mut self) {
        let card = self.card;
        if card.factors.is_empty() {
            self.problem("factors".into(), "a card needs at least one factor".into());
        }
        for (i, f) in card.factors.iter().enumerate() {
            let at = format!("factors[{i}]");
            self.id(format!("{at}.id"), &f.id);
            self.text(format!("{at}.name"), &f.name);
            self.text(format!("{at}.prompt"), &f.prompt);
            if f.weight > MAX_WEIGHT {
                self.problem(
                    format!("{at}.weight"),
                    format!(
                        "{} is out of range: weights run from 0 to {MAX_WEIGHT}",
                        f.weight
                    ),
                );
            }
            if let Some(gate) = &f.gate_for {
                self.option_ref(format!("{at}.gate_for"), gate);
            }
        }
    }

    fn items(&mut self, at: &str, items: &'a [Item]) {
        if items.is_empty() {
            self.problem(at.into(), "must list at least one item".into());
        }
        for (i, item) in items.iter().enumerate() {
            self.id(format!("{at}[{i}].id"), &item.id);
            self.text(format!("{at}[{i}].text"), &item.text);
        }
    }

    fn pitfalls(&mut self, at: &str, pitfalls: &'a [Pitfall]) {
        if pitfalls.is_empty() {
            self.problem(at.into(), "must list at least one item".into());
        }
        for (i, p) in pitfalls.iter().enumerate() {
            self.id(format!("{at}[{i}].id"), &p.id);
            self.text(format!("{at}[{i}].text"), &p.text);
            self.text(format!("{at}[{i}].why"), &p.why);
            self.option_ref(format!("{at}[{i}].favours"), &p.favours);
        }
    }

    fn scoring(&mut self) {
        let s = &self.card.scoring;
        // A zero or negative strength would let a signal count against its own side, and
        // NaN would poison every sum it touches.
        if !(s.signal_strength.is_finite() && s.signal_strength > 0.0) {
            self.problem(
                "scoring.signal_strength".into(),
                format!(
                    "must be a finite number above 0, found {}",
                    s.signal_strength
                ),
            );
        }
        if s.burden.is_empty() {
            self.problem(
                "scoring.burden".into(),
                "must give a burden for at least one undo cost".into(),
            );
        }
        for (key, value) in &s.burden {
            if key.trim().is_empty() {
                self.problem(
                    "scoring.burden".into(),
                    "an undo cost name must not be empty".into(),
                );
            }
            if !(value.is_finite() && *value > 0.0) {
                self.problem(
                    format!("scoring.burden.{key}"),
                    format!("must be a finite number above 0, found {value}"),
                );
            }
        }
    }

    /// An item id: well formed, and unique across the whole card, because answers from
    /// every section share one namespace in saved progress and share links.
    fn id(&mut self, path: String, id: &'a str) {
        if !is_valid_id(id) {
            self.problem(path, bad_id_message(id));
            return;
        }
        if let Some(first) = self.ids.get(id) {
            let message = format!("duplicate id `{id}` (already used at {first})");
            self.problem(path, message);
        } else {
            self.ids.insert(id, path);
        }
    }

    fn option_ref(&mut self, path: String, id: &str) {
        if self.card.option_index(id).is_none() {
            let known = join_quoted(self.card.options.iter().map(|o| o.id.as_str()));
            self.problem(
                path,
                format!("`{id}` is not an option of this card (options: {known})"),
            );
        }
    }

    fn text(&mut self, path: String, text: &str) {
        if text.trim().is_empty() {
            self.problem(path, "must not be empty".into());
        }
    }

    /// A list of sentences: at least one, none blank. An empty section would render as a
    /// bare heading and usually means a sentence of the source was lost.
    fn list(&mut self, at: &str, list: &[String]) {
        if list.is_empty() {
            self.problem(at.into(), "must list at least one item".into());
        }
        for (i, s) in list.iter().enumerate() {
            self.text(format!("{at}[{i}]"), s);
        }
    }
}

fn bad_id_message(id: &str) -> String {
    if id.is_empty() {
        "must not be empty".into()
    } else {
        format!("`{id}` is not a valid id: use lowercase letters, digits and single dashes (kebab-case)")
    }
}

fn join_quoted<'s>(names: impl Iterator<Item = &'s str>) -> String {
    let quoted: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if quoted.is_empty() {
        "none".into()
    } else {
        quoted.join(", ")
    }
}
