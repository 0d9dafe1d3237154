//! The tool's words in every language of `lang/`: complete against English, with the same
//! placeholders, read the same by the catalogue reader as by a TOML parser; and the words
//! filled and chosen by count as each language says.

use decision_core::authoring::languages;
use decision_core::lang::{self, Catalogue, AREAS};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn lang_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lang")
}

#[test]
fn every_language_has_every_word_of_english_with_the_same_placeholders() {
    let catalogues = match languages::load_dir(&lang_dir()) {
        Ok(c) => c,
        Err(problems) => panic!("lang/ is not complete:\n{}", problems.join("\n")),
    };
    assert!(catalogues.contains_key("en") && catalogues.contains_key("fr"), "{:?}", catalogues.keys());
    for catalogue in catalogues.values() {
        for ((area, names), words) in AREAS.iter().zip(&catalogue.areas) {
            assert_eq!(words.len(), names.len(), "lang/{}/{area}.toml", catalogue.code);
            for (name, word) in names.iter().zip(words) {
                assert!(!word.trim().is_empty(), "lang/{}/{area}.toml: {name} is empty", catalogue.code);
            }
        }
    }
    assert_eq!(&catalogues["en"], lang::english(), "the built-in English is lang/en/");
}

#[test]
fn a_toml_parser_reads_every_catalogue_file_as_the_catalogue_reader_does() {
    for language in std::fs::read_dir(lang_dir()).unwrap() {
        let folder = language.unwrap().path();
        let code = folder.file_name().unwrap().to_str().unwrap().to_owned();
        let catalogue = languages::load_language(&folder, &code).unwrap();
        for ((area, names), words) in AREAS.iter().zip(&catalogue.areas) {
            let file = folder.join(format!("{area}.toml"));
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            assert_eq!(table.len(), names.len(), "{}", file.display());
            for (name, word) in names.iter().zip(words) {
                assert_eq!(table[*name].as_str(), Some(word.as_str()), "{}: {name}", file.display());
            }
        }
    }
}

/// A copy of `lang/` in a temporary folder (removed when dropped), with `change` applied to
/// its French folder.
fn lang_copy(change: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("dc-lang-").tempdir().unwrap();
    for code in ["en", "fr"] {
        std::fs::create_dir_all(dir.path().join(code)).unwrap();
        for file in std::fs::read_dir(lang_dir().join(code)).unwrap() {
            let file = file.unwrap().path();
            std::fs::copy(&file, dir.path().join(code).join(file.file_name().unwrap())).unwrap();
        }
    }
    change(&dir.path().join("fr"));
    dir
}

fn edit(file: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, f(text)).unwrap();
}

#[test]
fn a_catalogue_lacking_a_word_that_english_has_is_refused_naming_the_word() {
    let dir = lang_copy(|fr| {
        edit(&fr.join("sections.toml"), |t| {
            t.lines().filter(|l| !l.starts_with("KeyFactors ")).collect::<Vec<_>>().join("\n")
        })
    });
    let problems = languages::load_dir(dir.path()).unwrap_err();
    assert_eq!(problems, ["lang/fr/sections.toml lacks KeyFactors"]);
}

#[test]
fn a_missing_file_a_word_too_many_and_a_placeholder_renamed_are_each_reported() {
    let dir = lang_copy(|fr| {
        std::fs::remove_file(fr.join("language.toml")).unwrap();
        edit(&fr.join("sections.toml"), |t| {
            t.replace("{label} · {name}", "{label} · {nom}") + "\nKeyFactor = \"Facteur\"\nbroken line\n"
        });
    });
    let problems = languages::load_dir(dir.path()).unwrap_err().join("\n");
    assert!(problems.contains("lang/fr/language.toml is missing"), "{problems}");
    assert!(problems.contains("KeyFactor is not a word of the tool"), "{problems}");
    assert!(problems.contains("expected Name = \"text\""), "{problems}");
    let dir =
        lang_copy(|fr| edit(&fr.join("sections.toml"), |t| t.replace("{label} · {name}", "{label} · {nom}")));
    let problems = languages::load_dir(dir.path()).unwrap_err();
    assert_eq!(
        problems,
        ["lang/fr/sections.toml: Labelled has the placeholders {label}, {nom}, English has {label}, {name}"]
    );
}

#[test]
fn a_catalogue_reads_back_from_the_page_as_it_was_written() {
    let catalogues = languages::load_dir(&lang_dir()).unwrap();
    for catalogue in catalogues.values() {
        let json = catalogue.to_json();
        assert!(!json.contains('<'), "safe inside a script element");
        assert_eq!(&Catalogue::from_json(&json).unwrap(), catalogue);
    }
    assert!(Catalogue::from_json("{\"lang\":\"fr\"}").is_err());
}

