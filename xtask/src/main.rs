//! Project automation, run as `cargo xtask <command>` (an alias in `.cargo/config.toml`).
//!
//! - `serve`: install what is missing, build the site in the dev profile into `target/serve/`
//!   (leaving `dist/` to the release build), serve it, and on every saved change build what
//!   it needs again and reload the open pages (`serve.rs`).
//! - `test`:  install what is missing (including Chromium and Java), then run every check in
//!   order, stopping at the first failure: native tests, fuzzing (`fuzz.rs`), browser tests,
//!   release build, HTML validation of the built pages (`vnu.rs`), e2e tests
//!   (which include the size budgets, `e2e/size-budget.test.mjs`).
//! - `check`: the house rules alone (the first step of `test`): rustfmt, clippy with
//!   warnings as errors, the API docs built with warnings as errors, no web crate under the
//!   core crate, no source file over 700 lines.
//! - `dist`:  install what is missing, then the release build into `dist/` and the
//!   single-file build into `dist-single/`.
//! - `import-card FILE [--lang CODE] [--force]`: a card in the plain-text format becomes
//!   `content/<id>.toml` (`import_card.rs`).
//! - `bench`: the release build, then `e2e/bench.mjs`: sizes, start-up and slider-to-verdict
//!   times, the analysis of "What could change the answer" timed alone, memory; tables on
//!   the terminal and `bench-results.json` (see `bench.rs`).
//!
//! Installing is idempotent and quick when everything is present; see `setup.rs` for how
//! each tool is detected. The crates it uses are listed, with what for, in `Cargo.toml`.

