//! What a page's WASM and its wasm-bindgen glue carry that the page never needs, taken out
//! before `wasm-opt`:
//!
//! - **exports nothing calls**: an export is a root that `wasm-opt` keeps with everything it
//!   reaches ([`UNUSED_EXPORTS`]); the glue's classes that stood for them go too;
//! - **long names**: the module imports each JS function of its glue under a name such as
//!   `__wbg_appendChild_dbf7ad2f48413560`, spelled out once in the module and once in the
//!   glue, and exports each closure's entry point under a name made of its Rust types
//!   (`wasm_bindgen_12a3…___convert__closures_____invoke___…`, up to 300 characters); their
//!   hex digits compress to nothing. Each of these, and wasm-bindgen's other exports
//!   (`__wbindgen_malloc`…), gets a name of one to three characters in the module and the
//!   glue alike, and the glue's module name (`./decision-cards_bg.js`, repeated in every
//!   import) becomes [`GLUE_MODULE`];
//! - the `producers` and `target_features` sections, which only tools read (dropped by
//!   [`optimise`], once `wasm-opt` has read the features).
//!
//! The split step does it for the page's module of a split app (`split.rs`); [`trunk_build`]
//! for the apps in one module that Trunk builds (the library page's, and those the single
//! files carry). Both then run [`optimise`] on the result.

use std::path::Path;

use crate::util::{read_bytes, read_text, write, Ctx, Result};

/// Exports that nothing calls, by prefix: the methods of the JS stream classes of
/// `wasm-streams`, which Leptos always links in for the browser side of server functions
/// (`leptos` turns on `server_fn`'s `browser` feature). The apps have no server function,
/// so no such stream is ever made (docs/performance.md).
pub const UNUSED_EXPORTS: [&str; 4] =
    ["intounderlyingbytesource_", "intounderlyingsink_", "intounderlyingsource_", "__wbg_intounderlying"];

/// The glue's classes for the exports of [`UNUSED_EXPORTS`]: nothing creates them.
const UNUSED_CLASSES: [&str; 3] = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// How wasm-bindgen begins the names of what the module exports for the glue alone: the
/// closures' entry points, its allocator, its table of JS values, its start. The parts'
/// loader reads other exports (`memory`, the function table), which keep their names.
const GLUE_EXPORTS: [&str; 3] = ["wasm_bindgen_", "__wbindgen_", "__externref_"];

/// The name the module imports its glue's functions from, once slimmed.
pub const GLUE_MODULE: &str = "g";

/// A module and its glue after [`slim`].
#[derive(Debug, PartialEq)]
pub struct Slimmed {
    pub wasm: Vec<u8>,
    pub glue: String,
    /// How many exports nothing calls were dropped.
    pub dropped: usize,
    /// How many imports and exports got a short name.
    pub renamed: usize,
}

