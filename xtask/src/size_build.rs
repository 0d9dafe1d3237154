//! The release WASMs are built with the standard library rebuilt for size (docs/performance.md):
//! `-Zbuild-std=std,panic_abort` with the `optimize_for_size` feature, panic locations left
//! out (`-Zlocation-detail=none`), `{:?}` formatting compiled to nothing (`-Zfmt-debug=none`)
//! and a panic that traps at once, with no panic machinery at all
//! (`-Zunstable-options -Cpanic=immediate-abort`; the page's start-up script then shows the
//! failure notice, `src/platform/failure.rs`).
//!
//! These are unstable options. The stable release the project is pinned to
//! ([`RUST_RELEASE`]) takes them with `RUSTC_BOOTSTRAP=1`, set only on the release
//! `trunk build` ([`release_env`]): native tests, clippy, the prerender and the browser tests
//! stay on plain stable, and `.cargo/config.toml` has no unstable flag.
//!
//! [`prepare`] (part of `setup::base`) gets what this needs, once per machine:
//!
//! 0. a check that the machine's Rust is [`RUST_RELEASE`]: another release could change the
//!    options or the sizes, so it gets the ordinary build, and the size gate says why. The pin
//!    is a check rather than a `rust-toolchain.toml`, since a toolchain file naming a release
//!    the machine lacks stops every cargo command, and a machine here cannot fetch another
//!    toolchain;
//! 1. the `rust-src` component (`rustup component add rust-src`), the standard library's
//!    source. Where it cannot be installed, one line says so and the release build is the
//!    ordinary one: every test passes but the size gate, whose message says why;
//! 2. a check that the toolchain still knows every option ([`RUSTC_FLAGS`], the std feature),
//!    so a toolchain whose options changed fails here, naming the option, rather than deep in
//!    a build;
//! 3. the standard library's own crate dependencies (`cargo fetch -Zbuild-std`), since Trunk
//!    builds offline.
//!
//! Which build it is goes to [`MARKER`] (`target/wasm-size-build.txt`), read by the release
//! build and by the size gate (`e2e/size-budget.test.mjs`).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::util::{Ctx, Result};

/// The file that says which release build this machine makes: `build-std`, or `ordinary`
/// and the reason on the next line.
pub const MARKER: &str = "target/wasm-size-build.txt";

const TARGET: &str = "wasm32-unknown-unknown";
/// The crates of the standard library that are rebuilt (`panic_abort`: the release profile
/// aborts on panic).
const BUILD_STD: &str = "std,panic_abort";
/// The standard library's feature that picks smaller code over faster code.
const STD_FEATURE: &str = "optimize_for_size";
/// The Rust release the release WASMs are built and measured with (docs/performance.md).
pub const RUST_RELEASE: &str = "1.95.0";

/// The compiler options of the release WASM build, each checked with the toolchain first
/// (an option with the one it needs).
pub const RUSTC_FLAGS: &[&[&str]] =
    &[&["-Zlocation-detail=none"], &["-Zfmt-debug=none"], &["-Zunstable-options", "-Cpanic=immediate-abort"]];

/// Which release build the machine makes, as [`MARKER`] records it.
#[derive(Debug, PartialEq, Eq)]
pub enum Build {
    /// The standard library rebuilt for size, with [`RUSTC_FLAGS`].
    Std,
    /// The ordinary build (the precompiled standard library), and why.
    Ordinary(String),
}

impl Build {
    fn to_marker(&self) -> String {
        match self {
            Build::Std => "build-std\n".to_owned(),
            Build::Ordinary(why) => format!("ordinary\n{why}\n"),
        }
    }

    fn from_marker(text: &str) -> Build {
        let mut lines = text.lines();
        match lines.next() {
            Some("build-std") => Build::Std,
            Some("ordinary") => Build::Ordinary(lines.next().unwrap_or("no reason recorded").to_owned()),
            _ => Build::Ordinary(format!("{MARKER} is missing or unreadable: run cargo xtask dist")),
        }
    }
}

