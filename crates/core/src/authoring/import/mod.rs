//! Importing a card written in the plain-text shape teams keep their cards in (the seed
//! card's source): a title and a tagline, then headings ("Really about", "Option A", "Best
//! when", "Key factors", "For · `<option>`" …) each followed by its lines or "- " bullets, with
//! the template's explanatory subtitles between them.
//!
//! [`import`] turns such a text into a [`Card`]: every sentence of the source goes into the
//! card; what the text cannot give (factor weights and prompts, a bad reason's `why` and
//! the option it favours, the default option, the engine's numbers) is drafted from the
//! card's own words where it can be, otherwise given a neutral default, and marked as added
//! where the card format has a mark for it. Each guess is listed in [`Imported::review`],
//! and every line that could not be placed in [`Imported::unplaced`], with its number:
//! nothing is dropped silently. [`to_toml`] writes the card as a `content/` file.

mod draft;
mod write;

pub use draft::slug;
pub use write::to_toml;

use crate::card::*;
use crate::lang;
use crate::lang::drafts::DraftWord;
use crate::sections::SectionWord as W;
use draft::finish;
use std::collections::BTreeMap;

/// A card read from the text format, with what a person should look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub card: Card,
    /// What was drafted or defaulted rather than read, for a person to check.
    pub review: Vec<String>,
    /// Lines that fit nowhere: `(line number, text, why)`.
    pub unplaced: Vec<(usize, String, String)>,
}

/// Why a text is not a card at all (nothing is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotACard(pub String);

/// The subtitles of the card template: the same words on every card, shown by the app
/// itself, so not part of a card's content.
const TEMPLATE_LINES: &[W] = &[
    W::DefaultStanceBlurb,
    W::OptionsSubtitle,
    W::OptionsBlurb,
    W::BestWhenBlurb,
    W::RealWorldFitsBlurb,
    W::StrengthsBlurb,
    W::CostsBlurb,
    W::HiddenCostsBlurb,
    W::FailureModesBlurb,
    W::CostTimeReversibilitySubtitle,
    W::CostTimeReversibilityBlurb,
    W::RelookTriggersBlurb,
    W::HowToDecideSubtitle,
    W::HowToDecideBlurb,
    W::QuestionsBlurb,
    W::KeyFactorsBlurb,
    W::EvidenceBlurb,
    W::SignalsSubtitle,
    W::SignalsBlurb,
    W::PressuresBlurb,
    W::BadReasonsBlurb,
    W::AntiPatternsBlurb,
    W::PushTheCallBlurb,
    W::SignalsForA,
    W::SignalsForB,
    W::AiImpactSubtitle,
    W::AiImpactBlurb,
    W::AiHelpsBlurb,
    W::AiWorsensBlurb,
    W::RelatedSubtitle,
    W::RelatedBlurb,
    W::EasyToConfuseBlurb,
];

/// The headings that open a slot of their own.
const HEADINGS: &[(W, Slot)] = &[
    (W::ReallyAbout, Slot::Framing(FramingPart::ReallyAbout)),
    (W::NotAbout, Slot::Framing(FramingPart::NotAbout)),
    (W::WhyHard, Slot::Framing(FramingPart::WhyHard)),
    (W::TheDecision, Slot::Question),
    (W::Heuristic, Slot::Heuristic),
    (W::DefaultStance, Slot::DefaultStance),
    (W::OptionA, Slot::OptionName(0)),
    (W::OptionB, Slot::OptionName(1)),
    (W::UndoCost, Slot::UndoCost),
    (W::RelookTriggers, Slot::Triggers),
    (W::Questions, Slot::Questions),
    (W::KeyFactors, Slot::Factors),
    (W::Evidence, Slot::Evidence),
    (W::BadReasons, Slot::BadReasons),
    (W::AntiPatterns, Slot::AntiPatterns),
    (W::AiHelps, Slot::AiHelps),
    (W::AiWorsens, Slot::AiWorsens),
    (W::AiFalseConfidence, Slot::AiFalseConfidence),
    (W::AiSynthesis, Slot::AiSynthesis),
];

