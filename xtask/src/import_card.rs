//! `cargo xtask import-card FILE [--lang CODE] [--force]`: a card in the plain-text format
//! becomes `content/<id>.toml` (the reading and drafting is the core's
//! [`decision_core::authoring::import`]; this is the command around it). The card's
//! language is the one whose headings the text uses ("Facteurs clés" is French), or what
//! `--lang` says: the card declares it, the headings are read in it (English ones too), and
//! what the importer drafts into the card (factor prompts, a pitfall's "why") is written
//! from that language's catalogue in `lang/`.
//!
//! Nothing is written when the text is not a card, when the card it gives would not build,
//! or when a card with its id exists already (unless `--force`). Lines that fit nowhere are
//! listed with their numbers; what was drafted rather than read is listed for review.

use std::path::Path;

use crate::util::{read_bytes, Ctx, Result};
use decision_core::authoring::{import, languages, load};
use decision_core::card::ENGLISH;
use decision_core::lang;
use decision_core::validate::Severity;

const USAGE: &str = "usage: cargo xtask import-card FILE [--lang CODE] [--force]";

pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let mut force = false;
    let mut told: Option<String> = None;
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--force" => force = true,
            "--lang" => told = Some(args.next().ok_or(USAGE)?.clone()),
            _ => files.push(arg),
        }
    }
    let [file] = files.as_slice() else {
        return Err(USAGE.into());
    };
    let catalogues = languages::load_dir(&ctx.root.join("lang")).map_err(|problems| {
        format!("the tool's words in lang/ are not complete:\n  {}", problems.join("\n  "))
    })?;
    let path = Path::new(file.as_str());
    let bytes = read_bytes(path)?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{}: not a text file (not UTF-8)", path.display()))?;
    let code = match told {
        Some(code) => code,
        None => {
            let code = import::language_of(&text, catalogues.values()).to_owned();
            if code != ENGLISH {
                println!("language: {code}, from its headings (--lang says otherwise)");
            }
            code
        }
    };
    let Some(catalogue) = catalogues.get(&code) else {
        return Err(format!(
            "--lang {code}: there are no words of the tool in that language; the languages are {} (docs/languages.md says how to add one)",
            catalogues.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    };
    lang::install(Box::leak(Box::new(catalogue.clone())));
    let imported = import::import(&text)
        .map_err(|import::NotACard(why)| format!("{}: {why}; nothing written", path.display()))?;

    let content = ctx.root.join("content");
    let id = &imported.card.id;
    let target = content.join(format!("{id}.toml"));
    let report = load::load_dir(&ctx.root, &content);
    let taken = report.cards.iter().any(|c| &c.id == id) || target.exists();
    if taken && !force {
        return Err(format!(
            "a card with the id `{id}` exists already ({}); pass --force to replace it",
            target.strip_prefix(&ctx.root).unwrap_or(&target).display()
        ));
    }

    let name = path.file_name().map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let toml = import::to_toml(&imported.card, &name);
    let shown = format!("content/{id}.toml");
    let (_, problems) = load::parse_card(&shown, &toml);
    let errors: Vec<String> =
        problems.iter().filter(|p| p.severity == Severity::Error).map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(format!(
            "{}: the card it gives would not build, so nothing was written:\n  {}\n(see docs/card-format.md for what a card needs)",
            path.display(),
            errors.join("\n  ")
        ));
    }
    std::fs::write(&target, &toml).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    println!("wrote {shown} (\u{201c}{}\u{201d})", imported.card.title);

    if !imported.unplaced.is_empty() {
        println!("\nnot imported: lines that fit nowhere (add them to the card by hand, or fix the source):");
        for (line, text, why) in &imported.unplaced {
            println!("  {}:{line}: \u{201c}{text}\u{201d}: {why}", path.display());
        }
    }
    let warnings: Vec<String> =
        problems.iter().filter(|p| p.severity == Severity::Warning).map(ToString::to_string).collect();
    if !warnings.is_empty() {
        println!("\nwarnings:\n  {}", warnings.join("\n  "));
    }
    println!("\nto review (drafted or defaulted, not read from the text):");
    for line in &imported.review {
        println!("  - {line}");
    }
    Ok(())
}
