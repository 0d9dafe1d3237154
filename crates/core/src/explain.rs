//! Words for the engine's numbers: slider steps, importance, and the verdict's explanation.
//!
//! The UI and the decision record both speak through this module, so the screen and the
//! exported record always say the same thing. The words are the card's language's
//! (`lang/<code>/verdict.toml`, [`crate::lang`]); numbers keep one format in every
//! language, since the same functions write the CSV exports and SVG sizes.

use crate::answers::{Answers, STEPS};
use crate::card::{Card, Side};
use crate::engine::{self, ConfidenceLevel, ContributionKind, Outcome, Strength, Verdict};
use crate::say;

crate::words!(Verdict:
    /// The verdict's words (`lang/<code>/verdict.toml`): importance levels, slider positions,
    /// strengths and confidence levels, and the sentences of the verdict and its flip point.
    pub enum VerdictWord {
        DecimalMark,
        Percent,
        WeightNone,
        WeightLow,
        WeightMedium,
        WeightHigh,
        Neutral,
        PointsClearlyTo,
        LeansTo,
        Slightly,
        Clearly,
        Strongly,
        ConfidenceLow,
        ConfidenceMedium,
        ConfidenceHigh,
        NotClearYetHeadline,
        NotClearYetQualifier,
        DefaultConfirmedHeadline,
        DefaultConfirmedQualifier,
        SwitchHeadline,
        SwitchQualifier,
        GatedHeadline,
        GatedQualifier,
        SignalLabel,
        FlipChange,
        FlipSwitch,
        FlipGated,
        FlipNotClearYet,
        FlipDefaultConfirmed,
        GateSentence,
        Quoted,
        QuotedSeparator,
        PitfallSentence,
        AmountToward,
    }
);

use VerdictWord as W;

/// The words for each importance level, `0..=MAX_WEIGHT`.
const WEIGHT_WORDS: [W; 4] = [W::WeightNone, W::WeightLow, W::WeightMedium, W::WeightHigh];

/// Words for an importance level ("Not relevant", "Low", "Medium", "High").
pub fn weight_words(weight: u8) -> &'static str {
    say!(WEIGHT_WORDS[usize::from(weight).min(WEIGHT_WORDS.len() - 1)])
}

/// Words for a slider position, naming the option it points to.
pub fn position_words(card: &Card, position: i8) -> String {
    let position = position.clamp(-STEPS, STEPS);
    let side = if position < 0 { Side::A } else { Side::B };
    let name = &card.option(side).name;
    match position {
        0 => say!(W::Neutral).to_string(),
        p if p.abs() == STEPS => say!(W::PointsClearlyTo, name = name),
        _ => say!(W::LeansTo, name = name),
    }
}

/// "Option A" / "Option B".
pub fn option_letter(side: Side) -> &'static str {
    crate::sections::option_label(side)
}

pub fn strength_words(strength: Strength) -> &'static str {
    say!(match strength {
        Strength::Slightly => W::Slightly,
        Strength::Clearly => W::Clearly,
        Strength::Strongly => W::Strongly,
    })
}

pub fn confidence_words(level: ConfidenceLevel) -> &'static str {
    say!(match level {
        ConfidenceLevel::Low => W::ConfidenceLow,
        ConfidenceLevel::Medium => W::ConfidenceMedium,
        ConfidenceLevel::High => W::ConfidenceHigh,
    })
}

/// The verdict as a headline and a one-line qualifier.
pub fn headline(card: &Card, verdict: &Verdict) -> (String, String) {
    let name = |side: Side| card.option(side).name.as_str();
    let default = name(card.default_side());
    let other = name(card.default_side().other());
    let strength = strength_words(verdict.strength);
    match verdict.outcome {
        Outcome::NotClearYet => {
            (say!(W::NotClearYetHeadline, default = default), say!(W::NotClearYetQualifier, other = other))
        }
        Outcome::DefaultConfirmed => (
            say!(W::DefaultConfirmedHeadline, default = default),
            say!(W::DefaultConfirmedQualifier, strength = strength, default = default),
        ),
        Outcome::Switch => (
            say!(W::SwitchHeadline, other = other),
            say!(W::SwitchQualifier, strength = strength, default = default),
        ),
        Outcome::Gated => {
            (say!(W::GatedHeadline, other = other), say!(W::GatedQualifier, other = other, default = default))
        }
    }
}