/// Kinds of related decisions, which head their own list (and may start an entry's line).
const RELATED_KINDS: &[&str] = &[
    "Easy to confuse with",
    "Adjacent concept",
    "Related failure mode",
    "Red flag",
    "Playbook",
    "Often entangled with",
];

/// Headings that only group others: nothing follows them but subtitles.
const GROUPS: &[W] = &[
    W::Options,
    W::CostTimeReversibility,
    W::HowToDecide,
    W::Signals,
    W::Pressures,
    W::PushTheCall,
    W::AiImpact,
    W::Related,
];

/// The burden of proof per undo cost when the text gives none (the seed card's numbers).
/// The undo costs are named in the language of the import.
const DEFAULT_BURDEN: &[(DraftWord, f64)] = &[
    (DraftWord::UndoEasy, 1.5),
    (DraftWord::UndoModerate, 3.0),
    (DraftWord::UndoModerateHard, 4.0),
    (DraftWord::UndoHard, 5.0),
];
/// A factor's importance when the text gives none (0 to 3: the middle, "Medium").
const DEFAULT_WEIGHT: u8 = 2;

/// Where the lines that follow a heading go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Nothing,
    Tagline,
    Framing(FramingPart),
    Question,
    AfterQuestion,
    Heuristic,
    DefaultStance,
    OptionName(usize),
    OptionList(usize, OptionPart),
    /// After "Option A · Name": "Who absorbs the cost" or the line on how it ages.
    OptionCost(usize),
    UndoCost,
    Triggers,
    Questions,
    Factors,
    Evidence,
    BadReasons,
    AntiPatterns,
    Signals(usize),
    AiHelps,
    AiWorsens,
    AiFalseConfidence,
    AiSynthesis,
    Related(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FramingPart {
    ReallyAbout,
    NotAbout,
    WhyHard,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum OptionPart {
    BestWhen,
    RealWorldFits,
    Strengths,
    Costs,
    HiddenCosts,
    FailureModes,
    WhoAbsorbs,
}

/// What the reader has gathered, before anything is drafted.
#[derive(Default)]
struct Draft {
    title: String,
    tagline: String,
    framing: Framing,
    question: String,
    heuristic: String,
    default_stance: String,
    names: [String; 2],
    lists: [BTreeMap<&'static str, Vec<String>>; 2],
    over_time: [String; 2],
    signals: [Vec<String>; 2],
    undo_cost: String,
    triggers: Vec<String>,
    questions: Vec<String>,
    factors: Vec<String>,
    evidence: Vec<String>,
    bad_reasons: Vec<String>,
    anti_patterns: Vec<String>,
    ai: AiImpact,
    /// `(kind, title, text)`; an empty title is one the source lost.
    related: Vec<(String, String, String)>,
}

/// Reads a card from the text format.
pub fn import(text: &str) -> Result<Imported, NotACard> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut d = Draft::default();
    let mut unplaced = Vec::new();
    let mut slot = Slot::Nothing;
    // The option whose sections are being read ("Option A" up to the next other heading).
    let mut option: Option<usize> = None;
    let mut first = true;
    for (n, raw) in text.lines().enumerate() {
        let number = n + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if first {
            d.title = line.to_owned();
            first = false;
            slot = Slot::Tagline;
            continue;
        }
        let bullet = line.strip_prefix('-').map(str::trim);
        let content = bullet.unwrap_or(line);
        // "Best when", "Costs" … are headings only inside an option.
        if let Some(part) = option.and_then(|_| option_part(content)) {
            slot = Slot::OptionList(option.unwrap_or(0), part);
            continue;
        }
        if let Some(next) = heading(content, &d) {
            option = match next {
                Slot::OptionName(i) => Some(i),
                _ => None,
            };
            slot = next;
            continue;
        }
        if TEMPLATE_LINES.iter().any(|w| says(line, *w)) {
            continue;
        }
        match place(&mut d, &mut slot, line, bullet) {
            Ok(()) => {}
            Err(why) => unplaced.push((number, line.to_owned(), why)),
        }
    }
    let mut missing = Vec::new();
    if d.title.is_empty() {
        missing.push("a title");
    }
    if d.question.is_empty() {
        missing.push("a question (\u{201c}The decision\u{201d})");
    }
    if d.names.iter().any(String::is_empty) {
        missing
            .push("two options (\u{201c}Option A\u{201d} and \u{201c}Option B\u{201d}, each with its name)");
    }
    if d.factors.is_empty() {
        missing.push("key factors");
    }
    if !missing.is_empty() {
        return Err(NotACard(format!(
            "this is not a decision card in the text format: it lacks {}",
            join_and(&missing)
        )));
    }
    let (card, review) = finish(d);
    Ok(Imported { card, review, unplaced })
}

/// Whether `line` is the template's `word`: in the language of the import (the catalogue
/// installed, [`crate::lang`]) or in English, the format's own, letter case aside.
fn says(line: &str, word: W) -> bool {
    line.eq_ignore_ascii_case(crate::say!(word)) || line.eq_ignore_ascii_case(lang::english().word(word))
}

/// How many lines of `text` are headings of the format in `catalogue`'s language alone:
/// what tells which language a text is written in ([`language_of`]).
fn headings_in(text: &str, catalogue: &lang::Catalogue) -> usize {
    let words: Vec<&str> = HEADINGS
        .iter()
        .map(|(w, _)| *w)
        .chain(GROUPS.iter().copied())
        .chain(OPTION_PARTS.iter().map(|p| p.1))
        .map(|w| catalogue.word(w))
        .collect();
    text.lines()
        .map(|line| line.trim().trim_start_matches('-').trim())
        .filter(|line| words.iter().any(|w| line.eq_ignore_ascii_case(w)))
        .count()
}

/// The language a text in the format is written in, among `catalogues`: the one whose
/// headings it uses most (English on a tie, or when no catalogue's headings are there).
pub fn language_of<'c>(text: &str, catalogues: impl IntoIterator<Item = &'c lang::Catalogue>) -> &'c str {
    let mut best: Option<(&str, usize)> = None;
    for catalogue in catalogues {
        let count = headings_in(text, catalogue);
        let better = match best {
            None => true,
            Some((code, most)) => {
                count > most || (count == most && catalogue.code == ENGLISH && code != ENGLISH)
            }
        };
        if better {
            best = Some((&catalogue.code, count));
        }
    }
    match best {
        Some((code, count)) if count > 0 => code,
        _ => ENGLISH,
    }
}

