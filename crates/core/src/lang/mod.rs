//! The tool's own words, in the card's language: every heading, label and sentence the
//! tool writes around a card comes from a catalogue (`lang/<code>/<area>.toml` at the
//! workspace root, docs/languages.md), never from a literal in the code.
//!
//! Each area of the tool names its words with an enum made by [`crate::words!`] (the card
//! template's headings are [`crate::sections::SectionWord`], say). The code says
//! `say!(SectionWord::KeyFactors)`; the words come from the catalogue installed for the
//! page ([`install`]). The build checks every catalogue against English (the same words,
//! the same `{placeholders}`, see [`check`]) and writes the page's catalogue into the page
//! as data ([`Catalogue::to_json`]); the WASM reads it from there ([`Catalogue::from_json`]).
//! So the WASM carries no sentence of any language: only the words' positions, which is
//! what an enum is. Natively (the build, the tests), English is there when nothing else
//! was installed.
//!
//! Plurals: a word used with a count is written `one form|other form`; the language's
//! `Singular` (in its `language.toml`) lists the counts that take the first form
//! (English `1`, French `0 1`).

use crate::json::{self, At, Json, ObjectWriter, ShapeError};
use std::cell::Cell;
use std::fmt::{Display, Write as _};

mod areas;
pub mod card_page;
pub mod drafts;
pub mod failure;
pub mod library_page;
pub mod record_page;
pub mod shell;
pub mod verdict_page;
pub mod workshop_page;

pub use areas::{Area, Page, AREAS};

/// The id of the data block that carries the page's catalogue.
pub const LANG_ID: &str = "dc-lang";

/// One area's words: made by [`crate::words!`].
pub trait Words: Copy {
    const AREA: Area;
    /// The words' names, as the catalogue files spell them, in the enum's order.
    const NAMES: &'static [&'static str];
    fn index(self) -> usize;
}

