//! The Content-Security-Policy of the release build, and what makes it a fixed one.
//!
//! Trunk writes its module loader inline into `index.html`, and `index.html` has an inline
//! start-up watch of its own. A policy without `'unsafe-inline'` would have to list their
//! hashes, and the loader's hash changes with every build (it names the content-hashed JS
//! and WASM files), so a host would have to change its header on every release. Instead,
//! [`externalize_scripts`] moves every inline script of the built page into a file of its
//! own next to it, and the policy needs no hash at all:
//!
//! ```text
//! default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'
//! ```
//!
//! [`write()`] derives the policy from the finished page anyway (hashes included, should an
//! inline script ever come back) and writes it to `dist/csp.txt`; the e2e tests serve the
//! build with exactly that header, and check that `docs/csp.md` states the same policy.
//! The pages are read and rewritten through the HTML pass of `html.rs`.

use crate::html;
use crate::sri;
use crate::util::Result;

/// The CSP source expressions (`'sha384-…'`) for every inline `<script>` that runs code (one
/// without `src`) or every `<style>` element, in document order.
pub fn inline_hashes(page: &str, tag: &str) -> Result<Vec<String>> {
    Ok(html::elements(page, tag)?
        .into_iter()
        .filter(|e| tag != "script" || e.is_inline_code())
        .filter_map(|e| e.text)
        .map(|text| format!("'{}'", sri::integrity(text.as_bytes())))
        .collect())
}

/// Where a page's own files come from.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Assets {
    /// Separate files next to the page (`dist/`): scripts, styles and the WASM fetch
    /// come from `'self'`.
    SameOrigin,
    /// Everything inlined (the single-file build): nothing is loaded at all.
    Inlined,
}

/// The strictest policy under which `html` runs:
///
/// - `default-src 'none'`: nothing that is not listed below;
/// - `script-src`: the page's own files (`'self'`), WebAssembly (`'wasm-unsafe-eval'`),
///   and the inline scripts by hash;
/// - `style-src`: the stylesheet (`'self'`), or the inline `<style>` by hash;
/// - `connect-src 'self'`: the wasm-bindgen glue fetches the `.wasm` file;
/// - `img-src`: the favicon, a file (`'self'`) or inlined (`data:`);
/// - `base-uri 'none'` and `form-action 'none'`: not needed by the widget, and so closed.
pub fn policy(page: &str, assets: Assets) -> Result<String> {
    let mut script = vec!["script-src".to_owned()];
    let mut style = vec!["style-src".to_owned()];
    if assets == Assets::SameOrigin {
        script.push("'self'".into());
        style.push("'self'".into());
    }
    script.push("'wasm-unsafe-eval'".into());
    script.extend(inline_hashes(page, "script")?);
    style.extend(inline_hashes(page, "style")?);
    let mut directives = vec!["default-src 'none'".to_owned(), script.join(" ")];
    if style.len() > 1 {
        directives.push(style.join(" "));
    }
    if assets == Assets::SameOrigin {
        directives.push("connect-src 'self'".into());
    }
    let icon = html::elements(page, "link")?.into_iter().find(|e| e.attr("rel") == Some("icon"));
    if let Some(href) = icon.as_ref().and_then(|e| e.attr("href")) {
        directives.push(if href.starts_with("data:") { "img-src data:" } else { "img-src 'self'" }.into());
    }
    directives.push("base-uri 'none'".into());
    directives.push("form-action 'none'".into());
    Ok(directives.join("; "))
}