/// The slot a heading line opens, if it is one.
fn heading(line: &str, d: &Draft) -> Option<Slot> {
    let option_of =
        |name: &str| d.names.iter().position(|n| !n.is_empty() && n.eq_ignore_ascii_case(name.trim()));
    if let Some((_, slot)) = HEADINGS.iter().find(|(w, _)| says(line, *w)) {
        return Some(*slot);
    }
    if GROUPS.iter().any(|w| says(line, *w)) {
        return Some(Slot::Nothing);
    }
    if let Some(kind) = related_kind(line) {
        return Some(Slot::Related(kind));
    }
    let english = lang::english();
    for word in [crate::say!(W::SignalsFor), english.word(W::SignalsFor)] {
        if let Some(rest) = split_dot(line, word) {
            return Some(Slot::Signals(option_of(rest).or_else(|| side_word(rest))?));
        }
    }
    for (i, side) in [W::OptionA, W::OptionB].into_iter().enumerate() {
        if [crate::say!(side), english.word(side)].into_iter().any(|prefix| split_dot(line, prefix).is_some())
        {
            return Some(Slot::OptionCost(i));
        }
    }
    None
}

/// The kind of related decision a heading names: the template's first kind in the language
/// of the import, or any kind in English.
fn related_kind(line: &str) -> Option<usize> {
    if says(line, W::EasyToConfuse) {
        return Some(0);
    }
    RELATED_KINDS.iter().position(|k| line.eq_ignore_ascii_case(k))
}

