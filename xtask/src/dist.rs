//! The release build into `dist/`:
//!
//! 1. `trunk build --release` for each app ([`APPS`]: the card page `index.html` and the
//!    workshop page `workshop.html`, each with a WASM of its own): cargo (release profile,
//!    sized for `z`), wasm-bindgen, wasm-opt `-Oz` (flags in the HTML), CSS, the start-up
//!    watch (`web/startup.js`), the page with SRI hashes; merged into `dist/`.
//! 2. Trunk's inline module loader of each page moves into a file of its own, so the
//!    Content-Security-Policy needs no hashes and stays the same from build to build
//!    (`csp.rs`).
//! 3. esbuild minifies the JS (the wasm-bindgen glue, the scripts of step 2 and any
//!    snippets) and the CSS. Trunk's own minifier is off (Trunk.toml): in 0.21 it fails on
//!    the glue ("Failed to minify JS") and ships it as it is.
//! 4. The `integrity` attributes in the HTML are recomputed: step 3 changed files that
//!    Trunk had already hashed, and step 2 added the loader.
//! 5. The policy is written to `dist/csp.txt` (see `docs/csp.md`).
//! 6. The single-file build, one self-contained page per card, goes to `dist-single/`
//!    (`single.rs`).

use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use crate::sri;
use crate::util::{toml_value, Ctx, Result};

/// The apps of the build: each a Trunk target, an HTML shell that names its binary. Each is
/// built into a folder of its own under `target/trunk/` and merged into `dist/`; their
/// hashed file names never collide, and the stylesheet they share is the same file.
pub const APPS: [&str; 2] = ["index.html", "workshop.html"];

pub fn build(ctx: &Ctx) -> Result<()> {
    let started = Instant::now();
    let dist = dist_dir(ctx)?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    for app in APPS {
        let staging = ctx.root.join("target/trunk").join(app.trim_end_matches(".html"));
        let mut trunk = ctx.command("trunk");
        trunk.args(["build", "--release", "true", "--dist"]).arg(&staging).arg(app);
        ctx.run(&mut trunk)?;
        copy_build(&staging, &dist, app)?;
    }

    println!("\nmoving inline scripts into files (for a fixed Content-Security-Policy)");
    for page in APPS {
        crate::csp::externalize_scripts(&dist, page)?;
    }

    println!("\nminifying JS and CSS with esbuild");
    let mut assets = Vec::new();
    files_with_extension(&dist, "js", &mut assets)?;
    files_with_extension(&dist, "css", &mut assets)?;
    assets.sort();
    for asset in &assets {
        minify(ctx, &dist, asset)?;
    }

    println!("\nupdating SRI hashes");
    let mut pages = Vec::new();
    files_with_extension(&dist, "html", &mut pages)?;
    for page in &pages {
        update_integrity(&dist, page)?;
    }

    println!("\nContent-Security-Policy (dist/csp.txt; see docs/csp.md)");
    println!("  {}", crate::csp::write(&dist, &APPS)?);

    println!("\n{}:", rel(&ctx.root, &dist));
    let mut all = Vec::new();
    all_files(&dist, &mut all)?;
    all.sort();
    let mut total = 0;
    for file in &all {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        total += size;
        println!("  {:>9}  {}", kb(size), rel(&dist, file));
    }
    println!("  {:>9}  total", kb(total));

    println!(
        "\nsingle-file build ({}/, one page per card and one workshop per card)",
        crate::single::OUT_DIR
    );
    crate::single::build(ctx, &dist)?;
    println!("release build done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Copies one app's build into `dist/`: every file but Trunk's hidden staging folder, the
/// page (which Trunk always names `index.html`) under the name of its app.
fn copy_build(from: &Path, to: &Path, page: &str) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let src = entry.path();
        let dst = if name == "index.html" { to.join(page) } else { to.join(&name) };
        if src.is_dir() {
            std::fs::create_dir_all(&dst).map_err(|e| format!("cannot create {}: {e}", dst.display()))?;
            copy_build(&src, &dst, page)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

fn dist_dir(ctx: &Ctx) -> Result<PathBuf> {
    let trunk_toml = ctx.read("Trunk.toml")?;
    let dist = toml_value(&trunk_toml, "build", "dist").unwrap_or_else(|| "dist".into());
    Ok(ctx.root.join(dist))
}

/// Minifies one `.js` (an ES module) or `.css` file in place. esbuild does not bundle
/// here, so imports and `url()` references stay as they are.
fn minify(ctx: &Ctx, dist: &Path, file: &Path) -> Result<()> {
    let before = size_of(file)?;
    let is_js = file.extension().is_some_and(|e| e == "js");
    // esbuild picks the loader from the input's extension, so the output name is free.
    let tmp = file.with_extension("min-tmp");
    let mut cmd = ctx.command("esbuild");
    cmd.arg(file).args(["--minify", "--log-level=warning"]);
    if is_js {
        cmd.arg("--format=esm");
    }
    cmd.arg(format!("--outfile={}", tmp.display()));
    ctx.run(&mut cmd)?;
    std::fs::rename(&tmp, file)
        .map_err(|e| format!("cannot replace {} with its minified copy: {e}", file.display()))?;
    let after = size_of(file)?;
    println!("  {}: {} -> {}", rel(dist, file), kb(before), kb(after));
    Ok(())
}

fn update_integrity(dist: &Path, page: &Path) -> Result<()> {
    let html = std::fs::read_to_string(page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let base = page.parent().unwrap_or(dist);
    let (new_html, updates) = sri::rewrite_integrity(&html, |url| {
        let file = resolve(base, url)?;
        std::fs::read(&file).map_err(|e| format!("{url} in {}: {e}", page.display()))
    })?;
    for u in &updates {
        println!("  {}: {} {}", rel(dist, page), u.url, if u.changed { "updated" } else { "unchanged" });
    }
    if new_html != html {
        std::fs::write(page, new_html).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    }
    Ok(())
}

/// The file that a relative URL in a page names. Anything that could leave `dist/` or
/// reach another host is an error: the build only ever references its own files.
fn resolve(base: &Path, url: &str) -> Result<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || path.contains("://") {
        return Err(format!("integrity on a URL that is not relative to the page: {url}"));
    }
    let rel = Path::new(path);
    if rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(format!("integrity on a URL outside the build folder: {url}"));
    }
    Ok(base.join(rel))
}

fn files_with_extension(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut all = Vec::new();
    all_files(dir, &mut all)?;
    out.extend(all.into_iter().filter(|p| p.extension().is_some_and(|e| e == ext)));
    Ok(())
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            all_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn size_of(path: &Path) -> Result<u64> {
    std::fs::metadata(path).map(|m| m.len()).map_err(|e| format!("{}: {e}", path.display()))
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn rel(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_relative_urls_inside_the_build() {
        let base = Path::new("/b/dist");
        assert_eq!(resolve(base, "./app-1.js").unwrap(), Path::new("/b/dist/./app-1.js"));
        assert_eq!(
            resolve(base, "snippets/x/inline0.js?v=1").unwrap(),
            Path::new("/b/dist/snippets/x/inline0.js")
        );
        for bad in ["/app.js", "https://cdn.example/app.js", "../secret.js", "./a/../../b.js", ""] {
            assert!(resolve(base, bad).is_err(), "{bad}");
        }
    }
}
