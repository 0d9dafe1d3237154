//! Native tests of the library the build makes of the cards of `content/`: what its page
//! shows and searches of each card, the language it speaks and marks, and the related
//! decisions that link cards both ways.

mod common;

#[test]
fn the_library_knows_which_cards_name_each_other_and_what_to_search() {
    use decision_core::authoring::emit;
    use decision_core::search::matches;
    let cards = common::content_cards();
    let summaries = emit::summaries(cards);
    let by_id = |id: &str| summaries.iter().find(|s| s.id == id).unwrap();
    // Build vs Buy names the seed card, by its title, among its related decisions.
    assert_eq!(by_id("build-vs-buy").points_to, ["model-api-vs-self-hosted"]);
    assert!(by_id("model-api-vs-self-hosted").points_to.is_empty());
    let seed = by_id("model-api-vs-self-hosted");
    for query in ["model api", "SELF-HOSTED", "privacy", "Modèle", "ops maturity latency"] {
        let hit = matches(&seed.search, query);
        assert_eq!(hit, query != "Modèle", "{query}");
    }
    assert!(matches(&seed.search, "Modél"), "accents typed are ignored");
    assert!(!matches(&by_id("monorepo-vs-polyrepo").search, "privacy"));
    // A title in accented French and in another script, found either way.
    let mut french = common::seed_card().clone();
    french.title = "Cache applicatif ou réplique en lecture".into();
    french.id = "cache".into();
    let mut russian = common::seed_card().clone();
    russian.title = "Москва".into();
    russian.id = "moskva".into();
    let found = emit::summaries(&[french, russian]);
    for query in ["replique", "Réplique", "REPLIQUE en lecture"] {
        assert!(matches(&found[0].search, query), "{query}: {}", found[0].search);
    }
    assert!(
        matches(&found[1].search, "moskva") && matches(&found[1].search, "Москва"),
        "{}",
        found[1].search
    );
}

#[test]
fn the_library_speaks_the_language_its_cards_share_and_marks_each_card_with_its_own() {
    use decision_core::authoring::emit;
    let cards = common::content_cards();
    // This library mixes English and French: the library page speaks English.
    assert!(cards.iter().any(|c| c.lang == "fr") && cards.iter().any(|c| c.lang == "en"));
    assert_eq!(emit::library_language(cards), "en");
    let summaries = emit::summaries(cards);
    for (card, summary) in cards.iter().zip(&summaries) {
        assert_eq!(summary.lang, card.lang, "{}", card.id);
    }
    // A library of French cards only speaks French.
    let french: Vec<_> = cards.iter().filter(|c| c.lang == "fr").cloned().collect();
    assert_eq!(emit::library_language(&french), "fr");
    assert_eq!(emit::library_language(&[]), "en");
}

#[test]
fn what_is_typed_folds_as_the_build_folds_every_latin_letter() {
    use decision_core::authoring::fold;
    for c in (0xC0u32..0x180).filter_map(char::from_u32).filter(|c| c.is_alphabetic()) {
        let typed = decision_core::search::fold(&c.to_string());
        assert_eq!(typed.trim(), fold(&c.to_string()), "{c} (U+{:04X})", c as u32);
    }
}

#[test]
fn related_decisions_link_the_cards_of_the_library_both_ways() {
    use decision_core::authoring::load::{link_library, load_dir};
    use decision_core::card::CardRef;
    let cards = common::content_cards();
    let bvb = cards.iter().find(|c| c.id == "build-vs-buy").unwrap();
    // Build vs Buy names the seed card by its title: linked, and the seed card knows it.
    assert!(bvb.related.iter().any(|r| r.card == "model-api-vs-self-hosted"), "{:#?}", bvb.related);
    assert_eq!(
        common::seed_card().named_by,
        [CardRef { id: "build-vs-buy".into(), title: "Build vs Buy".into(), lang: "en".into() }]
    );
    // A decision with nothing of the library in its title stays plain.
    assert!(common::seed_card().related.iter().all(|r| r.card.is_empty()));
    // A card in French that names it: its title is marked French where the seed card lists it.
    let mut library = cards.to_vec();
    let french = library.iter().position(|c| c.lang == "fr").unwrap();
    let naming = bvb.related.iter().find(|r| r.card == "model-api-vs-self-hosted").unwrap().clone();
    library[french].related.push(naming);
    assert_eq!(link_library(&mut library), []);
    let seed = library.iter().find(|c| c.id == "model-api-vs-self-hosted").unwrap();
    assert_eq!(seed.named_by.iter().map(|r| r.lang.as_str()).collect::<Vec<_>>(), ["en", "fr"]);
    // The page carries it, and the app reads it back.
    let page_data = decision_core::authoring::emit::card_json(seed);
    assert_eq!(decision_core::page_data::read_card(&page_data).as_ref(), Ok(seed));
    // A card named by hand that the library does not have: reported at its place.
    let mut broken = cards.to_vec();
    broken[1].related[0].card = "no-such-card".into();
    assert_eq!(link_library(&mut broken), [(1, 0)]);
    let dir = std::env::temp_dir().join(format!("dc-related-{}", std::process::id()));
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    for entry in std::fs::read_dir(common::root().join("content")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if path.file_name().unwrap() == "build-vs-buy.toml" {
            text = text.replacen("[[related]]\n", "[[related]]\ncard = \"no-such-card\"\n", 1);
        }
        std::fs::write(content.join(path.file_name().unwrap()), text).unwrap();
    }
    let report = load_dir(&dir, &content);
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("content/build-vs-buy.toml:"), "{}", errors[0]);
    assert!(errors[0].contains("related[0].card") && errors[0].contains("no-such-card"), "{}", errors[0]);
}