/// Gets the standard library's source and dependencies and checks the options (the module
/// docs); records the outcome in [`MARKER`]. Fails only when the toolchain refuses an option.
pub fn prepare(ctx: &Ctx) -> Result<()> {
    let build = match release(ctx).and_then(|()| rust_src(ctx)) {
        Err(why) => Build::Ordinary(why),
        Ok(library) => {
            check_options(ctx, &library)?;
            match fetch_std_crates(ctx) {
                Ok(()) => Build::Std,
                Err(why) => Build::Ordinary(why),
            }
        }
    };
    match &build {
        Build::Std => println!("ok: rust-src; release WASMs build the standard library for size"),
        Build::Ordinary(why) => println!(
            "note: {why}; the release WASMs are built the ordinary way (larger: the size test will fail)"
        ),
    }
    let marker = ctx.root.join(MARKER);
    if let Some(dir) = marker.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&marker, build.to_marker()).map_err(|e| format!("cannot write {}: {e}", marker.display()))
}

/// Whether the machine's Rust is [`RUST_RELEASE`], and if not, what it is.
fn release(ctx: &Ctx) -> std::result::Result<(), String> {
    let said = ctx.output("rustc", &["--version"]).unwrap_or_default();
    match release_of(&said) {
        Some(RUST_RELEASE) => Ok(()),
        found => Err(format!(
            "this machine's Rust is {}, not {RUST_RELEASE}, the release the size build is pinned to \
             (RUST_RELEASE in xtask/src/size_build.rs): install {RUST_RELEASE} with rustup and make it \
             the default, or move the pin after measuring the sizes on the new release",
            found.unwrap_or("unknown (`rustc --version` failed)")
        )),
    }
}

/// The release number in `rustc --version` output ("rustc 1.95.0 (59807616e 2026-04-14)").
fn release_of(version: &str) -> Option<&str> {
    version.strip_prefix("rustc ")?.split_whitespace().next()
}

/// The `library/` folder of the toolchain's `rust-src`, installed first if missing.
fn rust_src(ctx: &Ctx) -> std::result::Result<PathBuf, String> {
    let sysroot = ctx.output("rustc", &["--print", "sysroot"]).ok_or("`rustc --print sysroot` failed")?;
    let library = Path::new(&sysroot).join("lib/rustlib/src/rust/library");
    if library.join("std/Cargo.toml").is_file() {
        return Ok(library);
    }
    println!("rust-src missing: rustup component add rust-src");
    let mut add = ctx.command("rustup");
    add.args(["component", "add", "rust-src"]);
    if ctx.run(&mut add).is_err() || !library.join("std/Cargo.toml").is_file() {
        return Err("the rust-src component could not be installed (`rustup component add rust-src`)".into());
    }
    Ok(library)
}

/// Fails, naming the option, when this toolchain no longer takes one of the build's options.
fn check_options(ctx: &Ctx, library: &Path) -> Result<()> {
    let std_manifest = library.join("std/Cargo.toml");
    let manifest = std::fs::read_to_string(&std_manifest)
        .map_err(|e| format!("cannot read {}: {e}", std_manifest.display()))?;
    if !has_feature(&manifest, STD_FEATURE) {
        return Err(format!(
            "this toolchain's standard library has no `{STD_FEATURE}` feature \
             (-Zbuild-std-features={STD_FEATURE}, xtask/src/size_build.rs): update the size options \
             for this release"
        ));
    }
    for option in RUSTC_FLAGS {
        // `--print cfg` reads the options and stops: no input, nothing built.
        let out = ctx
            .command("rustc")
            .args(*option)
            .args(["--print", "cfg", "--target", TARGET])
            .env("RUSTC_BOOTSTRAP", "1")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run rustc: {e}"))?;
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr);
            let said = said.lines().find(|l| l.starts_with("error")).unwrap_or("").trim();
            return Err(format!(
                "this toolchain does not take the release WASM option `{}` ({said}; \
                 xtask/src/size_build.rs): update the size options for this release",
                option.join(" ")
            ));
        }
    }
    Ok(())
}

/// Whether a `Cargo.toml` declares `feature` in its `[features]` table.
fn has_feature(manifest: &str, feature: &str) -> bool {
    let Ok(table) = manifest.parse::<toml::Table>() else { return false };
    table.get("features").and_then(toml::Value::as_table).is_some_and(|f| f.contains_key(feature))
}

