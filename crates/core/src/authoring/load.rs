//! Card files in: reads every `content/*.toml`, parses and validates each card, and reports
//! **every** problem of every file in one run, each with its file, line and field path.
//!
//! A file that is not TOML stops at its syntax error (nothing after it can be trusted). A
//! file that is TOML but not a card (an unknown field, a value of the wrong type) is read on:
//! the offending value is reported and left out, and reading starts again, so several such
//! problems come out together; a missing required field ends the reading of that file. A
//! card that reads is then validated ([`crate::validate`]), which reports all its problems.
//! Warnings never stop the build.

use crate::card::{Card, CardRef};
use crate::validate::{self, Severity};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The card the library lists first. The others follow in file-name order.
pub const FIRST_CARD_FILE: &str = "model-api-vs-self-hosted.toml";

/// How many wrong values of one file are reported before giving up on it.
const MAX_READ_PROBLEMS: usize = 50;

/// One problem found in a card file, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file, relative to the content root's parent (`content/x.toml`).
    pub file: String,
    /// 1-based line, when the problem is at a place in the file.
    pub line: Option<usize>,
    /// The field path (`factors[1].weight`); empty for the file as a whole.
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}: {}", self.severity, self.message)
    }
}

/// What reading the content folder found: the cards that can be built, and every problem.
#[derive(Debug, Default)]
pub struct Report {
    pub cards: Vec<Card>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// The `*.toml` files of `dir`: the first card first, then the rest by file name, so the
/// library's order does not depend on the file system.
#[allow(clippy::disallowed_methods)] // build time only: no WASM size at stake
pub fn card_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort_by_key(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (name != FIRST_CARD_FILE, name)
    });
    Ok(files)
}

/// Reads and checks every card file of `dir`; file names in messages are relative to
/// `root`. Card ids must be unique across files, and the folder must hold at least one card.
/// The cards' related decisions are linked to the library's cards they name
/// ([`link_library`]); one whose `card` names no card of the library is an error.
/// The library's ids for a message: all of a small library, the first ten of a large one
/// and how many more.
fn some_ids(cards: &[Card]) -> String {
    const SHOWN: usize = 10;
    let ids: Vec<&str> = cards.iter().take(SHOWN).map(|c| c.id.as_str()).collect();
    match cards.len().saturating_sub(SHOWN) {
        0 => ids.join(", "),
        more => format!("{}, and {more} more", ids.join(", ")),
    }
}

pub fn load_dir(root: &Path, dir: &Path) -> Report {
    let mut report = Report::default();
    let display = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let files = match card_files(dir) {
        Ok(files) => files,
        Err(e) => {
            report.diagnostics.push(file_problem(&display(dir), format!("cannot list the card files: {e}")));
            return report;
        }
    };
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for file in &files {
        let name = display(file);
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                report.diagnostics.push(file_problem(&name, format!("cannot read: {e}")));
                continue;
            }
        };
        let (card, mut diagnostics) = parse_card(&name, &text);
        report.diagnostics.append(&mut diagnostics);
        if let Some(card) = card {
            if let Some(other) = seen.get(&card.id) {
                report.diagnostics.push(Diagnostic {
                    file: name.clone(),
                    line: line_of_path(&text, "id"),
                    path: "id".into(),
                    severity: Severity::Error,
                    message: format!("card id `{}` is already used by {other}", card.id),
                });
            } else {
                seen.insert(card.id.clone(), name.clone());
                report.cards.push(card);
                texts.push((name, text));
            }
        }
    }
    for (c, r) in link_library(&mut report.cards) {
        let (file, text) = &texts[c];
        let path = format!("related[{r}].card");
        report.diagnostics.push(Diagnostic {
            file: file.clone(),
            line: line_of_path(text, &path),
            message: format!(
                "names the card `{}`, which is not in the library (its ids: {})",
                report.cards[c].related[r].card,
                some_ids(&report.cards)
            ),
            path,
            severity: Severity::Error,
        });
    }
    if files.is_empty() {
        report.diagnostics.push(file_problem(
            &display(dir),
            "no card files (*.toml) found; the app needs at least one".into(),
        ));
    }
    report
}