/// `wasm` without the exports of [`UNUSED_EXPORTS`] and with its glue's imports and the
/// exports of [`GLUE_EXPORTS`] the glue names under short names, and `glue` without the
/// classes of [`UNUSED_CLASSES`] and naming the module's imports and exports as it now does;
/// every other section of the module as it was. Fails, naming what it could not find, if the
/// glue does not define each import the module takes from it exactly once, or holds an
/// unused class in a shape it does not know.
pub fn slim(wasm: &[u8], glue: &str) -> Result<Slimmed> {
    use wasmparser::Payload;
    let unreadable = |e: wasmparser::BinaryReaderError| format!("cannot read the WASM: {e}");
    let glue_module = glue_module(glue)?;
    let mut glue = without_unused_classes(&glue.replacen(
        &format!("\"{glue_module}\": import0,"),
        &format!("\"{GLUE_MODULE}\": import0,"),
        1,
    ))?;
    let mut module = wasm_encoder::Module::new();
    let (mut dropped, mut imports_renamed, mut exports_renamed) = (0, 0, 0);
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(unreadable)?;
        match &payload {
            Payload::ImportSection(reader) => {
                let mut imports = wasm_encoder::ImportSection::new();
                for import in reader.clone().into_imports() {
                    let import = import.map_err(unreadable)?;
                    let ty = wasm_encoder::EntityType::try_from(import.ty)
                        .map_err(|e| format!("cannot copy the import {}: {e}", import.name))?;
                    if import.module == glue_module {
                        let short = short_name(imports_renamed);
                        glue = with_import_renamed(&glue, import.name, &short)?;
                        imports.import(GLUE_MODULE, &short, ty);
                        imports_renamed += 1;
                    } else {
                        imports.import(import.module, import.name, ty);
                    }
                }
                module.section(&imports);
            }
            Payload::ExportSection(reader) => {
                let mut exports = wasm_encoder::ExportSection::new();
                for export in reader.clone() {
                    let export = export.map_err(unreadable)?;
                    if UNUSED_EXPORTS.iter().any(|prefix| export.name.starts_with(prefix)) {
                        dropped += 1;
                    } else if let Some(calls) = glue_calls(&glue, export.name) {
                        // `_` and a letter: no export wasm-bindgen or the linker makes is named so.
                        let short = format!("_{}", short_name(exports_renamed));
                        glue = replaced_at(&glue, &calls, &call(export.name), &call(&short));
                        exports.export(&short, export.kind.into(), export.index);
                        exports_renamed += 1;
                    } else {
                        exports.export(export.name, export.kind.into(), export.index);
                    }
                }
                module.section(&exports);
            }
            _ => {
                if let Some((id, range)) = payload.as_section() {
                    let range = usize::try_from(range.start).unwrap_or(usize::MAX)
                        ..usize::try_from(range.end).unwrap_or(usize::MAX);
                    let data = wasm.get(range).ok_or("the WASM has a section past its end")?;
                    module.section(&wasm_encoder::RawSection { id, data });
                }
            }
        }
    }
    Ok(Slimmed { wasm: module.finish(), glue, dropped, renamed: imports_renamed + exports_renamed })
}

/// The module name the glue hands its own functions to the WASM under: the key of
/// wasm-bindgen's `import0` in the imports object.
fn glue_module(glue: &str) -> Result<&str> {
    let unexpected =
        "the glue does not hand its functions over as `\"<module>\": import0,`: has wasm-bindgen changed?";
    let (before, _) = glue.split_once("\": import0,").ok_or(unexpected)?;
    let (_, module) = before.rsplit_once('"').ok_or(unexpected)?;
    Ok(module)
}

/// Where `text` holds `name` as a whole JS name, not part of a longer one.
fn name_at(text: &str, name: &str) -> Vec<usize> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| {
            !text[..at].ends_with(is_name_char) && !text[at + name.len()..].starts_with(is_name_char)
        })
        .collect()
}

/// `text` with `name` at each of `at` (from [`name_at`]) replaced by `short`.
fn replaced_at(text: &str, at: &[usize], name: &str, short: &str) -> String {
    let mut replaced = String::with_capacity(text.len());
    let mut from = 0;
    for &at in at {
        replaced.push_str(&text[from..at]);
        replaced.push_str(short);
        from = at + name.len();
    }
    replaced.push_str(&text[from..]);
    replaced
}

/// `glue` with the one definition of the import `name` (`name: function(`) under `short`.
fn with_import_renamed(glue: &str, name: &str, short: &str) -> Result<String> {
    match name_at(glue, name)[..] {
        [at] if glue[at + name.len()..].starts_with(": function(") => Ok(replaced_at(glue, &[at], name, short)),
        ref found => Err(format!(
            "the glue names the import {name} {} times, not once as `{name}: function(`: has wasm-bindgen changed?",
            found.len()
        )),
    }
}

/// How the glue calls the module's export `name`.
fn call(name: &str) -> String {
    format!("wasm.{name}")
}

/// Where the glue calls the export `name`, if it is one of [`GLUE_EXPORTS`] and the glue
/// calls it. One the glue never names (`__wbindgen_free` may be) keeps its name. A match
/// begins with `wasm.`, so it is never inside a longer name on its left; the JS function
/// named as a closure's export, which calls it, keeps its name (the minifier shortens it).
fn glue_calls(glue: &str, name: &str) -> Option<Vec<usize>> {
    if !GLUE_EXPORTS.iter().any(|prefix| name.starts_with(prefix)) {
        return None;
    }
    Some(name_at(glue, &call(name))).filter(|at| !at.is_empty())
}

