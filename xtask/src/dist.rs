//! The site, and the release build into `dist/`.
//!
//! The site's pages are made in three steps, [`apps`], [`pages`] and [`assemble`] (`serve`
//! runs each as a change needs it):
//!
//! 1. `trunk build` for each app ([`APPS`]): the card WASM (`index.html`, feature `hydrate`:
//!    the card pages), the workshop WASM (`workshop.html`) and the library WASM
//!    (`library.html`, feature `hydrate`: the library page): cargo,
//!    wasm-bindgen, wasm-opt `-Oz` in release (flags in the HTML; in release, the standard
//!    library rebuilt for size where the machine can, `size_build.rs`), the CSS, the start-up
//!    watch (`web/startup.js`) and the favicon, each app into `target/trunk/<app>/`. In
//!    release, each WASM and its glue are then slimmed (`slim.rs`), and the card's
//!    and workshop's are split into parts (`split.rs`).
//! 2. The prerender step (`src/bin/prerender.rs`, feature `ssr`, run natively): every page
//!    rendered with the app's own components into its shell, with the page's data: the
//!    library `index.html`, `<card-id>.html` and `<card-id>.workshop.html` per card.
//! 3. The pages and the apps' files go into one folder; their hashed file names never
//!    collide, and what the apps share (CSS, favicon, start-up watch) is the same file.
//!
//! [`build`] then finishes the release build:
//!
//! 4. Trunk's inline module loader of each page moves into a file of its own, so the
//!    Content-Security-Policy needs no hashes and stays the same from build to build
//!    (`csp.rs`).
//! 5. esbuild minifies the JS (the wasm-bindgen glue and the loaders) and the CSS. Trunk's
//!    own minifier is off (Trunk.toml): in 0.21 it fails on the glue and ships it as it is.
//! 6. The `integrity` attributes in the HTML are recomputed: steps 4 and 5 changed files that
//!    Trunk had hashed; the one Trunk writes on the icon link, where HTML does not allow it,
//!    goes. The same pass (`html.rs`) writes Leptos' hydration markers `<!>` as `<!---->`,
//!    the same empty comment in valid HTML.
//! 7. The policy is written to `dist/csp.txt` (see `docs/csp.md`).
//! 8. The single-file build, one self-contained page per card and per workshop, goes to
//!    `dist-single/` (`single.rs`); `dist/offline/` gets one template per app, from which
//!    each hosted page makes its own single file when a reader asks for it.
//! 9. Each page's module loader is bundled with the modules it imports into one file, which
//!    the page loads under one integrity hash, preloading no module (`bundle.rs`).

use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use crate::sri;
use crate::util::{toml_value, Ctx, Result};

/// The apps of the build: each a Trunk target, an HTML shell that names its binary.
pub const APPS: [&str; 3] = ["index.html", "workshop.html", "library.html"];

/// Which build of the apps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Sized and optimised: `dist/`.
    Release,
    /// Quick to build, with debug assertions (hydration mismatches are reported with their
    /// place): `cargo xtask serve`.
    Dev,
}

/// Where a release build reads its cards and writes its two folders.
pub struct Layout {
    pub content: PathBuf,
    pub dist: PathBuf,
    pub single: PathBuf,
}

impl Layout {
    /// The repository's `content/`, `dist/` (`Trunk.toml`'s `dist`) and `dist-single/`.
    pub fn standard(ctx: &Ctx) -> Result<Layout> {
        let trunk_toml = ctx.read("Trunk.toml")?;
        let dist = toml_value(&trunk_toml, "build", "dist").unwrap_or_else(|| "dist".into());
        Ok(Layout {
            content: ctx.root.join("content"),
            dist: ctx.root.join(dist),
            single: ctx.root.join(crate::single::OUT_DIR),
        })
    }

    /// The standard layout with `--content DIR` (the cards) and `--out DIR` (the build into
    /// `DIR/dist/` and `DIR/dist-single/`) in its place: another library built with the
    /// same apps, as the build-time benchmark does.
    pub fn from_args(ctx: &Ctx, args: &[String]) -> Result<Layout> {
        let mut layout = Layout::standard(ctx)?;
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().map(PathBuf::from).ok_or(format!("{flag} needs a folder after it"))?;
            let value = if value.is_absolute() { value } else { ctx.root.join(value) };
            match flag.as_str() {
                "--content" => layout.content = value,
                "--out" => {
                    layout.dist = value.join("dist");
                    layout.single = value.join(crate::single::OUT_DIR);
                }
                _ => return Err(format!("unknown argument {flag} (dist takes --content DIR and --out DIR)")),
            }
        }
        Ok(layout)
    }
}

