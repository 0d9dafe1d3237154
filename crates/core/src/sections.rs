//! The fixed wording of the card template: section headings and the one-line
//! descriptions under them.
//!
//! These words are the same on every card, so they live here once instead of being copied
//! into each card file. A card file holds only what is specific to its decision; the UI
//! renders the two together. Pure data, no web crates: the content tests check that every
//! line of the seed card is found either in the card file or here.

use crate::card::Side;

/// One heading of the card template.
///
/// `subtitle` and `blurb` are empty where the template has none; render only what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The heading ("Options on the table").
    pub title: &'static str,
    /// A second, larger line under the heading, used only by the top-level sections
    /// ("Two poles of the trade-off").
    pub subtitle: &'static str,
    /// One sentence saying what the section is for.
    pub blurb: &'static str,
}

impl Section {
    const fn titled(title: &'static str) -> Self {
        Section { title, subtitle: "", blurb: "" }
    }

    const fn with_blurb(title: &'static str, blurb: &'static str) -> Self {
        Section { title, subtitle: "", blurb }
    }

    const fn top(title: &'static str, subtitle: &'static str, blurb: &'static str) -> Self {
        Section { title, subtitle, blurb }
    }
}

// --- What the decision is about -------------------------------------------------------

pub const REALLY_ABOUT: Section = Section::titled("Really about");
pub const NOT_ABOUT: Section = Section::titled("Not actually about");
pub const WHY_HARD: Section = Section::titled("Why it feels hard");
pub const THE_DECISION: Section = Section::titled("The decision");
pub const HEURISTIC: Section = Section::titled("Heuristic");
pub const DEFAULT_STANCE: Section =
    Section::with_blurb("Default stance", "Where to start before any evidence arrives.");

// --- The two options, side by side -----------------------------------------------------

pub const OPTIONS: Section = Section::top(
    "Options on the table",
    "Two poles of the trade-off",
    "Neither is the right answer by default. Each option's conditions, strengths, costs, hidden costs, and failure modes when misused are laid out in parallel so you can read across facets.",
);
pub const BEST_WHEN: Section =
    Section::with_blurb("Best when", "Conditions where this option is a natural fit.");
pub const REAL_WORLD_FITS: Section =
    Section::with_blurb("Real-world fits", "Concrete environments where this option has worked.");
pub const STRENGTHS: Section =
    Section::with_blurb("Strengths", "What this option does well on its own terms.");
pub const COSTS: Section = Section::with_blurb("Costs", "What you accept up front to get those strengths.");
pub const HIDDEN_COSTS: Section = Section::with_blurb(
    "Hidden costs",
    "Costs that surface later than expected — the main thing novices miss.",
);
pub const FAILURE_MODES: Section = Section::with_blurb(
    "Failure modes when misused",
    "How this option breaks when applied to the wrong context.",
);

/// How each option is labelled, A then B.
pub const OPTION_LABELS: [&str; 2] = ["Option A", "Option B"];

/// Joins a label to an option's name: "Option A · Model API", "For · Model API".
pub const LABEL_SEPARATOR: &str = " · ";

// --- Cost, time and reversibility ------------------------------------------------------

pub const COST_TIME_REVERSIBILITY: Section = Section::top(
    "Cost, time, and reversibility",
    "Who pays, how it ages, and what undoing it costs",
    "Trade-offs are rarely zero-sum and rarely static. Someone pays, the payoff curve shifts with the horizon, and the decision has an undo cost.",
);
pub const WHO_ABSORBS_COST: Section = Section::titled("Who absorbs the cost");
/// The source prints each option's "over time" sentence under the option's name alone,
/// with no heading; this one gives screen readers and the decision record something to
/// call it.
pub const OVER_TIME: Section = Section::titled("How it ages");
pub const UNDO_COST: Section = Section::titled("What undoing costs");
pub const RELOOK_TRIGGERS: Section = Section::with_blurb(
    "What should force a re-look",
    "Trigger conditions that mean the answer may have changed.",
);

// --- How to decide ---------------------------------------------------------------------

pub const HOW_TO_DECIDE: Section = Section::top(
    "How to decide",
    "The work you still have to do",
    "The reference can frame the trade-off; only you can weight the factors against your context.",
);
pub const QUESTIONS: Section = Section::with_blurb(
    "Questions to ask",
    "Open these in the room. Answering them is most of the decision.",
);
pub const KEY_FACTORS: Section =
    Section::with_blurb("Key factors", "The variables that actually move the answer.");
pub const EVIDENCE: Section =
    Section::with_blurb("Evidence needed", "What to gather before committing. Not after.");

// --- Signals from the ground -----------------------------------------------------------

