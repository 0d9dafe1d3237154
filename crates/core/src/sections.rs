//! The fixed wording of the card template: section headings, the one-line descriptions
//! under them, and the labels of the two options.
//!
//! These words are the same on every card, so they live in the language's catalogue
//! (`lang/<code>/sections.toml`, [`crate::lang`]) instead of being copied into each card
//! file. A card file holds only what is specific to its decision; the UI renders the two
//! together. Pure data, no web crates: the content tests check that every line of the seed
//! card is found either in the card file or here.

use crate::card::Side;
use crate::say;

crate::words!(Sections:
    /// The card template's words (`lang/<code>/sections.toml`).
    pub enum SectionWord {
        ReallyAbout,
        NotAbout,
        WhyHard,
        TheDecision,
        Heuristic,
        DefaultStance,
        DefaultStanceBlurb,
        Options,
        OptionsSubtitle,
        OptionsBlurb,
        BestWhen,
        BestWhenBlurb,
        RealWorldFits,
        RealWorldFitsBlurb,
        Strengths,
        StrengthsBlurb,
        Costs,
        CostsBlurb,
        HiddenCosts,
        HiddenCostsBlurb,
        FailureModes,
        FailureModesBlurb,
        CostTimeReversibility,
        CostTimeReversibilitySubtitle,
        CostTimeReversibilityBlurb,
        WhoAbsorbsCost,
        OverTime,
        UndoCost,
        RelookTriggers,
        RelookTriggersBlurb,
        HowToDecide,
        HowToDecideSubtitle,
        HowToDecideBlurb,
        Questions,
        QuestionsBlurb,
        KeyFactors,
        KeyFactorsBlurb,
        Evidence,
        EvidenceBlurb,
        Signals,
        SignalsSubtitle,
        SignalsBlurb,
        Pressures,
        PressuresBlurb,
        BadReasons,
        BadReasonsBlurb,
        AntiPatterns,
        AntiPatternsBlurb,
        PushTheCall,
        PushTheCallBlurb,
        AiImpact,
        AiImpactSubtitle,
        AiImpactBlurb,
        AiHelps,
        AiHelpsBlurb,
        AiWorsens,
        AiWorsensBlurb,
        AiFalseConfidence,
        AiSynthesis,
        Related,
        RelatedSubtitle,
        RelatedBlurb,
        EasyToConfuse,
        EasyToConfuseBlurb,
        OptionA,
        OptionB,
        SignalsFor,
        SignalsForA,
        SignalsForB,
        Labelled,
    }
);

use SectionWord as W;

/// One heading of the card template.
///
/// `subtitle` and `blurb` are empty where the template has none; render only what is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The heading ("Options on the table").
    title: W,
    /// A second, larger line under the heading, used only by the top-level sections
    /// ("Two poles of the trade-off").
    subtitle: Option<W>,
    /// One sentence saying what the section is for.
    blurb: Option<W>,
}

impl Section {
    const fn titled(title: W) -> Self {
        Section { title, subtitle: None, blurb: None }
    }

    const fn with_blurb(title: W, blurb: W) -> Self {
        Section { title, subtitle: None, blurb: Some(blurb) }
    }

    const fn top(title: W, subtitle: W, blurb: W) -> Self {
        Section { title, subtitle: Some(subtitle), blurb: Some(blurb) }
    }

    /// The heading, in the page's language.
    pub fn title(&self) -> &'static str {
        say!(self.title)
    }

    /// The line under a top-level heading; empty for the others.
    pub fn subtitle(&self) -> &'static str {
        self.subtitle.map_or("", |w| say!(w))
    }

    /// What the section is for, in one sentence; empty where the template has none.
    pub fn blurb(&self) -> &'static str {
        self.blurb.map_or("", |w| say!(w))
    }
}