/// Declares an area's words: an enum whose variants are the names the catalogue files use.
///
/// ```ignore
/// words!(Sections: pub enum SectionWord { KeyFactors, Evidence });
/// ```
#[macro_export]
macro_rules! words {
    ($area:ident : $(#[$meta:meta])* $vis:vis enum $name:ident { $($word:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name { $($word),* }

        impl $crate::lang::Words for $name {
            const AREA: $crate::lang::Area = $crate::lang::Area::$area;
            const NAMES: &'static [&'static str] = &[$(stringify!($word)),*];
            #[inline(always)]
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// A word of the installed catalogue: `say!(W::X)` is its text (`&'static str`);
/// `say!(W::X, name = value, …)` fills its `{name}` placeholders (a `String`).
#[macro_export]
macro_rules! say {
    ($word:expr) => {
        $crate::lang::text($word)
    };
    ($word:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::lang::fill($crate::lang::text($word), &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// A word with a count: the form for `$n` (see the module's notes on plurals), with `{n}`
/// and any other placeholders filled.
#[macro_export]
macro_rules! say_n {
    ($n:expr, $word:expr $(, $name:ident = $value:expr)* $(,)?) => {{
        let n: usize = $n;
        $crate::lang::fill(
            $crate::lang::form($crate::lang::text($word), n),
            &[("n", &n as &dyn ::std::fmt::Display) $(, (stringify!($name), &$value as &dyn ::std::fmt::Display))*],
        )
    }};
}

/// The words of one language, for every area, in the order of [`AREAS`] and of each area's
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// The language's code, as the page's `lang` says it (`en`, `fr`).
    pub code: String,
    /// The counts that take a word's first (singular) form.
    pub singular: Vec<u64>,
    pub areas: Vec<Vec<String>>,
}

/// What is called with an area's and a word's position when the page lacks the word.
pub type MissingWord = fn(usize, usize);

thread_local! {
    static CURRENT: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
    static ON_MISSING: Cell<Option<MissingWord>> = const { Cell::new(None) };
}

/// Called with the area's and the word's position when a word is asked for that the
/// installed catalogue does not carry (a page carries only its own areas,
/// [`Catalogue::for_page`]): the app reports it, so that a test sees a word that would
/// otherwise be an empty string on the page.
pub fn on_missing(report: MissingWord) {
    ON_MISSING.with(|hook| hook.set(Some(report)));
}

/// Makes `catalogue` the one [`crate::say!`] reads on this thread, for the rest of its life (a
/// page has one language; the build installs each card's in turn).
pub fn install(catalogue: &'static Catalogue) {
    CURRENT.with(|c| c.set(Some(catalogue)));
}

/// The installed catalogue; natively, English when none was installed.
pub fn current() -> Option<&'static Catalogue> {
    let installed = CURRENT.with(Cell::get);
    #[cfg(not(target_arch = "wasm32"))]
    let installed = installed.or_else(|| Some(english()));
    installed
}

/// The language [`crate::say!`] speaks (`en` before a catalogue is installed).
pub fn code() -> &'static str {
    current().map_or("en", |c| c.code.as_str())
}

/// A word's text in the installed catalogue; empty when the catalogue lacks it (a page
/// whose words were cut off says less, it does not stop).
#[inline(always)]
pub fn text<W: Words>(word: W) -> &'static str {
    word_at(W::AREA as usize, word.index())
}

/// The one body behind every [`text`]: a call per word, not the lookup inlined at each of
/// the hundreds of places a word is said (kilobytes of WASM).
#[inline(never)]
fn word_at(area: usize, index: usize) -> &'static str {
    match current().and_then(|c| c.get(area, index)) {
        Some(word) => word,
        None => {
            if let Some(report) = ON_MISSING.with(Cell::get) {
                report(area, index);
            }
            ""
        }
    }
}

/// The form of a `one|other` word for `n`.
#[inline(never)]
pub fn form(text: &str, n: usize) -> &str {
    let (one, other) = text.split_once('|').unwrap_or((text, text));
    let singular = current().map_or(n == 1, |c| c.singular.contains(&(n as u64)));
    if singular {
        one
    } else {
        other
    }
}

/// `text` with each `{name}` replaced by its value; a placeholder with no value is kept as
/// written, so a mistake shows on the page instead of vanishing.
#[inline(never)]
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, value)| (value, close))
        });
        match value {
            Some((value, close)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholders}` of a text, in order of first use.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !names.contains(&name)
            {
                names.push(name);
            }
            rest = &rest[close + 1..];
        }
    }
    names
}

impl Catalogue {
    /// A word's text in this catalogue, whichever is installed; empty when it lacks the word.
    pub fn word<W: Words>(&self, word: W) -> &str {
        self.get(W::AREA as usize, word.index()).unwrap_or("")
    }

    /// The word at its area's and its own position, if this catalogue carries it.
    fn get(&self, area: usize, index: usize) -> Option<&str> {
        self.areas.get(area).and_then(|words| words.get(index)).map(String::as_str)
    }

    /// The catalogue as a page of this kind carries it: its areas' words, and none of the
    /// others (their lists empty).
    pub fn for_page(&self, page: Page) -> Catalogue {
        let areas = Area::ALL
            .iter()
            .zip(&self.areas)
            .map(|(area, words)| if page.speaks(*area) { words.clone() } else { Vec::new() })
            .collect();
        Catalogue { code: self.code.clone(), singular: self.singular.clone(), areas }
    }

    /// The catalogue as the page carries it: `{"lang":"fr","singular":[0,1],"words":[[…],…]}`,
    /// safe inside `<script type="application/json">`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        json::write_string(object.key("lang"), &self.code);
        json::write_list(object.key("singular"), &self.singular, |out, n| {
            let _ = write!(out, "{n}");
        });
        json::write_list(object.key("words"), &self.areas, |out, area| {
            json::write_strings(out, area.iter().map(String::as_str))
        });
        object.end();
        out.replace('<', "\\u003c")
    }

    /// Reads what [`Catalogue::to_json`] wrote.
    pub fn from_json(text: &str) -> Result<Catalogue, crate::page_data::DataError> {
        let value: Json = json::parse(text).map_err(crate::page_data::DataError::NotJson)?;
        let top = At::top(&value);
        let singular = top
            .field("singular")?
            .items()?
            .map(|n| n.whole(0, i64::MAX).map(|n| n as u64))
            .collect::<Result<_, ShapeError>>()?;
        let areas = top
            .field("words")?
            .items()?
            .map(|a| a.items()?.map(|w| w.text()).collect())
            .collect::<Result<_, _>>()?;
        Ok(Catalogue { code: top.text_of("lang")?, singular, areas })
    }
}

/// English, as the catalogue files of `lang/en/` say it: what native code speaks when no
/// catalogue was installed, and what every other catalogue is checked against. (The WASM
/// never calls it, so its words are not in the WASM.)
pub fn english() -> &'static Catalogue {
    static ENGLISH: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| {
        let files = areas::english_files();
        match parse("en", &files) {
            Ok(catalogue) => catalogue,
            Err(problems) => panic!("lang/en does not read: {}", problems.join("; ")),
        }
    })
}

/// One catalogue file: the area's name and its text.
pub type File<'a> = (&'a str, &'a str);

/// Reads a language's files (`language.toml` under the name `language`, and one per area)
/// into a catalogue; every problem, each with its file and line.
///
/// The files are TOML, one `Name = "text"` per line (`#` starts a comment): the subset a
/// translator needs, read without a TOML parser (a test checks that the `toml` crate reads
/// every catalogue the same).
pub fn parse(code: &str, files: &[File]) -> Result<Catalogue, Vec<String>> {
    let mut problems = Vec::new();
    let mut singular = Vec::new();
    match files.iter().find(|(name, _)| *name == "language") {
        None => problems.push(format!("lang/{code}/language.toml is missing")),
        Some((_, text)) => {
            for (line, key, value) in entries(code, "language", text, &mut problems) {
                match key {
                    "Singular" => {
                        for n in value.split_whitespace() {
                            match n.parse() {
                                Ok(n) => singular.push(n),
                                Err(_) => problems.push(format!(
                                    "lang/{code}/language.toml:{line}: Singular lists counts, such as \"0 1\"; \"{n}\" is not one"
                                )),
                            }
                        }
                    }
                    "Name" => {}
                    other => {
                        problems.push(format!("lang/{code}/language.toml:{line}: unknown entry {other}"))
                    }
                }
            }
        }
    }
    let mut areas = Vec::new();
    for (area, names) in AREAS {
        let mut words = vec![None; names.len()];
        match files.iter().find(|(name, _)| name == area) {
            None => problems.push(format!("lang/{code}/{area}.toml is missing")),
            Some((_, text)) => {
                for (line, key, value) in entries(code, area, text, &mut problems) {
                    match names.iter().position(|n| *n == key) {
                        Some(i) if words[i].is_some() => {
                            problems.push(format!("lang/{code}/{area}.toml:{line}: {key} is written twice"))
                        }
                        Some(i) => words[i] = Some(value),
                        None => problems.push(format!(
                            "lang/{code}/{area}.toml:{line}: {key} is not a word of the tool (a word renamed or removed?)"
                        )),
                    }
                }
            }
        }
        let missing: Vec<&str> =
            names.iter().zip(&words).filter(|(_, w)| w.is_none()).map(|(n, _)| *n).collect();
        if !missing.is_empty() && files.iter().any(|(name, _)| name == area) {
            problems.push(format!("lang/{code}/{area}.toml lacks {}", missing.join(", ")));
        }
        areas.push(words.into_iter().map(Option::unwrap_or_default).collect());
    }
    if problems.is_empty() {
        Ok(Catalogue { code: code.to_owned(), singular, areas })
    } else {
        Err(problems)
    }
}

/// The `(line, name, text)` entries of a catalogue file.
fn entries<'t>(
    code: &str,
    area: &str,
    text: &'t str,
    problems: &mut Vec<String>,
) -> Vec<(usize, &'t str, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = line.split_once('=').and_then(|(key, value)| {
            let key = key.trim();
            let valid = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            match json::parse(value.trim()) {
                Ok(Json::String(value)) if valid => Some((key, value)),
                _ => None,
            }
        });
        match parsed {
            Some((key, value)) => out.push((line_no, key, value)),
            None => problems.push(format!(
                "lang/{code}/{area}.toml:{line_no}: expected Name = \"text\" (one line, in double quotes)"
            )),
        }
    }
    out
}

/// What is wrong with `other` measured against English: a word whose `{placeholders}` differ,
/// or that has a plural form where English has none (or the reverse).
pub fn check(other: &Catalogue) -> Vec<String> {
    let english = english();
    let mut problems = Vec::new();
    for (((area, names), theirs), ours) in AREAS.iter().zip(&other.areas).zip(&english.areas) {
        for ((name, theirs), ours) in names.iter().zip(theirs).zip(ours) {
            let mut want = placeholders(ours);
            let mut have = placeholders(theirs);
            crate::sort::sort(&mut want);
            crate::sort::sort(&mut have);
            if want != have {
                problems.push(format!(
                    "lang/{}/{area}.toml: {name} has the placeholders {{{}}}, English has {{{}}}",
                    other.code,
                    have.join("}, {"),
                    want.join("}, {")
                ));
            }
            if ours.contains('|') != theirs.contains('|') {
                problems.push(format!(
                    "lang/{}/{area}.toml: {name} must have a singular and a plural form written `one|other` where English has them, and only there",
                    other.code
                ));
            }
        }
    }
    problems
}
