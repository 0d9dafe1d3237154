//! The single-file build: `dist-single/<card-id>.html` and
//! `dist-single/<card-id>.workshop.html`, one self-contained page per card and per workshop,
//! that open from disk (file://) with no network at all; and what lets a hosted page make its
//! own single file when a reader asks for it, so that the host keeps no copy of it:
//!
//! - one offline template per app, `dist/offline/<card|workshop>-<hash>.html`: the single
//!   file of the app's first page with slots (`SLOTS`) in place of what differs from page
//!   to page (the title, the language, the prerendered markup, the data, the words) and of
//!   the WASM;
//! - on each hosted page, the line that offers it as one file (`#dc-offline`) gets the
//!   template's and the WASM's addresses and integrity hashes; the start-up watch
//!   (`web/startup.js`) fetches them, fills the slots and hands the reader the file.
//!
//! A library of hundreds of cards thus costs the host one template per app (its CSS and
//! scripts, without the WASM), not a base64 copy of the WASM per card.
//!
//! Made from the finished pages of `dist/` (so they carry the same prerendered card, data,
//! optimised WASM, minified JS and CSS, and start-up watch):
//!
//! - the stylesheet goes into a `<style>` element, the start-up watch into a `<script>`, and
//!   the favicon link goes (a file opened from disk has no site to show an icon for);
//! - the wasm-bindgen glue (an ES module) is bundled by esbuild into a classic script that
//!   sets one global: Chromium refuses module scripts from file://, classic inline scripts
//!   run everywhere;
//! - the WASM is inlined as base64 and handed to the glue's `init({ module_or_path: bytes })`,
//!   since a page on file:// cannot fetch it;
//! - `<html data-build="single-file">` tells the start-up watch not to suggest this very
//!   build when something fails.
//!
//! The pages' policy, should a host serve the files with a CSP, goes to `dist-single/csp.txt`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::csp::{self, Assets};
use crate::dist::{rel, Layout};
use crate::html;
use crate::sri;
use crate::util::{read_text, Ctx, Result};
use decision_core::authoring::load;
use rayon::prelude::*;

/// The global the bundled glue is assigned to.
const GLUE_GLOBAL: &str = "__dcGlue";

pub const OUT_DIR: &str = "dist-single";
/// Where the hosted build keeps the offline templates.
pub const OFFLINE_DIR: &str = "offline";

/// A bundled card, as far as this build needs to know it.
#[derive(Debug, PartialEq)]
pub struct CardInfo {
    pub id: String,
    pub title: String,
}

/// The slots of an offline template, as the start-up watch fills them (`web/startup.js`):
/// what differs from page to page of one app. The page's title, its language (`<html lang>`),
/// the WASM as base64, and the content of each element named by id, taken from the page as
/// served: the app's markup, the page's data, the tool's words in the page's language, the
/// failure notice's words, and the line shown until the app is live.
const SLOTS: [(&str, &str); 8] = [
    ("title", "@@dc-slot:title@@"),
    ("html", "@@dc-slot:lang@@"),
    ("#dc-app", "@@dc-slot:#dc-app@@"),
    ("#dc-data", "@@dc-slot:#dc-data@@"),
    ("#dc-lang", "@@dc-slot:#dc-lang@@"),
    ("#dc-failure-words", "@@dc-slot:#dc-failure-words@@"),
    ("#dc-boot", "@@dc-slot:#dc-boot@@"),
    ("wasm", "@@dc-slot:wasm@@"),
];

/// What every page of one app inlines, made once per app.
struct App {
    inlined: Inlined,
    wasm_base64: String,
    /// The offer a page of this app makes of itself as one file.
    offer: Offer,
    /// The Content-Security-Policy its single files run under.
    policy: String,
}

/// The attributes of a hosted page's "download as one file" line (`#dc-offline`): where the
/// start-up watch finds what it assembles the file from, and each file's integrity.
struct Offer {
    template: String,
    template_integrity: String,
    wasm: String,
    wasm_integrity: String,
}