/// Links the library's cards to each other: a related decision without a `card` that has a
/// library card's id, or its title (accents, case and punctuation aside), as its title gets
/// that card's id; each card learns which cards name it (`named_by`, in library order).
/// Returns, as (card, related item) places, every `card` written by hand that names no card
/// of the library, or the card itself.
pub fn link_library(cards: &mut [Card]) -> Vec<(usize, usize)> {
    let keys: Vec<(String, String)> = cards.iter().map(|c| (c.id.clone(), super::fold(&c.title))).collect();
    let mut unknown = Vec::new();
    for (i, card) in cards.iter_mut().enumerate() {
        for (r, related) in card.related.iter_mut().enumerate() {
            if related.card.is_empty() {
                let title = super::fold(&related.title);
                let named = keys
                    .iter()
                    .enumerate()
                    .find(|(j, (id, t))| *j != i && (related.title == *id || title == *t));
                if let Some((_, (id, _))) = named {
                    related.card = id.clone();
                }
            } else if !keys.iter().enumerate().any(|(j, (id, _))| j != i && *id == related.card) {
                unknown.push((i, r));
            }
        }
    }
    let refs: Vec<CardRef> = cards
        .iter()
        .map(|c| CardRef { id: c.id.clone(), title: c.title.clone(), lang: c.lang.clone() })
        .collect();
    for card in cards.iter_mut() {
        card.named_by.clear();
    }
    for j in 0..cards.len() {
        let names: Vec<String> =
            cards[j].related.iter().map(|r| r.card.clone()).filter(|c| !c.is_empty()).collect();
        for (i, target) in refs.iter().enumerate() {
            if i != j && names.contains(&target.id) && !cards[i].named_by.contains(&refs[j]) {
                cards[i].named_by.push(refs[j].clone());
            }
        }
    }
    unknown
}

fn file_problem(file: &str, message: String) -> Diagnostic {
    Diagnostic { file: file.into(), line: None, path: String::new(), severity: Severity::Error, message }
}

/// Parses one card file and validates it: the card, when it has no errors, and every
/// problem found (errors and warnings).
pub fn parse_card(file: &str, text: &str) -> (Option<Card>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut root: toml::Value = match text.parse::<toml::Table>() {
        Ok(table) => toml::Value::Table(table),
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            let message = e.message().trim().to_string();
            diagnostics.push(Diagnostic {
                file: file.into(),
                line,
                path: String::new(),
                severity: Severity::Error,
                message,
            });
            return (None, diagnostics);
        }
    };
    // Paths of values left out after they could not be read: a "missing field" for one of
    // them only repeats what was said.
    let mut removed: Vec<String> = Vec::new();
    let card = loop {
        match serde_path_to_error::deserialize::<_, Card>(root.clone()) {
            Ok(card) => break Some(card),
            Err(e) => {
                let segments = segments(e.path());
                let table = join_path(&segments);
                let message = read_message(&table, &e.into_inner().to_string());
                let missing = missing_field(&message).map(str::to_owned);
                let path = match &missing {
                    Some(field) if table.is_empty() => field.clone(),
                    Some(field) => format!("{table}.{field}"),
                    None => table.clone(),
                };
                if missing.is_some() && removed.contains(&path) {
                    break None;
                }
                // A missing field is reported where its table is; a wrong value where it is.
                let line = match missing {
                    Some(_) if segments.is_empty() => None,
                    Some(_) => line_of_path(text, &table),
                    None => line_of_path(text, &path),
                };
                diagnostics.push(Diagnostic {
                    file: file.into(),
                    line,
                    path: path.clone(),
                    severity: Severity::Error,
                    message,
                });
                if missing.is_some()
                    || diagnostics.len() >= MAX_READ_PROBLEMS
                    || !remove_at(&mut root, &segments)
                {
                    break None;
                }
                removed.push(path);
            }
        }
    };
    let Some(card) = card else { return (None, diagnostics) };
    for problem in validate::validate(&card) {
        diagnostics.push(Diagnostic {
            file: file.into(),
            line: line_of_path(text, &problem.path),
            path: problem.path.clone(),
            severity: problem.severity(),
            message: problem.kind.to_string(),
        });
    }
    let ok = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    (ok.then_some(card), diagnostics)
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as S;
    path.iter()
        .filter_map(|s| match s {
            S::Map { key } => Some(Segment::Key(key.clone())),
            S::Seq { index } => Some(Segment::Index(*index)),
            S::Enum { variant } => Some(Segment::Key(variant.clone())),
            S::Unknown => None,
        })
        .collect()
}

