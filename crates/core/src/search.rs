//! The library's search: what a reader types is folded the way each card's search text was
//! at build time (lowercase ASCII, accents off: "Réplique" finds "replique"), and a card
//! matches when its text holds every word typed.
//!
//! **Size**: the cards' texts are transliterated at build time (`deunicode`, feature
//! `authoring`); what is typed is folded here with a table of the Latin letters of U+00C0 to
//! U+017F, 192 short strings, instead of Unicode's tables. A test checks that both fold every
//! letter of that range alike. Other letters are kept as they are: a card's search text holds
//! its words folded both ways, so a query in another script finds them too.

/// What each character from U+00C0 to U+017F folds to; empty for the two signs in the range
/// (× and ÷), which separate words.
const LATIN: &str = "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|ng|ng|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s";

/// The first character [`LATIN`] covers.
const FIRST: u32 = 0xC0;

/// `text` folded for searching: ASCII letters and digits lowercased, the Latin letters of
/// U+00C0 to U+017F without their accents, other ASCII and white space a space, the rest as
/// it is.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(folded) =
            (c as u32).checked_sub(FIRST).and_then(|i| LATIN.split('|').nth(i as usize))
        {
            out.push_str(if folded.is_empty() { " " } else { folded });
        } else if c.is_ascii() || c.is_whitespace() {
            out.push(' ');
        } else {
            // Another script's letter, or a sign: kept (Unicode's letter tables cost WASM).
            out.push(c);
        }
    }
    out
}

/// Whether a card's search text (folded at build time) holds every word of `query`.
pub fn matches(search: &str, query: &str) -> bool {
    fold(query).split_whitespace().all(|word| search.contains(word))
}