/// `glue` without the classes of [`UNUSED_CLASSES`]: each class, the line giving it
/// `Symbol.dispose` and its `FinalizationRegistry`, as wasm-bindgen writes them.
fn without_unused_classes(glue: &str) -> Result<String> {
    let mut glue = glue.to_owned();
    for class in UNUSED_CLASSES {
        if name_at(&glue, class).is_empty() {
            continue;
        }
        let unknown =
            || format!("the glue's class {class} is not written as expected: has wasm-bindgen changed?");
        let mut cut = |from: &str, to: &str| -> Result<()> {
            let start = glue.find(from).ok_or_else(unknown)?;
            let end = start + glue[start..].find(to).ok_or_else(unknown)? + to.len();
            glue.replace_range(start..end, "");
            Ok(())
        };
        cut(&format!("export class {class} {{\n"), "\n}\n")?;
        cut(&format!("if (Symbol.dispose) {class}.prototype[Symbol.dispose]"), ";\n")?;
        cut(&format!("const {class}Finalization = "), ";\n")?;
        if !name_at(&glue, class).is_empty() {
            return Err(unknown());
        }
    }
    Ok(glue)
}

/// The `i`th of the names `a`…`Z`, then `aa`, `ba`…: distinct for distinct `i`, each a JS
/// identifier.
fn short_name(i: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$";
    let mut name = String::from(char::from(FIRST[i % FIRST.len()]));
    let mut rest = i / FIRST.len();
    while rest > 0 {
        rest -= 1;
        name.push(char::from(REST[rest % REST.len()]));
        rest /= REST.len();
    }
    name
}

/// Trunk's release build of the app of `shell` (its HTML shell) in `staging`, slimmed and
/// optimised again with the app's own `wasm-opt` options. The glue and the WASM are named
/// anew by what they now hold, in the staged page too, and Trunk's files go: a name must
/// change whenever its file does, or a cache could serve the old file under it, which its
/// integrity hash would then refuse.
pub fn trunk_build(ctx: &Ctx, shell: &str, staging: &Path) -> Result<Slimmed> {
    let page_path = staging.join("index.html");
    let page = read_text(&page_path)?;
    let (glue_name, wasm_name) = crate::split::trunk_files(&page)?;
    let (glue_path, wasm_path) = (staging.join(&glue_name), staging.join(&wasm_name));
    let wasm = read_bytes(&wasm_path)?;
    let slimmed = slim(&wasm, &read_text(&glue_path)?)?;
    // Outside the staging folder, all of which goes into the site.
    let work = ctx.root.join("target/slim");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let slimmed_path = work.join(&wasm_name);
    write(&slimmed_path, &slimmed.wasm)?;
    let args = crate::split::wasm_opt_args(&ctx.read(shell)?)?;
    let optimised = optimise(ctx, &args, &slimmed_path, &work.join(format!("opt-{wasm_name}")))?;

    // Trunk's scheme, `<stem>-<hash>.js` and `<stem>-<hash>_bg.wasm` (`split::trunk_files`
    // reads it), with a hash of both files as they now are.
    let stem =
        glue_name.trim_end_matches(".js").rsplit_once('-').map_or(glue_name.as_str(), |(stem, _)| stem);
    let hash = crate::split::content_hash(&[slimmed.glue.as_bytes(), &optimised].concat());
    let (new_glue, new_wasm) = (format!("{stem}-{hash}.js"), format!("{stem}-{hash}_bg.wasm"));
    for (old, new, bytes) in
        [(&glue_path, &new_glue, slimmed.glue.as_bytes()), (&wasm_path, &new_wasm, optimised.as_slice())]
    {
        std::fs::remove_file(old).map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
        write(&staging.join(new), bytes)?;
    }
    write(&page_path, page.replace(&glue_name, &new_glue).replace(&wasm_name, &new_wasm).as_bytes())?;
    Ok(slimmed)
}

