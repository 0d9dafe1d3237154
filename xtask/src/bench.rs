//! `cargo xtask bench`: the release build (`dist.rs`), then the benchmark in
//! `e2e/bench.mjs`: sizes (raw, gzip, brotli; the card and workshop pages' first loads; the
//! single-file build if there is one), start-up milestones of the card and workshop pages
//! against a plain one-slider page in headless Chromium, slider-to-verdict time, 1,000
//! participants pasted into a workshop, and the memory after load. The figures are printed as tables and written to
//! `bench-results.json`; `docs/performance.md` explains them.
//!
//! `--no-build` measures the `dist/` that is there; every other argument goes to the
//! script (`--loads N`, `--inputs N`, `--out FILE`, `--sizes-only`).

use crate::util::{banner, Ctx, Result};
use crate::{dist, setup};

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
    banner("benchmark (node e2e/bench.mjs)");
    let mut cmd = ctx.command("node");
    cmd.arg("e2e/bench.mjs").args(script_args);
    ctx.run(&mut cmd)
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