mod bench;
mod bundle;
mod csp;
mod dist;
mod fuzz;
mod html;
mod import_card;
mod serve;
mod setup;
mod single;
mod size_build;
mod slim;
mod split;
mod sri;
mod util;
mod vnu;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use util::{banner, Ctx, Result};

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  serve [--port N]    install missing tools, build the site in the dev profile into target/serve/,
                        serve it at http://127.0.0.1:8080/ (or port N), rebuild on every change
                        (content/ alone: the pages only) and reload the open pages
  test                install missing tools, Chromium and Java, then run all checks: native tests,
                        fuzzing, browser tests, release build, HTML validation, end-to-end tests
  check               the house rules only: rustfmt, clippy -D warnings, cargo doc -D warnings,
                        no web crate in the core, no source file over 700 lines
  dist [--content DIR] [--out DIR]
                      install missing tools, then the release build into dist/
                        and the single-file build (one page per card) into dist-single/;
                        the cards of DIR instead of content/, into DIR/dist and DIR/dist-single
  import-card FILE [--lang CODE] [--force]
                      turn a card in the plain-text format into content/<id>.toml
  bench [--no-build] [--loads N] [--inputs N] [--sizes-only]
                      release build, then sizes, start-up, slider-to-verdict and the
                        analysis alone, timed in headless Chromium; writes bench-results.json
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let ctx = Ctx::new();
    let result = match command.as_str() {
        "serve" => serve::run(&ctx, rest),
        "test" if rest.is_empty() => test(&ctx),
        "check" if rest.is_empty() => house_rules(&ctx),
        "dist" => dist_cmd(&ctx, rest),
        "bench" => bench::run(&ctx, rest),
        "import-card" => import_card::run(&ctx, rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("xtask: unknown command or arguments: {}\n\n{USAGE}", args.join(" "));
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn dist_cmd(ctx: &Ctx, args: &[String]) -> Result<()> {
    let layout = dist::Layout::from_args(ctx, args)?;
    setup::base(ctx)?;
    dist::build_into(ctx, &layout)
}

/// One step of `cargo xtask test`.
struct Step {
    name: &'static str,
    run: fn(&Ctx) -> Result<()>,
}

fn test(ctx: &Ctx) -> Result<()> {
    let started = Instant::now();
    setup::base(ctx)?;
    setup::browser(ctx)?;
    setup::java(ctx)?;
    let steps = [
        Step {
            name:
                "house rules (rustfmt, clippy -D warnings, cargo doc -D warnings, a core without web crates, no file over 700 lines)",
            run: house_rules,
        },
        Step { name: "native tests (cargo test --workspace)", run: native_tests },
        Step { name: "fuzzing (cargo fuzz, each decoder for FUZZ_SECONDS, default 20 s)", run: fuzz::run },
        Step { name: "browser tests (wasm-bindgen-test in headless Chromium)", run: wasm_tests },
        Step { name: "release build (cargo xtask dist)", run: dist::build },
        Step { name: "HTML validation (the Nu HTML Checker on every built page)", run: vnu::run },
        Step { name: "end-to-end tests (node --test e2e/)", run: e2e_tests },
    ];
    let mut timings = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let label = format!("[{}/{}] {}", i + 1, steps.len(), step.name);
        banner(&label);
        let t = Instant::now();
        if let Err(e) = (step.run)(ctx) {
            eprintln!();
            eprintln!("==================================================================");
            eprintln!("FAILED: {label}");
            eprintln!("==================================================================");
            return Err(e);
        }
        timings.push((label, t.elapsed()));
    }
    banner("all checks passed");
    for (label, elapsed) in &timings {
        println!("  {:>6.1}s  {label}", elapsed.as_secs_f64());
    }
    println!("  {:>6.1}s  total (including setup)", started.elapsed().as_secs_f64());
    Ok(())
}

/// Crates the core must never depend on: it is pure, and everything in it is tested natively.
const WEB_CRATES: &[&str] = &["leptos", "web-sys", "js-sys", "wasm-bindgen"];

/// The rules that tools check: formatting (`rustfmt.toml`), clippy with warnings as errors
/// (with the size rules of `clippy.toml`) for the native and the WASM build, API docs that
/// build without a warning (broken links included), a core crate whose dependency tree has
/// no web crate, and no source file over [`MAX_SOURCE_LINES`] lines.
fn house_rules(ctx: &Ctx) -> Result<()> {
    let mut fmt = ctx.cargo();
    fmt.args(["fmt", "--all", "--check"]);
    ctx.run(&mut fmt)?;
    let mut fmt_fuzz = ctx.cargo();
    fmt_fuzz.args(["fmt", "--manifest-path", "fuzz/Cargo.toml", "--all", "--check"]);
    ctx.run(&mut fmt_fuzz)?;
    let mut clippy = ctx.cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    ctx.run(&mut clippy)?;
    let mut clippy_wasm = ctx.cargo();
    clippy_wasm.args(["clippy", "--package", &ctx.package_name()?, "--target", "wasm32-unknown-unknown"]);
    clippy_wasm.args(["--all-targets", "--", "-D", "warnings"]);
    ctx.run(&mut clippy_wasm)?;
    // The other builds of the app: the pages' WASM (as a whole, and in parts for the release
    // card and workshop pages) and the prerender step.
    let package = ctx.package_name()?;
    for (target, feature) in [
        ("wasm32-unknown-unknown", "hydrate"),
        ("wasm32-unknown-unknown", "hydrate,split"),
        ("wasm32-unknown-unknown", "csr,split"),
        ("", "ssr"),
    ] {
        let mut clippy_feature = ctx.cargo();
        clippy_feature.args([
            "clippy",
            "--package",
            &package,
            "--no-default-features",
            "--features",
            feature,
        ]);
        if !target.is_empty() {
            clippy_feature.args(["--target", target]);
        }
        clippy_feature.args(["--bins", "--", "-D", "warnings"]);
        ctx.run(&mut clippy_feature)?;
    }
    let mut doc = ctx.cargo();
    doc.args(["doc", "--no-deps", "--workspace"]).env("RUSTDOCFLAGS", "-D warnings");
    ctx.run(&mut doc)?;
    let tree = ctx.output_of(ctx.cargo().args([
        "tree",
        "--package",
        "decision-core",
        "--edges",
        "normal",
        "--prefix",
        "none",
    ]))?;
    let web: Vec<&str> =
        tree.lines().filter(|l| WEB_CRATES.contains(&l.split_whitespace().next().unwrap_or(""))).collect();
    if !web.is_empty() {
        return Err(format!("the core crate depends on web crates: {}", web.join(", ")));
    }
    println!("ok: decision-core depends on no web crate ({} crates in its tree)", tree.lines().count());
    let long = long_sources(&ctx.root)?;
    if !long.is_empty() {
        let list: Vec<String> = long.iter().map(|(path, n)| format!("{path} ({n} lines)")).collect();
        return Err(format!(
            "source files over {MAX_SOURCE_LINES} lines (split each by concern): {}",
            list.join(", ")
        ));
    }
    println!("ok: no source file over {MAX_SOURCE_LINES} lines");
    Ok(())
}

/// The longest a Rust source file may be: past it, a file holds more than one concern.
const MAX_SOURCE_LINES: usize = 700;

/// The folders of Rust source, under the workspace root.
const SOURCE_DIRS: &[&str] = &["src", "crates", "tests", "xtask", "fuzz"];

/// Every `.rs` file under [`SOURCE_DIRS`] (build output left out) longer than
/// [`MAX_SOURCE_LINES`], with its length, path relative to `root`.
fn long_sources(root: &Path) -> Result<Vec<(String, usize)>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    walk(&path, out)?;
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        let dir = root.join(dir);
        if dir.is_dir() {
            walk(&dir, &mut files)?;
        }
    }
    files.sort();
    let mut long = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let lines = text.lines().count();
        if lines > MAX_SOURCE_LINES {
            let rel = file.strip_prefix(root).unwrap_or(&file).display().to_string();
            long.push((rel, lines));
        }
    }
    Ok(long)
}

