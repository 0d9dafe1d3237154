//! Build-time authoring (feature `authoring`): reading card files with every problem at
//! once ([`load`]), writing cards as the JSON pages carry ([`emit`]), and importing cards
//! from the plain-text format teams keep them in ([`import`]). Nothing here ships in the
//! WASM.

pub mod emit;
pub mod import;
pub mod languages;
pub mod load;

/// `text` in lowercase ASCII words: every letter of any script transliterated (`deunicode`),
/// every run of anything else one space. Ids, the words compared when drafting, and the
/// library's search text all come from it.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, " ").to_ascii_lowercase();
    ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}
