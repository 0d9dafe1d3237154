//! Native tests of the card content: the cards of `content/`, the seed card's completeness,
//! the validator, and the build's loader run on broken fixtures.

mod common;

use common::{root, SEED_ID};
use decision_core::authoring::load::{self, Diagnostic};
use decision_core::card::{Card, Side};
use decision_core::sections;
use decision_core::validate::{errors, is_valid_id, validate, Severity};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn seed() -> Card {
    common::seed_card().clone()
}

/// The paths of the errors (warnings left out).
fn problem_paths(card: &Card) -> Vec<String> {
    errors(card).into_iter().map(|p| p.path).collect()
}

// --- The bundle ---------------------------------------------------------------------------

#[test]
fn content_cards_load_without_errors_or_warnings() {
    let report = load::load_dir(&root(), &root().join("content"));
    let all: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(all.is_empty(), "{all:#?}");
    assert!(report.cards.len() >= 2);
}

#[test]
fn seed_card_comes_first() {
    assert_eq!(common::content_cards()[0].id, SEED_ID);
}

// --- The seed card says everything the source says ---------------------------------------------

/// Every string a reader sees, from the card and the template. Ids and option references
/// are not prose, the factor prompts were written for the tool, and the `why` of a pitfall
/// quotes another field: none of them may stand in for a sentence of the source.
fn rendered_strings(card: &Card) -> BTreeSet<String> {
    fn walk(v: &Value, key: &str, out: &mut BTreeSet<String>) {
        const NOT_PROSE: [&str; 6] = ["id", "favours", "default_option", "gate_for", "why", "prompt"];
        match v {
            Value::String(s) if !NOT_PROSE.contains(&key) => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, key, out)),
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&serde_json::to_value(card).unwrap(), "", &mut out);
    out.extend(sections::all_strings().into_iter().map(String::from));
    for side in Side::BOTH {
        let o = card.option(side);
        out.insert(sections::option_heading(side, &o.name));
        out.insert(sections::signals_for_heading(&o.name));
    }
    // The source prints a related item that kept its title as "kind title" on one line.
    for r in card.related.iter().filter(|r| !r.title_added) {
        out.insert(format!("{} {}", r.kind, r.title));
    }
    out
}

/// Lines of the source text that no rendered string reproduces verbatim. Bullets ("- ")
/// are markup; a lone "-" is a list item whose title the source lost.
fn missing_lines(card: &Card, source: &str) -> Vec<String> {
    let have = rendered_strings(card);
    source
        .lines()
        .map(|l| l.trim_end())
        .map(|l| l.strip_prefix("- ").unwrap_or(l))
        .filter(|l| !l.is_empty() && *l != "-")
        .filter(|l| !have.contains(*l))
        .map(String::from)
        .collect()
}

fn seed_text() -> String {
    std::fs::read_to_string(fixture("seed-model-api-vs-self-hosted.txt")).expect("seed fixture")
}

#[test]
fn every_line_of_the_seed_is_in_the_card_or_the_template() {
    let missing = missing_lines(&seed(), &seed_text());
    assert!(missing.is_empty(), "lines of the seed not found verbatim:\n{}", missing.join("\n"));
}

#[test]
fn the_coverage_check_notices_a_dropped_sentence() {
    let mut card = seed();
    let dropped = card.options[1].costs.pop().unwrap();
    assert_eq!(missing_lines(&card, &seed_text()), vec![dropped]);

    let mut card = seed();
    card.ai.false_confidence = "shortened".into();
    assert_eq!(missing_lines(&card, &seed_text()).len(), 1, "a quote in a `why` must not cover it");
}

#[test]
fn every_why_quotes_the_card_itself() {
    let card = seed();
    let prose = rendered_strings(&card);
    for p in card.pitfalls() {
        assert!(
            prose.iter().any(|s| s.contains(&p.why)),
            "{}: `why` is not the card's own words: {}",
            p.id,
            p.why
        );
    }
}

