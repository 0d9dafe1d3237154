//! The one place xtask reads and rewrites HTML, on Cloudflare's streaming HTML rewriter
//! (`lol_html`), which tokenizes as a browser does: comments, quoted `>` in attribute
//! values, the raw text of `<script>` and `<style>`, upper-case tags are all what a browser
//! makes of them. Used by the release build's steps (`csp.rs`: moving inline scripts out
//! and deriving the policy; `sri.rs`: the `integrity` hashes; `dist.rs`: the card shell)
//! and by the single-file build (`single.rs`).
//!
//! Two operations:
//!
//! - [`elements`]: the elements a CSS selector matches, in document order, with their
//!   attributes and (for `script` and `style`) their text exactly as written;
//! - [`rewrite`]: the same elements handed one by one, with what [`elements`] would say of
//!   each, to a function that changes them (attributes, replacement, removal) through
//!   `lol_html`'s own element. Everything the function leaves alone stays byte for byte.
//!
//! A rewritten page also comes out with every comment written as a comment (`<!--…-->`):
//! Leptos writes its hydration markers as `<!>`, which a parser reads as the same empty
//! comment node but which is not valid HTML (the Nu checker's "Bogus comment").

use lol_html::html_content::{Comment, ContentType};
use lol_html::{doc_comments, element, text, RewriteStrSettings};

use crate::util::Result;

/// The `lol_html` element a [`rewrite`] function changes.
pub type Rewritable<'r, 't> = lol_html::html_content::Element<'r, 't>;

/// One element of a page, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Lowercase tag name.
    pub name: String,
    /// Attribute names (lowercase) and values, as written (character references are not
    /// decoded: the pages this build writes use none in the attributes it reads).
    pub attrs: Vec<(String, String)>,
    /// The raw text between the tags of a `script` or `style` element; `None` for others.
    pub text: Option<String>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether `rel` is one of the element's link types (`rel="icon preload"`).
    pub fn has_rel(&self, rel: &str) -> bool {
        self.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
    }

    /// Whether a `<script>` element runs code: no `type`, a JavaScript type, or a module. A
    /// data block (`type="application/json"`, the page's data) is never run.
    pub fn is_code(&self) -> bool {
        self.name == "script"
            && matches!(
                self.attr("type").map(str::to_ascii_lowercase).as_deref(),
                None | Some("" | "module" | "text/javascript" | "application/javascript")
            )
    }

    /// A script with its code in the page rather than in a file.
    pub fn is_inline_code(&self) -> bool {
        self.is_code() && self.attr("src").is_none()
    }
}

/// The elements of `html` that `selector` matches, in document order.
pub fn elements(html: &str, selector: &str) -> Result<Vec<Element>> {
    // Checked here, so that the handler macros' own parsing cannot fail (they unwrap).
    selector.parse::<lol_html::Selector>().map_err(|e| format!("not a selector: {selector}: {e}"))?;
    // Shared by the handlers: the element handler opens an entry, and for a script or style
    // captures the text that follows until its end tag (they do not nest). Text of other
    // elements, or of scripts the selector does not match, goes nowhere.
    let found = std::cell::RefCell::new(Vec::new());
    let capturing = std::rc::Rc::new(std::cell::Cell::new(false));
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(selector, |el| {
            let name = el.tag_name();
            let attrs = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
            let text = matches!(name.as_str(), "script" | "style").then(String::new);
            if text.is_some() {
                capturing.set(true);
                let capturing = capturing.clone();
                let end: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    capturing.set(false);
                    Ok(())
                });
                el.on_end_tag(end)?;
            }
            found.borrow_mut().push(Element { name, attrs, text });
            Ok(())
        }))
        .append_element_content_handler(text!("script, style", |chunk| {
            if capturing.get() {
                if let Some(text) = found.borrow_mut().last_mut().and_then(|e| e.text.as_mut()) {
                    text.push_str(chunk.as_str());
                }
            }
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).map_err(|e| format!("cannot read the HTML: {e}"))?;
    Ok(found.into_inner())
}

/// `html` with every element that `selector` matches handed to `edit`, in document order,
/// together with what [`elements`] says of it; see the module documentation.
pub fn rewrite(
    html: &str,
    selector: &str,
    mut edit: impl FnMut(&Element, &mut Rewritable) -> Result<()>,
) -> Result<String> {
    let found = elements(html, selector)?;
    let mut next = found.iter();
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(selector, |el| {
            // Both passes match the same selector on the same text, so they meet the same
            // elements in the same order.
            let seen = next.next().ok_or("the page changed between two reads")?;
            edit(seen, el).map_err(Into::into)
        }))
        .append_document_content_handler(doc_comments!(|c| proper_comment(html, c)));
    lol_html::rewrite_str(html, settings).map_err(|e| format!("cannot rewrite the HTML: {e}"))
}

/// `html` without its comments: in a shell, they speak to the reader of its source, not to
/// the browser. Only for a shell before a page is rendered into it, whose hydration markers
/// are comments.
pub fn without_comments(html: &str) -> Result<String> {
    let settings = RewriteStrSettings::new().append_document_content_handler(doc_comments!(|c| {
        c.remove();
        Ok(())
    }));
    lol_html::rewrite_str(html, settings).map_err(|e| format!("cannot rewrite the HTML: {e}"))
}

