//! `cargo xtask bench`: the release build (`dist.rs`), then the benchmark in
//! `e2e/bench.mjs`: sizes (raw, gzip, brotli; the card and workshop pages' first loads; the
//! single-file build if there is one), start-up milestones of the card and workshop pages
//! against a plain one-slider page in headless Chromium, slider-to-verdict time, 1,000
//! participants pasted into a workshop, and the memory after load. The figures are printed as tables and written to
//! `bench-results.json`; `docs/performance.md` explains them.
//!
//! The card page runs "What could change the answer" in the same frame as the verdict, so
//! slider-to-verdict cannot say what the analysis alone takes. Unless `--sizes-only`, the
//! `analysis-bench` crate (crates/analysis-bench) is built into [`ANALYSIS_DIR`] first: the
//! core's analysis and its words in a WASM module of their own, which the script times in
//! the browser without adding a byte to the card page's WASM.
//!
//! `--no-build` measures the `dist/` that is there; the analysis module is still built (under
//! a minute the first time, a second or two after), since an old one would time old code.
//! Every other argument goes to the script (`--loads N`, `--inputs N`, `--out FILE`,
//! `--sizes-only`).

use crate::util::{banner, Ctx, Result};
use crate::{dist, setup, size_build, split};

/// The crate whose WASM the script times the analysis with.
const ANALYSIS_CRATE: &str = "analysis-bench";
/// Where its WASM and glue go (under `target/`: build output, never shipped).
const ANALYSIS_DIR: &str = "target/analysis-bench";

pub fn run(ctx: &Ctx, args: &[String]) -> Result<()> {
    let (build, script_args) = split_args(args);
    let sizes_only = script_args.iter().any(|a| *a == "--sizes-only");
    setup::base(ctx)?;
    if !sizes_only {
        setup::browser(ctx)?;
    }
    if build {
        banner("release build (cargo xtask dist)");
        dist::build(ctx)?;
    }
    if !sizes_only {
        banner("the analysis alone, as WebAssembly (crates/analysis-bench)");
        analysis_module(ctx)?;
    }
    banner("benchmark (node e2e/bench.mjs)");
    let mut cmd = ctx.command("node");
    cmd.arg("e2e/bench.mjs").args(script_args);
    if !sizes_only {
        cmd.args(["--analysis", ANALYSIS_DIR]);
    }
    ctx.run(&mut cmd)
}

/// Builds the analysis module into [`ANALYSIS_DIR`] as the card page's WASM is built, so that
/// the analysis runs the same code the page runs: the release profile (`opt-level = "z"`,
/// LTO), the standard library and compiler options of the size build
/// (`size_build::release_env`), then `wasm-opt` with the card page's own options (its
/// shell, `index.html`). What the page's build does besides (on-demand parts split off,
/// exports slimmed: `split.rs`, `slim.rs`) moves and renames code, not the analysis's.
fn analysis_module(ctx: &Ctx) -> Result<()> {
    let mut cargo = ctx.cargo();
    cargo.args(["build", "--release", "--offline", "--target", "wasm32-unknown-unknown"]);
    cargo.args(["--package", ANALYSIS_CRATE]);
    cargo.envs(size_build::release_env(ctx));
    ctx.run(&mut cargo)?;
    let built = ctx.root.join("target/wasm32-unknown-unknown/release/analysis_bench.wasm");
    let out = ctx.root.join(ANALYSIS_DIR);
    let mut bindgen = ctx.command("wasm-bindgen");
    bindgen.args(["--target", "web", "--no-typescript", "--out-dir"]).arg(&out).arg(&built);
    ctx.run(&mut bindgen)?;
    let wasm = out.join("analysis_bench_bg.wasm");
    let mut wasm_opt = ctx.command("wasm-opt");
    wasm_opt.args(split::wasm_opt_args(&ctx.read("index.html")?)?).arg(&wasm).arg("-o").arg(&wasm);
    ctx.run(&mut wasm_opt)
}

/// Whether to build first, and the arguments for the script.
fn split_args(args: &[String]) -> (bool, Vec<&String>) {
    let build = !args.iter().any(|a| a == "--no-build");
    (build, args.iter().filter(|a| *a != "--no-build").collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_unless_told_not_to_and_passes_the_rest_on() {
        let args: Vec<String> = ["--loads", "30", "--no-build", "--sizes-only"].map(String::from).into();
        let (build, rest) = split_args(&args);
        assert!(!build);
        assert_eq!(rest, ["--loads", "30", "--sizes-only"]);
        let (build, rest) = split_args(&[]);
        assert!(build);
        assert!(rest.is_empty());
    }
}