fn native_tests(ctx: &Ctx) -> Result<()> {
    let mut cmd = ctx.cargo();
    cmd.args(["test", "--workspace"]);
    ctx.run(&mut cmd)
}

/// Runs the `tests/web_*.rs` integration tests on wasm32 through wasm-bindgen-test-runner,
/// which drives the system Chromium through chromedriver (`webdriver.json` at the root
/// adds the browser flags). Only these files are built for wasm; the other test files are
/// native-only.
fn wasm_tests(ctx: &Ctx) -> Result<()> {
    let tests = web_test_names(&ctx.root.join("tests"))?;
    if tests.is_empty() {
        println!("no tests/web_*.rs files: nothing to run in the browser");
        return Ok(());
    }
    let mut cmd = ctx.cargo();
    cmd.args(["test", "--package", &ctx.package_name()?, "--target", "wasm32-unknown-unknown"]);
    for t in &tests {
        cmd.args(["--test", t]);
    }
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", setup::CHROMEDRIVER);
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        cmd.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    }
    // Chromedriver leaves each session's browser profile (about 150 MB) in the temporary
    // folder. In a folder of this run's own, removed afterwards, they do not pile up there.
    // Short, under the system's temporary folder: the browser puts a socket in it, and a
    // socket's path may not be longer than 107 bytes.
    let tmp = std::env::temp_dir().join(format!("dc-browser-tests-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    cmd.env("TMPDIR", &tmp);
    let result = ctx.run(&mut cmd);
    if let Err(e) = std::fs::remove_dir_all(&tmp) {
        println!("note: could not remove {}: {e}", tmp.display());
    }
    result
}

/// Names (file stems) of `tests/web_*.rs`, sorted.
fn web_test_names(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(names),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".rs") {
            if stem.starts_with("web_") && entry.path().is_file() {
                names.push(stem.to_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

fn e2e_tests(ctx: &Ctx) -> Result<()> {
    let dir = ctx.root.join("e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("e2e/{n}"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no e2e/*.test.mjs files found".into());
    }
    // Listing the files (rather than passing the folder) behaves the same on every Node
    // version from 20 on.
    let mut cmd = ctx.command("node");
    cmd.arg("--test").args(&files);
    ctx.run(&mut cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_source_files_over_the_line_limit_outside_build_output() {
        let root = std::env::temp_dir().join(format!("xtask-long-{}", std::process::id()));
        let lines = |n: usize| "x\n".repeat(n);
        for (path, n) in [
            ("src/long.rs", MAX_SOURCE_LINES + 1),
            ("src/ok.rs", MAX_SOURCE_LINES),
            ("crates/core/src/deep/long.rs", MAX_SOURCE_LINES + 5),
            ("fuzz/target/generated.rs", 5_000),
            ("src/notes.txt", 5_000),
        ] {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, lines(n)).unwrap();
        }
        let long = long_sources(&root).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            long,
            vec![
                (format!("crates{sep}core{sep}src{sep}deep{sep}long.rs"), MAX_SOURCE_LINES + 5),
                (format!("src{sep}long.rs"), MAX_SOURCE_LINES + 1),
            ]
        );
    }

    #[test]
    fn finds_only_web_test_files() {
        let dir = std::env::temp_dir().join(format!("xtask-web-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["web_storage.rs", "web_app.rs", "model.rs", "web_notes.txt"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let names = web_test_names(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(names, ["web_app", "web_storage"]);
    }

    #[test]
    fn missing_tests_folder_means_no_web_tests() {
        assert!(web_test_names(Path::new("/nonexistent/xtask/tests")).unwrap().is_empty());
    }
}