/// Moves every inline `<script>` of `dist/index.html` into a file next to it:
///
/// - a module script (Trunk's loader) becomes `loader-<hash>.js`, loaded with
///   `type="module"` and an `integrity` hash (filled in by the SRI step that follows);
/// - a classic script (the start-up watch) becomes `startup-<hash>.js`, a plain blocking
///   `<script src>` at the same place, so it still runs before any module. It has no
///   `integrity`: Chromium cannot check one on file://, which is where the watch has to
///   explain that the page cannot start.
pub fn externalize_scripts(dist: &std::path::Path, page_name: &str) -> Result<()> {
    let page = dist.join(page_name);
    let before =
        std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let after = html::rewrite(&before, "script", |e, el| {
        let Some(code) = e.text.as_deref().filter(|_| e.is_inline_code()) else { return Ok(()) };
        let module = e.attr("type") == Some("module");
        let stem = if module { "loader" } else { "startup" };
        let digest = sri::sha384(code.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let name = format!("{stem}-{hex}.js");
        let file = dist.join(&name);
        std::fs::write(&file, code.trim()).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        let tag = if module {
            format!(
                r#"<script type="module" src="./{name}" crossorigin="anonymous" integrity="sha384-"></script>"#
            )
        } else {
            format!(r#"<script src="./{name}"></script>"#)
        };
        println!("  {page_name}: inline {} script -> {name}", if module { "module" } else { "classic" });
        el.replace(&tag, html::HTML);
        Ok(())
    })?;
    if after != before {
        std::fs::write(&page, after).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    }
    Ok(())
}

/// Computes the policy of every page and writes it to `dist/csp.txt` (one line). The pages
/// must agree: a host sends one header for the whole folder.
pub fn write(dist: &std::path::Path, pages: &[&str]) -> Result<String> {
    let mut policies = Vec::new();
    for name in pages {
        let page = dist.join(name);
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        policies.push((name, policy(&html, Assets::SameOrigin)?));
    }
    let policy = policies.first().map(|(_, p)| p.clone()).ok_or("no pages to derive a policy from")?;
    if let Some((name, other)) = policies.iter().find(|(_, p)| *p != policy) {
        return Err(format!("{name} needs another policy than {}: {other}", pages[0]));
    }
    let file = dist.join("csp.txt");
    std::fs::write(&file, format!("{policy}\n"))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head>\n<!-- <script>not me</script> -->\n\
        <script type=\"module\">import init from './a.js';</script>\n\
        <link rel=\"stylesheet\" href=\"./m.css\">\n\
        <script src=\"./x.js\"></script>\n\
        </head><body><p title=\"a>b\">x</p><SCRIPT>\n  boot();\n</SCRIPT >\
        <script type=\"application/json\" id=\"dc-data\">{}</script></body></html>";

    #[test]
    fn hashes_only_inline_scripts_exactly_as_written() {
        let hashes = inline_hashes(PAGE, "script").unwrap();
        assert_eq!(
            hashes,
            [
                format!("'{}'", sri::integrity(b"import init from './a.js';")),
                format!("'{}'", sri::integrity(b"\n  boot();\n")),
            ]
        );
    }

    #[test]
    fn policy_for_the_multi_file_build() {
        let p = policy(PAGE, Assets::SameOrigin).unwrap();
        let hashes = inline_hashes(PAGE, "script").unwrap().join(" ");
        assert_eq!(
            p,
            format!(
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; \
                 connect-src 'self'; base-uri 'none'; form-action 'none'"
            )
        );
    }

    #[test]
    fn policy_for_an_inlined_page_lists_its_style_and_loads_nothing() {
        let page = "<style>.dc-root{color:red}</style><script>go()</script>";
        let p = policy(page, Assets::Inlined).unwrap();
        assert_eq!(
            p,
            format!(
                "default-src 'none'; script-src 'wasm-unsafe-eval' '{}'; style-src '{}'; \
                 base-uri 'none'; form-action 'none'",
                sri::integrity(b"go()"),
                sri::integrity(b".dc-root{color:red}")
            )
        );
    }

    #[test]
    fn moves_inline_scripts_into_files() {
        let dist = std::env::temp_dir().join(format!("xtask-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), PAGE).unwrap();
        externalize_scripts(&dist, "index.html").unwrap();
        let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
        let mut files: Vec<String> = std::fs::read_dir(&dist)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".js"))
            .collect();
        files.sort();
        let read = |name: &str| std::fs::read_to_string(dist.join(name)).unwrap();
        let contents: Vec<String> = files.iter().map(|f| read(f)).collect();
        std::fs::remove_dir_all(&dist).unwrap();

        assert!(inline_hashes(&html, "script").unwrap().is_empty(), "inline scripts left:\n{html}");
        assert_eq!(files.len(), 2);
        assert!(files[0].starts_with("loader-") && files[1].starts_with("startup-"), "{files:?}");
        assert_eq!(contents, ["import init from './a.js';", "boot();"]);
        assert!(html.contains(&format!(
            r#"<script type="module" src="./{}" crossorigin="anonymous" integrity="sha384-"></script>"#,
            files[0]
        )));
        assert!(html.contains(&format!(
            r#"<body><p title="a>b">x</p><script src="./{}"></script><script type="application/json""#,
            files[1]
        )));
        // Everything else is as it was, the commented-out script included.
        assert!(html.contains("<!-- <script>not me</script> -->"));
        assert!(html.contains(r#"<script src="./x.js"></script>"#));
        assert!(html.contains(r#"<script type="application/json" id="dc-data">{}</script>"#));
        assert_eq!(
            policy(&html, Assets::SameOrigin).unwrap(),
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
             base-uri 'none'; form-action 'none'"
        );
    }
}