/// `options[1].signals[0].id`.
fn join_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Parses `options[1].signals[0].id` (or `scoring.burden.Moderate-hard`) into segments.
fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key.to_string()));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

/// The reader's message, without the location it appends (the diagnostic has its own), and
/// in words for the one fixed-size list of a card.
fn read_message(path: &str, message: &str) -> String {
    let first = message.lines().next().unwrap_or_default().trim();
    if path == "options" && first.starts_with("invalid length") {
        return format!("a card has exactly two options, Option A and Option B ({first})");
    }
    first.to_string()
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next())
}

/// Removes the value at `segments` (the one that could not be read), so reading can go on.
fn remove_at(value: &mut toml::Value, segments: &[Segment]) -> bool {
    match (segments, value) {
        ([Segment::Key(k)], toml::Value::Table(t)) => t.remove(k).is_some(),
        ([Segment::Index(i)], toml::Value::Array(a)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        ([first, rest @ ..], value) if !rest.is_empty() => {
            let child = match (first, value) {
                (Segment::Key(k), toml::Value::Table(t)) => t.get_mut(k),
                (Segment::Index(i), toml::Value::Array(a)) => a.get_mut(*i),
                _ => None,
            };
            child.is_some_and(|c| remove_at(c, rest))
        }
        _ => false,
    }
}

/// The 1-based line where the value at a field path starts, if the file has it (for a
/// path that ends inside a missing part, the line of the deepest part that exists).
pub fn line_of_path(text: &str, path: &str) -> Option<usize> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item: &toml_edit::Item = doc.as_item();
    let mut span = None;
    for segment in parse_path(path) {
        let next = match segment {
            Segment::Key(k) => item.get(k.as_str()),
            Segment::Index(i) => item.get(i),
        };
        let Some(next) = next else { break };
        item = next;
        span = item.span().or(span);
        if let toml_edit::Item::Table(t) = item {
            span = t.span().or(span);
        }
    }
    span.map(|s| line_of_offset(text, s.start))
}

/// 1-based line number of a byte offset.
fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_into_keys_and_indices() {
        assert_eq!(
            parse_path("options[1].signals[0].id"),
            vec![
                Segment::Key("options".into()),
                Segment::Index(1),
                Segment::Key("signals".into()),
                Segment::Index(0),
                Segment::Key("id".into())
            ]
        );
        assert_eq!(join_path(&parse_path("factors[2].weight")), "factors[2].weight");
    }

    #[test]
    fn lines_are_found_for_nested_values() {
        let text = "id = \"a\"\n\n[[factors]]\nid = \"x\"\n\n[[factors]]\nid = \"y\"\nweight = 9\n";
        assert_eq!(line_of_path(text, "id"), Some(1));
        assert_eq!(line_of_path(text, "factors[1].weight"), Some(8));
        assert_eq!(line_of_path(text, "factors[1]"), Some(6));
        assert_eq!(line_of_path(text, "factors[1].missing"), Some(6));
        assert_eq!(line_of_path(text, "nothing"), None);
    }
}