#[test]
fn a_page_carries_its_own_areas_and_reports_a_word_it_lacks() {
    use decision_core::lang::{Area, Page};
    use std::sync::atomic::{AtomicUsize, Ordering};
    static MISSED: AtomicUsize = AtomicUsize::new(usize::MAX);
    let english = lang::english();
    let card = english.for_page(Page::Card);
    for ((area, words), all) in Area::ALL.iter().zip(&card.areas).zip(&english.areas) {
        assert_eq!(words.is_empty(), !Page::Card.speaks(*area), "{area:?}");
        assert!(words.is_empty() || words == all);
    }
    // What the page carries reads back as it was written, and its words are the same.
    assert_eq!(Catalogue::from_json(&card.to_json()).unwrap(), card);
    lang::install(Box::leak(Box::new(card)));
    lang::on_missing(|area, _| MISSED.store(area, Ordering::SeqCst));
    assert_eq!(decision_core::say!(decision_core::sections::SectionWord::KeyFactors), "Key factors");
    assert_eq!(MISSED.load(Ordering::SeqCst), usize::MAX);
    let workshop_word = decision_core::say!(decision_core::lang::workshop_page::WorkshopPageWord::BackToCard);
    assert_eq!(workshop_word, "");
    assert_eq!(MISSED.load(Ordering::SeqCst), Area::WorkshopPage as usize);
    // Each page kind carries the areas of the pages it links its app to, no build-only one.
    for page in [Page::Card, Page::Workshop, Page::Library] {
        assert!(!page.speaks(Area::Shell) && !page.speaks(Area::Drafts));
        assert!(page.speaks(Area::Failure), "{page:?}: the failure words are on every page");
    }
}

#[test]
fn counts_take_the_form_their_language_gives_them() {
    let catalogues = languages::load_dir(&lang_dir()).unwrap();
    let word = "{n} card|{n} cards";
    lang::install(Box::leak(Box::new(catalogues["en"].clone())));
    let en: Vec<&str> = [0, 1, 2].map(|n| lang::form(word, n)).to_vec();
    assert_eq!(en, ["{n} cards", "{n} card", "{n} cards"]);
    lang::install(Box::leak(Box::new(catalogues["fr"].clone())));
    let fr: Vec<&str> = [0, 1, 2].map(|n| lang::form(word, n)).to_vec();
    assert_eq!(fr, ["{n} card", "{n} card", "{n} cards"]);
    assert_eq!(decision_core::say_n!(0, decision_core::sections::SectionWord::Labelled), "{label} · {name}");
}

proptest! {
    /// Filling replaces exactly the placeholders given, and keeps everything else as written.
    #[test]
    fn filling_replaces_named_placeholders_and_keeps_the_rest(
        before in "[^{}]{0,12}", after in "[^{}]{0,12}", value in "[^{}]{0,12}", other in "[a-z]{1,6}",
    ) {
        let text = format!("{before}{{name}}{after}{{{other}x}}");
        let filled = lang::fill(&text, &[("name", &value)]);
        prop_assert_eq!(filled, format!("{before}{value}{after}{{{other}x}}"));
        prop_assert_eq!(lang::fill(&before, &[("name", &value)]), before.clone());
    }
}

#[test]
// Unicode's own case mapping is the reference here, natively; the rule keeps it out of the WASM.
#[allow(clippy::disallowed_methods)]
fn words_change_case_at_their_first_letter_as_unicode_says_for_the_letters_of_the_tools_languages() {
    use decision_core::explain::{capital_letter, lower_first, small_letter, upper_first};
    assert_eq!(lower_first("Élevée"), "élevée");
    assert_eq!(upper_first("être"), "Être");
    assert_eq!(lower_first("Œuvre"), "œuvre");
    assert_eq!(lower_first("Points clearly to Model API"), "points clearly to Model API");
    // Every letter the two tables change is changed as Unicode changes it, both ways.
    for c in ('\0'..='\u{ff}').chain(['Œ', 'œ']) {
        let small = small_letter(c);
        if small != c {
            assert_eq!(c.to_lowercase().collect::<String>(), small.to_string(), "{c}");
            assert_eq!(capital_letter(small), c, "{c}");
        }
        let capital = capital_letter(c);
        if capital != c {
            assert_eq!(c.to_uppercase().collect::<String>(), capital.to_string(), "{c}");
        }
    }
    // And the letters French starts a word with are all there.
    for c in "ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜ".chars() {
        assert_ne!(small_letter(c), c, "{c}");
    }
}
