//! Importing a card written in the plain-text shape teams keep their cards in (the seed
//! card's source): a title and a tagline, then headings ("Really about", "Option A", "Best
//! when", "Key factors", "For · <option>" …) each followed by its lines or "- " bullets, with
//! the template's explanatory subtitles between them.
//!
//! [`import`] turns such a text into a [`Card`]: every sentence of the source goes into the
//! card; what the text cannot give (factor weights and prompts, a bad reason's `why` and
//! the option it favours, the default option, the engine's numbers) is drafted from the
//! card's own words where it can be, otherwise given a neutral default, and marked as added
//! where the card format has a mark for it. Each guess is listed in [`Imported::review`],
//! and every line that could not be placed in [`Imported::unplaced`], with its number:
//! nothing is dropped silently. [`to_toml`] writes the card as a `content/` file.

use crate::card::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;

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

/// Drafts what the text cannot give, and lists each guess.
fn finish(d: Draft) -> (Card, Vec<String>) {
    let mut review = Vec::new();
    let mut ids = IdMaker::default();
    let option_ids: [String; 2] = [ids.make("option", &d.names[0]), ids.make("option", &d.names[1])];
    let options: [OptionSide; 2] = [0, 1].map(|i| {
        let list = |key: &str| d.lists[i].get(key).cloned().unwrap_or_default();
        OptionSide {
            id: option_ids[i].clone(),
            name: d.names[i].clone(),
            best_when: list("best_when"),
            real_world_fits: list("real_world_fits"),
            strengths: list("strengths"),
            costs: list("costs"),
            hidden_costs: list("hidden_costs"),
            failure_modes: list("failure_modes"),
            who_absorbs_cost: list("who_absorbs_cost"),
            over_time: d.over_time[i].clone(),
            signals: d.signals[i]
                .iter()
                .map(|t| Item { id: ids.make("signal", t), text: t.clone() })
                .collect(),
        }
    });

    // The default option: the one the default stance (or the heuristic) names first
    // ("Prefer API unless … justify self-hosting").
    let stance = if d.default_stance.is_empty() { &d.heuristic } else { &d.default_stance };
    let named = [0, 1].map(|i| first_mention(stance, &d.names[i]));
    let default = match named {
        [Some(a), Some(b)] if b < a => 1,
        [None, Some(_)] => 1,
        _ => 0,
    };
    review.push(if named == [None, None] {
        format!("default_option: the text does not say which option is the default; \u{201c}{}\u{201d} (Option A) was chosen", d.names[default])
    } else {
        format!("default_option: \u{201c}{}\u{201d}, the option the default stance names", d.names[default])
    });

    let undo_cost = if d.undo_cost.is_empty() {
        review.push("reversibility.undo_cost: the text gives none; \u{201c}Moderate\u{201d} was put in (undo_cost_added)".into());
        "Moderate".to_owned()
    } else {
        d.undo_cost.clone()
    };
    let mut burden: BTreeMap<String, f64> =
        DEFAULT_BURDEN.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
    if !burden.contains_key(&undo_cost) {
        burden.insert(undo_cost.clone(), 3.0);
        review.push(format!("scoring.burden: \u{201c}{undo_cost}\u{201d} is not one of the usual undo costs; it was given the burden of \u{201c}Moderate\u{201d} (3.0)"));
    }
    review.push("scoring: signal_strength 1.0 and the burden per undo cost are the seed card's numbers; tune them for this decision".into());

    // Sentences a factor prompt or a bad reason's `why` can be drafted from.
    let sentences: Vec<&String> = d
        .questions
        .iter()
        .chain(&d.framing.not_about)
        .chain(&d.framing.why_hard)
        .chain(options.iter().flat_map(|o| o.failure_modes.iter().chain(&o.hidden_costs)))
        .chain(d.over_time.iter())
        .chain([&d.ai.false_confidence])
        .filter(|s| !s.is_empty())
        .collect();

    let factors = d
        .factors
        .iter()
        .map(|name| {
            // The card's own words about it: the question that names it, and each option's
            // "best when" condition that does.
            let closest = |list: &[String]| {
                list.iter().max_by_key(|s| shared_words(s, name)).filter(|s| shared_words(s, name) > 0).cloned()
            };
            let question = closest(&d.questions);
            let toward = [0, 1].map(|i| closest(&options[i].best_when));
            let ask = question.clone().unwrap_or_else(|| format!("Where does {} point?", lower_first(name)));
            let side = |i: usize| toward[i].clone().unwrap_or_else(|| format!("it points to {}", d.names[i]));
            let prompt = format!("{ask} Toward A: {}. Toward B: {}.", side(0), side(1));
            let from_card = question.is_some() || toward.iter().any(Option::is_some);
            review.push(format!(
                "factor \u{201c}{name}\u{201d}: prompt drafted{} and importance set to {DEFAULT_WEIGHT} (Medium); consider whether it is a capability gate (gate_for)",
                if from_card { " from the card's own words" } else { "" }
            ));
            Factor {
                id: ids.make("factor", name),
                name: name.clone(),
                prompt,
                prompt_added: true,
                weight: DEFAULT_WEIGHT,
                weight_added: true,
                gate_for: None,
            }
        })
        .collect();

    let mut pitfall = |text: &String, what: &str| {
        let why =
            sentences.iter().max_by_key(|s| shared_words(s, text)).filter(|s| shared_words(s, text) > 0);
        let score = [0, 1].map(|i| shared_words(text, &d.names[i]));
        // A pressure that names neither option usually pushes away from the default.
        let favours = if score[0] == score[1] {
            1 - default
        } else if score[1] > score[0] {
            1
        } else {
            0
        };
        review.push(format!(
            "{what} \u{201c}{text}\u{201d}: why {}; favours \u{201c}{}\u{201d}{}",
            if why.is_some() { "quoted from the card's closest sentence" } else { "left generic" },
            d.names[favours],
            if score[0] == score[1] { " (it names neither option)" } else { "" }
        ));
        Pitfall {
            id: ids.make("pitfall", text),
            text: text.clone(),
            why: why.map_or_else(
                || "It does not bear on the trade-off this card is about.".to_owned(),
                |s| (*s).clone(),
            ),
            why_added: true,
            favours: option_ids[favours].clone(),
        }
    };
    let bad_reasons = d.bad_reasons.iter().map(|t| pitfall(t, "bad reason")).collect();
    let anti_patterns = d.anti_patterns.iter().map(|t| pitfall(t, "anti-pattern")).collect();

    let related = d
        .related
        .iter()
        .map(|(kind, title, text)| {
            let lost = title.is_empty();
            let title = if lost { drafted_title(text) } else { title.clone() };
            if lost {
                review.push(format!("related \u{201c}{title}\u{201d}: the source has no title; this one is drafted from its text"));
            }
            Related { kind: kind.clone(), title, title_added: lost, text: text.clone() }
        })
        .collect();

    let card = Card {
        id: slug(&d.title, 60),
        version: 1,
        title: d.title.clone(),
        tagline: d.tagline.clone(),
        framing: d.framing.clone(),
        decision: Decision {
            question: d.question.clone(),
            heuristic: d.heuristic.clone(),
            default_stance: d.default_stance.clone(),
            default_option: option_ids[default].clone(),
        },
        reversibility: Reversibility {
            undo_cost,
            undo_cost_added: d.undo_cost.is_empty(),
            relook_triggers: d
                .triggers
                .iter()
                .map(|t| Item { id: ids.make("trigger", t), text: t.clone() })
                .collect(),
        },
        factors,
        questions: d
            .questions
            .iter()
            .map(|t| Item { id: ids.make("question", t), text: t.clone() })
            .collect(),
        evidence: d.evidence.iter().map(|t| Item { id: ids.make("evidence", t), text: t.clone() }).collect(),
        pressures: Pressures { bad_reasons, anti_patterns },
        ai: d.ai.clone(),
        related,
        scoring: Scoring { signal_strength: 1.0, burden },
        options,
    };
    (card, review)
}

