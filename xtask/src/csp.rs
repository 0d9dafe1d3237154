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
//! default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'
//! ```
//!
//! [`write`] derives the policy from the finished page anyway (hashes included, should an
//! inline script ever come back) and writes it to `dist/csp.txt`; the e2e tests serve the
//! build with exactly that header, and check that `docs/csp.md` states the same policy.
//!
//! Also a minimal scanner of HTML elements, shared with the single-file build.

use crate::sri;
use std::ops::Range;

/// One element of a page: its tag name, attributes and, for `<script>` and `<style>`, the
/// raw text between its tags.
pub struct Element {
    /// Lowercase tag name.
    pub name: String,
    /// The whole element: from `<` to the end of its closing tag (for `script` and
    /// `style`) or of its opening tag (for everything else).
    pub span: Range<usize>,
    /// The raw text content of a `script` or `style` element.
    pub content: Option<Range<usize>>,
    /// Attribute names (lowercase) and values, as written.
    pub attrs: Vec<(String, String)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether `rel` is one of the element's link types (`rel="icon preload"`).
    pub fn has_rel(&self, rel: &str) -> bool {
        self.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
    }
}

/// Every element of `html` in document order (comments and closing tags skipped). Not a
/// full HTML parser: enough for the pages this build writes.
pub fn elements(html: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        let name: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let open_end = start + sri::tag_end(rest);
        if name.is_empty() {
            // A comment, a closing tag, the doctype, or a stray `<`.
            i = if rest.starts_with("<!--") || rest.starts_with("</") || rest.starts_with("<!") {
                open_end
            } else {
                start + 1
            };
            continue;
        }
        let tag = &html[start..open_end];
        let attrs = sri::attributes(tag)
            .into_iter()
            .map(|a| {
                let value = tag[a.value.clone()].to_owned();
                (a.name, value)
            })
            .collect();
        let (content, end) = if name == "script" || name == "style" {
            let close = format!("</{name}");
            let content_end = find_ascii_ci(&html[open_end..], &close).map_or(html.len(), |p| open_end + p);
            let end = html[content_end..].find('>').map_or(html.len(), |p| content_end + p + 1);
            (Some(open_end..content_end), end)
        } else {
            (None, open_end)
        };
        out.push(Element { name, span: start..end, content, attrs });
        i = end;
    }
    out
}

/// Byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
pub fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether a `<script>` element runs code: no `type`, a JavaScript type, or a module. A data
/// block (`type="application/json"`, the page's data) is never run, so no policy lists it.
pub fn is_code(e: &Element) -> bool {
    matches!(
        e.attr("type").map(str::to_ascii_lowercase).as_deref(),
        None | Some("" | "module" | "text/javascript" | "application/javascript")
    )
}

/// The CSP source expressions (`'sha384-…'`) for every inline `<script>` that runs code (one
/// without `src`) or every `<style>` element, in document order.
pub fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    elements(html)
        .into_iter()
        .filter(|e| e.name == tag && (tag != "script" || (e.attr("src").is_none() && is_code(e))))
        .filter_map(|e| e.content)
        .map(|range| format!("'{}'", sri::integrity(html[range].as_bytes())))
        .collect()
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
pub fn policy(html: &str, assets: Assets) -> String {
    let mut script = vec!["script-src".to_owned()];
    let mut style = vec!["style-src".to_owned()];
    if assets == Assets::SameOrigin {
        script.push("'self'".into());
        style.push("'self'".into());
    }
    script.push("'wasm-unsafe-eval'".into());
    script.extend(inline_hashes(html, "script"));
    style.extend(inline_hashes(html, "style"));
    let mut directives = vec!["default-src 'none'".to_owned(), script.join(" ")];
    if style.len() > 1 {
        directives.push(style.join(" "));
    }
    if assets == Assets::SameOrigin {
        directives.push("connect-src 'self'".into());
    }
    let icon = elements(html).into_iter().find(|e| e.name == "link" && e.attr("rel") == Some("icon"));
    if let Some(href) = icon.as_ref().and_then(|e| e.attr("href")) {
        directives.push(if href.starts_with("data:") { "img-src data:" } else { "img-src 'self'" }.into());
    }
    directives.push("base-uri 'none'".into());
    directives.push("form-action 'none'".into());
    directives.join("; ")
}