#[test]
fn seed_card_shape_and_numbers() {
    let card = seed();
    assert_eq!(card.version, 1);
    let options: Vec<(&str, &str)> = card.options.iter().map(|o| (o.id.as_str(), o.name.as_str())).collect();
    assert_eq!(options, [("api", "Model API"), ("self-hosted", "Self-Hosted Model")]);
    assert_eq!(card.decision.default_option, "api");

    let factors: Vec<(&str, u8, Option<&str>)> =
        card.factors.iter().map(|f| (f.id.as_str(), f.weight, f.gate_for.as_deref())).collect();
    assert_eq!(
        factors,
        [
            ("privacy", 3, None),
            ("control", 2, None),
            ("ops-maturity", 2, Some("self-hosted")),
            ("latency", 1, None),
            ("economics", 2, None),
        ]
    );
    assert!(card
        .factors
        .iter()
        .all(|f| f.prompt_added && f.prompt.contains("Toward A") && f.prompt.contains("Toward B")));

    assert_eq!(card.reversibility.undo_cost, "Moderate-hard");
    assert_eq!(card.burden(), 4.0);
    assert_eq!(card.scoring.signal_strength, 1.0);
    let burden: Vec<(&str, f64)> = card.scoring.burden.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(burden, [("Easy", 1.5), ("Hard", 5.0), ("Moderate", 3.0), ("Moderate-hard", 4.0)]);

    let favours: Vec<(&str, &str)> = card.pitfalls().map(|p| (p.id.as_str(), p.favours.as_str())).collect();
    assert_eq!(
        favours,
        [
            ("self-hosting-automatically-cheaper", "self-hosted"),
            ("apis-too-risky", "self-hosted"),
            ("self-hosting-for-prestige", "self-hosted"),
            ("apis-without-guardrails", "api"),
        ]
    );

    let related: Vec<(&str, bool)> = card.related.iter().map(|r| (r.kind.as_str(), r.title_added)).collect();
    assert_eq!(
        related,
        [("Easy to confuse with", true), ("Easy to confuse with", true), ("Adjacent concept", false)]
    );
}

/// Saved progress, share links and workshop files key answers on these ids. Renaming one
/// orphans every answer given to it, so a rename has to be deliberate: change this list,
/// bump the card's `version`, and say so.
#[test]
fn seed_ids_stay_stable_for_saved_answers() {
    let card = seed();
    let ids =
        |items: &[decision_core::card::Item]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    assert_eq!(
        ids(&card.questions),
        [
            "gain-from-self-hosting",
            "serving-capability-or-enthusiasm",
            "data-sensitivity",
            "provider-change-impact",
        ]
    );
    assert_eq!(
        ids(&card.evidence),
        ["cost-model", "latency-requirements", "privacy-compliance-review", "serving-maturity-assessment",]
    );
    assert_eq!(ids(&card.options[0].signals), ["speed-matters", "ops-maturity-limited"]);
    assert_eq!(
        ids(&card.options[1].signals),
        ["strong-privacy-or-control-needs", "serving-capability-exists"]
    );
    assert_eq!(
        ids(&card.reversibility.relook_triggers),
        ["cost-profile-changes", "privacy-requirements-tighten", "serving-maturity-grows",]
    );
}

// --- The template strings --------------------------------------------------------------------

#[test]
fn template_strings_are_non_empty_and_distinct() {
    let all = sections::all_strings();
    assert!(all.iter().all(|s| !s.trim().is_empty()));
    let distinct: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(distinct.len(), all.len(), "a template string is listed twice");
    assert_eq!(sections::option_heading(Side::B, "Self-Hosted Model"), "Option B · Self-Hosted Model");
    assert_eq!(sections::signals_for_heading("Model API"), "For · Model API");
}

// --- The validator ---------------------------------------------------------------------------

#[test]
fn weight_above_the_maximum_is_reported_at_the_factor() {
    let mut card = seed();
    card.factors[2].weight = 9;
    assert_eq!(problem_paths(&card), ["factors[2].weight"]);
}

#[test]
fn gate_for_an_unknown_option_is_reported() {
    let mut card = seed();
    card.factors[2].gate_for = Some("on-prem".into());
    assert_eq!(problem_paths(&card), ["factors[2].gate_for"]);
}

#[test]
fn duplicate_id_is_reported_at_the_second_use() {
    let mut card = seed();
    card.options[1].signals[0].id = card.options[0].signals[0].id.clone();
    let problems = validate(&card);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "options[1].signals[0].id");
    let message = problems[0].kind.to_string();
    assert!(message.contains("options[0].signals[0].id"), "{message}");

    // Ids share one namespace across sections, not just within one list.
    let mut card = seed();
    card.evidence[0].id = "privacy".into();
    assert_eq!(problem_paths(&card), ["evidence[0].id"]);
}

#[test]
fn malformed_ids_are_reported() {
    for bad in ["", "Speed matters", "speed_matters", "-speed", "speed-", "speed--matters"] {
        let mut card = seed();
        card.options[0].signals[0].id = bad.into();
        assert_eq!(problem_paths(&card), ["options[0].signals[0].id"], "id {bad:?}");
        assert!(!is_valid_id(bad));
    }
    let mut card = seed();
    card.id = "Model API".into();
    assert_eq!(problem_paths(&card), ["id"]);
}