/// A contribution in words: the factor's name, or "Signal: " and the signal's text.
pub fn contribution_label(card: &Card, kind: ContributionKind, id: &str) -> String {
    match kind {
        ContributionKind::Factor => card.factor(id).map_or_else(|| id.to_string(), |f| f.name.clone()),
        ContributionKind::Signal => card
            .signals()
            .find(|(_, s)| s.id == id)
            .map_or_else(|| id.to_string(), |(_, s)| say!(W::SignalLabel, text = s.text)),
    }
}

/// The sentence about the flip point of `answers` ([`engine::flip`]), if there is one: what
/// would then be recommended, and why; `None` too for a factor the card does not name.
pub fn flip_sentence(card: &Card, answers: &Answers) -> Option<String> {
    let flip = engine::flip(card, answers)?;
    let factor = card.factor(&flip.factor)?;
    let name = card.option(flip.recommends).name.as_str();
    let other = card.option(flip.recommends.other()).name.as_str();
    let points_to = card.option(flip.points_to).name.as_str();
    let change =
        say!(W::FlipChange, factor = factor.name, position = lower_first(&position_words(card, flip.to)));
    Some(match flip.outcome {
        Outcome::Switch => say!(W::FlipSwitch, name = name, change = change),
        Outcome::Gated => say!(W::FlipGated, name = name, change = change, points_to = points_to),
        Outcome::NotClearYet => say!(W::FlipNotClearYet, name = name, other = other, change = change),
        Outcome::DefaultConfirmed => say!(W::FlipDefaultConfirmed, name = name, change = change),
    })
}

/// The capability-gap sentence for a gated verdict.
pub fn gate_sentence(card: &Card, verdict: &Verdict) -> Option<String> {
    let factor = card.factor(verdict.gate.as_deref()?)?;
    Some(say!(
        W::GateSentence,
        factor = factor.name,
        option = card.option(verdict.points_to).name,
        prompt = factor.prompt
    ))
}

/// The warning when a case rests mostly on reasons the card sets aside.
pub fn pitfall_sentence(card: &Card, verdict: &Verdict) -> Option<String> {
    let side = card.option(verdict.rests_on_pitfalls?);
    let names: Vec<String> = card
        .pitfalls()
        .filter(|p| p.favours == side.id && verdict.warnings.contains(&p.id))
        .map(|p| quoted(&p.text))
        .collect();
    Some(say!(W::PitfallSentence, option = side.name, reasons = names.join(say!(W::QuotedSeparator))))
}

/// `text` between the language's quotation marks.
pub fn quoted(text: &str) -> String {
    say!(W::Quoted, text = text)
}

/// "Points clearly to Model API" → "points clearly to Model API", "Élevée" → "élevée":
/// the rest keeps its case (option names). Only the letters the tool's languages start a
/// word with change ([`small_letter`]): Unicode `to_lowercase` would bring in its case
/// tables (about 30 KB of WASM, docs/performance.md).
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| small_letter(c).to_string() + chars.as_str())
}

/// "points clearly" → "Points clearly", "élevée" → "Élevée": the reverse of [`lower_first`],
/// for the same letters.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| capital_letter(c).to_string() + chars.as_str())
}

/// A capital letter as a small one: ASCII, the Latin-1 capitals (À to Þ, but ×) and Œ;
/// any other character as it is.
pub fn small_letter(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Œ' => 'œ',
        _ => c,
    }
}

