//! The release WASMs of the card and workshop pages in parts: the page's own module, and one
//! module per part of the page the reader may never use (`src/components/on_demand.rs`),
//! fetched when they reach for it (the workshop's group, once someone is added). Trunk has no
//! such step, so it runs here, after Trunk has built the app ([`SPLIT_APPS`]):
//!
//! 1. the app's binary built again with feature `split`, linked with `--emit-relocs` (only
//!    the binary is linked anew: the flag goes to it alone, so nothing else is rebuilt), with
//!    the same standard library and options as Trunk's build ([`crate::size_build`]);
//! 2. `wasm_split_cli_support` (the split Leptos' `#[lazy]` is made for) cuts it at the split
//!    points into the main module, a module per part (and chunks that parts share) and a
//!    small script that loads them;
//! 3. `wasm-bindgen --keep-lld-exports` on the main module (the parts link to its exports),
//!    then it and its glue slimmed (`slim.rs`: the exports nothing calls dropped, the names
//!    they share shortened), and `wasm-opt` on every module, with the app's own options (its
//!    HTML shell);
//! 4. every file named by a hash of what it holds, and each part's fetch given the part's
//!    integrity hash: the glue imports the parts' loader, and the release build bundles both
//!    with the page's module loader into the one module the page loads under its integrity
//!    hash (`bundle.rs`), so every byte the page runs is covered by SRI. The page's glue and
//!    WASM become these; Trunk's own build of the app, in one module, stays beside them for
//!    the single-file build (`data-whole-glue` and `data-whole-wasm` on the page's
//!    `#dc-offline`, read by `single.rs`).
//!
//! Splitting the same input twice must give the same files: [`split`] does it twice and
//! compares, so a build that is not reproducible fails here.

use std::path::{Path, PathBuf};

use crate::html;
use crate::util::{read_bytes, read_text, write, Ctx, Result};

/// An app whose release WASM comes in parts.
pub struct SplitApp {
    /// Its HTML shell, a Trunk target (`dist::APPS`).
    pub shell: &'static str,
    /// Its binary, as the shell names it.
    pub bin: &'static str,
    /// The features its split build is made with.
    pub features: &'static str,
}

/// The apps split: the card pages' (taken over from their prerendered markup) and the
/// workshop pages' (built in the browser).
pub const SPLIT_APPS: [SplitApp; 2] = [
    SplitApp { shell: "index.html", bin: "decision-cards", features: "hydrate,split" },
    SplitApp { shell: "workshop.html", bin: "workshop", features: "csr,split" },
];
/// How the main module names the loader script before it has its final name.
const LINK_PLACEHOLDER: &str = "./__dc_parts_loader.js";
/// How the loader script names the glue before it has its final name.
const GLUE_PLACEHOLDER: &str = "./__dc_glue.js";

