//! One module per page, the last step of the release build.
//!
//! A page's app starts from its module loader (Trunk's, moved into a file by `csp.rs`), which
//! imports the wasm-bindgen glue, which in a split app imports the parts' loader (`split.rs`),
//! which imports the glue again. The browser learns of each import only once the module naming
//! it has arrived, and a module imported without a preload carrying its integrity hash is not
//! checked: so the pages preloaded the glue and the parts' loader. Those preloads were measured
//! to put the first paint off (docs/performance.md, "One module per page"). Here esbuild
//! bundles each loader with everything it imports into one module, `app-<hash>.js`: the page
//! loads it under one integrity hash and preloads no module, and every byte of script it runs
//! is still checked. The page's WASM is code too: the loader hands wasm-bindgen's `init` a path,
//! which it fetches with no integrity hash (a preload's hash does not help: Chromium ignores
//! `integrity` on `as="fetch"` preloads), so before bundling, the loader is made to fetch the
//! WASM itself, under the WASM's hash ([`wasm_under_integrity`]), as the parts' loader fetches
//! each part.
//!
//! It runs after the single-file build, which reads the files as Trunk and the split step
//! wrote them; the files bundled are then removed from `dist/` unless a page still names them
//! (the whole glue the single-file build reads by `data-whole-glue` is not an import of any
//! loader, and stays).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::html;
use crate::sri;
use crate::util::{read_bytes, read_text, write, Ctx, Result};

/// A loader bundled with what it imports.
struct Bundle {
    /// The bundle's file name, `app-<hash>.js`.
    name: String,
    /// Its `integrity` value.
    integrity: String,
    /// The files of `dist/` that went into it (the loader among them).
    inputs: BTreeSet<String>,
}