/// `wasm-opt` with `args` from `from` to `to`, then the sections only tools read dropped;
/// what it wrote.
pub fn optimise(ctx: &Ctx, args: &[String], from: &Path, to: &Path) -> Result<Vec<u8>> {
    let mut wasm_opt = ctx.command("wasm-opt");
    wasm_opt.args(args).args(["--strip-producers", "--strip-target-features"]).arg(from).arg("-o").arg(to);
    ctx.run(&mut wasm_opt)?;
    read_bytes(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing each of `imported` (module, name) as a function, with two empty
    /// functions exported under each name of `exported` with its function's index, and a
    /// custom section.
    fn module(imported: &[(&str, &str)], exported: &[(&str, u32)]) -> Vec<u8> {
        use wasm_encoder::{
            CodeSection, CustomSection, EntityType, ExportKind, ExportSection, Function, FunctionSection,
            ImportSection,
        };
        let mut module = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut imports = ImportSection::new();
        for &(from, name) in imported {
            imports.import(from, name, EntityType::Function(0));
        }
        module.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0).function(0);
        module.section(&functions);
        let mut exports = ExportSection::new();
        for &(name, index) in exported {
            exports.export(name, ExportKind::Func, index + imported.len() as u32);
        }
        module.section(&exports);
        let mut code = CodeSection::new();
        for _ in 0..2 {
            let mut body = Function::new([]);
            body.instructions().end();
            code.function(&body);
        }
        module.section(&code);
        module.section(&CustomSection { name: "producers".into(), data: b"rustc".as_slice().into() });
        module.finish()
    }

    /// Glue as wasm-bindgen writes it, defining `defined` for the module `from`.
    fn glue(from: &str, defined: &[&str]) -> String {
        let functions: String =
            defined.iter().map(|name| format!("        {name}: function(arg0) {{\n        }},\n")).collect();
        format!(
            "function __wbg_get_imports() {{\n    const import0 = {{\n        __proto__: null,\n{functions}    }};\n    return {{\n        __proto__: null,\n        \"{from}\": import0,\n        \"./loader.js\": import1,\n    }};\n}}\n"
        )
    }

    const APPEND: &str = "__wbg_appendChild_dbf7ad2f48413560";
    const TABLE: &str = "__wbindgen_init_externref_table";

    #[test]
    fn drops_the_exports_nothing_calls_and_keeps_the_rest_as_it_was() {
        let exported = [
            ("main", 0),
            ("intounderlyingsink_write", 1),
            ("start", 1),
            ("__wbg_intounderlyingsource_free", 0),
        ];
        let wasm = module(&[], &exported);
        let slimmed = slim(&wasm, &glue("./app_bg.js", &[])).unwrap();
        assert_eq!((slimmed.dropped, slimmed.renamed), (2, 0));
        wasmparser::validate(&slimmed.wasm).unwrap();
        assert_eq!(slimmed.wasm, module(&[], &[("main", 0), ("start", 1)]));
        assert!(slim(b"not a module", &glue("./app_bg.js", &[])).is_err());
    }

    #[test]
    fn the_glues_imports_get_short_names_in_the_module_and_the_glue_alike() {
        let imported = [("./app_bg.js", APPEND), ("./loader.js", "load_share"), ("./app_bg.js", TABLE)];
        let wasm = module(&imported, &[("main", 0)]);
        let slimmed =
            slim(&wasm, &glue("./app_bg.js", &[APPEND, "__wbg_unused_0123456789abcdef", TABLE])).unwrap();
        assert_eq!((slimmed.dropped, slimmed.renamed), (0, 2));
        wasmparser::validate(&slimmed.wasm).unwrap();
        let expected = [(GLUE_MODULE, "a"), ("./loader.js", "load_share"), (GLUE_MODULE, "b")];
        assert_eq!(slimmed.wasm, module(&expected, &[("main", 0)]));
        // A definition the module does not import keeps its name; the loader keeps its own.
        assert_eq!(slimmed.glue, glue(GLUE_MODULE, &["a", "__wbg_unused_0123456789abcdef", "b"]));
    }

    #[test]
    fn a_glue_that_does_not_define_an_import_once_is_refused() {
        let wasm = module(&[("./app_bg.js", APPEND)], &[]);
        let missing = slim(&wasm, &glue("./app_bg.js", &[TABLE])).unwrap_err();
        assert!(missing.contains(APPEND) && missing.contains("0 times"), "{missing}");
        let twice = glue("./app_bg.js", &[APPEND]) + &format!("wasm.{APPEND}();\n");
        assert!(slim(&wasm, &twice).unwrap_err().contains("2 times"));
        assert!(slim(&wasm, "export function nothing() {}").unwrap_err().contains("import0"));
    }

    const CLOSURE: &str = "wasm_bindgen_12a3a5db797ff8b5___convert__closures_____invoke_______true_";

    #[test]
    fn wasm_bindgens_exports_get_short_names_where_the_glue_calls_them() {
        let exported =
            [("main", 0), (CLOSURE, 1), ("__wbindgen_malloc", 0), ("__wbindgen_free", 1), ("memory_x", 0)];
        let wasm = module(&[], &exported);
        let wrapper = format!("function {CLOSURE}(arg0) {{\n    wasm.{CLOSURE}(arg0);\n}}\n");
        let calls = "const m = wasm.__wbindgen_malloc; wasm.__wbindgen_malloc(1); wasm.memory_x;\n";
        let slimmed = slim(&wasm, &(glue("./app_bg.js", &[]) + &wrapper + calls)).unwrap();
        assert_eq!((slimmed.dropped, slimmed.renamed), (0, 2));
        // One the glue never calls, and one not wasm-bindgen's own, keep their names.
        let expected = [("main", 0), ("_a", 1), ("_b", 0), ("__wbindgen_free", 1), ("memory_x", 0)];
        assert_eq!(slimmed.wasm, module(&[], &expected));
        let wrapper = format!("function {CLOSURE}(arg0) {{\n    wasm._a(arg0);\n}}\n");
        let calls = "const m = wasm._b; wasm._b(1); wasm.memory_x;\n";
        assert_eq!(slimmed.glue, glue(GLUE_MODULE, &[]) + &wrapper + calls);
    }

    /// A class of the glue for the JS streams, as wasm-bindgen writes it.
    fn stream_class(class: &str) -> String {
        format!(
            "export class {class} {{\n    free() {{\n        wasm.__wbg_x_free(this.__wbg_ptr, 0);\n    }}\n}}\nif (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
        )
    }

    fn stream_registry(class: &str) -> String {
        format!(
            "const {class}Finalization = (typeof FinalizationRegistry === 'undefined')\n    ? {{ register: () => {{}}, unregister: () => {{}} }}\n    : new FinalizationRegistry(ptr => wasm.__wbg_x_free(ptr, 1));\n"
        )
    }

    #[test]
    fn the_classes_nothing_creates_go_from_the_glue_and_nothing_else() {
        let wasm = module(&[], &[]);
        let rest = glue("./app_bg.js", &[]);
        let with_classes = format!(
            "{}{}{rest}{}{}let kept = 1;\n",
            stream_class("IntoUnderlyingSink"),
            stream_class("IntoUnderlyingSource"),
            stream_registry("IntoUnderlyingSink"),
            stream_registry("IntoUnderlyingSource"),
        );
        let slimmed = slim(&wasm, &with_classes).unwrap();
        assert_eq!(slimmed.glue, glue(GLUE_MODULE, &[]) + "let kept = 1;\n");
        // Written otherwise, or used elsewhere: refused, naming the class.
        let used = with_classes.clone() + "new IntoUnderlyingSink();\n";
        assert!(slim(&wasm, &used).unwrap_err().contains("IntoUnderlyingSink"));
        let no_registry = format!("{}{rest}", stream_class("IntoUnderlyingSource"));
        assert!(slim(&wasm, &no_registry).unwrap_err().contains("IntoUnderlyingSource"));
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..52 * 65 + 10).map(short_name).collect();
        assert_eq!((names[0].as_str(), names[51].as_str(), names[52].as_str()), ("a", "Z", "aa"));
        assert!(names[..52].iter().all(|n| n.len() == 1) && names[52..52 * 65].iter().all(|n| n.len() == 2));
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names.iter().all(|n| n.starts_with(|c: char| c.is_ascii_alphabetic())
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')));
    }
}
