//! A user's answers to one card: plain data keyed by the card's stable item ids. Their
//! stored form (JSON) is written and read in [`crate::envelope`].
//!
//! Answers to ids the card no longer has are kept as they are (never dropped) and can be
//! listed with [`Answers::orphans`]; the engine simply ignores them.
//!
//! [`Answers::merge`] combines answers changed in two places (two tabs) since a common saved
//! copy, so that neither side's change overwrites the other's.

use crate::card::{Card, Factor, MAX_WEIGHT};
use crate::ids::{IdMap, IdSet};

crate::words!(Answers:
    /// The words of an answer's own values (`lang/<code>/answers.toml`).
    pub enum AnswerWord {
        EvidenceNotStarted,
        EvidenceInProgress,
        EvidenceGathered,
    }
);

/// Slider steps either side of neutral: positions run `-STEPS..=STEPS`.
pub const STEPS: i8 = 2;

/// Everything a user has answered on one card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    /// Factor id → slider position and importance.
    pub factors: IdMap<FactorAnswer>,
    /// Ids of ticked signals, bad reasons and anti-patterns.
    pub ticked: IdSet,
    /// Evidence id → status and note.
    pub evidence: IdMap<EvidenceAnswer>,
    /// Question id → note.
    pub notes: IdMap<String>,
    /// Ids of re-look triggers that apply today.
    pub triggers: IdSet,
}

/// A factor's slider position (`-STEPS` = clearly Option A, `STEPS` = clearly Option B)
/// and its importance, when the user changed it from the card's default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactorAnswer {
    pub position: i8,
    pub weight: Option<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceAnswer {
    pub status: EvidenceStatus,
    pub note: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceStatus {
    #[default]
    NotStarted,
    InProgress,
    Gathered,
}

impl EvidenceStatus {
    pub const ALL: [EvidenceStatus; 3] = [Self::NotStarted, Self::InProgress, Self::Gathered];

    /// The names the stored form uses, in the order of [`EvidenceStatus::ALL`].
    pub const KEYS: [&'static str; 3] = ["not_started", "in_progress", "gathered"];

    /// The name the stored form uses.
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<EvidenceStatus> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        crate::say!(match self {
            Self::NotStarted => AnswerWord::EvidenceNotStarted,
            Self::InProgress => AnswerWord::EvidenceInProgress,
            Self::Gathered => AnswerWord::EvidenceGathered,
        })
    }

    /// How much this status counts toward confidence.
    pub fn credit(self) -> f64 {
        match self {
            Self::NotStarted => 0.0,
            Self::InProgress => 0.5,
            Self::Gathered => 1.0,
        }
    }
}

/// An answer kept for an item the card no longer has, with the answer itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Orphan {
    Factor {
        id: String,
        position: i8,
    },
    /// A signal, bad reason or anti-pattern that was ticked.
    Ticked {
        id: String,
    },
    Evidence {
        id: String,
        status: EvidenceStatus,
        note: String,
    },
    /// A note on a question.
    Note {
        id: String,
        text: String,
    },
    /// A re-look trigger marked as applying today.
    Trigger {
        id: String,
    },
}

impl Orphan {
    /// The id of the item the answer was given to.
    pub fn id(&self) -> &str {
        match self {
            Orphan::Factor { id, .. }
            | Orphan::Ticked { id }
            | Orphan::Evidence { id, .. }
            | Orphan::Note { id, .. }
            | Orphan::Trigger { id } => id,
        }
    }
}

/// One change a user made to one control: how the edits made on a prerendered page before
/// the app was live are carried over onto the answers the app then loads (field by field,
/// so moving a factor's slider keeps its saved importance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Position {
        factor: String,
        position: i8,
    },
    Weight {
        factor: String,
        weight: u8,
    },
    /// A signal, bad reason or anti-pattern ticked (or unticked).
    Tick {
        id: String,
        on: bool,
    },
    Trigger {
        id: String,
        on: bool,
    },
    EvidenceStatus {
        id: String,
        status: EvidenceStatus,
    },
    EvidenceNote {
        id: String,
        note: String,
    },
    Note {
        question: String,
        note: String,
    },
}

impl Answers {
    /// Applies one edit, clamped as answers read from outside are.
    pub fn apply(&mut self, edit: Edit) {
        let set = |set: &mut IdSet, id: String, on: bool| {
            if on {
                set.insert(id);
            } else {
                set.remove(&id);
            }
        };
        match edit {
            Edit::Position { factor, position } => {
                self.factors.entry(factor).or_default().position = position.clamp(-STEPS, STEPS)
            }
            Edit::Weight { factor, weight } => {
                self.factors.entry(factor).or_default().weight = Some(weight.min(MAX_WEIGHT))
            }
            Edit::Tick { id, on } => set(&mut self.ticked, id, on),
            Edit::Trigger { id, on } => set(&mut self.triggers, id, on),
            Edit::EvidenceStatus { id, status } => self.evidence.entry(id).or_default().status = status,
            Edit::EvidenceNote { id, note } => self.evidence.entry(id).or_default().note = note,
            Edit::Note { question, note } => {
                self.notes.insert(question, note);
            }
        }
    }

