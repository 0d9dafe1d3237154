//! Build script: turns the hand-written cards in `content/*.toml` into `$OUT_DIR/cards.rs`.
//!
//! The core's authoring loader reads and validates every card and reports every problem of
//! every file at once, with file, line and field path; any error stops the build, warnings
//! are shown and the build goes on. The cards reach the app as Rust code that constructs
//! them (`decision_core::authoring::emit`), so no parser for the cards ships in the WASM.

use decision_core::authoring::{emit, load};
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    // A directory is watched recursively, so adding or removing a card reruns this too.
    println!("cargo:rerun-if-changed=content");

    let report = load::load_dir(&root, &root.join("content"));
    for warning in report.warnings() {
        println!("cargo:warning={warning}");
    }
    if report.has_errors() {
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        fail(&errors);
    }
    let source = match emit::to_rust(&report.cards) {
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