/// Unique ids slugged from text, within one card.
#[derive(Default)]
struct IdMaker {
    used: Vec<String>,
}

impl IdMaker {
    fn make(&mut self, fallback: &str, text: &str) -> String {
        let base = Some(slug(text, 40)).filter(|s| !s.is_empty()).unwrap_or_else(|| fallback.to_owned());
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.push(id.clone());
        id
    }
}

/// Lowercase ASCII letters and digits joined by single hyphens, cut at a word boundary.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out.truncate(max);
    out.trim_end_matches('-').to_owned()
}

/// The words of a text worth comparing: three letters or more, lowercase ASCII.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// Whether two words are one word in two forms: one starts with the other, or both start
/// with the same five letters ("api" and "apis"; "self-hosting" and "self-hosted").
fn same_word(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a) || (a.len() >= 5 && b.len() >= 5 && a[..5] == b[..5])
}

/// How many words of `a` are also in `b`.
fn shared_words(a: &str, b: &str) -> usize {
    let b = words(b);
    let mut a = words(a);
    a.dedup();
    a.iter().filter(|w| b.iter().any(|x| same_word(w, x))).count()
}

/// Where in `text` a word of `name` first appears (in words), if it does.
fn first_mention(text: &str, name: &str) -> Option<usize> {
    let name = words(name);
    words(text).iter().position(|w| name.iter().any(|n| same_word(w, n)))
}