#[test]
fn empty_sections_are_reported() {
    let mut card = seed();
    card.options[0].strengths.clear();
    assert_eq!(problem_paths(&card), ["options[0].strengths"]);

    let mut card = seed();
    card.factors.clear();
    // Clearing the factors also orphans the gate; only the list itself is reported.
    assert_eq!(problem_paths(&card), ["factors"]);

    let mut card = seed();
    card.title = "  ".into();
    card.questions[1].text.clear();
    card.ai.helps = vec![String::new()];
    assert_eq!(problem_paths(&card), ["title", "questions[1].text", "ai.helps[0]"]);

    // Optional sections may be left out.
    let mut card = seed();
    card.related.clear();
    assert!(validate(&card).is_empty());
}

#[test]
fn a_card_with_only_the_required_sections_is_valid() {
    let mut card = seed();
    card.tagline.clear();
    card.framing = Default::default();
    card.decision.heuristic.clear();
    card.decision.default_stance.clear();
    for o in &mut card.options {
        o.real_world_fits.clear();
        o.hidden_costs.clear();
        o.failure_modes.clear();
        o.who_absorbs_cost.clear();
        o.over_time.clear();
        o.signals.clear();
    }
    card.reversibility.relook_triggers.clear();
    card.questions.clear();
    card.evidence.clear();
    card.pressures = Default::default();
    card.ai = Default::default();
    card.related.clear();
    assert_eq!(problem_paths(&card), Vec::<String>::new());
    // Allowed, but worth a word: a card that asks for no evidence.
    let warnings: Vec<String> = validate(&card).into_iter().map(|p| p.path).collect();
    assert_eq!(warnings, ["evidence"]);
}

#[test]
fn what_looks_wrong_is_a_warning_not_an_error() {
    let mut card = seed();
    card.factors[0].prompt.clear();
    card.options[0].signals[0].text = card.pressures.bad_reasons[0].text.to_ascii_lowercase();
    card.factors[1].gate_for = Some(card.decision.default_option.clone());
    let problems = validate(&card);
    assert!(problems.iter().all(|p| p.severity() == Severity::Warning), "{problems:?}");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["factors[0].prompt", "factors[1].gate_for", "options[0].signals[0].text"]);
}

#[test]
fn a_missing_section_fails_to_deserialize_and_names_it() {
    let mut value = serde_json::to_value(seed()).unwrap();
    value.as_object_mut().unwrap().remove("decision");
    let err = serde_json::from_value::<Card>(value).unwrap_err().to_string();
    assert!(err.contains("missing field `decision`"), "{err}");
}

#[test]
fn undo_cost_without_a_burden_is_reported() {
    let mut card = seed();
    card.scoring.burden.remove("Moderate-hard");
    let problems = validate(&card);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "reversibility.undo_cost");
    assert!(problems[0].kind.to_string().contains("`Moderate-hard`"), "{:?}", problems[0]);
}

#[test]
fn option_references_must_name_an_option() {
    let mut card = seed();
    card.decision.default_option = "API".into();
    card.pressures.anti_patterns[1].favours = "apis".into();
    assert_eq!(problem_paths(&card), ["decision.default_option", "pressures.anti_patterns[1].favours"]);
}

#[test]
fn a_card_needs_exactly_two_options() {
    let minimal = read(&fixture("minimal.toml"));
    let start = minimal.find("[[options]]").unwrap();
    let end = minimal[start + 1..].find("[[options]]").unwrap() + start + 1;
    let third = minimal[start..end].replace("id = \"monorepo\"", "id = \"hybrid\"");
    let text = format!("{minimal}\n{third}");
    let (card, diagnostics) = load::parse_card("three.toml", &text);
    assert!(card.is_none());
    assert!(diagnostics[0].message.contains("exactly two options"), "{diagnostics:?}");
    assert_eq!(diagnostics[0].path, "options");
}

#[test]
fn scoring_numbers_must_be_finite_and_positive() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let mut card = seed();
        card.scoring.signal_strength = bad;
        card.scoring.burden.insert("Easy".into(), bad);
        assert_eq!(problem_paths(&card), ["scoring.signal_strength", "scoring.burden.Easy"], "value {bad}");
    }
}

