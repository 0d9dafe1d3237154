//! The fuzzing step of `cargo xtask test`: every target in `fuzz/` (the decoders of stored
//! progress, share links and answers files, and the core's JSON reader under them) runs for
//! a bounded time under cargo-fuzz (libFuzzer, coverage-guided, with AddressSanitizer).
//!
//! - cargo-fuzz is installed when missing or at another version:
//!   `cargo install cargo-fuzz --version =0.13.2 --locked` (about a minute).
//! - Only a stable toolchain is needed: cargo-fuzz passes nightly-only flags
//!   (`-Zsanitizer=address`), which `RUSTC_BOOTSTRAP=1` lets stable rustc accept, and stable
//!   toolchains ship the sanitizer runtime. libFuzzer itself is built from source by the
//!   `libfuzzer-sys` crate, which needs a C++ compiler (`g++`).
//! - Each target runs `cargo fuzz run <target> fuzz/corpus/<target> fuzz/seeds/<target>`:
//!   libFuzzer starts from the committed seeds and keeps what it finds in `fuzz/corpus/`
//!   (not committed; it makes later local runs go deeper).
//! - `FUZZ_SECONDS` sets the time per target (default [`DEFAULT_SECONDS`]); `0` only builds.
//! - A crash fails the step; libFuzzer saves the input under `fuzz/artifacts/<target>/`.
//!   Once fixed, it belongs in `fuzz/regressions/<target>/`, which the native tests replay.

use std::time::Instant;

use crate::util::{Ctx, Result};

const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Seconds per target: the four targets make about a minute and a half, plus the build.
pub const DEFAULT_SECONDS: u64 = 20;

pub fn run(ctx: &Ctx) -> Result<()> {
    install(ctx)?;
    let seconds = match std::env::var("FUZZ_SECONDS") {
        Ok(s) => {
            s.trim().parse::<u64>().map_err(|_| format!("FUZZ_SECONDS={s:?} is not a number of seconds"))?
        }
        Err(_) => DEFAULT_SECONDS,
    };
    let listed = fuzz_command(ctx)
        .arg("list")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .ok_or("`cargo fuzz list` failed")?;
    let listed = String::from_utf8_lossy(&listed.stdout);
    let targets: Vec<&str> = listed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if targets.is_empty() {
        return Err("`cargo fuzz list` found no fuzz targets in fuzz/".into());
    }
    let mut build = fuzz_command(ctx);
    build.args(["build"]);
    ctx.run(&mut build)?;
    if seconds == 0 {
        println!("FUZZ_SECONDS=0: fuzz targets built, not run");
        return Ok(());
    }
    for target in &targets {
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(ctx.root.join(&corpus))
            .map_err(|e| format!("cannot create {corpus}: {e}"))?;
        let started = Instant::now();
        let mut cmd = fuzz_command(ctx);
        cmd.args(["run", target, &corpus, &format!("fuzz/seeds/{target}"), "--"])
            .arg(format!("-max_total_time={seconds}"))
            // Links and files larger than this are refused by size before any parsing.
            .args(["-max_len=8192", "-timeout=10", "-print_final_stats=1"]);
        ctx.run(&mut cmd).map_err(|e| {
            format!("{e}\nfuzz target `{target}` failed: the input is saved under fuzz/artifacts/{target}/ (see docs/reliability.md)")
        })?;
        println!("fuzz target {target}: no crash in {:.0}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn fuzz_command(ctx: &Ctx) -> std::process::Command {
    let mut cmd = ctx.cargo();
    cmd.arg("fuzz").env("RUSTC_BOOTSTRAP", "1");
    cmd
}

fn install(ctx: &Ctx) -> Result<()> {
    // Prints "cargo-fuzz 0.13.2".
    let found = ctx.output("cargo", &["fuzz", "--version"]);
    let version = found.as_deref().and_then(|s| s.split_whitespace().nth(1));
    if version == Some(CARGO_FUZZ_VERSION) {
        println!("ok: cargo-fuzz {CARGO_FUZZ_VERSION}");
        return Ok(());
    }
    println!(
        "cargo-fuzz {}: installing {CARGO_FUZZ_VERSION} (about a minute)",
        version.unwrap_or("not found")
    );
    let started = Instant::now();
    let mut cmd = ctx.cargo();
    cmd.args(["install", "cargo-fuzz", "--version", &format!("={CARGO_FUZZ_VERSION}"), "--locked"]);
    ctx.run(&mut cmd)?;
    println!("done in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}