/// Trunk's staging folder of one app (the step 1 output).
fn staging(ctx: &Ctx, app: &str) -> PathBuf {
    ctx.root.join("target/trunk").join(app.trim_end_matches(".html"))
}

/// Where the prerender step writes the pages (the step 2 output).
fn pages_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join("target/trunk/pages")
}

/// Step 1: each app built by Trunk into its staging folder, the card shell without its WASM
/// preload. `cargo xtask serve` runs this only when something other than `content/` changed.
pub fn apps(ctx: &Ctx, profile: Profile) -> Result<()> {
    let release = if profile == Profile::Release { "true" } else { "false" };
    let env = if profile == Profile::Release { crate::size_build::release_env(ctx) } else { Vec::new() };
    if !env.is_empty() {
        let shown: Vec<String> = env.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
        println!("release WASMs with the standard library built for size: {}", shown.join(" "));
    }
    for app in APPS {
        let mut trunk = ctx.command("trunk");
        trunk.args(["build", "--release", release, "--dist"]).arg(staging(ctx, app)).arg(app);
        trunk.envs(env.iter().map(|(k, v)| (k, v)));
        ctx.run(&mut trunk)?;
        if profile == Profile::Release {
            let slimmed = crate::slim::trunk_build(ctx, app, &staging(ctx, app))?;
            println!(
                "{app}: the app in one module slimmed, {} export(s) nothing calls dropped, {} name(s) shortened",
                slimmed.dropped, slimmed.renamed
            );
            if let Some(split) = crate::split::SPLIT_APPS.iter().find(|s| s.shell == app) {
                crate::split::app(ctx, split, &staging(ctx, app), &env)?;
            }
        }
    }
    for app in APPS {
        let shell_file = staging(ctx, app).join("index.html");
        let shell = std::fs::read_to_string(&shell_file)
            .map_err(|e| format!("cannot read {}: {e}", shell_file.display()))?;
        // The shells' comments are for their source's reader; the prerendered pages take
        // their WASM after the first paint.
        let mut shell = crate::html::without_comments(&shell)?;
        if app != "workshop.html" {
            shell = without_wasm_preload(&shell)?;
        }
        std::fs::write(&shell_file, shell)
            .map_err(|e| format!("cannot write {}: {e}", shell_file.display()))?;
    }
    Ok(())
}

/// Step 2: every page rendered from the cards in `content` into the shells of step 1. All
/// a change to a card needs: the WASM reads its card from the page.
pub fn pages(ctx: &Ctx, content: &Path) -> Result<()> {
    let pages = pages_dir(ctx);
    if pages.exists() {
        std::fs::remove_dir_all(&pages).map_err(|e| format!("cannot clear {}: {e}", pages.display()))?;
    }
    // Natively, in the dev profile: it runs once, and a panic while rendering must unwind
    // to be reported with the page it happened on.
    let mut prerender = ctx.cargo();
    prerender.args([
        "run",
        "--quiet",
        "--bin",
        "prerender",
        "--no-default-features",
        "--features",
        "ssr",
        "--",
    ]);
    prerender.arg("--content").arg(content);
    prerender.arg("--lang").arg(ctx.root.join("lang"));
    prerender.arg("--card-shell").arg(staging(ctx, "index.html").join("index.html"));
    prerender.arg("--workshop-shell").arg(staging(ctx, "workshop.html").join("index.html"));
    prerender.arg("--library-shell").arg(staging(ctx, "library.html").join("index.html"));
    prerender.arg("--out").arg(&pages);
    ctx.run(&mut prerender)
}

/// Step 3: the apps' files and the pages into `out`, emptied first.
pub fn assemble(ctx: &Ctx, out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for app in APPS {
        copy_files(&staging(ctx, app), out, |name| name != "index.html")?;
    }
    copy_files(&pages_dir(ctx), out, |_| true)
}

/// The release build of the repository's cards (`cargo xtask dist`).
pub fn build(ctx: &Ctx) -> Result<()> {
    build_into(ctx, &Layout::standard(ctx)?)
}

