//! `cargo xtask import-card FILE [--force]`: a card in the plain-text format becomes
//! `content/<id>.toml` (the reading and drafting is the core's
//! [`decision_core::authoring::import`]; this is the command around it).
//!
//! Nothing is written when the text is not a card, when the card it gives would not build,
//! or when a card with its id exists already (unless `--force`). Lines that fit nowhere are
//! listed with their numbers; what was drafted rather than read is listed for review.

use std::path::Path;

use crate::util::{Ctx, Result};
use decision_core::authoring::{import, load};
use decision_core::validate::Severity;

pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let force = args.iter().any(|a| a == "--force");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--force").collect();
    let [file] = files.as_slice() else {
        return Err("usage: cargo xtask import-card FILE [--force]".into());
    };
    let path = Path::new(file.as_str());
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{}: not a text file (not UTF-8)", path.display()))?;
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