/// Writes a comment that was not written as `<!--…-->` (`<!>`, `<!x>`, `<?x>`) as one, with
/// the same text: the parser makes the same node of both.
fn proper_comment(html: &str, comment: &mut Comment) -> lol_html::HandlerResult {
    let written = html.get(comment.source_location().bytes()).unwrap_or("");
    if !written.starts_with("<!--") {
        // Setting the text marks the comment changed, and a changed comment is written
        // as `<!--text-->`.
        comment.set_text(&comment.text())?;
    }
    Ok(())
}

/// `code` as the content of an inline `<script>`, refused if it would end the element early.
pub fn script(code: &str) -> Result<String> {
    raw_text_element("script", code)
}

/// `css` as the content of an inline `<style>`, refused if it would end the element early.
pub fn style(css: &str) -> Result<String> {
    raw_text_element("style", css)
}

fn raw_text_element(name: &str, text: &str) -> Result<String> {
    let end = format!("</{name}");
    if text.to_ascii_lowercase().contains(&end) {
        return Err(format!("a {name} to inline contains `{end}`; it cannot be inlined as it is"));
    }
    Ok(format!("<{name}>{text}</{name}>"))
}

/// Content for [`Rewritable::replace`] and its kin: markup, inserted as it is.
pub const HTML: ContentType = ContentType::Html;

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head>\n<!-- <script>not me</script> -->\n\
        <script type=\"module\">import init from './a.js';</script>\n\
        <link rel=\"stylesheet\" href=\"./m.css\">\n\
        <script src=\"./x.js\"></script>\n\
        </head><body><p title=\"a>b\">x<!></p><SCRIPT>\n  boot(\"</p>\");\n</SCRIPT >\
        <script type=\"application/json\">{\"a\":\"<!>\"}</script></body></html>";

    #[test]
    fn a_shell_goes_out_without_its_comments_and_nothing_else() {
        let shell = "<!doctype html><html><head>\n<!-- for the source's reader -->\n<title>t</title></head>\n<body><!--x--><p title=\"<!-- kept -->\">a <!-- b --> c</p><script>/* <!-- kept --> */</script></body></html>";
        assert_eq!(
            without_comments(shell).unwrap(),
            "<!doctype html><html><head>\n\n<title>t</title></head>\n<body><p title=\"<!-- kept -->\">a  c</p><script>/* <!-- kept --> */</script></body></html>"
        );
    }

    #[test]
    fn finds_elements_and_the_text_of_scripts_as_written() {
        let els = elements(PAGE, "*").unwrap();
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["html", "head", "script", "link", "script", "body", "p", "script", "script"]);
        let scripts: Vec<&str> =
            els.iter().filter(|e| e.name == "script").map(|e| e.text.as_deref().unwrap()).collect();
        assert_eq!(scripts, ["import init from './a.js';", "", "\n  boot(\"</p>\");\n", "{\"a\":\"<!>\"}"]);
        assert_eq!(els[3].attr("href"), Some("./m.css"));
        assert_eq!(els[6].attr("title"), Some("a>b"));
        assert_eq!(els[6].text, None);
        let code: Vec<bool> =
            els.iter().filter(|e| e.name == "script").map(Element::is_inline_code).collect();
        assert_eq!(code, [true, false, true, false]);
    }

    #[test]
    fn finds_link_types_in_any_case() {
        let els = elements(r#"<link rel="Icon preload" href="a"><link href="b">"#, "link").unwrap();
        assert!(els[0].has_rel("icon") && els[0].has_rel("preload") && !els[0].has_rel("stylesheet"));
        assert!(!els[1].has_rel("icon"));
    }

    #[test]
    fn rewrites_only_what_the_function_changes_and_writes_bogus_comments_properly() {
        let out = rewrite(PAGE, "script, link", |e, el| {
            if e.has_rel("stylesheet") {
                el.set_attribute("integrity", "sha384-x").unwrap();
            } else if e.attr("src").is_some() {
                el.remove();
            } else if e.is_inline_code() && e.text.as_deref().unwrap().contains("boot") {
                el.replace("<script src=\"./boot.js\"></script>", HTML);
            }
            Ok(())
        })
        .unwrap();
        let expected = PAGE
            .replace(r#"href="./m.css">"#, r#"href="./m.css" integrity="sha384-x">"#)
            .replace("<script src=\"./x.js\"></script>", "")
            .replace("<SCRIPT>\n  boot(\"</p>\");\n</SCRIPT >", "<script src=\"./boot.js\"></script>")
            .replace("x<!></p>", "x<!----></p>");
        assert_eq!(out, expected);
        // Script text is not markup: the data block keeps its `<!>`.
        assert!(out.contains("{\"a\":\"<!>\"}"));
    }

    #[test]
    fn other_bogus_comments_keep_their_text_and_proper_ones_stay_as_written() {
        let out = rewrite("<p><!x><?y?><!-- z --><!----></p>", "p", |_, _| Ok(())).unwrap();
        assert_eq!(out, "<p><!--x--><!--?y?--><!-- z --><!----></p>");
    }

    #[test]
    fn an_error_of_the_function_stops_the_rewrite() {
        let err = rewrite(PAGE, "link", |_, _| Err("no".into())).unwrap_err();
        assert!(err.contains("no"), "{err}");
    }

    #[test]
    fn inline_text_may_not_close_its_element() {
        assert_eq!(script("go()").unwrap(), "<script>go()</script>");
        assert_eq!(style("a{}").unwrap(), "<style>a{}</style>");
        assert!(script("x='</SCRIPT>'").is_err());
        assert!(style("a{}</style>").is_err());
    }
}