/// `"For · Model API"` → `"Model API"` (a middle dot, or a plain dot or colon, after `word`).
fn split_dot<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    if !line.get(..word.len())?.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = line[word.len()..].trim_start();
    let rest =
        rest.strip_prefix('\u{b7}').or_else(|| rest.strip_prefix(':')).or_else(|| rest.strip_prefix('.'))?;
    Some(rest.trim()).filter(|r| !r.is_empty())
}

/// "Option A" / "A" as a side.
fn side_word(s: &str) -> Option<usize> {
    match s.trim() {
        "A" => Some(0),
        "B" => Some(1),
        s if says(s, W::OptionA) => Some(0),
        s if says(s, W::OptionB) => Some(1),
        _ => None,
    }
}

/// Puts one line where the current slot says.
fn place(d: &mut Draft, slot: &mut Slot, line: &str, bullet: Option<&str>) -> Result<(), String> {
    let list_item = |what: &str| -> Result<String, String> {
        match bullet {
            Some(b) if !b.is_empty() => Ok(b.to_owned()),
            Some(_) => Err(format!("an empty item under \u{201c}{what}\u{201d}")),
            None => Err(format!("not a \u{201c}- \u{201d} item, and not a heading this format has (under \u{201c}{what}\u{201d})")),
        }
    };
    let text = bullet.unwrap_or(line).to_owned();
    match *slot {
        Slot::Nothing => {
            return Err("not a heading this format has, and under no heading that takes text".into())
        }
        Slot::Tagline => {
            d.tagline = text;
            *slot = Slot::Nothing;
        }
        Slot::Framing(part) => {
            let list = match part {
                FramingPart::ReallyAbout => &mut d.framing.really_about,
                FramingPart::NotAbout => &mut d.framing.not_about,
                FramingPart::WhyHard => &mut d.framing.why_hard,
            };
            list.push(text);
        }
        Slot::Question => {
            d.question = text;
            *slot = Slot::AfterQuestion;
        }
        // The template repeats the tagline under the question.
        Slot::AfterQuestion if text == d.tagline => *slot = Slot::Nothing,
        Slot::AfterQuestion if d.tagline.is_empty() => {
            d.tagline = text;
            *slot = Slot::Nothing;
        }
        Slot::AfterQuestion => return Err("a second line after the question".into()),
        Slot::Heuristic => one_line(&mut d.heuristic, text, "Heuristic", slot)?,
        Slot::DefaultStance => one_line(&mut d.default_stance, text, "Default stance", slot)?,
        Slot::OptionName(i) => {
            d.names[i] = text;
            *slot = Slot::Nothing;
        }
        Slot::OptionList(i, part) => {
            let item = list_item(option_part_heading(part))?;
            d.lists[i].entry(option_part_key(part)).or_default().push(item);
        }
        Slot::OptionCost(i) if bullet.is_none() && says(line, W::WhoAbsorbsCost) => {
            *slot = Slot::OptionList(i, OptionPart::WhoAbsorbs)
        }
        Slot::OptionCost(i) => one_line(&mut d.over_time[i], text, "how it ages", slot)?,
        Slot::UndoCost => one_line(&mut d.undo_cost, text, "What undoing costs", slot)?,
        Slot::Triggers => d.triggers.push(list_item("What should force a re-look")?),
        Slot::Questions => d.questions.push(list_item("Questions to ask")?),
        Slot::Factors => d.factors.push(list_item("Key factors")?),
        Slot::Evidence => d.evidence.push(list_item("Evidence needed")?),
        Slot::BadReasons => d.bad_reasons.push(list_item("Common bad reasons")?),
        Slot::AntiPatterns => d.anti_patterns.push(list_item("Anti-patterns")?),
        Slot::Signals(i) => d.signals[i].push(list_item("For \u{b7} an option")?),
        Slot::AiHelps => d.ai.helps.push(text),
        Slot::AiWorsens => d.ai.worsens.push(text),
        Slot::AiFalseConfidence => one_line(&mut d.ai.false_confidence, text, "AI false confidence", slot)?,
        Slot::AiSynthesis => one_line(&mut d.ai.synthesis, text, "AI synthesis", slot)?,
        Slot::Related(kind) => match bullet {
            // "- Title" (or "-" for a lost title) starts an entry; its text follows.
            Some(title) => {
                let (kind, title) = RELATED_KINDS
                    .iter()
                    .find_map(|k| {
                        let rest = title.get(k.len()..)?;
                        (title.get(..k.len())?.eq_ignore_ascii_case(k) && rest.starts_with(' '))
                            .then(|| (k.to_string(), rest.trim().to_owned()))
                    })
                    .unwrap_or_else(|| (kind_name(kind), title.to_owned()));
                d.related.push((kind, title, String::new()));
            }
            None => match d.related.last_mut() {
                Some(entry) if entry.2.is_empty() => entry.2 = text,
                Some(entry) => {
                    entry.2.push(' ');
                    entry.2.push_str(&text);
                }
                None => {
                    return Err("text of a related decision before its \u{201c}- \u{201d} title line".into())
                }
            },
        },
    }
    Ok(())
}