    /// Slider position of a factor, clamped to the valid range.
    pub fn position(&self, factor: &str) -> i8 {
        self.factors.get(factor).map_or(0, |f| f.position.clamp(-STEPS, STEPS))
    }

    /// Importance of a factor: the user's choice, else the card's default, clamped.
    pub fn weight(&self, card: &Card, factor: &str) -> u8 {
        let default = card.factor(factor).map_or(0, |f| f.weight);
        self.factors.get(factor).and_then(|f| f.weight).unwrap_or(default).min(MAX_WEIGHT)
    }

    /// Importance of a card's factor: the user's choice, else its default, clamped (without
    /// looking the factor up, for the workshop's pass over many participants).
    pub fn weight_of(&self, factor: &Factor) -> u8 {
        self.factors.get(&factor.id).and_then(|f| f.weight).unwrap_or(factor.weight).min(MAX_WEIGHT)
    }

    pub fn is_ticked(&self, id: &str) -> bool {
        self.ticked.contains(id)
    }

    pub fn evidence_status(&self, id: &str) -> EvidenceStatus {
        self.evidence.get(id).map_or(EvidenceStatus::NotStarted, |e| e.status)
    }

    /// True when nothing at all has been answered.
    pub fn is_empty(&self) -> bool {
        self.factors.values().all(|f| *f == FactorAnswer::default())
            && self.ticked.is_empty()
            && self.evidence.values().all(|e| *e == EvidenceAnswer::default())
            && self.notes.values().all(|n| n.is_empty())
            && self.triggers.is_empty()
    }

    /// Bring every stored number into range, so nothing read from outside is trusted blindly.
    pub fn clamp(&mut self) {
        for f in self.factors.values_mut() {
            f.position = f.position.clamp(-STEPS, STEPS);
            f.weight = f.weight.map(|w| w.min(MAX_WEIGHT));
        }
    }

    /// Answers to ids that this card does not have (kept, never dropped).
    pub fn orphans(&self, card: &Card) -> Vec<Orphan> {
        let tickable: Vec<&str> = card
            .signals()
            .map(|(_, s)| s.id.as_str())
            .chain(card.pitfalls().map(|p| p.id.as_str()))
            .collect();
        let has = |items: &[crate::card::Item], id: &str| items.iter().any(|i| i.id == id);
        let mut out = Vec::new();
        for (id, f) in &self.factors {
            if card.factor(id).is_none() && *f != FactorAnswer::default() {
                out.push(Orphan::Factor { id: id.clone(), position: f.position });
            }
        }
        for id in &self.ticked {
            if !tickable.contains(&id.as_str()) {
                out.push(Orphan::Ticked { id: id.clone() });
            }
        }
        for (id, e) in &self.evidence {
            if !has(&card.evidence, id) && *e != EvidenceAnswer::default() {
                out.push(Orphan::Evidence { id: id.clone(), status: e.status, note: e.note.clone() });
            }
        }
        for (id, note) in &self.notes {
            if !has(&card.questions, id) && !note.is_empty() {
                out.push(Orphan::Note { id: id.clone(), text: note.clone() });
            }
        }
        for id in &self.triggers {
            if !has(&card.reversibility.relook_triggers, id) {
                out.push(Orphan::Trigger { id: id.clone() });
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Merging answers changed in two places
// ---------------------------------------------------------------------------------------------

/// Which side keeps an answer that both sides changed to different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Ours,
    Theirs,
}

impl Answers {
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
    base: &IdMap<V>,
    ours: &IdMap<V>,
    theirs: &IdMap<V>,
    prefer: Prefer,
) -> IdMap<V> {
    let empty = V::default();
    let get = |map: &IdMap<V>, key: &str| map.get(key).filter(|v| **v != empty).cloned();
    let mut merged = IdMap::new();
    for key in base.keys().chain(ours.keys()).chain(theirs.keys()) {
        if merged.contains_key(key) {
            continue;
        }
        if let Some(v) = pick(get(base, key), get(ours, key), get(theirs, key), prefer) {
            merged.insert(key.clone(), v);
        }
    }
    merged
}

fn merge_set(base: &IdSet, ours: &IdSet, theirs: &IdSet, prefer: Prefer) -> IdSet {
    let mut merged = IdSet::new();
    for id in base.iter().chain(ours).chain(theirs) {
        if pick(base.contains(id), ours.contains(id), theirs.contains(id), prefer) {
            merged.insert(id.clone());
        }
    }
    merged
}
