//! Installs what the build and the tests need, only where it is missing or the wrong
//! version. Every check is a cheap local probe, so a second run takes about a second.
//!
//! | what                      | present when                                                  | installed with                                          |
//! |---------------------------|---------------------------------------------------------------|---------------------------------------------------------|
//! | wasm32 target             | `<rustc sysroot>/lib/rustlib/wasm32-unknown-unknown` exists    | `rustup target add wasm32-unknown-unknown`              |
//! | Trunk                     | `trunk --version` is 0.21.x                                   | `cargo install trunk --version ~0.21 --locked`          |
//! | wasm-bindgen-cli          | `wasm-bindgen --version` and `wasm-bindgen-test-runner --version` equal Cargo.lock's wasm-bindgen | `cargo install wasm-bindgen-cli --version =X` |
//! | npm tools                 | `node_modules/.install-stamp` matches package.json + lock     | `npm ci --ignore-scripts`                               |
//! | crates                    | always run (no-op when cached)                                | `cargo fetch`                                           |
//! | rust-src, the standard library's crates | `<sysroot>/lib/rustlib/src/rust/library/std` exists; fetch always run | `rustup component add rust-src`, `cargo fetch -Zbuild-std` (`size_build.rs`) |
//! | Chromium, chromedriver    | `/usr/bin/chromium` and `/usr/bin/chromedriver` exist          | `apt-get update && apt-get install -y chromium chromium-driver` |
//! | Java (for the HTML checker) | `java -version` runs                                        | `apt-get update && apt-get install -y default-jre-headless` |

use std::path::Path;
use std::time::Instant;

use crate::sri;
use crate::util::{banner, locked_version, read_bytes, toml_value, Ctx, Result};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_SERIES: &str = "0.21.";
const NPM_STAMP: &str = "node_modules/.install-stamp";
/// Files that `npm ci` must provide: the binaries of `node_modules/.bin` and the HTML
/// checker.
const NPM_FILES: &[&str] = &["node_modules/.bin/wasm-opt", "node_modules/.bin/esbuild", crate::vnu::JAR];