/// A title for a related decision whose source lost it: its text's first sentence, without
/// the template's "That decision is about".
fn drafted_title(text: &str) -> String {
    let first = text.split(". ").next().unwrap_or(text).trim_end_matches('.');
    let rest = first.strip_prefix("That decision is about ").unwrap_or(first);
    let mut title = rest.to_owned();
    if let Some(c) = title.get(..1) {
        title.replace_range(..1, &c.to_ascii_uppercase());
    }
    title
}

fn lower_first(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(c) = out.get(..1) {
        out.replace_range(..1, &c.to_ascii_lowercase());
    }
    out
}

fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The card as a `content/` file, in the order and with the comments of the seed card.
pub fn to_toml(card: &Card, source: &str) -> String {
    let s = |v: &str| toml::Value::String(v.to_owned()).to_string();
    let list = |v: &[String]| -> String {
        match v {
            [] => "[]".into(),
            [one] => format!("[{}]", s(one)),
            many => format!("[\n{}]", many.iter().map(|x| format!("  {},\n", s(x))).collect::<String>()),
        }
    };
    let mut t = String::new();
    let _ = writeln!(t, "# Decision card: {}.", card.title);
    let _ = writeln!(t, "#");
    let _ =
        writeln!(t, "# Imported from {source} by `cargo xtask import-card`; how to write and change a card:");
    let _ = writeln!(
        t,
        "# docs/card-format.md. Every `id` is what saved answers are keyed on: reword any text, but"
    );
    let _ =
        writeln!(t, "# do not rename an id. What the source did not say is drafted and marked `*_added`.\n");
    let _ = writeln!(t, "id = {}\nversion = {}\ntitle = {}", s(&card.id), card.version, s(&card.title));
    if !card.tagline.is_empty() {
        let _ = writeln!(t, "tagline = {}", s(&card.tagline));
    }
    let f = &card.framing;
    if !(f.really_about.is_empty() && f.not_about.is_empty() && f.why_hard.is_empty()) {
        let _ = writeln!(t, "\n[framing]");
        for (k, v) in
            [("really_about", &f.really_about), ("not_about", &f.not_about), ("why_hard", &f.why_hard)]
        {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
    }
    let dd = &card.decision;
    let _ = writeln!(t, "\n[decision]\nquestion = {}", s(&dd.question));
    for (k, v) in [("heuristic", &dd.heuristic), ("default_stance", &dd.default_stance)] {
        if !v.is_empty() {
            let _ = writeln!(t, "{k} = {}", s(v));
        }
    }
    let _ = writeln!(t, "default_option = {}", s(&dd.default_option));
    for o in &card.options {
        let _ = writeln!(t, "\n[[options]]\nid = {}\nname = {}", s(&o.id), s(&o.name));
        for (k, v) in [
            ("best_when", &o.best_when),
            ("real_world_fits", &o.real_world_fits),
            ("strengths", &o.strengths),
            ("costs", &o.costs),
            ("hidden_costs", &o.hidden_costs),
            ("failure_modes", &o.failure_modes),
            ("who_absorbs_cost", &o.who_absorbs_cost),
        ] {
            // The required lists are written even when empty, so the file says what is missing.
            if !v.is_empty() || matches!(k, "best_when" | "strengths" | "costs") {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
        if !o.over_time.is_empty() {
            let _ = writeln!(t, "over_time = {}", s(&o.over_time));
        }
        for i in &o.signals {
            let _ = writeln!(t, "\n[[options.signals]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
        }
    }
    let r = &card.reversibility;
    let _ = writeln!(t, "\n[reversibility]\nundo_cost = {}", s(&r.undo_cost));
    if r.undo_cost_added {
        let _ = writeln!(t, "undo_cost_added = true");
    }
    for i in &r.relook_triggers {
        let _ = writeln!(t, "\n[[reversibility.relook_triggers]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
    }
    for f in &card.factors {
        let _ = writeln!(t, "\n[[factors]]\nid = {}\nname = {}", s(&f.id), s(&f.name));
        if !f.prompt.is_empty() {
            let _ = writeln!(t, "prompt = {}", s(&f.prompt));
        }
        if f.prompt_added {
            let _ = writeln!(t, "prompt_added = true");
        }
        let _ = writeln!(t, "weight = {}", f.weight);
        if f.weight_added {
            let _ = writeln!(t, "weight_added = true");
        }
        if let Some(g) = &f.gate_for {
            let _ = writeln!(t, "gate_for = {}", s(g));
        }
    }
    for (table, items) in [("questions", &card.questions), ("evidence", &card.evidence)] {
        for i in items {
            let _ = writeln!(t, "\n[[{table}]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
        }
    }
    for (table, items) in
        [("bad_reasons", &card.pressures.bad_reasons), ("anti_patterns", &card.pressures.anti_patterns)]
    {
        for p in items {
            let _ = writeln!(
                t,
                "\n[[pressures.{table}]]\nid = {}\ntext = {}\nwhy = {}",
                s(&p.id),
                s(&p.text),
                s(&p.why)
            );
            if p.why_added {
                let _ = writeln!(t, "why_added = true");
            }
            let _ = writeln!(t, "favours = {}", s(&p.favours));
        }
    }
    let ai = &card.ai;
    if *ai != AiImpact::default() {
        let _ = writeln!(t, "\n[ai]");
        for (k, v) in [("helps", &ai.helps), ("worsens", &ai.worsens)] {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
        for (k, v) in [("false_confidence", &ai.false_confidence), ("synthesis", &ai.synthesis)] {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", s(v));
            }
        }
    }
    for r in &card.related {
        let _ = writeln!(t, "\n[[related]]\nkind = {}\ntitle = {}", s(&r.kind), s(&r.title));
        if r.title_added {
            let _ = writeln!(t, "title_added = true");
        }
        let _ = writeln!(t, "text = {}", s(&r.text));
    }
    let _ =
        writeln!(t, "\n[scoring]\nsignal_strength = {:?}\n\n[scoring.burden]", card.scoring.signal_strength);
    for (k, v) in &card.scoring.burden {
        let key = if k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            k.clone()
        } else {
            s(k)
        };
        let _ = writeln!(t, "{key} = {v:?}");
    }
    t
}
