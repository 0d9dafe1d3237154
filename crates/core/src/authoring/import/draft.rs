//! Drafting what the text cannot give: ids slugged from the text, weights, prompts, a bad
//! reason's `why` and the option it favours, the factors each evidence item informs, the
//! default option and the engine's numbers, each guess listed for review.

use super::*;
use crate::lang::drafts::DraftWord;
use crate::say;

/// Drafts what the text cannot give, and lists each guess.
pub(super) fn finish(d: Draft) -> (Card, Vec<String>) {
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
            signals: d.signals[i].iter().map(|t| Item::new(ids.make("signal", t), t.clone())).collect(),
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

    let moderate = say!(DraftWord::UndoModerate);
    let undo_cost = if d.undo_cost.is_empty() {
        review.push(format!("reversibility.undo_cost: the text gives none; \u{201c}{moderate}\u{201d} was put in (undo_cost_added)"));
        moderate.to_owned()
    } else {
        d.undo_cost.clone()
    };
    let mut burden: BTreeMap<String, f64> =
        DEFAULT_BURDEN.iter().map(|(k, v)| (say!(*k).to_owned(), *v)).collect();
    if !burden.contains_key(&undo_cost) {
        burden.insert(undo_cost.clone(), 3.0);
        review.push(format!("scoring.burden: \u{201c}{undo_cost}\u{201d} is not one of the usual undo costs; it was given the burden of \u{201c}{moderate}\u{201d} (3.0)"));
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

    let factors: Vec<Factor> = d
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
            // In the card's language (the catalogue installed for the import).
            let ask =
                question.clone().unwrap_or_else(|| say!(DraftWord::WhereDoesItPoint, factor = lower_first(name)));
            let side = |i: usize| toward[i].clone().unwrap_or_else(|| say!(DraftWord::PointsTo, option = d.names[i]));
            let prompt = say!(DraftWord::Prompt, ask = ask, a = side(0), b = side(1));
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
            why: why.map_or_else(|| say!(DraftWord::NoBearing).to_owned(), |s| (*s).clone()),
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
            Related { kind: kind.clone(), title, title_added: lost, text: text.clone(), card: String::new() }
        })
        .collect();

    // Ids are made in the order of the card's sections, so the same text keeps its ids.
    let relook_triggers = d.triggers.iter().map(|t| Item::new(ids.make("trigger", t), t.clone())).collect();
    let questions = d.questions.iter().map(|t| Item::new(ids.make("question", t), t.clone())).collect();
    let evidence = d
        .evidence
        .iter()
        .map(|text| {
            let item = Item::new(ids.make("evidence", text), text.clone());
            let informed: Vec<&Factor> = factors.iter().filter(|f| shared_words(text, &f.name) > 0).collect();
            review.push(informs_review(text, &informed));
            Item {
                informs: informed.iter().map(|f| f.id.clone()).collect(),
                informs_added: !informed.is_empty(),
                ..item
            }
        })
        .collect();

    let card = Card {
        group: String::new(),
        lang: crate::lang::code().to_owned(),
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
            relook_triggers,
            revisit_after: None,
        },
        factors,
        questions,
        evidence,
        pressures: Pressures { bad_reasons, anti_patterns },
        ai: d.ai.clone(),
        related,
        scoring: Scoring { signal_strength: 1.0, burden },
        named_by: Vec::new(),
        options,
    };
    (card, review)
}

/// The review line of an evidence item's drafted links: an item informs the factors whose
/// names it shares a word with ("Latency requirements" informs Latency); one that names
/// none is left unlinked, for the author to link if it bears on a factor.
fn informs_review(text: &str, informed: &[&Factor]) -> String {
    if informed.is_empty() {
        return format!(
            "evidence \u{201c}{text}\u{201d}: names no factor, so it informs none; add `informs` if it helps answer one"
        );
    }
    let names: Vec<String> = informed.iter().map(|f| format!("\u{201c}{}\u{201d}", f.name)).collect();
    format!(
        "evidence \u{201c}{text}\u{201d}: informs {}, drafted from the factor names it shares (informs_added)",
        names.join(", ")
    )
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
/// Letters of any script are transliterated first (`réplique` → `replique`, `Fraîcheur` →
/// `fraicheur`, `Москва` → `moskva`), so an id stays readable in addresses and file names;
/// what has no Latin form is left out (an empty slug is for the caller to refuse).
pub fn slug(text: &str, max: usize) -> String {
    let text = crate::authoring::fold(text);
    let mut out = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.truncate(max);
    out.trim_end_matches('-').to_owned()
}

/// The words of a text worth comparing: three letters or more, lowercase ASCII, accents
/// ignored ("coût" and "Cout" are one word).
fn words(s: &str) -> Vec<String> {
    crate::authoring::fold(s).split(' ').filter(|w| w.len() >= 3).map(|w| w.to_ascii_lowercase()).collect()
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