/// Everything `serve` and `dist` need.
pub fn base(ctx: &Ctx) -> Result<()> {
    banner("setup: checking tools");
    let started = Instant::now();
    wasm_target(ctx)?;
    trunk(ctx)?;
    wasm_bindgen(ctx)?;
    npm_tools(ctx)?;
    // Trunk builds with `cargo --offline` (Trunk.toml), so crates must be on disk first.
    let mut fetch = ctx.cargo();
    fetch.args(["fetch", "--quiet"]);
    ctx.run(&mut fetch)?;
    crate::size_build::prepare(ctx)?;
    println!("setup done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What the browser tests need on top of [`base`].
pub fn browser(ctx: &Ctx) -> Result<()> {
    banner("setup: checking Chromium");
    let missing: Vec<&str> =
        [CHROMIUM, CHROMEDRIVER].into_iter().filter(|p| !Path::new(p).exists()).collect();
    if missing.is_empty() {
        let version = ctx.output(CHROMEDRIVER, &["--version"]).unwrap_or_default();
        println!("ok: chromium and {version}");
        return Ok(());
    }
    println!("missing: {}; installing Debian's chromium and chromium-driver", missing.join(", "));
    let started = Instant::now();
    apt_install(ctx, &["chromium", "chromium-driver"])?;
    for path in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(path).exists() {
            return Err(format!("{path} is still missing after apt-get install"));
        }
    }
    println!("installed Chromium in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What the HTML validation step needs on top of [`base`]: a Java runtime for the Nu HTML
/// Checker (`vnu.rs`; the checker itself comes with the npm packages).
pub fn java(ctx: &Ctx) -> Result<()> {
    banner("setup: checking Java");
    // `java -version` prints to stderr; success is enough.
    if ctx.output("java", &["-version"]).is_some() {
        println!("ok: java");
        return Ok(());
    }
    println!("missing: java; installing Debian's default-jre-headless");
    let started = Instant::now();
    apt_install(ctx, &["default-jre-headless"])?;
    if ctx.output("java", &["-version"]).is_none() {
        return Err("`java -version` still fails after apt-get install default-jre-headless".into());
    }
    println!("installed Java in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `apt-get update`, then `apt-get install -y` of `packages`, through sudo unless root.
fn apt_install(ctx: &Ctx, packages: &[&str]) -> Result<()> {
    let root = ctx.output("id", &["-u"]).as_deref() == Some("0");
    let install: Vec<&str> = ["install", "-y"].into_iter().chain(packages.iter().copied()).collect();
    for args in [&["update"][..], &install[..]] {
        let mut cmd = if root {
            ctx.command("apt-get")
        } else {
            let mut sudo = ctx.command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        ctx.run(&mut cmd)?;
    }
    Ok(())
}

fn wasm_target(ctx: &Ctx) -> Result<()> {
    let sysroot = ctx
        .output("rustc", &["--print", "sysroot"])
        .ok_or("`rustc --print sysroot` failed: is Rust installed?")?;
    let lib = Path::new(&sysroot).join("lib/rustlib").join(WASM_TARGET);
    if lib.is_dir() {
        println!("ok: rust target {WASM_TARGET}");
        return Ok(());
    }
    let mut cmd = ctx.command("rustup");
    cmd.args(["target", "add", WASM_TARGET]);
    timed(ctx, &mut cmd)
}

fn trunk(ctx: &Ctx) -> Result<()> {
    for attempt in 0..2 {
        // `trunk --version` prints "trunk 0.21.14".
        let found = ctx.output("trunk", &["--version"]);
        let version = found.as_deref().and_then(|s| s.split_whitespace().nth(1));
        if let Some(v) = version.filter(|v| v.starts_with(TRUNK_SERIES)) {
            println!("ok: trunk {v}");
            return Ok(());
        }
        let what = version.map_or("not found".to_owned(), |v| format!("{v} is not 0.21.x"));
        if attempt > 0 {
            return Err(format!("trunk on PATH is still {what} after installing 0.21.x"));
        }
        println!("trunk {what}: installing 0.21.x (takes several minutes)");
        let mut cmd = ctx.cargo();
        cmd.args(["install", "trunk", "--version", "~0.21", "--locked"]);
        timed(ctx, &mut cmd)?;
    }
    unreachable!("the second attempt returns")
}

fn wasm_bindgen(ctx: &Ctx) -> Result<()> {
    let lock = ctx.read("Cargo.lock")?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock does not pin exactly one version of wasm-bindgen")?;
    let trunk_toml = ctx.read("Trunk.toml")?;
    let pinned = toml_value(&trunk_toml, "tools", "wasm_bindgen");
    if pinned.as_deref() != Some(wanted.as_str()) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen is {pinned:?} but Cargo.lock has wasm-bindgen {wanted}: \
             set wasm_bindgen = \"{wanted}\" in Trunk.toml"
        ));
    }
    for attempt in 0..2 {
        // Both print "<name> 0.2.130"; the test runner comes from the same package.
        let mut stale = Vec::new();
        for bin in ["wasm-bindgen", "wasm-bindgen-test-runner"] {
            let found = ctx.output(bin, &["--version"]);
            let version = found.as_deref().and_then(|s| s.split_whitespace().nth(1));
            if version != Some(wanted.as_str()) {
                stale.push(format!("{bin} {}", version.unwrap_or("not found")));
            }
        }
        if stale.is_empty() {
            println!("ok: wasm-bindgen-cli {wanted}");
            return Ok(());
        }
        if attempt > 0 {
            return Err(format!("still {} after installing wasm-bindgen-cli {wanted}", stale.join(", ")));
        }
        println!("{}: installing wasm-bindgen-cli {wanted} (takes a few minutes)", stale.join(", "));
        // Not --locked: one of the CLI's locked dependencies is no longer on the registry.
        let mut cmd = ctx.cargo();
        cmd.args(["install", "wasm-bindgen-cli", "--version", &format!("={wanted}")]);
        timed(ctx, &mut cmd)?;
    }
    unreachable!("the second attempt returns")
}

fn npm_tools(ctx: &Ctx) -> Result<()> {
    let node = ctx
        .output("node", &["--version"])
        .ok_or("Node.js is not installed (it provides npm, wasm-opt, esbuild and the e2e tests): install Node.js 20 or newer")?;
    let major: u32 = node.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major < 20 {
        return Err(format!("Node.js {node} is too old: 20 or newer is needed"));
    }
    let stamp = npm_stamp(ctx)?;
    let current = std::fs::read_to_string(ctx.root.join(NPM_STAMP)).unwrap_or_default();
    let bins_present = NPM_FILES.iter().all(|f| ctx.root.join(f).exists());
    if current.trim() == stamp && bins_present {
        println!("ok: npm packages (node {node})");
    } else {
        println!("npm packages missing or out of date: npm ci --ignore-scripts");
        let mut cmd = ctx.command("npm");
        // No install scripts: vnu-jar's would download a Java runtime from GitHub when none
        // is installed (`java` below installs Debian's instead), and no package needs one
        // to work (esbuild's only swaps its launcher for the binary it finds anyway).
        cmd.args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            // Belt and braces: nothing here may download a browser.
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .env("PUPPETEER_SKIP_DOWNLOAD", "1");
        timed(ctx, &mut cmd)?;
        std::fs::write(ctx.root.join(NPM_STAMP), format!("{stamp}\n"))
            .map_err(|e| format!("cannot write {NPM_STAMP}: {e}"))?;
    }
    // Trunk looks wasm-opt up on PATH and, offline, demands exactly the pinned version.
    let trunk_toml = ctx.read("Trunk.toml")?;
    let wanted = toml_value(&trunk_toml, "tools", "wasm_opt").ok_or("Trunk.toml has no [tools] wasm_opt")?;
    // Prints "wasm-opt version 132 (version_132)"; Trunk reads the third word.
    let found = ctx.output("wasm-opt", &["--version"]).unwrap_or_default();
    let version = found.split(' ').nth(2).map(|v| format!("version_{v}"));
    if version.as_deref() != Some(wanted.as_str()) {
        return Err(format!(
            "wasm-opt on PATH reports {found:?}, Trunk.toml wants {wanted}: \
             check the binaryen version in package.json"
        ));
    }
    println!("ok: wasm-opt {wanted}, esbuild {}", ctx.output("esbuild", &["--version"]).unwrap_or_default());
    Ok(())
}

/// Fingerprint of the npm inputs; `npm ci` runs again when it changes.
fn npm_stamp(ctx: &Ctx) -> Result<String> {
    let mut inputs = Vec::new();
    for file in ["package.json", "package-lock.json"] {
        let path = ctx.root.join(file);
        let bytes = read_bytes(&path)?;
        inputs.extend_from_slice(&bytes);
        inputs.push(0);
    }
    Ok(sri::base64(&sri::sha384(&inputs)))
}

/// Runs an install command and reports how long it took.
fn timed(ctx: &Ctx, cmd: &mut std::process::Command) -> Result<()> {
    let started = Instant::now();
    ctx.run(cmd)?;
    println!("done in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}
