//! The importer of the plain-text card format: the seed card's source gives back every
//! sentence of the seed card in `content/`; a short card without most optional sections
//! builds; Windows line endings, stray whitespace and unknown lines are handled and
//! reported; a text that is not a card is refused.

mod common;

use decision_core::authoring::import::{import, slug, to_toml, NotACard};
use decision_core::authoring::load;
use decision_core::card::Card;
use decision_core::validate::Severity;

fn fixture(name: &str) -> String {
    let path = common::root().join("crates/core/tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every sentence a reader sees on a card, except the words the card marks as written
/// for the tool rather than taken from its source.
fn sentences(card: &Card) -> Vec<String> {
    let mut out: Vec<String> = vec![card.title.clone(), card.tagline.clone()];
    let f = &card.framing;
    out.extend(f.really_about.iter().chain(&f.not_about).chain(&f.why_hard).cloned());
    let d = &card.decision;
    out.extend([d.question.clone(), d.heuristic.clone(), d.default_stance.clone()]);
    for o in &card.options {
        out.push(o.name.clone());
        for list in [
            &o.best_when,
            &o.real_world_fits,
            &o.strengths,
            &o.costs,
            &o.hidden_costs,
            &o.failure_modes,
            &o.who_absorbs_cost,
        ] {
            out.extend(list.iter().cloned());
        }
        out.push(o.over_time.clone());
        out.extend(o.signals.iter().map(|s| s.text.clone()));
    }
    if !card.reversibility.undo_cost_added {
        out.push(card.reversibility.undo_cost.clone());
    }
    out.extend(card.reversibility.relook_triggers.iter().map(|t| t.text.clone()));
    for factor in &card.factors {
        out.push(factor.name.clone());
        if !factor.prompt_added {
            out.push(factor.prompt.clone());
        }
    }
    out.extend(card.questions.iter().chain(&card.evidence).map(|i| i.text.clone()));
    for p in card.pressures.bad_reasons.iter().chain(&card.pressures.anti_patterns) {
        out.push(p.text.clone());
    }
    out.extend(card.ai.helps.iter().chain(&card.ai.worsens).cloned());
    out.extend([card.ai.false_confidence.clone(), card.ai.synthesis.clone()]);
    for r in &card.related {
        out.extend([r.kind.clone(), r.text.clone()]);
        if !r.title_added {
            out.push(r.title.clone());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Imports a fixture (its path under `fixtures/`), writes the TOML, and reads it back
/// through the build's own loader.
fn import_and_build(name: &str) -> (Card, Vec<String>, Vec<(usize, String, String)>) {
    let imported = import(&fixture(name)).expect("a card");
    let toml = to_toml(&imported.card, name);
    let (card, problems) = load::parse_card(&format!("content/{}.toml", imported.card.id), &toml);
    let errors: Vec<_> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{name} does not build: {errors:#?}\n{toml}");
    let card = card.expect("the card builds");
    assert_eq!(card, imported.card, "the written TOML reads back as the imported card");
    (card, imported.review, imported.unplaced)
}

#[test]
fn the_seed_source_gives_back_every_sentence_of_the_seed_card() {
    let imported = import(&fixture("seed-model-api-vs-self-hosted.txt")).expect("the seed is a card");
    assert_eq!(imported.unplaced, vec![], "every line of the seed has its place");
    let toml = to_toml(&imported.card, "the seed");
    let (built, problems) = load::parse_card("content/imported.toml", &toml);
    let built = built.unwrap_or_else(|| panic!("the imported seed does not build: {problems:#?}"));
    let got = sentences(&built);
    let missing: Vec<String> =
        sentences(common::seed_card()).into_iter().filter(|s| !got.contains(s)).collect();
    assert_eq!(missing, Vec::<String>::new(), "sentences of the seed card the import lost");
    // The structure, not only the words.
    assert_eq!(built.options[0].name, "Model API");
    assert_eq!(built.options[1].signals.len(), 2);
    assert_eq!(built.factors.len(), 5);
    assert_eq!(built.decision.default_option, built.options[0].id, "the stance prefers the API");
    assert_eq!(built.reversibility.undo_cost, "Moderate-hard");
    assert_eq!(built.related.len(), 3);
    assert_eq!(built.related.iter().filter(|r| r.title_added).count(), 2, "two titles were lost");
    assert_eq!(built.related[2].kind, "Adjacent concept");
    assert_eq!(built.related[2].title, "A vendor-selection decision");
    assert!(built.factors.iter().all(|f| f.prompt_added && f.weight_added));
    // What was guessed is listed for review.
    assert!(
        imported.review.iter().any(|r| r.starts_with("factor \u{201c}Privacy\u{201d}")),
        "{:#?}",
        imported.review
    );
}

#[test]
fn evidence_is_linked_to_the_factors_it_names_and_each_link_is_listed_for_review() {
    let (card, review, _) = import_and_build("seed-model-api-vs-self-hosted.txt");
    let informs = |text: &str| {
        let e = card.evidence.iter().find(|e| e.text == text).unwrap_or_else(|| panic!("no evidence {text}"));
        (e.informs.clone(), e.informs_added)
    };
    // Drafted where an item shares a word with a factor's name, and marked as added: the
    // seed card's own links for these three.
    for e in &common::seed_card().evidence {
        if e.text != "Cost model" {
            assert_eq!(informs(&e.text), (e.informs.clone(), true), "{}", e.text);
        }
    }
    // "Cost model" names no factor ("Economics" is a reading, not a shared word): unlinked,
    // and the review says so.
    assert_eq!(informs("Cost model"), (vec![], false));
    assert!(
        review.iter().any(|r| r.starts_with("evidence \u{201c}Cost model\u{201d}: names no factor")),
        "{review:#?}"
    );
    assert!(
        review.iter().any(|r| r == "evidence \u{201c}Latency requirements\u{201d}: informs \u{201c}Latency\u{201d}, drafted from the factor names it shares (informs_added)"),
        "{review:#?}"
    );
}

#[test]
fn a_card_without_most_optional_sections_builds() {
    let (card, review, unplaced) = import_and_build("import/short-card.txt");
    assert_eq!(unplaced, vec![]);
    assert_eq!(card.id, "monorepo-vs-polyrepo");
    assert_eq!(card.options[0].real_world_fits, Vec::<String>::new());
    assert!(card.framing.really_about.is_empty() && card.related.is_empty() && card.questions.is_empty());
    assert_eq!(card.options[1].signals[0].text, "Most pull requests touch two or more services");
    // "Stay with one repository per service" names neither option by name: the review says so.
    assert_eq!(card.decision.default_option, card.options[0].id);
    assert!(review.iter().any(|r| r.contains("default_option") && r.contains("does not say")), "{review:#?}");
    // The bad reason names the monorepo, so it favours it.
    assert_eq!(card.pressures.bad_reasons[0].favours, card.options[1].id);
}

#[test]
fn windows_line_endings_and_stray_whitespace_are_read_and_strays_reported_with_their_line() {
    let imported = import(&fixture("import/windows-and-stray.txt")).expect("a card");
    assert_eq!(imported.card.decision.question, "Should we build it?");
    assert_eq!(
        imported.card.factors.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["Differentiation", "Market maturity"]
    );
    assert_eq!(imported.unplaced.len(), 1, "{:#?}", imported.unplaced);
    let (line, text, why) = &imported.unplaced[0];
    assert_eq!((*line, text.as_str()), (24, "Vendor landscape"));
    assert!(why.contains("not a heading"), "{why}");
}

#[test]
fn a_text_that_is_not_a_card_is_refused_with_what_it_lacks() {
    let Err(NotACard(why)) = import("Meeting notes\nWe talked about the roadmap.\n- ship it\n") else {
        panic!("meeting notes are not a card");
    };
    assert!(why.contains("not a decision card"), "{why}");
    assert!(
        why.contains("a question") && why.contains("two options") && why.contains("key factors"),
        "{why}"
    );
    assert!(import("").is_err());
}

#[test]
fn ids_are_slugs_of_the_text() {
    assert_eq!(slug("Model API vs Self-Hosted Model", 60), "model-api-vs-self-hosted-model");
    assert_eq!(slug("  Ünïcode & symbols!! ", 60), "unicode-symbols");
    // Letters of any script, transliterated: ids stay readable in addresses and file names.
    assert_eq!(
        slug("Cache applicatif ou réplique en lecture", 60),
        "cache-applicatif-ou-replique-en-lecture"
    );
    assert_eq!(slug("Maîtrise de l'équipe", 40), "maitrise-de-l-equipe");
    assert_eq!(slug("Straße und Ærø", 40), "strasse-und-aero");
    assert_eq!(slug("Москва или Київ", 40), "moskva-ili-kiyiv");
    assert_eq!(slug("Αθήνα", 40), "athena");
    assert_eq!(slug("北京", 40), "bei-jing");
    // What has no Latin form at all is left out; the caller refuses an empty id.
    assert_eq!(slug("\u{E000}\u{E001}", 40), "");
    assert_eq!(slug("a very long name that goes on", 12), "a-very-long");
    assert!(decision_core::validate::is_valid_id(&slug("What's usually pushing the call?", 40)));
}

#[test]
fn a_french_card_gets_readable_ids_and_its_evidence_links_across_accents() {
    let (card, review, unplaced) = import_and_build("import/french-card.txt");
    assert_eq!(unplaced, vec![]);
    assert_eq!(card.id, "cache-applicatif-ou-replique-en-lecture");
    let ids = |items: Vec<&str>| items.into_iter().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        ids(card.factors.iter().map(|f| f.id.as_str()).collect()),
        ["fraicheur", "cout", "maitrise-de-l-equipe"]
    );
    assert_eq!(
        ids(card.options.iter().map(|o| o.id.as_str()).collect()),
        ["replique-en-lecture", "cache-applicatif"]
    );
    // "Coût mensuel …" informs "Coût", whatever the accents: words are compared transliterated.
    let informs: Vec<Vec<String>> = card.evidence.iter().map(|e| e.informs.clone()).collect();
    assert_eq!(
        informs,
        [vec!["fraicheur".to_string()], vec!["cout".to_string()], vec!["maitrise-de-l-equipe".to_string()]]
    );
    assert!(!review.is_empty());
}

#[test]
fn a_title_without_any_latin_form_is_refused_at_its_field() {
    let text = fixture("import/short-card.txt").replacen("Monorepo vs Polyrepo", "\u{E000}\u{E001}", 1);
    let imported = import(&text).expect("still a card");
    let toml = to_toml(&imported.card, "no-latin.txt");
    let (_, problems) = load::parse_card("content/no-latin.toml", &toml);
    let errors: Vec<String> =
        problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains(": id: error: must not be empty")), "{errors:#?}");
}

#[test]
fn a_card_imported_in_french_gets_its_drafted_prompts_in_french_and_says_its_language() {
    let catalogues = decision_core::authoring::languages::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lang"),
    )
    .expect("lang/ reads");
    decision_core::lang::install(Box::leak(Box::new(catalogues["fr"].clone())));
    let (card, _, _) = import_and_build("import/french-card.txt");
    assert_eq!(card.lang, "fr");
    for factor in &card.factors {
        assert!(
            factor.prompt.contains(" Vers A\u{a0}: ") && factor.prompt.contains(" Vers B\u{a0}: "),
            "{}",
            factor.prompt
        );
        assert!(!factor.prompt.contains("Toward"), "{}", factor.prompt);
    }
    let toml = to_toml(&card, "french-card.txt");
    assert!(toml.contains("lang = \"fr\""), "{toml}");
}

#[test]
fn a_card_with_french_headings_is_read_in_french_and_says_so() {
    let catalogues = decision_core::authoring::languages::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lang"),
    )
    .expect("lang/ reads");
    let text = fixture("import/french-headings.txt");
    // The language is the one whose headings the text uses; an English text stays English.
    assert_eq!(decision_core::authoring::import::language_of(&text, catalogues.values()), "fr");
    let seed = fixture("seed-model-api-vs-self-hosted.txt");
    assert_eq!(decision_core::authoring::import::language_of(&seed, catalogues.values()), "en");
    assert_eq!(decision_core::authoring::import::language_of("", catalogues.values()), "en");

    decision_core::lang::install(Box::leak(Box::new(catalogues["fr"].clone())));
    let (card, review, unplaced) = import_and_build("import/french-headings.txt");
    assert_eq!(unplaced, vec![], "every line has its place under its French heading");
    assert_eq!(card.lang, "fr");
    assert_eq!(card.decision.question, "Faut-il servir les lectures depuis un cache applicatif ou depuis une réplique en lecture de la base ?");
    assert_eq!(card.framing.really_about, ["Savoir quelle fraîcheur chaque page exige vraiment."]);
    assert_eq!(
        [card.options[0].name.as_str(), card.options[1].name.as_str()],
        ["Réplique en lecture", "Cache applicatif"]
    );
    assert_eq!(
        card.options[0].best_when,
        ["les lectures doivent refléter les écritures en quelques secondes"]
    );
    assert_eq!(card.options[1].costs, ["l'invalidation devient votre problème"]);
    let factors: Vec<&str> = card.factors.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(factors, ["Fraîcheur", "Coût", "Maîtrise de l'équipe"]);
    assert_eq!(card.evidence.len(), 2);
    assert_eq!(card.options[1].signals.len(), 1);
    assert_eq!(card.related.len(), 1);
    assert_eq!(card.related[0].kind, "Facile à confondre avec");
    assert_eq!(card.reversibility.undo_cost, "Modéré");
    // The usual undo costs, named in French, carry the usual burdens.
    assert_eq!(card.scoring.burden.get("Modéré"), Some(&3.0));
    assert_eq!(card.scoring.burden.get("Facile"), Some(&1.5));
    assert!(!review.iter().any(|r| r.contains("not one of the usual undo costs")), "{review:#?}");
    // The template's own subtitles are not content.
    let toml = to_toml(&card, "french-headings.txt");
    assert!(!toml.contains("Les variables qui font réellement bouger la réponse."), "{toml}");
    assert!(!toml.contains("Les deux pôles"), "{toml}");
}