/// The name a related decision's kind is stored under: the template's first kind in the
/// language of the import, the others as the format writes them.
fn kind_name(kind: usize) -> String {
    match kind {
        0 => crate::say!(W::EasyToConfuse).to_owned(),
        _ => RELATED_KINDS.get(kind).map_or_else(String::new, |k| (*k).to_owned()),
    }
}

/// Stores the one line a heading takes; a second one is reported.
fn one_line(target: &mut String, text: String, what: &str, slot: &mut Slot) -> Result<(), String> {
    if !target.is_empty() {
        return Err(format!("a second line under \u{201c}{what}\u{201d}, which takes one"));
    }
    *target = text;
    if !matches!(slot, Slot::OptionCost(_)) {
        *slot = Slot::Nothing;
    }
    Ok(())
}

const OPTION_PARTS: &[(OptionPart, W, &str)] = &[
    (OptionPart::BestWhen, W::BestWhen, "best_when"),
    (OptionPart::RealWorldFits, W::RealWorldFits, "real_world_fits"),
    (OptionPart::Strengths, W::Strengths, "strengths"),
    (OptionPart::Costs, W::Costs, "costs"),
    (OptionPart::HiddenCosts, W::HiddenCosts, "hidden_costs"),
    (OptionPart::FailureModes, W::FailureModes, "failure_modes"),
    (OptionPart::WhoAbsorbs, W::WhoAbsorbsCost, "who_absorbs_cost"),
];

/// The part's heading, in English: what the list of lines that fit nowhere says.
fn option_part_heading(part: OptionPart) -> &'static str {
    OPTION_PARTS.iter().find(|p| p.0 == part).map_or("", |p| lang::english().word(p.1))
}

fn option_part_key(part: OptionPart) -> &'static str {
    OPTION_PARTS.iter().find(|p| p.0 == part).map_or("", |p| p.2)
}

/// An option's sub-heading ("Best when" …; "Who absorbs the cost" belongs to the costs part).
fn option_part(line: &str) -> Option<OptionPart> {
    OPTION_PARTS.iter().find(|p| says(line, p.1) && p.0 != OptionPart::WhoAbsorbs).map(|p| p.0)
}

fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