/// Steps 1 to 4 for `app` staged in `staging` (Trunk's output for its shell).
pub fn app(ctx: &Ctx, app: &SplitApp, staging: &Path, env: &[(&'static str, String)]) -> Result<()> {
    let bin = app.bin;
    println!("\nsplitting the {bin} WASM into the page's module and its parts");
    let mut cargo = ctx.cargo();
    cargo.args(["rustc", "--release", "--offline", "--target", "wasm32-unknown-unknown", "--bin", bin]);
    cargo.args(["--no-default-features", "--features", app.features]);
    cargo.args(["--", "-C", "link-arg=--emit-relocs"]);
    cargo.envs(env.iter().map(|(k, v)| (k, v)));
    ctx.run(&mut cargo)?;
    let input_path = ctx.root.join("target/wasm32-unknown-unknown/release").join(format!("{bin}.wasm"));
    let input = read_bytes(&input_path)?;

    let work = ctx.root.join("target/split").join(bin);
    // Split twice; the first split's folder is the one carried on.
    let dir = work.join("a");
    let first = split(&input, &dir)?;
    let second = split(&input, &work.join("b"))?;
    if first.files != second.files {
        return Err(format!(
            "splitting the {bin} WASM twice gave different files: the split is not reproducible"
        ));
    }

    // Trunk writes each app's page as `index.html`, whatever its shell's name.
    let shell_file = staging.join("index.html");
    let shell = read_text(&shell_file)?;
    let (trunk_glue, trunk_wasm) = trunk_files(&shell)?;
    let opt_args = wasm_opt_args(&ctx.read(app.shell)?)?;

    // The main module through wasm-bindgen, then every module through wasm-opt.
    let bindgen = dir.join("bindgen");
    let mut wasm_bindgen = ctx.command("wasm-bindgen");
    wasm_bindgen.args([
        "--target=web",
        "--no-typescript",
        "--keep-lld-exports",
        "--out-name",
        bin,
        "--out-dir",
    ]);
    wasm_bindgen.arg(&bindgen).arg(dir.join("main.wasm"));
    ctx.run(&mut wasm_bindgen)?;
    let optimise = |from: &Path, to: &Path| crate::slim::optimise(ctx, &opt_args, from, to);

    let mut loader = read_text(&dir.join(LINK_PLACEHOLDER))?;
    for (stem, from) in &first.parts {
        let bytes = optimise(from, &dir.join(format!("{stem}.opt.wasm")))?;
        let name = hashed(stem, "wasm", &bytes);
        let fetch = format!("new URL(\"./{stem}.wasm\", import.meta.url))");
        if !loader.contains(&fetch) {
            return Err(format!(
                "the parts' loader does not fetch {stem}.wasm as expected: has the split tool changed?"
            ));
        }
        let with_integrity = format!(
            "new URL(\"./{name}\", import.meta.url), {{ integrity: \"{}\" }})",
            crate::sri::integrity(&bytes)
        );
        loader = loader.replace(&fetch, &with_integrity);
        write(&staging.join(&name), &bytes)?;
    }
    let bound = bindgen.join(format!("{bin}_bg.wasm"));
    let bound = read_bytes(&bound)?;
    let slimmed = crate::slim::slim(&bound, &read_text(&bindgen.join(format!("{bin}.js")))?)?;
    let slimmed_path = dir.join("main.slim.wasm");
    write(&slimmed_path, &slimmed.wasm)?;
    let main_wasm = optimise(&slimmed_path, &dir.join("main.opt.wasm"))?;
    let glue = one_import_of_the_loader(&slimmed.glue);
    // Only the JS `import` statements name the files: the main module still names the
    // loader's module LINK_PLACEHOLDER, and the glue hands the loader to it under that name.
    let (import_loader, import_glue) =
        (format!("from \"{LINK_PLACEHOLDER}\""), format!("from \"{GLUE_PLACEHOLDER}\""));
    if !glue.contains(&import_loader) || !loader.contains(&import_glue) {
        return Err("the glue and the parts' loader do not import each other as expected".into());
    }

    // Named by content, the one that names the other last: the loader's name covers the
    // glue's content too, so neither can change without both names changing.
    let loader_name = hashed("parts", "js", format!("{loader}{glue}").as_bytes());
    let glue = glue.replace(&import_loader, &format!("from \"./{loader_name}\""));
    let glue_name = hashed(bin, "js", glue.as_bytes());
    let loader = loader.replace(&import_glue, &format!("from \"./{glue_name}\""));
    let wasm_name = hashed(&format!("{bin}_bg"), "wasm", &main_wasm);
    write(&staging.join(&loader_name), loader.as_bytes())?;
    write(&staging.join(&glue_name), glue.as_bytes())?;
    write(&staging.join(&wasm_name), &main_wasm)?;

    let shell = shell.replace(&trunk_glue, &glue_name).replace(&trunk_wasm, &wasm_name);
    let shell = naming_the_whole_build(&shell, &trunk_glue, &trunk_wasm)?;
    write(&shell_file, shell.as_bytes())?;
    println!(
        "  the page's module {} KB ({} export(s) nothing calls dropped, {} name(s) shortened), {} part module(s), loader {loader_name}",
        main_wasm.len() / 1024,
        slimmed.dropped,
        slimmed.renamed,
        first.parts.len()
    );
    Ok(())
}

/// What one split wrote: the part modules (file stem, path) and every file's name and
/// bytes, in a fixed order, to compare two runs.
struct Split {
    parts: Vec<(String, PathBuf)>,
    files: Vec<(String, Vec<u8>)>,
}

fn split(input: &[u8], dir: &Path) -> Result<Split> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    let main = dir.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(input);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.link_name = LINK_PLACEHOLDER;
    options.main_module = GLUE_PLACEHOLDER;
    let result =
        wasm_split_cli_support::transform(options).map_err(|e| format!("cannot split the WASM: {e:#}"))?;
    let mut parts: Vec<(String, PathBuf)> = result
        .split_modules
        .into_iter()
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect();
    parts.sort();
    let mut files = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let bytes = read_bytes(&path)?;
        files.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes));
    }
    Ok(Split { parts, files })
}

