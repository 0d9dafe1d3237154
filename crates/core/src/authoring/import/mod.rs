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
const TEMPLATE_LINES: &[&str] = &[
    "Where to start before any evidence arrives.",
    "Two poles of the trade-off",
    "Neither is the right answer by default. Each option's conditions, strengths, costs, hidden costs, and failure modes when misused are laid out in parallel so you can read across facets.",
    "Conditions where this option is a natural fit.",
    "Concrete environments where this option has worked.",
    "What this option does well on its own terms.",
    "What you accept up front to get those strengths.",
    "Costs that surface later than expected — the main thing novices miss.",
    "How this option breaks when applied to the wrong context.",
    "Who pays, how it ages, and what undoing it costs",
    "Trade-offs are rarely zero-sum and rarely static. Someone pays, the payoff curve shifts with the horizon, and the decision has an undo cost.",
    "Trigger conditions that mean the answer may have changed.",
    "The work you still have to do",
    "The reference can frame the trade-off; only you can weight the factors against your context.",
    "Open these in the room. Answering them is most of the decision.",
    "The variables that actually move the answer.",
    "What to gather before committing. Not after.",
    "What's usually pushing the call, and what should",
    "On the left, pressures to recognize and discount. On the right, signals that genuinely point toward one option or the other.",
    "Pressures to recognize and discount.",
    "Reasoning that feels convincing in the moment but doesn't hold up.",
    "Shapes of reasoning to recognize and set aside.",
    "Concrete signals that genuinely point to one pole.",
    "Observations that genuinely point to Option A.",
    "Observations that genuinely point to Option B.",
    "How AI bends this decision",
    "Where AI accelerates the call, where it introduces new distortions, and anything else worth knowing.",
    "Where AI genuinely reduces the cost of making the call.",
    "Distortions AI introduces that didn't exist before.",
    "Connected decisions",
    "Nearby decisions this is sometimes confused with, adjacent decisions that are often entangled with this one, related failure modes, red flags, and playbooks to reach for.",
    "Nearby decisions and how this one differs.",
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
const GROUPS: &[&str] = &[
    "Options on the table",
    "Cost, time, and reversibility",
    "How to decide",
    "Signals from the ground",
    "What's usually pushing the call",
    "What should push the call",
    "AI impact",
    "Relationships",
];

/// The burden of proof per undo cost when the text gives none (the seed card's numbers).
const DEFAULT_BURDEN: &[(&str, f64)] =
    &[("Easy", 1.5), ("Moderate", 3.0), ("Moderate-hard", 4.0), ("Hard", 5.0)];
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
        if TEMPLATE_LINES.contains(&line) {
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

/// The slot a heading line opens, if it is one.
fn heading(line: &str, d: &Draft) -> Option<Slot> {
    let option_of =
        |name: &str| d.names.iter().position(|n| !n.is_empty() && n.eq_ignore_ascii_case(name.trim()));
    let is = |h: &str| line.eq_ignore_ascii_case(h);
    Some(match () {
        _ if is("Really about") => Slot::Framing(FramingPart::ReallyAbout),
        _ if is("Not actually about") => Slot::Framing(FramingPart::NotAbout),
        _ if is("Why it feels hard") => Slot::Framing(FramingPart::WhyHard),
        _ if is("The decision") => Slot::Question,
        _ if is("Heuristic") => Slot::Heuristic,
        _ if is("Default stance") => Slot::DefaultStance,
        _ if is("Option A") => Slot::OptionName(0),
        _ if is("Option B") => Slot::OptionName(1),
        _ if is("What undoing costs") => Slot::UndoCost,
        _ if is("What should force a re-look") => Slot::Triggers,
        _ if is("Questions to ask") => Slot::Questions,
        _ if is("Key factors") => Slot::Factors,
        _ if is("Evidence needed") => Slot::Evidence,
        _ if is("Common bad reasons") => Slot::BadReasons,
        _ if is("Anti-patterns") => Slot::AntiPatterns,
        _ if is("AI can help with") => Slot::AiHelps,
        _ if is("AI can make worse") => Slot::AiWorsens,
        _ if is("AI false confidence") => Slot::AiFalseConfidence,
        _ if is("AI synthesis") => Slot::AiSynthesis,
        _ if GROUPS.iter().any(|g| is(g)) => Slot::Nothing,
        _ => {
            if let Some(kind) = RELATED_KINDS.iter().position(|k| is(k)) {
                return Some(Slot::Related(kind));
            }
            if let Some(rest) = split_dot(line, "For") {
                return Some(Slot::Signals(option_of(rest).or_else(|| side_word(rest))?));
            }
            for (i, prefix) in ["Option A", "Option B"].into_iter().enumerate() {
                if split_dot(line, prefix).is_some() {
                    return Some(Slot::OptionCost(i));
                }
            }
            return None;
        }
    })
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
    match s.trim().trim_start_matches("Option ").trim() {
        "A" => Some(0),
        "B" => Some(1),
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
        Slot::OptionCost(i) if bullet.is_none() && line.eq_ignore_ascii_case("Who absorbs the cost") => {
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
                    .unwrap_or_else(|| (RELATED_KINDS[kind].to_owned(), title.to_owned()));
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

const OPTION_PARTS: &[(OptionPart, &str, &str)] = &[
    (OptionPart::BestWhen, "Best when", "best_when"),
    (OptionPart::RealWorldFits, "Real-world fits", "real_world_fits"),
    (OptionPart::Strengths, "Strengths", "strengths"),
    (OptionPart::Costs, "Costs", "costs"),
    (OptionPart::HiddenCosts, "Hidden costs", "hidden_costs"),
    (OptionPart::FailureModes, "Failure modes when misused", "failure_modes"),
    (OptionPart::WhoAbsorbs, "Who absorbs the cost", "who_absorbs_cost"),
];

fn option_part_heading(part: OptionPart) -> &'static str {
    OPTION_PARTS.iter().find(|p| p.0 == part).map_or("", |p| p.1)
}

fn option_part_key(part: OptionPart) -> &'static str {
    OPTION_PARTS.iter().find(|p| p.0 == part).map_or("", |p| p.2)
}

/// An option's sub-heading ("Best when" …; "Who absorbs the cost" belongs to the costs part).
fn option_part(line: &str) -> Option<OptionPart> {
    OPTION_PARTS.iter().find(|p| line.eq_ignore_ascii_case(p.1) && p.0 != OptionPart::WhoAbsorbs).map(|p| p.0)
}

fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