// --- The build loader on files -----------------------------------------------------------------

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shown(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn minimal_fixture_is_a_valid_card_with_nothing_to_say() {
    let (card, diagnostics) =
        load::parse_card("tests/fixtures/minimal.toml", &read(&fixture("minimal.toml")));
    assert!(card.is_some() && diagnostics.is_empty(), "{}", shown(&diagnostics));
}

/// Each broken fixture states on its second line (`# expect: PATH`) the field its defect
/// must be reported at. The build must fail naming the file and that field.
#[test]
fn broken_fixtures_fail_with_file_and_field_path() {
    let mut names: Vec<String> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("broken-") && n.ends_with(".toml"))
        .collect();
    decision_core::sort::sort(&mut names);
    assert!(names.len() >= 8, "expected the broken fixtures, found {names:?}");

    for name in names {
        let text = read(&fixture(&name));
        let expect = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{name}: no `# expect:` line"));
        let file = format!("tests/fixtures/{name}");
        let (card, diagnostics) = load::parse_card(&file, &text);
        assert!(card.is_none(), "{name}: accepted, but it is broken at {expect}");
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        // The defect comes first, with file and field path: `FILE:LINE: path: error: message`.
        let first = errors.first().unwrap_or_else(|| panic!("{name}: no error"));
        assert_eq!(
            (first.file.as_str(), first.path.as_str()),
            (file.as_str(), expect),
            "{name}: {}",
            shown(&diagnostics)
        );
        assert!(first.to_string().starts_with(&format!("{file}:")), "{first}");
        // A misspelt required field is reported twice: the unknown name and the missing one.
        assert!(errors.len() <= 2, "{name}: one defect gave:\n{}", shown(&diagnostics));
    }
}

#[test]
fn toml_errors_carry_the_line_number() {
    let text = read(&fixture("broken-wrong-type.toml"));
    let line = text.lines().position(|l| l.contains("weight = \"high\"")).unwrap() + 1;
    let (_, diagnostics) = load::parse_card("x.toml", &text);
    let first = diagnostics[0].to_string();
    assert!(first.starts_with(&format!("x.toml:{line}: factors[1].weight: error: ")), "{first}");
}

/// A folder of card files for one test, removed when dropped.
struct TempContent(PathBuf);