/// The standard library's own crate dependencies, fetched for Trunk's offline build.
fn fetch_std_crates(ctx: &Ctx) -> std::result::Result<(), String> {
    let mut fetch = ctx.cargo();
    fetch
        .args(["fetch", "--quiet", &format!("-Zbuild-std={BUILD_STD}"), "--target", TARGET])
        .env("RUSTC_BOOTSTRAP", "1");
    ctx.run(&mut fetch).map_err(|e| format!("the standard library's crates could not be fetched ({e})"))
}

/// The environment of the release build's `trunk build` (Trunk passes its environment on to
/// cargo): the size options when [`prepare`] found everything; otherwise none, and one line
/// says that the build is the ordinary one.
pub fn release_env(ctx: &Ctx) -> Vec<(&'static str, String)> {
    let marker = std::fs::read_to_string(ctx.root.join(MARKER)).unwrap_or_default();
    match Build::from_marker(&marker) {
        Build::Std => env(std::env::var("RUSTFLAGS").ok().as_deref()),
        Build::Ordinary(why) => {
            println!("note: ordinary release build of the WASMs: {why}");
            Vec::new()
        }
    }
}

/// The environment of a size-built release: cargo's unstable options as its `CARGO_UNSTABLE_*`
/// variables, the compiler options for the WASM target only. Cargo ignores the per-target
/// variable when `RUSTFLAGS` is set, so then the options join `rustflags` there (with
/// `--target`, neither reaches build scripts or proc macros). Options set in a config file
/// for the target are kept: cargo adds the variable's to them.
fn env(rustflags: Option<&str>) -> Vec<(&'static str, String)> {
    let ours = RUSTC_FLAGS.iter().map(|option| option.join(" ")).collect::<Vec<_>>().join(" ");
    let mut env = vec![
        ("RUSTC_BOOTSTRAP", "1".to_owned()),
        ("CARGO_UNSTABLE_BUILD_STD", BUILD_STD.to_owned()),
        ("CARGO_UNSTABLE_BUILD_STD_FEATURES", STD_FEATURE.to_owned()),
    ];
    match rustflags.map(str::trim).filter(|f| !f.is_empty()) {
        Some(theirs) => env.push(("RUSTFLAGS", format!("{theirs} {ours}"))),
        None => env.push(("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", ours)),
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_reads_back_and_a_missing_one_is_an_ordinary_build_with_a_reason() {
        for build in [Build::Std, Build::Ordinary("no rust-src here".into())] {
            assert_eq!(Build::from_marker(&build.to_marker()), build);
        }
        assert!(matches!(Build::from_marker(""), Build::Ordinary(why) if why.contains("cargo xtask dist")));
    }

    #[test]
    fn reads_the_release_from_rustc_version() {
        assert_eq!(release_of("rustc 1.95.0 (59807616e 2026-04-14)"), Some("1.95.0"));
        assert_eq!(release_of("rustc 1.96.0-nightly (0123456 2026-05-01)"), Some("1.96.0-nightly"));
        assert_eq!(release_of(""), None);
    }

    #[test]
    fn finds_the_std_feature_only_in_the_features_table() {
        let manifest =
            "[package]\nname = \"std\"\n[features]\noptimize_for_size = [\"core/optimize_for_size\"]\n";
        assert!(has_feature(manifest, "optimize_for_size"));
        assert!(!has_feature("[features]\npanic_immediate_abort = []\n", "optimize_for_size"));
        assert!(!has_feature("[dependencies]\noptimize_for_size = \"1\"\n", "optimize_for_size"));
    }

    #[test]
    fn the_options_go_to_the_wasm_target_or_join_rustflags_when_cargo_would_ignore_them() {
        let env_of = |rustflags| env(rustflags).into_iter().collect::<std::collections::BTreeMap<_, _>>();
        let plain = env_of(None);
        assert_eq!(plain["RUSTC_BOOTSTRAP"], "1");
        assert_eq!(plain["CARGO_UNSTABLE_BUILD_STD"], "std,panic_abort");
        assert_eq!(
            plain["CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS"],
            "-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
        );
        assert!(!plain.contains_key("RUSTFLAGS"));
        assert_eq!(env_of(Some("  ")), plain);
        let joined = env_of(Some("--cfg x"));
        assert_eq!(
            joined["RUSTFLAGS"],
            "--cfg x -Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
        );
        assert!(!joined.contains_key("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS"));
    }
}
