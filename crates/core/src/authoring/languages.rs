//! The catalogues of `lang/` read at build time: every language's folder, each checked
//! against English (every word there, the same placeholders), every problem at once.

use crate::lang::{self, Catalogue};
use std::collections::BTreeMap;
use std::path::Path;

/// Every language of `dir` (`lang/`), by code; or every problem found, each with its file.
pub fn load_dir(dir: &Path) -> Result<BTreeMap<String, Catalogue>, Vec<String>> {
    let folders = std::fs::read_dir(dir).map_err(|e| vec![format!("{}: {e}", dir.display())])?;
    let mut codes: Vec<String> = folders
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    crate::sort::sort(&mut codes);
    let mut catalogues = BTreeMap::new();
    let mut problems = Vec::new();
    for code in codes {
        if !crate::validate::is_language_code(&code) {
            problems.push(format!("lang/{code}: not a language code such as \"fr\" or \"pt-BR\""));
            continue;
        }
        match load_language(&dir.join(&code), &code) {
            Ok(catalogue) => {
                problems.extend(lang::check(&catalogue));
                catalogues.insert(code, catalogue);
            }
            Err(found) => problems.extend(found),
        }
    }
    if !catalogues.contains_key(crate::card::ENGLISH) && problems.is_empty() {
        problems.push(format!(
            "{}: there is no en/ folder (English, the language the others are checked against)",
            dir.display()
        ));
    }
    if problems.is_empty() {
        Ok(catalogues)
    } else {
        Err(problems)
    }
}

/// One language's folder.
pub fn load_language(folder: &Path, code: &str) -> Result<Catalogue, Vec<String>> {
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for name in std::iter::once("language").chain(lang::AREAS.iter().map(|(area, _)| *area)) {
        let file = folder.join(format!("{name}.toml"));
        match std::fs::read_to_string(&file) {
            Ok(text) => texts.push((name, text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(format!("{}: {e}", file.display())),
        }
    }
    let files: Vec<lang::File> = texts.iter().map(|(name, text)| (*name, text.as_str())).collect();
    match lang::parse(code, &files) {
        Ok(catalogue) if problems.is_empty() => Ok(catalogue),
        Ok(_) => Err(problems),
        Err(found) => Err(problems.into_iter().chain(found).collect()),
    }
}