pub const REALLY_ABOUT: Section = Section::titled(W::ReallyAbout);
pub const NOT_ABOUT: Section = Section::titled(W::NotAbout);
pub const WHY_HARD: Section = Section::titled(W::WhyHard);
pub const THE_DECISION: Section = Section::titled(W::TheDecision);
pub const HEURISTIC: Section = Section::titled(W::Heuristic);
pub const DEFAULT_STANCE: Section = Section::with_blurb(W::DefaultStance, W::DefaultStanceBlurb);
pub const OPTIONS: Section = Section::top(W::Options, W::OptionsSubtitle, W::OptionsBlurb);
pub const BEST_WHEN: Section = Section::with_blurb(W::BestWhen, W::BestWhenBlurb);
pub const REAL_WORLD_FITS: Section = Section::with_blurb(W::RealWorldFits, W::RealWorldFitsBlurb);
pub const STRENGTHS: Section = Section::with_blurb(W::Strengths, W::StrengthsBlurb);
pub const COSTS: Section = Section::with_blurb(W::Costs, W::CostsBlurb);
pub const HIDDEN_COSTS: Section = Section::with_blurb(W::HiddenCosts, W::HiddenCostsBlurb);
pub const FAILURE_MODES: Section = Section::with_blurb(W::FailureModes, W::FailureModesBlurb);
pub const COST_TIME_REVERSIBILITY: Section =
    Section::top(W::CostTimeReversibility, W::CostTimeReversibilitySubtitle, W::CostTimeReversibilityBlurb);
pub const WHO_ABSORBS_COST: Section = Section::titled(W::WhoAbsorbsCost);
pub const OVER_TIME: Section = Section::titled(W::OverTime);
pub const UNDO_COST: Section = Section::titled(W::UndoCost);
pub const RELOOK_TRIGGERS: Section = Section::with_blurb(W::RelookTriggers, W::RelookTriggersBlurb);
pub const HOW_TO_DECIDE: Section = Section::top(W::HowToDecide, W::HowToDecideSubtitle, W::HowToDecideBlurb);
pub const QUESTIONS: Section = Section::with_blurb(W::Questions, W::QuestionsBlurb);
pub const KEY_FACTORS: Section = Section::with_blurb(W::KeyFactors, W::KeyFactorsBlurb);
pub const EVIDENCE: Section = Section::with_blurb(W::Evidence, W::EvidenceBlurb);
pub const SIGNALS: Section = Section::top(W::Signals, W::SignalsSubtitle, W::SignalsBlurb);
pub const PRESSURES: Section = Section::with_blurb(W::Pressures, W::PressuresBlurb);
pub const BAD_REASONS: Section = Section::with_blurb(W::BadReasons, W::BadReasonsBlurb);
pub const ANTI_PATTERNS: Section = Section::with_blurb(W::AntiPatterns, W::AntiPatternsBlurb);
pub const PUSH_THE_CALL: Section = Section::with_blurb(W::PushTheCall, W::PushTheCallBlurb);
pub const AI_IMPACT: Section = Section::top(W::AiImpact, W::AiImpactSubtitle, W::AiImpactBlurb);
pub const AI_HELPS: Section = Section::with_blurb(W::AiHelps, W::AiHelpsBlurb);
pub const AI_WORSENS: Section = Section::with_blurb(W::AiWorsens, W::AiWorsensBlurb);
pub const AI_FALSE_CONFIDENCE: Section = Section::titled(W::AiFalseConfidence);
pub const AI_SYNTHESIS: Section = Section::titled(W::AiSynthesis);
pub const RELATED: Section = Section::top(W::Related, W::RelatedSubtitle, W::RelatedBlurb);
pub const EASY_TO_CONFUSE: Section = Section::with_blurb(W::EasyToConfuse, W::EasyToConfuseBlurb);

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
    say!(match side {
        Side::A => W::OptionA,
        Side::B => W::OptionB,
    })
}

/// "Option A · Model API": how the cost panels head each option.
pub fn option_heading(side: Side, name: &str) -> String {
    say!(W::Labelled, label = option_label(side), name = name)
}

/// "For · Model API": the heading of an option's genuine signals.
pub fn signals_for_heading(name: &str) -> String {
    say!(W::Labelled, label = say!(W::SignalsFor), name = name)
}

/// The line under an option's signal list.
pub fn signals_for_blurb(side: Side) -> &'static str {
    say!(match side {
        Side::A => W::SignalsForA,
        Side::B => W::SignalsForB,
    })
}

/// Every fixed string of the template (headings, subtitles, blurbs, labels), non-empty
/// ones only. Composite headings such as "Option A · Model API" are built from these.
pub fn all_strings() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = SECTIONS
        .iter()
        .flat_map(|s| [s.title(), s.subtitle(), s.blurb()])
        .filter(|s| !s.is_empty())
        .collect();
    out.extend([option_label(Side::A), option_label(Side::B), say!(W::SignalsFor)]);
    out.extend([signals_for_blurb(Side::A), signals_for_blurb(Side::B)]);
    out
}
