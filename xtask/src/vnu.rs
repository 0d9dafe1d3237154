//! The HTML validation step of `cargo xtask test`: the Nu HTML Checker (the W3C's checker,
//! from the `vnu-jar` npm package, run on Java) over every page the release build made, in
//! one run: `dist/index.html`, each card page and each workshop page of `dist/`, and each
//! file of `dist-single/`. Any error fails the step; the checker's warnings are shown.
//!
//! The offline templates in `dist/offline/` are left out: each is a file of `dist-single/`
//! with slots in place of a page's parts (`single.rs`), and the files it makes are checked
//! there.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::util::{Ctx, Result};

/// Where `npm ci` puts the checker.
pub const JAR: &str = "node_modules/vnu-jar/build/dist/vnu.jar";

pub fn run(ctx: &Ctx) -> Result<()> {
    let started = Instant::now();
    let mut pages = Vec::new();
    let layout = crate::dist::Layout::standard(ctx)?;
    for dir in [layout.dist, layout.single] {
        pages.extend(html_files(&dir)?);
    }
    if pages.is_empty() {
        return Err("no built pages to check: run the release build (cargo xtask dist) first".into());
    }
    let mut cmd = ctx.command("java");
    // Java directly, not the package's `vnu` launcher, which may download a Java runtime.
    // The one notice left out is informational: the shells and Trunk write void elements
    // as `<meta … />`, which HTML allows.
    cmd.arg("-jar").arg(ctx.root.join(JAR)).args([
        "--format",
        "gnu",
        "--filterpattern",
        ".*Trailing slash on void elements.*",
    ]);
    cmd.args(pages.iter().map(|p| p.strip_prefix(&ctx.root).unwrap_or(p)));
    ctx.run(&mut cmd).map_err(|e| format!("{e}: the pages above are not valid HTML"))?;
    println!("ok: {} pages are valid HTML ({:.1}s)", pages.len(), started.elapsed().as_secs_f64());
    Ok(())
}

/// The `.html` files directly in `dir` (not in its sub-folders), sorted.
fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_pages_of_a_folder_but_not_of_its_sub_folders() {
        let dir = std::env::temp_dir().join(format!("xtask-vnu-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("offline")).unwrap();
        for f in ["index.html", "a.workshop.html", "csp.txt", "offline/a.html", "app.js"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let files = html_files(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<String> =
            files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.workshop.html", "index.html"]);
    }
}
