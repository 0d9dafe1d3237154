//! Build script: turns the hand-written cards in `content/*.toml` into `$OUT_DIR/cards.rs`.
//!
//! Parsing and validating here means a broken card stops the build with the file and the
//! field path, and no parser for the cards ships in the WASM: the cards reach the app as
//! Rust code that constructs them (`build/rust_source.rs` explains why). The card types and
//! the validator are the app's own source files, compiled in as sibling modules, so the
//! build checks exactly what the app gets.
//!
//! The tests include this file as a module too, to run broken fixtures through the same
//! loader; that is why the loading steps are plain functions returning messages.

#[allow(dead_code)]
#[path = "src/model/card.rs"]
mod card;
#[allow(dead_code)]
#[path = "src/model/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "build/rust_source.rs"]
mod rust_source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The card the app opens by default. The others follow in file-name order.
const FIRST_CARD_FILE: &str = "model-api-vs-self-hosted.toml";

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    // A directory is watched recursively, so adding or removing a card reruns this too.
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src/model/card.rs");
    println!("cargo:rerun-if-changed=src/model/validate.rs");
    println!("cargo:rerun-if-changed=build/rust_source.rs");

    let files = match card_files(&root.join("content")) {
        Ok(files) => files,
        Err(e) => fail(&[format!("content/: cannot list the card files: {e}")]),
    };
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }

    let cards = match load_cards(&root, &files) {
        Ok(cards) => cards,
        Err(errors) => fail(&errors),
    };
    // Rust source that builds the cards, for `src/content.rs` to include: no parsing, and
    // no JSON deserializer for the card types, in the WASM.
    let source = match rust_source::to_rust(&cards) {
        Ok(expr) => format!("// Written by build.rs from content/*.toml.\n{expr}\n"),
        Err(e) => fail(&[format!("content/: cannot write the cards as Rust: {e}")]),
    };
    let target = out.join("cards.rs");
    if let Err(e) = std::fs::write(&target, source) {
        fail(&[format!("{}: cannot write: {e}", target.display())]);
    }
}

/// Stops the build with every message, one per line, so an author sees all the problems
/// of a run at once rather than one per build.
fn fail(errors: &[String]) -> ! {
    let mut text = String::from("the decision cards in content/ are not valid:\n");
    for e in errors {
        text.push_str("  ");
        text.push_str(&e.replace('\n', "\n    "));
        text.push('\n');
    }
    text.push_str("see docs/card-format.md");
    // Cargo shows a failed build script's stderr; exiting (rather than panicking) keeps
    // the message free of a panic location that would only distract.
    eprintln!("{text}");
    std::process::exit(1);
}

/// The `*.toml` files of `dir`: the first card first, then the rest by file name, so the
/// bundle's order does not depend on the file system.
pub fn card_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort_by_key(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (name != FIRST_CARD_FILE, name)
    });
    Ok(files)
}

/// Reads, parses and validates every file, then checks that card ids are unique across
/// files. Messages name each file relative to `root` (`content/x.toml`).
pub fn load_cards(root: &Path, files: &[PathBuf]) -> Result<Vec<card::Card>, Vec<String>> {
    let mut cards = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                errors.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        match parse_card(&name, &text) {
            Ok(card) => {
                if let Some(other) = seen.get(&card.id) {
                    errors.push(format!(
                        "{name}: id: card id `{}` is already used by {other}",
                        card.id
                    ));
                } else {
                    seen.insert(card.id.clone(), name.clone());
                }
                cards.push(card);
            }
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if cards.is_empty() && errors.is_empty() {
        errors.push("content/: no card files (*.toml) found; the app needs at least one".into());
    }
    if errors.is_empty() {
        Ok(cards)
    } else {
        Err(errors)
    }
}

/// Parses one card file and validates it. Each message reads
/// `FILE:LINE: field.path: what is wrong` (the line where the parser knows it).
pub fn parse_card(name: &str, text: &str) -> Result<card::Card, Vec<String>> {
    let de = toml::Deserializer::new(text);
    let card: card::Card = match serde_path_to_error::deserialize(de) {
        Ok(card) => card,
        Err(e) => {
            let top_level = e.path().iter().next().is_none();
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.message().trim().to_string();
            let path = field_path(&path, &message);
            // A field missing from the top level has the whole file as its span; "line 1"
            // would only send the author to the wrong place.
            let at = match inner.span() {
                Some(span) if !top_level => format!("{name}:{}", line_of(text, span.start)),
                _ => name.to_string(),
            };
            return Err(vec![format!("{at}: {path}: {message}")]);
        }
    };
    let problems = validate::validate(&card);
    if problems.is_empty() {
        Ok(card)
    } else {
        Err(problems.iter().map(|p| format!("{name}: {p}")).collect())
    }
}

/// For a missing field, serde reports the table that lacks it; point at the field itself,
/// which is what the author has to add.
fn field_path(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(field)) => field.to_string(),
        (_, Some(field)) => format!("{path}.{field}"),
        (".", None) => "(top level)".to_string(),
        _ => path.to_string(),
    }
}

/// 1-based line number of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