/// A small letter as a capital: the reverse of [`small_letter`] (ß and ÿ have no Latin-1
/// capital, and stay).
pub fn capital_letter(c: char) -> char {
    match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' => char::from_u32(c as u32 - 32).unwrap_or(c),
        'œ' => 'Œ',
        _ => c,
    }
}

/// A signed amount in words: "+3.0 toward Self-Hosted Model".
pub fn amount_words(card: &Card, amount: f64) -> String {
    let side = if amount < 0.0 { Side::A } else { Side::B };
    say!(W::AmountToward, amount = number(amount.abs(), 1), option = card.option(side).name)
}

/// `x` with `places` decimals, without the standard float formatter: its tables and
/// algorithms are some 20 KB of WASM, for the few numbers the screen shows. Rounds half to
/// even on `x × 10^places`, which gives what `format!("{:.N}")` gives for the numbers of a
/// verdict (sums of halves and card numbers, shares of the evidence, spreads); a number so
/// large that the scaling itself rounds may differ in its last digit. Anything beyond
/// ±9×10^15 is shown at that bound.
pub fn decimal(x: f64, places: u8) -> String {
    let places = places.min(6);
    let scale = 10i64.pow(u32::from(places));
    let scaled = if x.is_nan() { 0.0 } else { (x * scale as f64).round_ties_even().clamp(-9e15, 9e15) };
    let scaled = scaled as i64;
    let mut out = String::new();
    if scaled < 0 {
        out.push('-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = scale as u64;
    out.push_str(&(magnitude / scale).to_string());
    if places > 0 {
        let fraction = (magnitude % scale).to_string();
        out.push('.');
        for _ in fraction.len()..usize::from(places) {
            out.push('0');
        }
        out.push_str(&fraction);
    }
    out
}

/// `x` with an explicit sign ("+1.5", "-0.5", "+0.0"), as `format!("{:+.N}")`.
pub fn signed_decimal(x: f64, places: u8) -> String {
    let text = decimal(x, places);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// A number as the page's language writes it: [`decimal`] with the language's decimal mark
/// ("3.0", "3,0"). What machines read (the CSV, SVG attributes) keeps [`decimal`].
pub fn number(x: f64, places: u8) -> String {
    let text = decimal(x, places);
    match say!(W::DecimalMark) {
        "." | "" => text,
        mark => text.replace('.', mark),
    }
}

/// [`number`] with an explicit sign, as [`signed_decimal`] gives it.
pub fn signed_number(x: f64, places: u8) -> String {
    let text = number(x, places);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// A share 0..=1 as a whole percentage in the page's language: "62%" for 0.625 ("62 %" in
/// French), rounded like `format!("{:.0}%")`.
pub fn percent(fraction: f64) -> String {
    say!(W::Percent, n = decimal(fraction * 100.0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_the_standard_formatter_writes_them() {
        let cases =
            [0.0, 0.5, 1.0, 2.5, -1.5, 3.25, 0.125, 62.5, 37.5, 12.5, 87.5, 99.95, 7.25, -0.04, 1.0 / 3.0];
        for x in cases.into_iter().chain([2.0f64.sqrt(), 0.5f64.sqrt()]) {
            for places in 0..=3u8 {
                let expected = format!("{x:.*}", usize::from(places));
                // `format!` keeps the sign of a negative zero ("-0.0"); the screen has no use for it.
                let negative_zero =
                    expected.starts_with('-') && expected[1..].bytes().all(|b| b == b'0' || b == b'.');
                let expected = if negative_zero { expected[1..].to_string() } else { expected };
                assert_eq!(decimal(x, places), expected, "{x} to {places} places");
            }
        }
        assert_eq!(signed_decimal(1.5, 1), "+1.5");
        assert_eq!(signed_decimal(-0.5, 1), "-0.5");
        assert_eq!(percent(0.625), "62%");
        assert_eq!(percent(0.375), "38%");
        assert_eq!(decimal(f64::NAN, 1), "0.0");
    }
}
