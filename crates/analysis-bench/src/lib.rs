//! "What could change the answer" timed on its own, as WebAssembly in a browser: the
//! benchmark (`cargo xtask bench`, `e2e/bench.mjs`) builds this crate for
//! `wasm32-unknown-unknown` and times [`Analysis::step`] in headless Chromium, one call per
//! input, next to the card page's slider-to-verdict time. On the card page the analysis runs
//! in the same frame as the verdict, so that time cannot tell how much of it the analysis
//! takes; here it runs alone, on the card data and the words the page itself carries.
//!
//! It never ships: no page loads it, and the card page's WASM is built without it. It is a
//! crate of its own so that timing the analysis adds not one byte to the page's WASM.
//!
//! Each input is one edit a control of the card page makes ([`Edit`], through
//! [`Answers::apply`]), and each leaves the answers in a state that no earlier input left
//! them in, so no two timed calls analyse the same answers. The inputs go in rounds:
//!
//! - the factors in turn, each moved one slider step at a time to the end of its slider (the
//!   first time from the middle, every other factor the other way, then from end to end, back
//!   and forth);
//! - then one importance changed or one genuine signal ticked or unticked: the next step of a
//!   reflected Gray code over the importances and the signals, which never comes back to a
//!   combination it has had.
//!
//! A round keeps one combination of importances and signals and moves each slider one way
//! only, so its states differ from each other; no two rounds share a combination. That holds
//! for as many rounds as there are combinations (16,384 on the seed card, over 300,000 inputs).

use decision_core::answers::{Answers, Edit, STEPS};
use decision_core::card::{Card, MAX_WEIGHT};
use decision_core::lang::{self, Catalogue};
use decision_core::page_data;
use decision_core::sensitivity::{self, words, Sensitivity};
use wasm_bindgen::prelude::*;

/// A card and the answers after each input, ready to be analysed one input at a time.
#[wasm_bindgen]
pub struct Analysis {
    card: Card,
    states: Vec<Answers>,
}

#[wasm_bindgen]
impl Analysis {
    /// The card of `card` and the words of `words`, the card page's data blocks (`dc-data`
    /// and `dc-lang`) as the build wrote them, read and installed as the page does; and the
    /// answers after each of `inputs` inputs (see the crate's notes), made here so that only
    /// the analysis is timed.
    #[wasm_bindgen(constructor)]
    pub fn new(card: &str, words: &str, inputs: u32) -> Result<Analysis, String> {
        let catalogue = Catalogue::from_json(words).map_err(|e| format!("the words do not read: {e}"))?;
        lang::install(Box::leak(Box::new(catalogue)));
        let card = page_data::read_card(card).map_err(|e| format!("the card does not read: {e}"))?;
        let mut answers = Answers::default();
        let states = edits(&card, inputs as usize)
            .into_iter()
            .map(|edit| {
                answers.apply(edit);
                answers.clone()
            })
            .collect();
        Ok(Analysis { card, states })
    }

    /// The card's id.
    pub fn card(&self) -> String {
        self.card.id.clone()
    }

    /// How many inputs were made.
    pub fn inputs(&self) -> u32 {
        self.states.len() as u32
    }

    /// What the card page computes for "What could change the answer" after input `i`: the
    /// analysis of the answers and its words (`src/components/change.rs`). Returns a number
    /// made from both, so that neither is work the compiler could leave out. Panics (traps,
    /// in the browser) when `i` is not below [`Analysis::inputs`].
    pub fn step(&self, i: u32) -> u32 {
        let s = sensitivity::analyse(&self.card, &self.states[i as usize]);
        let panel = words::panel(&self.card, &s);
        digest(&s, &panel)
    }

    /// Whether, after input `i`, no single move changes the recommendation, so that the
    /// analysis searched pairs of moves: its costly case.
    pub fn searched_pairs(&self, i: u32) -> bool {
        sensitivity::analyse(&self.card, &self.states[i as usize]).changes.is_empty()
    }
}