/// The release build: steps 1 to 8 above.
pub fn build_into(ctx: &Ctx, layout: &Layout) -> Result<()> {
    let started = Instant::now();
    // How long each step took, for the last line: what a card more costs shows there.
    let mut steps: Vec<String> = Vec::new();
    let mut step = Instant::now();
    let mut done = |name: &str| {
        steps.push(format!("{name} {:.1}s", step.elapsed().as_secs_f64()));
        step = Instant::now();
    };
    let dist = layout.dist.clone();
    apps(ctx, Profile::Release)?;
    done("apps");
    pages(ctx, &layout.content)?;
    done("pages");
    assemble(ctx, &dist)?;
    let mut pages = Vec::new();
    files_with_extension(&dist, "html", &mut pages)?;
    pages.sort();

    println!("\nmoving inline scripts into files (for a fixed Content-Security-Policy)");
    for page in &pages {
        crate::csp::externalize_scripts(&dist, &rel(&dist, page))?;
    }
    done("scripts out");

    println!("\nminifying JS and CSS with esbuild");
    let mut assets = Vec::new();
    files_with_extension(&dist, "js", &mut assets)?;
    files_with_extension(&dist, "css", &mut assets)?;
    assets.sort();
    for asset in &assets {
        minify(ctx, &dist, asset)?;
    }
    done("minifying");

    println!("\nupdating SRI hashes (and writing the hydration markers as valid comments)");
    for page in &pages {
        update_integrity(&dist, page)?;
    }
    done("hashes");

    println!("\nContent-Security-Policy (dist/csp.txt; see docs/csp.md)");
    let names: Vec<String> = pages.iter().map(|p| rel(&dist, p)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    println!("  {}", crate::csp::write(&dist, &names)?);
    done("policy");

    println!(
        "\nsingle-file build ({}/, one page per card and one workshop per card)",
        rel(&ctx.root, &layout.single)
    );
    crate::single::build(ctx, layout)?;
    done("single files");

    println!("\none module per page (each loader bundled with what it imports, by esbuild)");
    crate::bundle::one_module_per_page(ctx, &dist, &pages)?;
    done("one module");

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
    println!("release build done in {:.1}s ({})", started.elapsed().as_secs_f64(), steps.join(", "));
    Ok(())
}

/// The card app's shell without Trunk's `<link rel="preload">` of the WASM. Its pages are
/// prerendered, so the card is there to read at first paint; fetching 470 KB alongside the
/// page was measured to put that paint off by a fifth, for no earlier start of the app
/// (docs/performance.md). The loader fetches the WASM as soon as it runs. The workshop page
/// keeps its preload: it has nothing to show before its WASM runs.
fn without_wasm_preload(html: &str) -> Result<String> {
    crate::html::rewrite(html, "link", |e, el| {
        if e.has_rel("preload") && e.attr("href").is_some_and(|h| h.ends_with(".wasm")) {
            el.remove();
        }
        Ok(())
    })
}

/// Copies the files of `from` that `keep` accepts (by name) into `to`, leaving out hidden
/// entries (Trunk's staging folder) and folders.
fn copy_files(from: &Path, to: &Path, keep: impl Fn(&str) -> bool) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !keep(&name) || entry.path().is_dir() {
            continue;
        }
        let src = entry.path();
        std::fs::copy(&src, to.join(&name)).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
    }
    Ok(())
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
        let what = match u.change {
            sri::Change::Unchanged => "unchanged",
            sri::Change::Updated => "updated",
            sri::Change::Dropped => "dropped (not allowed on this link)",
        };
        println!("  {}: {} {what}", rel(dist, page), u.url);
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

/// `path` relative to `base`, for messages (the whole path when it is not under `base`).
pub fn rel(base: &Path, path: &Path) -> String {
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

    #[test]
    fn the_card_shell_loses_only_its_wasm_preload() {
        let shell = concat!(
            r#"<head><link rel="modulepreload" href="./app-1.js" integrity="sha384-y">"#,
            r#"<link rel="preload" href="./app-1_bg.wasm" integrity="sha384-z" as="fetch" type="application/wasm">"#,
            r#"<link rel="preload" href="./font.woff2" as="font"></head>"#,
        );
        assert_eq!(
            without_wasm_preload(shell).unwrap(),
            r#"<head><link rel="modulepreload" href="./app-1.js" integrity="sha384-y"><link rel="preload" href="./font.woff2" as="font"></head>"#
        );
    }
}
