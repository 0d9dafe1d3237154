//! Exports nothing on a page calls, dropped from its WASM before `wasm-opt`: an export is a
//! root that `wasm-opt` keeps with everything it reaches. The split step does it for the
//! page's module of a split app (`split.rs`); [`trunk_build`] for the apps in one module
//! that Trunk builds (the library page's, and those the single files carry).

use std::path::Path;

use crate::single::read_text;
use crate::util::{Ctx, Result};

/// Exports that nothing calls, by prefix: the methods of the JS stream classes of
/// `wasm-streams`, which Leptos always links in for the browser side of server functions
/// (`leptos` turns on `server_fn`'s `browser` feature). The apps have no server function,
/// so no such stream is ever made; the glue keeps the classes, which nothing creates
/// (docs/performance.md).
pub const UNUSED_EXPORTS: [&str; 4] =
    ["intounderlyingbytesource_", "intounderlyingsink_", "intounderlyingsource_", "__wbg_intounderlying"];

/// `wasm` without the exports of [`UNUSED_EXPORTS`], every other section as it was; and how
/// many were dropped.
pub fn without_unused_exports(wasm: &[u8]) -> Result<(Vec<u8>, usize)> {
    use wasm_encoder::ExportKind;
    use wasmparser::{ExternalKind, Payload};
    let unreadable = |e: wasmparser::BinaryReaderError| format!("cannot read the WASM: {e}");
    let mut module = wasm_encoder::Module::new();
    let mut dropped = 0;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(unreadable)?;
        if let Payload::ExportSection(reader) = &payload {
            let mut exports = wasm_encoder::ExportSection::new();
            for export in reader.clone() {
                let export = export.map_err(unreadable)?;
                if UNUSED_EXPORTS.iter().any(|prefix| export.name.starts_with(prefix)) {
                    dropped += 1;
                    continue;
                }
                let kind = match export.kind {
                    ExternalKind::Func | ExternalKind::FuncExact => ExportKind::Func,
                    ExternalKind::Table => ExportKind::Table,
                    ExternalKind::Memory => ExportKind::Memory,
                    ExternalKind::Global => ExportKind::Global,
                    ExternalKind::Tag => ExportKind::Tag,
                };
                exports.export(export.name, kind, export.index);
            }
            module.section(&exports);
        } else if let Some((id, range)) = payload.as_section() {
            let range = usize::try_from(range.start).unwrap_or(usize::MAX)
                ..usize::try_from(range.end).unwrap_or(usize::MAX);
            let data = wasm.get(range).ok_or("the WASM has a section past its end")?;
            module.section(&wasm_encoder::RawSection { id, data });
        }
    }
    Ok((module.finish(), dropped))
}

/// Trunk's release build of the app of `shell` (its HTML shell) in `staging`, without the
/// exports nothing calls and optimised again with the app's own `wasm-opt` options; how many
/// exports went. The file keeps its name: what it holds is still made from what Trunk built.
pub fn trunk_build(ctx: &Ctx, shell: &str, staging: &Path) -> Result<usize> {
    let staged = read_text(&staging.join("index.html"))?;
    let (_, wasm) = crate::split::trunk_files(&staged)?;
    let path = staging.join(&wasm);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (pruned, dropped) = without_unused_exports(&bytes)?;
    if dropped == 0 {
        return Ok(0);
    }
    // Outside the staging folder, all of which goes into the site.
    let work = ctx.root.join("target/pruned");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let pruned_path = work.join(&wasm);
    std::fs::write(&pruned_path, pruned)
        .map_err(|e| format!("cannot write {}: {e}", pruned_path.display()))?;
    let mut wasm_opt = ctx.command("wasm-opt");
    wasm_opt.args(crate::split::wasm_opt_args(&ctx.read(shell)?)?).arg(&pruned_path).arg("-o").arg(&path);
    ctx.run(&mut wasm_opt)?;
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module of two empty functions, exported under each name with its function's index,
    /// and a custom section.
    fn module_exporting(exported: &[(&str, u32)]) -> Vec<u8> {
        use wasm_encoder::{
            CodeSection, CustomSection, ExportKind, ExportSection, Function, FunctionSection,
        };
        let mut module = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0).function(0);
        module.section(&functions);
        let mut exports = ExportSection::new();
        for &(name, index) in exported {
            exports.export(name, ExportKind::Func, index);
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

    #[test]
    fn drops_the_exports_nothing_calls_and_keeps_the_rest_as_it_was() {
        let wasm = module_exporting(&[
            ("main", 0),
            ("intounderlyingsink_write", 1),
            ("start", 1),
            ("__wbg_intounderlyingsource_free", 0),
        ]);
        let (pruned, dropped) = without_unused_exports(&wasm).unwrap();
        assert_eq!(dropped, 2);
        wasmparser::validate(&pruned).unwrap();
        assert_eq!(pruned, module_exporting(&[("main", 0), ("start", 1)]));

        let kept = module_exporting(&[("main", 0)]);
        assert_eq!(without_unused_exports(&kept).unwrap(), (kept, 0));
        assert!(without_unused_exports(b"not a module").is_err());
    }
}