pub const SIGNALS: Section = Section::top(
    "Signals from the ground",
    "What's usually pushing the call, and what should",
    "On the left, pressures to recognize and discount. On the right, signals that genuinely point toward one option or the other.",
);
pub const PRESSURES: Section =
    Section::with_blurb("What's usually pushing the call", "Pressures to recognize and discount.");
pub const BAD_REASONS: Section = Section::with_blurb(
    "Common bad reasons",
    "Reasoning that feels convincing in the moment but doesn't hold up.",
);
pub const ANTI_PATTERNS: Section =
    Section::with_blurb("Anti-patterns", "Shapes of reasoning to recognize and set aside.");
pub const PUSH_THE_CALL: Section =
    Section::with_blurb("What should push the call", "Concrete signals that genuinely point to one pole.");

/// Prefix of each option's signal list heading ("For · Model API").
pub const SIGNALS_FOR: &str = "For";

/// The line under each option's signal list, A then B.
pub const SIGNALS_FOR_BLURBS: [&str; 2] =
    ["Observations that genuinely point to Option A.", "Observations that genuinely point to Option B."];

// --- AI impact -------------------------------------------------------------------------

pub const AI_IMPACT: Section = Section::top(
    "AI impact",
    "How AI bends this decision",
    "Where AI accelerates the call, where it introduces new distortions, and anything else worth knowing.",
);
pub const AI_HELPS: Section =
    Section::with_blurb("AI can help with", "Where AI genuinely reduces the cost of making the call.");
pub const AI_WORSENS: Section =
    Section::with_blurb("AI can make worse", "Distortions AI introduces that didn't exist before.");
pub const AI_FALSE_CONFIDENCE: Section = Section::titled("AI false confidence");
pub const AI_SYNTHESIS: Section = Section::titled("AI synthesis");

// --- Relationships ---------------------------------------------------------------------

pub const RELATED: Section = Section::top(
    "Relationships",
    "Connected decisions",
    "Nearby decisions this is sometimes confused with, adjacent decisions that are often entangled with this one, related failure modes, red flags, and playbooks to reach for.",
);
/// The group heading for related decisions; each item also shows its own `kind`.
pub const EASY_TO_CONFUSE: Section =
    Section::with_blurb("Easy to confuse with", "Nearby decisions and how this one differs.");

/// Every section, in the order the card presents them.
pub const SECTIONS: &[&Section] = &[
    &REALLY_ABOUT,
    &NOT_ABOUT,
    &WHY_HARD,
    &THE_DECISION,
    &HEURISTIC,
    &DEFAULT_STANCE,
    &OPTIONS,
    &BEST_WHEN,
    &REAL_WORLD_FITS,
    &STRENGTHS,
    &COSTS,
    &HIDDEN_COSTS,
    &FAILURE_MODES,
    &COST_TIME_REVERSIBILITY,
    &WHO_ABSORBS_COST,
    &OVER_TIME,
    &UNDO_COST,
    &RELOOK_TRIGGERS,
    &HOW_TO_DECIDE,
    &QUESTIONS,
    &KEY_FACTORS,
    &EVIDENCE,
    &SIGNALS,
    &PRESSURES,
    &BAD_REASONS,
    &ANTI_PATTERNS,
    &PUSH_THE_CALL,
    &AI_IMPACT,
    &AI_HELPS,
    &AI_WORSENS,
    &AI_FALSE_CONFIDENCE,
    &AI_SYNTHESIS,
    &RELATED,
    &EASY_TO_CONFUSE,
];

/// "Option A", "Option B".
pub fn option_label(side: Side) -> &'static str {
    OPTION_LABELS[side.index()]
}

/// "Option A · Model API": how the cost panels head each option.
pub fn option_heading(side: Side, name: &str) -> String {
    join_label(option_label(side), name)
}

/// "For · Model API": the heading of an option's genuine signals.
pub fn signals_for_heading(name: &str) -> String {
    join_label(SIGNALS_FOR, name)
}

/// The line under an option's signal list.
pub fn signals_for_blurb(side: Side) -> &'static str {
    SIGNALS_FOR_BLURBS[side.index()]
}

fn join_label(label: &str, name: &str) -> String {
    let mut out = String::with_capacity(label.len() + LABEL_SEPARATOR.len() + name.len());
    out.push_str(label);
    out.push_str(LABEL_SEPARATOR);
    out.push_str(name);
    out
}

/// Every fixed string of the template (headings, subtitles, blurbs, labels), non-empty
/// ones only. Composite headings such as "Option A · Model API" are built from these.
pub fn all_strings() -> Vec<&'static str> {
    let mut out: Vec<&'static str> =
        SECTIONS.iter().flat_map(|s| [s.title, s.subtitle, s.blurb]).filter(|s| !s.is_empty()).collect();
    out.extend(OPTION_LABELS);
    out.push(SIGNALS_FOR);
    out.extend(SIGNALS_FOR_BLURBS);
    out
}
