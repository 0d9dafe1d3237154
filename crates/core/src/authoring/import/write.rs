//! An imported card written out as a `content/` file. The card goes through serde (the
//! `toml` crate writes what [`Card`] derives), then `toml_edit` gives the document the shape
//! of the cards in `content/`: a field a card may leave out only when it says something,
//! one list item per line, a blank line before every table, and the comments a card file
//! needs (where the card came from, which ids must not change, what each part is for).

use super::*;
use toml_edit::{DocumentMut, Item, Table, Value};

/// The fields a card may leave out (`#[serde(default)]` in `card.rs`, and every field of the
/// sections that are optional as a whole): written only when they say something. The
/// required fields are always written, even empty (`best_when = []`), so that the file
/// shows what is missing.
const OPTIONAL: &[&str] = &[
    // Card
    "tagline",
    "framing",
    "questions",
    "evidence",
    "pressures",
    "ai",
    "related",
    // Framing
    "really_about",
    "not_about",
    "why_hard",
    // Decision
    "heuristic",
    "default_stance",
    // OptionSide
    "real_world_fits",
    "hidden_costs",
    "failure_modes",
    "who_absorbs_cost",
    "over_time",
    "signals",
    // Reversibility
    "undo_cost_added",
    "relook_triggers",
    // Factor
    "prompt",
    "prompt_added",
    "weight_added",
    // Pressures, Pitfall
    "bad_reasons",
    "anti_patterns",
    "why_added",
    // AiImpact
    "helps",
    "worsens",
    "false_confidence",
    "synthesis",
    // Related
    "title_added",
];

/// A rule of dashes that frames a section comment, as in the cards of `content/`.
const RULE: &str =
    "# ---------------------------------------------------------------------------------------";

/// The comment above the first table of each top-level section.
const SECTIONS: &[(&str, &str)] = &[
    (
        "options",
        "The two options. The first is \"Option A\", the second \"Option B\"; the engine's axis runs\n\
         from A (left) to B (right), so keep this order stable.",
    ),
    ("reversibility", "Cost, time and reversibility."),
    (
        "factors",
        "Key factors: one slider each, from \"points clearly to Option A\" to \"points clearly to\n\
         Option B\". `weight` is the default importance (0 to 3); users can change it.",
    ),
    ("questions", "How to decide: each question gets a note field."),
    ("evidence", "Evidence needed: each item gets a status and a note."),
    (
        "pressures",
        "Pressures that feel convincing but must not count. Ticking one moves nothing; the tool\n\
         shows `why` and records a warning. `favours` is the option the pressure pushes toward.",
    ),
    ("ai", "AI impact."),
    ("related", "Related decisions."),
    ("scoring", "The engine's numbers for this card."),
];

/// The card as a `content/` file, in the order of [`Card`]'s fields, with a header saying
/// it was imported from `source`.
pub fn to_toml(card: &Card, source: &str) -> String {
    let text = toml::to_string(card).expect("a card is plain data: it always serializes");
    let mut doc: DocumentMut = text.parse().expect("the toml crate writes TOML");
    shape(doc.as_table_mut());
    comment(&mut doc);
    // A title is one line; a line break in it would end the comment.
    let title = card.title.replace(['\r', '\n'], " ");
    format!(
        "# Decision card: {title}.\n\
         #\n\
         # Imported from {source} by `cargo xtask import-card`; how to write and change a card:\n\
         # docs/card-format.md. Every `id` is what saved answers are keyed on: reword any text, but\n\
         # do not rename an id. What the source did not say is drafted and marked `*_added`.\n\
         \n\
         {doc}"
    )
}

/// Leaves out the optional fields that say nothing, writes each list with more than one
/// item one item per line, and puts a blank line before every table.
fn shape(table: &mut Table) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => shape_table(t),
            Item::ArrayOfTables(tables) => tables.iter_mut().for_each(shape_table),
            Item::Value(Value::Array(list)) if list.len() > 1 => {
                for v in list.iter_mut() {
                    v.decor_mut().set_prefix("\n  ");
                    v.decor_mut().set_suffix("");
                }
                list.set_trailing_comma(true);
                list.set_trailing("\n");
            }
            _ => {}
        }
    }
    table.retain(|key, item| !(OPTIONAL.contains(&key) && says_nothing(item)));
}

fn shape_table(table: &mut Table) {
    shape(table);
    table.decor_mut().set_prefix("\n");
    // A table of tables only (`pressures`) has no header of its own: `[[pressures.…]]` say it.
    let only_tables = table.iter().all(|(_, item)| item.is_table() || item.is_array_of_tables());
    table.set_implicit(only_tables);
}

/// An empty text or list, `false`, a table left empty, or no tables at all.
fn says_nothing(item: &Item) -> bool {
    match item {
        Item::None => true,
        Item::Value(Value::String(s)) => s.value().is_empty(),
        Item::Value(Value::Array(list)) => list.is_empty(),
        Item::Value(Value::Boolean(b)) => !b.value(),
        Item::Table(t) => t.is_empty(),
        Item::ArrayOfTables(tables) => tables.is_empty(),
        _ => false,
    }
}

/// The comments of [`SECTIONS`], and those on the two values a card author must keep
/// consistent with the rest of the card.
fn comment(doc: &mut DocumentMut) {
    for (section, text) in SECTIONS {
        let framed = format!(
            "\n{RULE}\n{}\n{RULE}\n\n",
            text.lines().map(|l| format!("# {l}")).collect::<Vec<_>>().join("\n")
        );
        let first = match doc.get_mut(section) {
            Some(Item::Table(t)) => first_table(t),
            Some(Item::ArrayOfTables(tables)) => tables.get_mut(0),
            _ => None,
        };
        if let Some(t) = first {
            t.decor_mut().set_prefix(framed);
        }
    }
    let notes = [
        (
            "decision",
            "default_option",
            "The option to stay with until the evidence clears the burden of proof (see [scoring]).",
        ),
        ("reversibility", "undo_cost", "It must be one of the keys of [scoring.burden]."),
    ];
    for (table, key, note) in notes {
        if let Some(mut key) = doc.get_mut(table).and_then(Item::as_table_mut).and_then(|t| t.key_mut(key)) {
            key.leaf_decor_mut().set_prefix(format!("# {note}\n"));
        }
    }
}

/// The table whose header comes first for `table`: itself, or, for a table written without
/// a header of its own (`pressures`), its first sub-table.
fn first_table(table: &mut Table) -> Option<&mut Table> {
    if !table.is_implicit() {
        return Some(table);
    }
    table.iter_mut().find_map(|(_, item)| match item {
        Item::Table(t) => Some(t),
        Item::ArrayOfTables(tables) => tables.get_mut(0),
        _ => None,
    })
}