/// Moves every inline `<script>` of `dist/index.html` into a file next to it:
///
/// - a module script (Trunk's loader) becomes `loader-<hash>.js`, loaded with
///   `type="module"` and an `integrity` hash (filled in by the SRI step that follows);
/// - a classic script (the start-up watch) becomes `startup-<hash>.js`, a plain blocking
///   `<script src>` at the same place, so it still runs before any module. It has no
///   `integrity`: Chromium cannot check one on file://, which is where the watch has to
///   explain that the page cannot start.
pub fn externalize_scripts(dist: &std::path::Path, page_name: &str) -> Result<(), String> {
    let page = dist.join(page_name);
    let html = std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let mut out = html.clone();
    // From the end, so that earlier ranges stay valid.
    for element in elements(&html).into_iter().rev() {
        let Some(content) = element.content.clone() else { continue };
        if element.name != "script" || element.attr("src").is_some() || !is_code(&element) {
            continue;
        }
        let code = &html[content];
        let module = element.attr("type") == Some("module");
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
        out.replace_range(element.span.clone(), &tag);
    }
    if out != html {
        std::fs::write(&page, out).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    }
    Ok(())
}

/// Computes the policy of every page and writes it to `dist/csp.txt` (one line). The pages
/// must agree: a host sends one header for the whole folder.
pub fn write(dist: &std::path::Path, pages: &[&str]) -> Result<String, String> {
    let mut policies = Vec::new();
    for name in pages {
        let page = dist.join(name);
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        policies.push((name, policy(&html, Assets::SameOrigin)));
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
        </head><body><p title=\"a>b\">x</p><SCRIPT>\n  boot();\n</SCRIPT ></body></html>";

    #[test]
    fn finds_elements_and_the_text_of_scripts() {
        let els = elements(PAGE);
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["html", "head", "script", "link", "script", "body", "p", "script"]);
        let scripts: Vec<&str> =
            els.iter().filter(|e| e.name == "script").map(|e| &PAGE[e.content.clone().unwrap()]).collect();
        assert_eq!(scripts, ["import init from './a.js';", "", "\n  boot();\n"]);
        assert_eq!(els[3].attr("href"), Some("./m.css"));
        assert_eq!(&PAGE[els[7].span.clone()], "<SCRIPT>\n  boot();\n</SCRIPT >");
    }

    #[test]
    fn hashes_only_inline_scripts_exactly_as_written() {
        let hashes = inline_hashes(PAGE, "script");
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
        let p = policy(PAGE, Assets::SameOrigin);
        let hashes = inline_hashes(PAGE, "script").join(" ");
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
        let p = policy(page, Assets::Inlined);
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

        assert!(inline_hashes(&html, "script").is_empty(), "inline scripts left:\n{html}");
        assert_eq!(files.len(), 2);
        assert!(files[0].starts_with("loader-") && files[1].starts_with("startup-"), "{files:?}");
        assert_eq!(contents, ["import init from './a.js';", "boot();"]);
        assert!(html.contains(&format!(
            r#"<script type="module" src="./{}" crossorigin="anonymous" integrity="sha384-"></script>"#,
            files[0]
        )));
        assert!(html.contains(&format!(
            r#"<body><p title="a>b">x</p><script src="./{}"></script></body>"#,
            files[1]
        )));
        // Everything else is as it was, the commented-out script included.
        assert!(html.contains("<!-- <script>not me</script> -->"));
        assert!(html.contains(r#"<script src="./x.js"></script>"#));
        assert_eq!(
            policy(&html, Assets::SameOrigin),
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; \
             base-uri 'none'; form-action 'none'"
        );
    }

    #[test]
    fn finds_text_ignoring_ascii_case() {
        assert_eq!(find_ascii_ci("abc</ScRiPt>", "</script"), Some(3));
        assert_eq!(find_ascii_ci("abc", "</script"), None);
    }
}