/// Gives every page of `dist/` one module: its loader bundled (once per loader, which the
/// pages of one app share), named in its place, and no module preload.
pub fn one_module_per_page(ctx: &Ctx, dist: &Path, pages: &[PathBuf]) -> Result<()> {
    let mut bundles: BTreeMap<String, Bundle> = BTreeMap::new();
    let mut texts = Vec::with_capacity(pages.len());
    for page in pages {
        let text = read_text(page)?;
        let Some(loader) = module_loader(&text)? else {
            texts.push(text);
            continue;
        };
        if !bundles.contains_key(&loader) {
            let bundle = bundle(ctx, dist, &loader)?;
            println!("  {loader} and what it imports -> {} ({} files)", bundle.name, bundle.inputs.len());
            bundles.insert(loader.clone(), bundle);
        }
        let text = with_bundle(&text, &loader, &bundles[&loader])?;
        write(page, text.as_bytes())?;
        texts.push(text);
    }
    let bundled: BTreeSet<&String> = bundles.values().flat_map(|b| &b.inputs).collect();
    for file in bundled {
        if !texts.iter().any(|t| t.contains(&format!("./{file}"))) {
            let path = dist.join(file);
            std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The file of the page's module script (`./loader-….js` -> `loader-….js`), if it has one.
fn module_loader(page: &str) -> Result<Option<String>> {
    let scripts = html::elements(page, "script[type=module][src]")?;
    match scripts.as_slice() {
        [] => Ok(None),
        [one] => Ok(one.attr("src").map(|s| s.trim_start_matches("./").to_owned())),
        _ => Err("a page with more than one module script: which one starts the app?".into()),
    }
}

/// esbuild's bundle of `dist/<loader>`, written next to it.
fn bundle(ctx: &Ctx, dist: &Path, loader: &str) -> Result<Bundle> {
    let loader_path = dist.join(loader);
    let checked =
        wasm_under_integrity(&read_text(&loader_path)?, dist).map_err(|e| format!("{e} ({loader})"))?;
    write(&loader_path, checked.as_bytes())?;
    let tmp = dist.join(".bundle");
    std::fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let (out, meta) = (tmp.join("bundle.js"), tmp.join("meta.json"));
    let mut cmd = ctx.command("esbuild");
    // In dist/, so that the metafile names its inputs as the pages do.
    cmd.current_dir(dist).arg(loader).args(["--bundle", "--format=esm", "--minify", "--log-level=error"]);
    cmd.arg(format!("--metafile={}", meta.display())).arg(format!("--outfile={}", out.display()));
    ctx.run(&mut cmd)?;
    let bytes = read_bytes(&out)?;
    let inputs = metafile_inputs(&read_text(&meta)?)?;
    std::fs::remove_dir_all(&tmp).map_err(|e| format!("cannot remove {}: {e}", tmp.display()))?;
    let name = format!("app-{}.js", crate::split::content_hash(&bytes));
    write(&dist.join(&name), &bytes)?;
    Ok(Bundle { name, integrity: sri::integrity(&bytes), inputs })
}

/// The loader with the app's WASM fetched under its integrity hash: Trunk's loader passes
/// `init` the WASM's path (`module_or_path: "./app_bg.wasm"`), and wasm-bindgen's `init` takes
/// a fetch's promise as well. A loader not in that shape fails the build, so that a change of
/// Trunk's cannot take the WASM out from under SRI unnoticed.
fn wasm_under_integrity(loader: &str, dist: &Path) -> Result<String> {
    const KEY: &str = "module_or_path:";
    let unexpected =
        || "the app's loader does not pass init one WASM path as expected: has Trunk's loader changed?";
    let [(at, _)] = loader.match_indices(KEY).collect::<Vec<_>>()[..] else {
        return Err(unexpected().into());
    };
    let value = at + KEY.len();
    let start = value + (loader[value..].len() - loader[value..].trim_start().len());
    let quote = loader[start..].chars().next().filter(|c| *c == '"' || *c == '\'').ok_or_else(unexpected)?;
    let end = start + 1 + loader[start + 1..].find(quote).ok_or_else(unexpected)?;
    let path = &loader[start + 1..end];
    let file = path
        .strip_prefix("./")
        .filter(|f| f.ends_with(".wasm") && !f.contains('/'))
        .ok_or_else(unexpected)?;
    let bytes = std::fs::read(dist.join(file))
        .map_err(|e| format!("cannot read {file}, which the loader names: {e}"))?;
    let fetch = format!("fetch({quote}{path}{quote},{{integrity:\"{}\"}})", sri::integrity(&bytes));
    Ok(format!("{}{fetch}{}", &loader[..start], &loader[end + 1..]))
}

/// The files an esbuild metafile lists as the bundle's inputs.
fn metafile_inputs(json: &str) -> Result<BTreeSet<String>> {
    let meta: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("esbuild's metafile: {e}"))?;
    let inputs =
        meta.get("inputs").and_then(|i| i.as_object()).ok_or("esbuild's metafile lists no inputs")?;
    Ok(inputs.keys().cloned().collect())
}

/// The page with the bundle as its module script and without the preloads of what it holds.
fn with_bundle(page: &str, loader: &str, bundle: &Bundle) -> Result<String> {
    html::rewrite(page, "script[type=module][src], link[rel=modulepreload]", |e, el| {
        if e.name == "script" {
            el.set_attribute("src", &format!("./{}", bundle.name)).map_err(|e| e.to_string())?;
            el.set_attribute("integrity", &bundle.integrity).map_err(|e| e.to_string())?;
        } else if e.attr("href").is_some_and(|h| bundle.inputs.contains(h.trim_start_matches("./"))) {
            el.remove();
        }
        Ok(())
    })
    .map_err(|e| format!("{e} (bundling {loader})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        Bundle {
            name: "app-00ff.js".into(),
            integrity: "sha384-b".into(),
            inputs: ["loader-1.js", "glue-1.js", "parts-1.js"].map(String::from).into(),
        }
    }

    #[test]
    fn the_page_loads_the_bundle_and_preloads_none_of_what_it_holds() {
        let page = concat!(
            r#"<head><script src="./startup-1.js"></script>"#,
            r#"<script type="module" src="./loader-1.js" crossorigin="anonymous" integrity="sha384-a"></script>"#,
            r#"<link rel="modulepreload" href="./glue-1.js" integrity="sha384-g">"#,
            r#"<link rel="modulepreload" href="./parts-1.js" integrity="sha384-p">"#,
            r#"<link rel="preload" href="./app_bg.wasm" as="fetch"></head>"#
        );
        assert_eq!(module_loader(page).unwrap().as_deref(), Some("loader-1.js"));
        assert_eq!(
            with_bundle(page, "loader-1.js", &bundle()).unwrap(),
            concat!(
                r#"<head><script src="./startup-1.js"></script>"#,
                r#"<script type="module" src="./app-00ff.js" crossorigin="anonymous" integrity="sha384-b"></script>"#,
                r#"<link rel="preload" href="./app_bg.wasm" as="fetch"></head>"#
            )
        );
    }

    #[test]
    fn a_preload_of_a_module_outside_the_bundle_stays() {
        let page = r#"<script type="module" src="./loader-1.js"></script><link rel="modulepreload" href="./other.js">"#;
        assert_eq!(
            with_bundle(page, "loader-1.js", &bundle()).unwrap(),
            r#"<script type="module" src="./app-00ff.js" integrity="sha384-b"></script><link rel="modulepreload" href="./other.js">"#
        );
    }

    #[test]
    fn a_page_must_say_which_module_starts_it() {
        assert_eq!(module_loader("<p>no app</p>").unwrap(), None);
        let two =
            r#"<script type="module" src="./a.js"></script><script type="module" src="./b.js"></script>"#;
        assert!(module_loader(two).unwrap_err().contains("more than one module script"));
    }

    #[test]
    fn the_loader_fetches_the_wasm_under_its_integrity_hash() {
        let dist = std::env::temp_dir().join(format!("xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("app-1_bg.wasm"), b"\0asm").unwrap();
        let hash = sri::integrity(b"\0asm");
        // As esbuild minifies Trunk's loader, and as Trunk writes it.
        let minified = r#"import o from"./app-1.js";const i=await o({module_or_path:"./app-1_bg.wasm"});"#;
        assert_eq!(
            wasm_under_integrity(minified, &dist).unwrap(),
            format!(
                r#"import o from"./app-1.js";const i=await o({{module_or_path:fetch("./app-1_bg.wasm",{{integrity:"{hash}"}})}});"#
            )
        );
        let trunk = "const wasm = await init({ module_or_path: './app-1_bg.wasm' });";
        assert_eq!(
            wasm_under_integrity(trunk, &dist).unwrap(),
            format!(
                r#"const wasm = await init({{ module_or_path: fetch('./app-1_bg.wasm',{{integrity:"{hash}"}}) }});"#
            )
        );
        // Anything else is refused, naming what is wrong, rather than left unchecked.
        for loader in [
            "await init();",
            "await init({ module_or_path: wasmPath });",
            "await init({ module_or_path: './app-1.js' });",
            "await init({ module_or_path: './sub/app-1_bg.wasm' });",
            "init({ module_or_path: './app-1_bg.wasm' }); init({ module_or_path: './app-1_bg.wasm' });",
        ] {
            assert!(
                wasm_under_integrity(loader, &dist).unwrap_err().contains("has Trunk's loader changed"),
                "{loader}"
            );
        }
        let missing = wasm_under_integrity("init({module_or_path:'./gone_bg.wasm'})", &dist).unwrap_err();
        assert!(missing.contains("cannot read gone_bg.wasm"), "{missing}");
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn reads_the_inputs_of_an_esbuild_metafile() {
        let meta = r#"{"inputs":{"glue-1.js":{"bytes":1,"imports":[]},"loader-1.js":{"bytes":2,"imports":[]}},"outputs":{}}"#;
        assert_eq!(metafile_inputs(meta).unwrap(), ["glue-1.js", "loader-1.js"].map(String::from).into());
        assert!(metafile_inputs("{}").is_err());
        assert!(metafile_inputs("not json").is_err());
    }
}