/// The sizes of what the analysis found and the length of what the panel says.
fn digest(s: &Sensitivity, panel: &words::Panel) -> u32 {
    let said: usize = panel.lead.iter().chain(&panel.settled).chain(&panel.evidence).map(String::len).sum();
    let listed: usize = panel.changes.iter().map(|(text, moves)| text.len() + moves.len()).sum();
    (said + listed + s.changes.len() + s.pairs.len() + s.settled.len() + panel.more_pairs) as u32
}

/// An answer the Gray code steps through: a factor's importance or a genuine signal, by
/// index.
#[derive(Debug, Clone, Copy)]
enum Digit {
    Importance(usize),
    Signal(usize),
}

impl Digit {
    fn values(self) -> u8 {
        match self {
            Digit::Importance(_) => MAX_WEIGHT + 1,
            Digit::Signal(_) => 2,
        }
    }
}

/// The first `n` inputs on `card`, in the rounds the crate's notes describe.
fn edits(card: &Card, n: usize) -> Vec<Edit> {
    let signals: Vec<&str> = card.options.iter().flat_map(|o| &o.signals).map(|s| s.id.as_str()).collect();
    // Signals and importances alternate, so that the first rounds change both.
    let digits: Vec<Digit> = (0..signals.len().max(card.factors.len()))
        .flat_map(|i| {
            let signal = (i < signals.len()).then_some(Digit::Signal(i));
            let importance = (i < card.factors.len()).then_some(Digit::Importance(i));
            signal.into_iter().chain(importance)
        })
        .collect();
    let mut values = vec![0u8; digits.len()];
    let mut rising = vec![true; digits.len()];
    let mut positions = vec![0i8; card.factors.len()];
    let mut ends: Vec<i8> =
        (0..card.factors.len()).map(|k| if k % 2 == 0 { STEPS } else { -STEPS }).collect();
    let mut edits = Vec::with_capacity(n);
    while edits.len() < n {
        let before = edits.len();
        for (k, factor) in card.factors.iter().enumerate() {
            while positions[k] != ends[k] && edits.len() < n {
                positions[k] += ends[k].signum();
                edits.push(Edit::Position { factor: factor.id.clone(), position: positions[k] });
            }
            ends[k] = -ends[k];
        }
        if edits.len() < n {
            if let Some(j) = gray_step(&digits, &mut values, &mut rising) {
                edits.push(match digits[j] {
                    Digit::Importance(k) => {
                        let factor = &card.factors[k];
                        // Value 0 is the card's own importance, the one the page starts with.
                        let weight = (factor.weight + values[j]) % (MAX_WEIGHT + 1);
                        Edit::Weight { factor: factor.id.clone(), weight }
                    }
                    Digit::Signal(i) => Edit::Tick { id: signals[i].to_owned(), on: values[j] == 1 },
                });
            }
        }
        if edits.len() == before {
            // A card with no factor and no signal: nothing to move.
            break;
        }
    }
    edits
}