/// Writes the single files of every card of the layout's content, from its finished
/// release build, and the offline templates with which each hosted page makes its own.
pub fn build(ctx: &Ctx, layout: &Layout) -> Result<()> {
    let (dist, out) = (layout.dist.as_path(), layout.single.clone());
    let cards = cards(&layout.content)?;
    if cards.is_empty() {
        return Err("no cards in content/: nothing to build".into());
    }
    for dir in [out.clone(), dist.join(OFFLINE_DIR)] {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    // What each app inlines, made once, from its first page.
    let mut apps: BTreeMap<PathBuf, App> = BTreeMap::new();
    let mut pages = Vec::new();
    for card in &cards {
        for (name, kind) in
            [(format!("{}.html", card.id), "card"), (format!("{}.workshop.html", card.id), "workshop")]
        {
            let path = dist.join(&name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e} (run the release build first)", path.display()))?;
            let parts = Parts::find(&text, |path| read_text(&dist.join(path)))?;
            if !apps.contains_key(&parts.glue) {
                apps.insert(parts.glue.clone(), prepare_app(ctx, dist, kind, &text, &parts)?);
            }
            pages.push(Page { name, path, text, parts });
        }
    }
    // Then each page on its own, on every core: its single file, and the hosted page with
    // its offer of it.
    let written: Vec<String> = pages
        .par_iter()
        .map(|page| {
            let app = &apps[&page.parts.glue];
            let html = assemble(&page.text, &page.parts, &app.inlined, &app.wasm_base64)?;
            let file = out.join(&page.name);
            std::fs::write(&file, &html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            std::fs::write(&page.path, offered(&page.text, &app.offer, &page.name)?)
                .map_err(|e| format!("cannot write {}: {e}", page.path.display()))?;
            Ok(format!("  {}  {:.1} KB", rel(&ctx.root, &file), html.len() as f64 / 1024.0))
        })
        .collect::<Result<_>>()?;
    println!("{}", written.join("\n"));
    // The pages of an app differ in their markup and data, not in their scripts or style:
    // one policy per app.
    if let Some(policy) = apps.into_values().map(|app| app.policy).reduce(|a, b| merge_policies(&a, &b)) {
        let file = out.join("csp.txt");
        std::fs::write(&file, format!("{policy}\n"))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}

/// A hosted page of the build, read.
struct Page {
    name: String,
    path: PathBuf,
    text: String,
    parts: Parts,
}

/// What the pages of one app inline, and its offline template, written to
/// `dist/offline/<kind>-<hash>.html` (made from `page`, the first page of the app).
fn prepare_app(ctx: &Ctx, dist: &Path, kind: &str, page: &str, parts: &Parts) -> Result<App> {
    let wasm = std::fs::read(dist.join(&parts.wasm))
        .map_err(|e| format!("cannot read {}: {e}", dist.join(&parts.wasm).display()))?;
    let inlined = Inlined {
        css: parts.css.iter().map(|path| read_text(&dist.join(path))).collect::<Result<_>>()?,
        classic: parts.classic.iter().map(|path| read_text(&dist.join(path))).collect::<Result<_>>()?,
        glue: bundle_glue(ctx, &dist.join(&parts.glue))?,
    };
    let wasm_base64 = sri::base64(&wasm);
    println!(
        "  ({}: WASM {:.1} KB as {:.1} KB of base64)",
        parts.glue.display(),
        wasm.len() as f64 / 1024.0,
        wasm_base64.len() as f64 / 1024.0
    );
    let template = template(page, parts, &inlined)?;
    let hash: String = sri::sha384(template.as_bytes())[..6].iter().map(|b| format!("{b:02x}")).collect();
    let template_path = format!("{OFFLINE_DIR}/{kind}-{hash}.html");
    std::fs::write(dist.join(&template_path), &template)
        .map_err(|e| format!("cannot write {template_path}: {e}"))?;
    println!(
        "  {template_path}  {:.1} KB (the offline template of every {kind} page)",
        template.len() as f64 / 1024.0
    );
    let offer = Offer {
        template_integrity: sri::integrity(template.as_bytes()),
        template: template_path,
        wasm: format!("./{}", parts.wasm.display()),
        wasm_integrity: sri::integrity(&wasm),
    };
    let policy = csp::policy(&assemble(page, parts, &inlined, &wasm_base64)?, Assets::Inlined)?;
    Ok(App { inlined, wasm_base64, offer, policy })
}

/// The single file of `page` with its slots (`SLOTS`) in place of its title, its app's
/// markup, its data and its WASM: what every page of the app fills in with its own.
fn template(page: &str, parts: &Parts, inlined: &Inlined) -> Result<String> {
    let selectors: Vec<&str> = SLOTS.iter().map(|(s, _)| *s).filter(|s| *s != "wasm").collect();
    let emptied = html::rewrite(page, &selectors.join(", "), |e, el| {
        let id = e.attr("id").map(|id| format!("#{id}"));
        let slot = SLOTS.iter().find(|(s, _)| *s == e.name || Some(*s) == id.as_deref());
        match slot {
            Some(("html", slot)) => el.set_attribute("lang", slot).map_err(|e| e.to_string())?,
            Some((_, slot)) => el.set_inner_content(slot, html::HTML),
            None => {}
        }
        Ok(())
    })?;
    let wasm_slot = SLOTS[SLOTS.len() - 1].1;
    let template = assemble(&emptied, parts, inlined, wasm_slot)?;
    for (what, slot) in SLOTS {
        if template.matches(slot).count() != 1 {
            return Err(format!("the offline template must hold the slot of `{what}` once ({slot})"));
        }
    }
    Ok(template)
}

/// The hosted page with its "download as one file" line told where its parts are.
fn offered(page: &str, offer: &Offer, file: &str) -> Result<String> {
    let mut found = false;
    let out = html::rewrite(page, "#dc-offline", |_, el| {
        for (name, value) in [
            ("data-template", offer.template.as_str()),
            ("data-template-integrity", &offer.template_integrity),
            ("data-wasm", &offer.wasm),
            ("data-wasm-integrity", &offer.wasm_integrity),
            ("data-file", file),
        ] {
            el.set_attribute(name, value).map_err(|e| e.to_string())?;
        }
        found = true;
        Ok(())
    })?;
    if found {
        Ok(out)
    } else {
        Err(format!("{file} has no `#dc-offline` line to offer itself as one file"))
    }
}

/// The files a built page loads, which the single-file page carries inline instead.
#[derive(Debug)]
struct Parts {
    /// The classic `<script src>` files (the start-up watch), in page order: each is
    /// inlined where it is.
    classic: Vec<PathBuf>,
    glue: PathBuf,
    wasm: PathBuf,
    /// The stylesheets, in page order (the workshop's and the library's pages have their
    /// own after the shared one): the first link becomes one `<style>` holding them all.
    css: Vec<PathBuf>,
}

impl Parts {
    /// `read(path)` returns the text of a file of the build (the module loader's).
    fn find(page: &str, read: impl Fn(&Path) -> Result<String>) -> Result<Parts> {
        let elements = html::elements(page, "script, link")?;
        let loader = elements
            .iter()
            .find(|e| e.name == "script" && e.attr("type") == Some("module"))
            .ok_or("the page has no module loader script (has Trunk's output changed?)")?;
        let code = match loader.attr("src") {
            Some(src) => read(&local_path(src)?)?,
            None => loader.text.clone().unwrap_or_default(),
        };
        let strings = quoted_strings(&code);
        let one = |ext: &str| -> Result<String> {
            let found: Vec<&String> = strings.iter().filter(|s| s.ends_with(ext)).collect();
            match found.as_slice() {
                [one] => Ok((*one).clone()),
                _ => Err(format!("expected one `{ext}` file named in the module loader, found {found:?}")),
            }
        };
        let (mut glue, mut wasm) = (one(".js")?, one(".wasm")?);
        // A page whose WASM comes in parts (split.rs) names the app's build in one module,
        // which a single file carries instead: it has nothing to fetch parts from.
        let whole = html::elements(page, "#dc-offline")?;
        if let Some(offer) = whole.first() {
            if let (Some(g), Some(w)) = (offer.attr("data-whole-glue"), offer.attr("data-whole-wasm")) {
                (glue, wasm) = (g.to_owned(), w.to_owned());
            }
        }
        let css: Vec<PathBuf> = elements
            .iter()
            .filter(|e| e.name == "link" && e.has_rel("stylesheet"))
            .map(|e| local_path(e.attr("href").ok_or("a stylesheet link has no href")?))
            .collect::<Result<_>>()?;
        if css.is_empty() {
            return Err("the page has no stylesheet link".into());
        }
        let classic = elements
            .iter()
            .filter(|e| is_classic_file(e))
            .map(|e| local_path(e.attr("src").unwrap_or_default()))
            .collect::<Result<_>>()?;
        Ok(Parts { classic, glue: local_path(&glue)?, wasm: local_path(&wasm)?, css })
    }
}

/// A classic script loaded from a file: the start-up watch.
fn is_classic_file(e: &html::Element) -> bool {
    e.name == "script" && e.attr("type").is_none() && e.attr("src").is_some()
}

/// The contents of the string literals in a piece of JS (no escapes expected: file names).
fn quoted_strings(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find(['\'', '"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let body = &rest[start + 1..];
        let Some(end) = body.find(quote) else { break };
        out.push(body[..end].to_owned());
        rest = &body[end + 1..];
    }
    out
}

/// A URL of the page's own files (`./x.js`) as a path inside `dist/`.
fn local_path(url: &str) -> Result<PathBuf> {
    let path = url.strip_prefix("./").unwrap_or(url);
    if path.is_empty() || path.starts_with('/') || path.contains("://") || path.split('/').any(|p| p == "..")
    {
        return Err(format!("not a file of the build: {url}"));
    }
    Ok(PathBuf::from(path))
}

/// The glue (and any JS snippets it imports) as one minified classic script that assigns
/// the module's exports to `window.__dcGlue`.
fn bundle_glue(ctx: &Ctx, glue: &Path) -> Result<String> {
    let tmp_dir = ctx.root.join("target").join("single");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| format!("cannot create {}: {e}", tmp_dir.display()))?;
    let out = tmp_dir.join("glue.js");
    let mut cmd = ctx.command("esbuild");
    cmd.arg(glue).args([
        "--bundle",
        "--format=iife",
        &format!("--global-name={GLUE_GLOBAL}"),
        "--minify",
        "--log-level=warning",
        // Only the default `init()` without arguments reads import.meta.url (to find the
        // .wasm next to the module); the loader always passes the bytes. Undefined makes a
        // stray use fail loudly instead of fetching something.
        "--define:import.meta.url=undefined",
    ]);
    cmd.arg(format!("--outfile={}", out.display()));
    ctx.run(&mut cmd)?;
    read_text(&out)
}

/// The texts that go into the page.
struct Inlined {
    /// The stylesheets' text, in the order of [`Parts::css`].
    css: Vec<String>,
    /// The classic scripts' code, in the order of [`Parts::classic`].
    classic: Vec<String>,
    /// The bundled glue (a classic script).
    glue: String,
}

/// The single-file page made from `page`: its own markup stays what it is (it is what the
/// app takes over); what it loads comes inline, in one pass of `html.rs`:
///
/// - the module loader, the preloads and the icon link go;
/// - the stylesheet links become one `<style>`, each classic `<script src>` a `<script>`;
/// - `<html>` gets `data-build="single-file"`;
/// - the line that offers the page as one file goes (it is one);
/// - the glue and the loader of the WASM (`wasm_base64`) end the `<body>`.
fn assemble(page: &str, parts: &Parts, inlined: &Inlined, wasm_base64: &str) -> Result<String> {
    let css: Vec<&str> = inlined.css.iter().map(|c| c.trim_end()).collect();
    let mut style = Some(html::style(&css.join("\n"))?);
    let classic: Vec<String> =
        inlined.classic.iter().map(|c| html::script(c.trim_end())).collect::<Result<_>>()?;
    let ends_body = format!(
        "{glue}\n{loader}\n",
        glue = html::script(inlined.glue.trim_end())?,
        loader = html::script(&loader(wasm_base64))?
    );
    if classic.len() != parts.classic.len() {
        return Err("the classic scripts found and inlined differ in number".into());
    }
    let mut classic = classic.iter();
    let (mut html_found, mut body_found) = (false, false);
    let out = html::rewrite(page, "html, body, script, link, #dc-offline", |e, el| {
        match e.name.as_str() {
            "html" => {
                el.set_attribute("data-build", "single-file").map_err(|e| e.to_string())?;
                html_found = true;
            }
            "body" => {
                el.append(&ends_body, html::HTML);
                body_found = true;
            }
            "script" if e.attr("type") == Some("module") => el.remove(),
            "script" if is_classic_file(e) => {
                el.replace(classic.next().ok_or("more classic scripts than were found")?, html::HTML)
            }
            "link" if e.has_rel("stylesheet") => match style.take() {
                Some(style) => el.replace(&style, html::HTML),
                None => el.remove(),
            },
            "link" if ["modulepreload", "preload", "icon"].iter().any(|r| e.has_rel(r)) => el.remove(),
            _ if e.attr("id") == Some("dc-offline") => el.remove(),
            _ => {}
        }
        Ok(())
    })?;
    match (html_found, body_found) {
        (true, true) => Ok(out),
        _ => Err("the page has no <html> or no <body> element".into()),
    }
}

/// The loader: turns the base64 back into bytes and starts the app. It fires the same
/// `TrunkApplicationStarted` event as Trunk's loader. A failure is left unhandled on
/// purpose: the start-up watch reports it on the page.
fn loader(wasm_base64: &str) -> String {
    format!(
        "(function(){{var s=atob(\"{wasm_base64}\"),b=new Uint8Array(s.length);\
for(var i=0;i<s.length;i++)b[i]=s.charCodeAt(i);\
{GLUE_GLOBAL}.default({{module_or_path:b}}).then(function(wasm){{\
window.wasmBindings={GLUE_GLOBAL};\
dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\",{{detail:{{wasm:wasm}}}}));}});}})();"
    )
}

/// Joins two policies that differ only in their hash lists.
fn merge_policies(a: &str, b: &str) -> String {
    let directives_b: Vec<&str> = b.split("; ").collect();
    a.split("; ")
        .map(|da| {
            let name = da.split(' ').next().unwrap_or("");
            let mut sources: Vec<&str> = da.split(' ').collect();
            if let Some(db) = directives_b.iter().find(|d| d.split(' ').next() == Some(name)) {
                for s in db.split(' ').skip(1) {
                    if !sources.contains(&s) {
                        sources.push(s);
                    }
                }
            }
            sources.join(" ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The id and title of every card in `content/`, read by the core's loader (the build has
/// checked them already; any error stops here too).
pub fn cards(content: &Path) -> Result<Vec<CardInfo>> {
    let root = content.parent().unwrap_or(content);
    let report = load::load_dir(root, content);
    if report.has_errors() {
        let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
        return Err(format!("the cards in content/ are not valid:\n  {}", errors.join("\n  ")));
    }
    Ok(report.cards.into_iter().map(|c| CardInfo { id: c.id, title: c.title }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of `dist/index.html` after the release build moved its scripts out.
    const PAGE: &str = r#"<!doctype html>
<html lang="fr">
  <head>
    <title>Decision Cards</title>
    <script type="module" src="./loader-ab.js" crossorigin="anonymous" integrity="sha384-w"></script>
    <link rel="stylesheet" href="./main-2.css" integrity="sha384-x"/>
    <link rel="icon" href="./favicon-3.svg" type="image/svg+xml"/>
  <link rel="modulepreload" href="./app-1.js" crossorigin="anonymous" integrity="sha384-y"><link rel="preload" href="./app-1_bg.wasm" crossorigin="anonymous" integrity="sha384-z" as="fetch" type="application/wasm"></head>
  <body class="dc-page">
    <div id="dc-boot"><p>Chargement</p></div>
    <script src="./startup-cd.js"></script>
    <div id="dc-app" data-page="card"><p>Cache &amp; replica</p><!----></div>
    <script type="application/json" id="dc-data">{"id":"c"}</script>
    <script type="application/json" id="dc-lang">{"lang":"fr"}</script>
    <script type="application/json" id="dc-failure-words">{"title":"x"}</script>
    <p id="dc-offline" hidden><button type="button">Download</button></p>
  </body>
</html>
"#;

    /// Trunk's loader, as esbuild minifies it.
    const LOADER: &str = r#"import o,*as n from"./app-1.js";const i=await o({module_or_path:"./app-1_bg.wasm"});window.wasmBindings=n,dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm:i}}));"#;

    fn parts() -> Parts {
        Parts::find(PAGE, |path| {
            assert_eq!(path, Path::new("loader-ab.js"));
            Ok(LOADER.to_owned())
        })
        .unwrap()
    }

    fn inlined(css: &str, classic: &str, glue: &str) -> Inlined {
        Inlined { css: vec![css.into()], classic: vec![classic.into()], glue: glue.into() }
    }

    #[test]
    fn finds_the_parts_of_the_built_page() {
        let parts = parts();
        assert_eq!(parts.glue, Path::new("app-1.js"));
        assert_eq!(parts.wasm, Path::new("app-1_bg.wasm"));
        assert_eq!(parts.css, [Path::new("main-2.css")]);
        assert_eq!(parts.classic, [Path::new("startup-cd.js")]);
    }

    #[test]
    fn finds_the_files_in_trunks_own_inline_loader_too() {
        let page = PAGE.replace(
            r#"<script type="module" src="./loader-ab.js" crossorigin="anonymous" integrity="sha384-w"></script>"#,
            "<script type=\"module\">\nimport init, * as bindings from './app-1.js';\nconst wasm = await init({ module_or_path: './app-1_bg.wasm' });\n</script>",
        );
        let parts = Parts::find(&page, |p| Err(format!("unexpected read of {}", p.display()))).unwrap();
        assert_eq!(parts.glue, Path::new("app-1.js"));
        assert_eq!(parts.wasm, Path::new("app-1_bg.wasm"));
    }

    #[test]
    fn assembles_a_page_that_loads_nothing() {
        let html =
            assemble(PAGE, &parts(), &inlined(".dc-root{color:red}\n", "boot();", "var __dcGlue=1;"), "AAEC")
                .unwrap();
        for gone in ["type=\"module\"", "<link", "integrity", "src=", "./app-1", "main-2.css"] {
            assert!(!html.contains(gone), "{gone} is still in:\n{html}");
        }
        assert!(html.contains("<html lang=\"fr\" data-build=\"single-file\">"));
        assert!(html.contains("<title>Decision Cards</title>"));
        assert!(html.contains("<style>.dc-root{color:red}</style>"));
        assert!(html.contains("<script>boot();</script>"));
        assert!(html.contains("atob(\"AAEC\")"));
        // The start-up watch stays, before the scripts that may fail.
        let boot = html.find("boot();").unwrap();
        assert!(boot < html.find("var __dcGlue=1;").unwrap());
        assert!(html.contains("var __dcGlue=1;</script>\n<script>(function(){"));
        assert!(html.contains("})();</script>\n</body>"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn a_page_with_its_own_stylesheet_after_the_shared_one_gets_both_in_one_style() {
        let page = PAGE.replace(
            r#"<link rel="icon""#,
            r#"<link rel="stylesheet" href="./workshop-4.css" integrity="sha384-v"/><link rel="icon""#,
        );
        let parts = Parts::find(&page, |_| Ok(LOADER.to_owned())).unwrap();
        assert_eq!(parts.css, [Path::new("main-2.css"), Path::new("workshop-4.css")]);
        let inlined = Inlined {
            css: vec![".a{}\n".into(), ".b{}\n".into()],
            classic: vec!["boot();".into()],
            glue: "g();".into(),
        };
        let html = assemble(&page, &parts, &inlined, "AAEC").unwrap();
        assert_eq!(html.matches("<style>").count(), 1, "{html}");
        assert!(html.contains("<style>.a{}\n.b{}</style>") && !html.contains("<link rel=\"stylesheet\""));
    }

    #[test]
    fn keeps_blank_lines_inside_scripts() {
        let glue = "var __dcGlue=`a\n\nb`;";
        let html = assemble(PAGE, &parts(), &inlined("", "", glue), "").unwrap();
        assert!(html.contains(glue));
    }

    #[test]
    fn refuses_text_that_would_close_its_element() {
        assert!(assemble(PAGE, &parts(), &inlined("", "", "x='</SCRIPT>'"), "").is_err());
        assert!(assemble(PAGE, &parts(), &inlined("", "x='</script>'", ""), "").is_err());
        assert!(assemble(PAGE, &parts(), &inlined("a{}</style>", "", ""), "").is_err());
    }

    #[test]
    fn the_offline_template_filled_with_a_page_is_that_pages_single_file() {
        let inlined = inlined(".a{}", "boot();", "var __dcGlue=1;");
        let template = template(PAGE, &parts(), &inlined).unwrap();
        assert!(template.contains("<title>@@dc-slot:title@@</title>"));
        assert!(template.contains(r#"<html lang="@@dc-slot:lang@@""#));
        assert!(template.contains(r#"<div id="dc-app" data-page="card">@@dc-slot:#dc-app@@</div>"#));
        assert!(template.contains(r#"id="dc-data">@@dc-slot:#dc-data@@</script>"#));
        assert!(template.contains(r#"id="dc-lang">@@dc-slot:#dc-lang@@</script>"#));
        assert!(template.contains(r#"atob("@@dc-slot:wasm@@")"#));
        for gone in ["Decision Cards", "replica", r#""id":"c""#, "dc-offline", r#""lang":"fr""#, "Chargement"]
        {
            assert!(!template.contains(gone), "{gone} is in the template");
        }
        // As web/startup.js fills it: the page's own title, markup and data, and the WASM.
        let filled = template
            .replace("@@dc-slot:title@@", "Decision Cards")
            .replace("@@dc-slot:lang@@", "fr")
            .replace("@@dc-slot:#dc-app@@", "<p>Cache &amp; replica</p><!---->")
            .replace("@@dc-slot:#dc-data@@", r#"{"id":"c"}"#)
            .replace("@@dc-slot:#dc-lang@@", r#"{"lang":"fr"}"#)
            .replace("@@dc-slot:#dc-failure-words@@", r#"{"title":"x"}"#)
            .replace("@@dc-slot:#dc-boot@@", "<p>Chargement</p>")
            .replace("@@dc-slot:wasm@@", "AAEC");
        assert_eq!(filled, assemble(PAGE, &parts(), &inlined, "AAEC").unwrap());
    }

    #[test]
    fn a_template_needs_every_slot() {
        let page = PAGE.replace(r#"<script type="application/json" id="dc-data">{"id":"c"}</script>"#, "");
        let err = template(&page, &parts(), &inlined("", "", "")).unwrap_err();
        assert!(err.contains("#dc-data"), "{err}");
    }

    #[test]
    fn a_hosted_page_offers_itself_with_where_its_parts_are() {
        let offer = Offer {
            template: "offline/card-0a1b2c.html".into(),
            template_integrity: "sha384-t".into(),
            wasm: "./app-1_bg.wasm".into(),
            wasm_integrity: "sha384-w".into(),
        };
        let page = offered(PAGE, &offer, "c.html").unwrap();
        assert!(page.contains(
            r#"<p id="dc-offline" hidden data-template="offline/card-0a1b2c.html" data-template-integrity="sha384-t" data-wasm="./app-1_bg.wasm" data-wasm-integrity="sha384-w" data-file="c.html">"#
        ));
        assert!(offered(&PAGE.replace("dc-offline", "x"), &offer, "c.html").is_err());
    }

    #[test]
    fn only_files_of_the_build_are_inlined() {
        assert_eq!(local_path("./a.js").unwrap(), Path::new("a.js"));
        for bad in ["/a.js", "https://cdn.example/a.js", "../a.js", "./x/../../a.js", ""] {
            assert!(local_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn merges_hash_lists() {
        assert_eq!(
            merge_policies(
                "default-src 'none'; script-src 'a' 'x'",
                "default-src 'none'; script-src 'a' 'y'"
            ),
            "default-src 'none'; script-src 'a' 'x' 'y'"
        );
    }

    #[test]
    fn reads_card_ids_and_titles_through_the_core() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let cards = cards(&content).unwrap();
        assert_eq!(
            cards[0],
            CardInfo {
                id: "model-api-vs-self-hosted".into(),
                title: "Model API vs Self-Hosted Model".into()
            }
        );
        assert!(cards.iter().all(|c| decision_core::validate::is_valid_id(&c.id)));
    }
}
