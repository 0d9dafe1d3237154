//! The layering rules of `docs/architecture.md`, checked on the source text: what a layer
//! must not reach for, it does not name.

use std::fs;
use std::path::{Path, PathBuf};

/// Every Rust file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// `(file, line number, line)` for each line under `dir` that contains one of `needles`.
fn lines_with(dir: &str, needles: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut hits = Vec::new();
    for file in rust_files(&root) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if needles.iter().any(|needle| line.contains(needle)) {
                hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    hits
}

#[test]
fn components_change_answers_only_through_the_session_s_edits() {
    // A component that could write the answers would hold them writable.
    let hits = lines_with("src/components", &["RwSignal<Answers>", "answers.update", "answers.set("]);
    assert!(hits.is_empty(), "components write answers by hand:\n{}", hits.join("\n"));
}

#[test]
fn components_name_no_control_id_of_their_own() {
    // Control ids are spelled in src/controls.rs only, for the reader of early edits.
    let hits = lines_with("src/components", &["\"dc-f-{", "\"dc-t-{", "\"dc-r-{", "\"dc-e-{", "\"dc-q-{"]);
    assert!(hits.is_empty(), "control ids spelled outside controls.rs:\n{}", hits.join("\n"));
}

#[test]
fn components_use_typed_event_targets_and_no_debug_formatting() {
    let hits = lines_with("src/components", &["dyn_into", "{:?}"]);
    assert!(hits.is_empty(), "casts or debug formatting in components:\n{}", hits.join("\n"));
}

#[test]
fn views_are_never_type_erased() {
    // A type-erased view (`into_any`, and `<Show>` around what it shows) carries every way of
    // rendering it, used or not: kilobytes of WASM each (docs/performance.md). `Either` or
    // `Option` says the same with only what is used.
    let mut hits = lines_with("src/components", &[".into_any()", "AnyView", "<Show"]);
    hits.extend(lines_with("src/pages", &[".into_any()", "AnyView", "<Show"]));
    assert!(hits.is_empty(), "type-erased views:\n{}", hits.join("\n"));
}

#[test]
fn pages_and_components_do_no_storage_io() {
    let mut hits = lines_with("src/components", &["crate::storage", "local_storage"]);
    hits.extend(lines_with("src/pages", &["crate::storage", "local_storage"]));
    assert!(hits.is_empty(), "storage reached outside state/:\n{}", hits.join("\n"));
}

/// The text of each string literal on `line` (escapes left as written).
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (start, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(s), '"') => {
                out.push(&line[s..i]);
                start = None;
            }
            (None, '"') => start = Some(i + 1),
            _ => {}
        }
    }
    out
}

/// Two or more words of letters: a phrase a reader would read.
fn is_phrase(text: &str) -> bool {
    let word = |w: &str| {
        let w = w.trim_end_matches(['.', ',', ':', ';', '!', '?']);
        !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
    };
    text.split_whitespace().filter(|w| word(w)).count() >= 2
}

#[test]
fn the_app_writes_no_phrase_of_its_own() {
    // Every word a reader sees comes from the catalogue of the page's language
    // (`decision_core::lang`, docs/languages.md): a phrase written in the app's layers would
    // be English on a French page. (The prerender binary, which talks to the terminal, and
    // test assertions are not the page.)
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits = Vec::new();
    for file in rust_files(&root).into_iter().filter(|f| !f.starts_with(root.join("bin"))) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || code.contains("assert") {
                continue;
            }
            if literals(line).into_iter().any(is_phrase) {
                hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "phrases written in the app instead of the catalogue:\n{}", hits.join("\n"));
    // The check itself finds what it looks for.
    assert_eq!(
        literals(r#"view! { <h2>"Key factors"</h2> <p class="dc-a dc-b">"x \" y"</p> }"#),
        ["Key factors", "dc-a dc-b", "x \\\" y"]
    );
    assert!(
        is_phrase("Key factors")
            && is_phrase("Download it, now.")
            && !is_phrase("dc-a dc-b")
            && !is_phrase("0 0 200 10")
    );
}