/// The glue and WASM file names Trunk wrote into an app's shell (its module preload and its
/// loader script).
pub fn trunk_files(shell: &str) -> Result<(String, String)> {
    let glue = html::elements(shell, "link[rel=modulepreload]")?
        .into_iter()
        .find_map(|e| e.attr("href").map(|h| h.trim_start_matches("./").to_owned()))
        .ok_or("the app's shell has no module preload of its glue")?;
    let stem = glue.trim_end_matches(".js");
    let wasm = format!("{stem}_bg.wasm");
    if !shell.contains(&wasm) {
        return Err(format!("the app's shell does not load {wasm}"));
    }
    Ok((glue, wasm))
}

/// `wasm-opt`'s arguments for an app, as its shell gives them to Trunk.
pub fn wasm_opt_args(shell: &str) -> Result<Vec<String>> {
    let link = html::elements(shell, "link[data-trunk][rel=rust]")?
        .into_iter()
        .next()
        .ok_or("the app's shell has no Rust app link")?;
    let level = link.attr("data-wasm-opt").unwrap_or("z");
    let mut args = vec![format!("-O{level}")];
    args.extend(link.attr("data-wasm-opt-params").unwrap_or("").split_whitespace().map(str::to_owned));
    Ok(args)
}

/// The glue with one import of the parts' loader. wasm-bindgen imports a module once per
/// module the WASM imports from, and the split tool gave the main module one such module per
/// part, all of them the loader (`LINK_PLACEHOLDER`): so the glue imported the same file
/// under several names and handed each to the WASM under the same key, of which an object
/// keeps the last. One import and one key say the same, without the repeats (which esbuild
/// warned of on every build).
fn one_import_of_the_loader(glue: &str) -> String {
    let import = |line: &str| {
        line.strip_prefix("import * as ")
            .and_then(|rest| rest.strip_suffix(&format!(" from \"{LINK_PLACEHOLDER}\"")))
            .map(str::to_owned)
    };
    let Some(first) = glue.lines().find_map(import) else { return glue.to_owned() };
    let key = format!("\"{LINK_PLACEHOLDER}\": ");
    let repeat = |line: &str| {
        import(line).is_some_and(|name| name != first)
            || line.trim_start().strip_prefix(&key).is_some_and(|value| value != format!("{first},"))
    };
    let mut out: String = glue.lines().filter(|line| !repeat(line)).collect::<Vec<_>>().join("\n");
    if glue.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The shell with Trunk's one-module build of the app named for the single-file build.
fn naming_the_whole_build(shell: &str, whole_glue: &str, whole_wasm: &str) -> Result<String> {
    html::rewrite(shell, "#dc-offline", |_, el| {
        el.set_attribute("data-whole-glue", &format!("./{whole_glue}")).map_err(|e| e.to_string())?;
        el.set_attribute("data-whole-wasm", &format!("./{whole_wasm}")).map_err(|e| e.to_string())
    })
}

/// `<stem>-<content_hash(bytes)>.<extension>`.
fn hashed(stem: &str, extension: &str, bytes: &[u8]) -> String {
    format!("{stem}-{}.{extension}", content_hash(bytes))
}

/// The first 16 hex digits of the SHA-384 of `bytes`: what a file's name says of it.
pub fn content_hash(bytes: &[u8]) -> String {
    crate::sri::sha384(bytes)[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<html><head><script type="module">import init from './decision-cards-0a1b.js';await init({ module_or_path: './decision-cards-0a1b_bg.wasm' });</script><link rel="modulepreload" href="./decision-cards-0a1b.js" crossorigin="anonymous" integrity="sha384-x"></head><body><p id="dc-offline" hidden><button type="button">one file</button></p></body></html>"#;

    #[test]
    fn finds_the_glue_and_wasm_trunk_wrote() {
        let (glue, wasm) = trunk_files(SHELL).unwrap();
        assert_eq!(glue, "decision-cards-0a1b.js");
        assert_eq!(wasm, "decision-cards-0a1b_bg.wasm");
        assert!(trunk_files("<html><head></head></html>").is_err());
    }

    #[test]
    fn the_shell_names_the_one_module_build() {
        let shell =
            naming_the_whole_build(SHELL, "decision-cards-0a1b.js", "decision-cards-0a1b_bg.wasm").unwrap();
        assert!(shell.contains(
            r#"<p id="dc-offline" hidden data-whole-glue="./decision-cards-0a1b.js" data-whole-wasm="./decision-cards-0a1b_bg.wasm">"#
        ));
        assert_eq!(shell.replace(r#" data-whole-glue="./decision-cards-0a1b.js" data-whole-wasm="./decision-cards-0a1b_bg.wasm""#, ""), SHELL);
    }

    #[test]
    fn the_glue_imports_the_parts_loader_once() {
        let glue = concat!(
            "import * as import1 from \"./__dc_parts_loader.js\"\n",
            "import * as import2 from \"./__dc_parts_loader.js\"\n",
            "import * as other from \"./snippets/x.js\"\n",
            "function imports() {\n",
            "    return {\n",
            "        \"./__dc_parts_loader.js\": import1,\n",
            "        \"./__dc_parts_loader.js\": import2,\n",
            "        \"./snippets/x.js\": other,\n",
            "    };\n",
            "}\n",
        );
        assert_eq!(
            one_import_of_the_loader(glue),
            concat!(
                "import * as import1 from \"./__dc_parts_loader.js\"\n",
                "import * as other from \"./snippets/x.js\"\n",
                "function imports() {\n",
                "    return {\n",
                "        \"./__dc_parts_loader.js\": import1,\n",
                "        \"./snippets/x.js\": other,\n",
                "    };\n",
                "}\n",
            )
        );
        let once = "import * as import1 from \"./__dc_parts_loader.js\"\nx({ \"./__dc_parts_loader.js\": import1 });";
        assert_eq!(one_import_of_the_loader(once), once);
        assert_eq!(one_import_of_the_loader("no loader\n"), "no loader\n");
    }

    #[test]
    fn names_carry_a_hash_of_what_they_hold() {
        let a = hashed("split_share", "wasm", b"one");
        assert_eq!(a, hashed("split_share", "wasm", b"one"));
        assert_ne!(a, hashed("split_share", "wasm", b"two"));
        assert!(
            a.starts_with("split_share-") && a.ends_with(".wasm") && a.len() == "split_share-".len() + 16 + 5
        );
    }

    #[test]
    fn wasm_opt_gets_the_options_index_html_gives_trunk() {
        let index = r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--enable-bulk-memory --low-memory-unused" />"#;
        assert_eq!(wasm_opt_args(index).unwrap(), ["-Oz", "--enable-bulk-memory", "--low-memory-unused"]);
    }
}