/// One step of the reflected mixed-radix Gray code: the lowest digit that can move on in its
/// direction does, and each lower one, at its end, turns round. The digit moved, or `None`
/// once every combination has been had.
fn gray_step(digits: &[Digit], values: &mut [u8], rising: &mut [bool]) -> Option<usize> {
    for (j, digit) in digits.iter().enumerate() {
        if rising[j] && values[j] + 1 < digit.values() {
            values[j] += 1;
            return Some(j);
        }
        if !rising[j] && values[j] > 0 {
            values[j] -= 1;
            return Some(j);
        }
        rising[j] = !rising[j];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use decision_core::authoring::{emit, load};
    use decision_core::lang::Page;
    use std::collections::BTreeSet;

    /// The seed card's data blocks, as the build writes them into its page.
    fn seed_page() -> (String, String) {
        let text = include_str!("../../../content/model-api-vs-self-hosted.toml");
        let (card, problems) = load::parse_card("model-api-vs-self-hosted.toml", text);
        let card = card.unwrap_or_else(|| panic!("the seed card does not load: {problems:?}"));
        (emit::card_json(&card), lang::english().for_page(Page::Card).to_json())
    }

    fn seed_card() -> Card {
        page_data::read_card(&seed_page().0).unwrap()
    }

    /// What the analysis reads of the answers: every slider, importance and genuine signal.
    fn seen(card: &Card, a: &Answers) -> (Vec<i8>, Vec<u8>, Vec<bool>) {
        let signals = card.options.iter().flat_map(|o| &o.signals).map(|s| a.is_ticked(&s.id)).collect();
        (
            card.factors.iter().map(|f| a.position(&f.id)).collect(),
            card.factors.iter().map(|f| a.weight_of(f)).collect(),
            signals,
        )
    }

    #[test]
    fn each_input_changes_one_answer_to_a_state_no_earlier_input_left() {
        let card = seed_card();
        let mut answers = Answers::default();
        let mut before = seen(&card, &answers);
        let mut states = BTreeSet::from([before.clone()]);
        for (i, edit) in edits(&card, 3_000).into_iter().enumerate() {
            answers.apply(edit.clone());
            let now = seen(&card, &answers);
            let sliders = now.0.iter().zip(&before.0).filter(|(a, b)| a != b).count();
            let steps: i32 =
                now.0.iter().zip(&before.0).map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs()).sum();
            let importances = now.1.iter().zip(&before.1).filter(|(a, b)| a != b).count();
            let signals = now.2.iter().zip(&before.2).filter(|(a, b)| a != b).count();
            assert_eq!(
                (sliders, importances, signals),
                match edit {
                    Edit::Position { .. } => (1, 0, 0),
                    Edit::Weight { .. } => (0, 1, 0),
                    _ => (0, 0, 1),
                },
                "input {i}: {edit:?}"
            );
            assert_eq!(steps, sliders as i32, "input {i}: a slider moves one step at a time");
            assert!(states.insert(now.clone()), "input {i} ({edit:?}) comes back to an earlier state");
            before = now;
        }
    }

    #[test]
    fn the_benchmark_s_inputs_move_every_slider_end_to_end_and_change_importances_and_signals() {
        // 20 to warm up and 200 timed: what `e2e/bench.mjs` asks for by default.
        let card = seed_card();
        let edits = edits(&card, 220);
        assert_eq!(edits.len(), 220);
        for factor in &card.factors {
            let positions: BTreeSet<i8> = edits
                .iter()
                .filter_map(|e| match e {
                    Edit::Position { factor: f, position } if *f == factor.id => Some(*position),
                    _ => None,
                })
                .collect();
            assert_eq!(positions, (-STEPS..=STEPS).collect(), "{}", factor.id);
        }
        assert!(edits.iter().any(|e| matches!(e, Edit::Weight { .. })));
        assert!(edits.iter().any(|e| matches!(e, Edit::Tick { on: true, .. })));
        assert!(edits.iter().any(|e| matches!(e, Edit::Tick { on: false, .. })));
    }

    #[test]
    fn every_input_is_analysed_and_said_and_the_costly_case_is_among_them() {
        let (card, words) = seed_page();
        let analysis = Analysis::new(&card, &words, 220).unwrap();
        assert_eq!((analysis.card().as_str(), analysis.inputs()), ("model-api-vs-self-hosted", 220));
        let digests: BTreeSet<u32> = (0..analysis.inputs()).map(|i| analysis.step(i)).collect();
        assert!(digests.len() > 10, "the analyses hardly differ: {digests:?}");
        let pairs = (0..analysis.inputs()).filter(|&i| analysis.searched_pairs(i)).count();
        assert!(pairs > 0 && pairs < 220, "{pairs} of 220 inputs searched pairs");
    }

    #[test]
    fn the_words_are_the_page_s_and_what_does_not_read_is_refused() {
        let (card, words) = seed_page();
        let analysis = Analysis::new(&card, &words, 1).unwrap();
        let s = sensitivity::analyse(&analysis.card, &analysis.states[0]);
        assert!(!words::panel(&analysis.card, &s).is_empty());
        assert!(Analysis::new("{}", &words, 1).is_err());
        assert!(Analysis::new(&card, "{}", 1).is_err());
    }
}