impl TempContent {
    fn new(name: &str, files: &[(&str, &str)]) -> TempContent {
        let dir = std::env::temp_dir().join(format!("decision-core-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        TempContent(dir)
    }
}

impl Drop for TempContent {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn card_ids_must_be_unique_across_files() {
    let minimal = read(&fixture("minimal.toml"));
    let dir = TempContent::new("unique", &[("a.toml", &minimal), ("b.toml", &minimal)]);
    let report = load::load_dir(&dir.0, &dir.0);
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("b.toml:"), "{}", errors[0]);
    assert!(errors[0].contains("`monorepo-vs-many-repos` is already used by a.toml"), "{}", errors[0]);
}

#[test]
fn a_library_of_hundreds_reports_every_shared_id_at_once() {
    let minimal = read(&fixture("minimal.toml"));
    let id = "id = \"monorepo-vs-many-repos\"";
    assert!(minimal.contains(id));
    // 200 cards, of which copies 10, 30 and 199 take the ids of copies 20, 40 and 1.
    let taken = |n: usize| match n {
        10 => 20,
        30 => 40,
        199 => 1,
        n => n,
    };
    let files: Vec<(String, String)> = (0..200)
        .map(|n| (format!("c{n:03}.toml"), minimal.replace(id, &format!("id = \"copy-{:03}\"", taken(n)))))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
    let dir = TempContent::new("hundreds", &files);
    let report = load::load_dir(&dir.0, &dir.0);
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    // Files are read in name order: the later of two is the one reported.
    assert!(
        errors[0].starts_with("c020.toml:") && errors[0].contains("`copy-020` is already used by c010.toml")
    );
    assert!(
        errors[1].starts_with("c040.toml:") && errors[1].contains("`copy-040` is already used by c030.toml")
    );
    assert!(
        errors[2].starts_with("c199.toml:") && errors[2].contains("`copy-001` is already used by c001.toml")
    );
    assert_eq!(report.cards.len(), 197);
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let weight = read(&fixture("broken-weight.toml"));
    let gate = read(&fixture("broken-gate.toml"));
    let both = weight.replace("gate_for = \"monorepo\"", "gate_for = \"mono\"");
    let typed = read(&fixture("broken-wrong-type.toml")).replace("wieght", "weight");
    let unknown = typed.replacen("[framing]", "colour = \"blue\"\n\n[framing]", 1);
    let dir = TempContent::new(
        "all",
        &[
            ("a-gate.toml", &gate),
            ("b-both.toml", &both),
            ("c-typed.toml", &unknown),
            (
                "d-fine.toml",
                &read(&fixture("minimal.toml")).replace("monorepo-vs-many-repos", "another-card"),
            ),
        ],
    );
    let report = load::load_dir(&dir.0, &dir.0);
    let found: Vec<(String, String)> = report.errors().map(|d| (d.file.clone(), d.path.clone())).collect();
    assert!(found.contains(&("a-gate.toml".into(), "factors[2].gate_for".into())), "{found:?}");
    assert!(found.contains(&("b-both.toml".into(), "factors[2].weight".into())), "{found:?}");
    assert!(found.contains(&("c-typed.toml".into(), "colour".into())), "{found:?}");
    assert!(found.contains(&("c-typed.toml".into(), "factors[1].weight".into())), "{found:?}");
    assert!(report.errors().all(|d| d.line.is_some()), "{}", shown(&report.diagnostics));
    assert_eq!(report.cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["another-card"]);
}

#[test]
fn the_seed_card_file_is_listed_first() {
    let dir = std::env::temp_dir().join(format!("decision-cards-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a-first-by-name.toml", "model-api-vs-self-hosted.toml", "z-last.toml", "notes.txt"] {
        std::fs::write(dir.join(name), "").unwrap();
    }
    let names: Vec<String> = load::card_files(&dir)
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(names, ["model-api-vs-self-hosted.toml", "a-first-by-name.toml", "z-last.toml"]);
}

#[test]
fn the_example_in_the_card_format_doc_is_a_valid_card() {
    let doc = read(&root().join("docs/card-format.md"));
    let start = doc.find("```toml\n").expect("docs/card-format.md has a ```toml example") + "```toml\n".len();
    let len = doc[start..].find("```").expect("the example block is closed");
    let example = &doc[start..start + len];
    let (card, diagnostics) = load::parse_card("docs/card-format.md", example);
    assert!(card.is_some() && diagnostics.is_empty(), "{}", shown(&diagnostics));
}

// --- The data a page carries -------------------------------------------------------------------

#[test]
fn every_card_reads_back_from_the_data_its_page_carries() {
    use decision_core::authoring::emit;
    use decision_core::page_data::{read_card, read_library};
    let cards = common::content_cards();
    for card in cards {
        assert_eq!(read_card(&emit::card_json(card)).as_ref(), Ok(card), "{}", card.id);
    }
    assert_eq!(read_library(&emit::library_json(cards)), Ok(emit::summaries(cards)));
    // A card that declares its group reads back with it.
    let mut grouped = seed();
    grouped.group = "Platform".into();
    assert_eq!(read_card(&emit::card_json(&grouped)), Ok(grouped));
    // A card with every optional section left out reads back too.
    let mut bare = seed();
    bare.framing = Default::default();
    bare.related.clear();
    bare.factors[0].gate_for = None;
    assert_eq!(read_card(&emit::card_json(&bare)), Ok(bare));
    // Data that is not a card is refused with a reason, never a panic.
    for bad in ["", "{}", "[1]", r#"{"id": 1}"#, &emit::card_json(&seed()).replace("\"options\"", "\"opts\"")]
    {
        assert!(read_card(bad).is_err(), "{bad:.40}");
    }
}

#[test]
fn page_data_that_is_not_a_card_names_the_wrong_field() {
    use decision_core::authoring::emit;
    use decision_core::json::{Expected, ShapeError};
    use decision_core::page_data::{read_card, read_library, DataError};
    let text = emit::card_json(&seed());
    let shape = |text: &str| match read_card(text) {
        Err(DataError::Shape(shape)) => shape,
        other => panic!("expected a shape error, got {other:?}"),
    };
    assert_eq!(
        shape(&text.replace("\"options\"", "\"opts\"")),
        ShapeError::Missing { path: "options".into() }
    );
    assert_eq!(
        shape(&text.replacen("\"gate_for\":", "\"gate_for\":1,\"was\":", 1)),
        ShapeError::Expected { path: "factors[0].gate_for".into(), expected: Expected::TextOrNull }
    );
    assert_eq!(
        shape(&text.replacen("\"prompt_added\":", "\"prompt_added\":0,\"was\":", 1)),
        ShapeError::Expected { path: "factors[0].prompt_added".into(), expected: Expected::Bool }
    );
    let err = read_card(&text.replacen("\"why_added\":", "\"why_added\":null,\"was\":", 1)).unwrap_err();
    assert_eq!(err.to_string(), "pressures.bad_reasons[0].why_added: expected true or false");
    assert!(matches!(read_card("{"), Err(DataError::NotJson(_))));
    let library = emit::library_json(std::slice::from_ref(&seed()));
    let err = read_library(&library.replacen("\"version\":", "\"version\":\"1\",\"was\":", 1)).unwrap_err();
    assert_eq!(err.to_string(), "[0].version: expected a number");
}
