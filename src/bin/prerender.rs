//! The prerender step (feature `ssr`, run natively by `cargo xtask dist`): renders every page
//! of the build to HTML with the app's own components, and writes the pages.
//!
//! ```text
//! prerender --content content --lang lang --card-shell A --workshop-shell B --library-shell C --out dist
//! ```
//!
//! The shells are the pages Trunk built (`index.html` for the card WASM, `workshop.html`
//! for the workshop's), each with an empty `<div id="dc-app"></div>`. For every card of
//! `content/` this writes `<card-id>.html` (the card, rendered, to be taken over in the
//! browser) and `<card-id>.workshop.html`; and `index.html`, the library. Each page carries
//! its data after the app element (`decision_core::page_data`), the tool's words in the
//! card's language (`decision_core::lang`, from `lang/<code>/`; the library's in English),
//! and the words of the failure notice (`platform::failure`); its `<html lang>` is the card's.
//!
//! It fails, naming the page and the place, when a card does not load, when rendering
//! panics, or when a component asks the browser anything while rendering (`render_check`):
//! such a page would not be the page the browser shows.

use decision_cards::pages::card::CardPage;
use decision_cards::pages::library::LibraryPage;
use decision_cards::platform::failure::{self, WORDS_ID};
use decision_cards::platform::{addresses, page::APP_ID, render_check};
use decision_core::authoring::languages;
use decision_core::authoring::{emit, load};
use decision_core::card::Card;
use decision_core::lang::shell::ShellWord;
use decision_core::lang::{self, Catalogue, Page, LANG_ID};
use decision_core::page_data::{CardSummary, DATA_ID};
use decision_core::say;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Where the shells take their page: Trunk keeps this element as it is.
const APP_SLOT: &str = "<div id=\"dc-app\"></div>";

struct Args {
    content: PathBuf,
    lang: PathBuf,
    card_shell: PathBuf,
    workshop_shell: PathBuf,
    library_shell: PathBuf,
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(why) => {
            eprintln!("prerender: {why}\nusage: prerender --content DIR --lang DIR --card-shell FILE --workshop-shell FILE --library-shell FILE --out DIR");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(pages) => {
            println!("prerendered {pages} pages into {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("prerender: stopped:");
            for e in errors {
                eprintln!("  {e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut content, mut lang, mut card_shell, mut workshop_shell, mut library_shell, mut out) =
        (None, None, None, None, None, None);
    while let Some(flag) = args.next() {
        let value = args.next().map(PathBuf::from).ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--content" => content = Some(value),
            "--lang" => lang = Some(value),
            "--card-shell" => card_shell = Some(value),
            "--workshop-shell" => workshop_shell = Some(value),
            "--library-shell" => library_shell = Some(value),
            "--out" => out = Some(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        content: content.ok_or("--content is missing")?,
        lang: lang.ok_or("--lang is missing")?,
        card_shell: card_shell.ok_or("--card-shell is missing")?,
        workshop_shell: workshop_shell.ok_or("--workshop-shell is missing")?,
        library_shell: library_shell.ok_or("--library-shell is missing")?,
        out: out.ok_or("--out is missing")?,
    })
}

/// Renders and writes every page; the number of pages, or every problem found.
fn run(args: &Args) -> Result<usize, Vec<String>> {
    let root = args.content.parent().unwrap_or(Path::new("."));
    let report = load::load_dir(root, &args.content);
    if report.has_errors() {
        let mut lines =
            vec![format!("the cards in {} are not valid (see docs/card-format.md):", args.content.display())];
        lines.extend(report.diagnostics.iter().map(|d| format!("  {d}")));
        return Err(lines);
    }
    // Allowed but doubtful: said once per build, never fatal.
    for warning in report.warnings() {
        eprintln!("{warning}");
    }
    let catalogues = languages::load_dir(&args.lang).map_err(|problems| {
        let mut lines = vec![format!(
            "the tool's words in {} are not complete (see docs/languages.md):",
            args.lang.display()
        )];
        lines.extend(problems.iter().map(|p| format!("  {p}")));
        lines
    })?;
    let catalogue = |code: &str| -> Result<&'static Catalogue, String> {
        match catalogues.get(code) {
            Some(c) => Ok(Box::leak(Box::new(c.clone()))),
            None => Err(format!(
                "there are no words of the tool in \"{code}\": add lang/{code}/ (docs/languages.md); the languages are {}",
                catalogues.keys().cloned().collect::<Vec<_>>().join(", ")
            )),
        }
    };
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| vec![format!("{}: {e}", p.display())]);
    let card_shell = read(&args.card_shell)?;
    let workshop_shell = read(&args.workshop_shell)?;
    let library_shell = read(&args.library_shell)?;
    let cards: &'static [Card] = Box::leak(report.cards.into_boxed_slice());

    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for card in cards {
        let words = match catalogue(&card.lang) {
            Ok(words) => words,
            Err(e) => {
                errors.push(format!("{}: {e}", addresses::card(&card.id)));
                continue;
            }
        };
        lang::install(words);
        let title = format!("{} \u{b7} Decision Cards", card.title);
        let data = emit::card_json(card);
        match render(&card.id, || view! { <CardPage card moved=Vec::new() /> }) {
            Ok(html) => match page(&card_shell, Page::Card, &html, &data, &title, words) {
                Ok(text) => pages.push((addresses::card(&card.id), text)),
                Err(e) => errors.push(format!("{}: {e}", addresses::card(&card.id))),
            },
            Err(e) => errors.push(e),
        }
        let title = format!("{} \u{b7} Decision Cards", say!(ShellWord::WorkshopTitle, title = card.title));
        match page(&workshop_shell, Page::Workshop, "", &data, &title, words) {
            Ok(text) => pages.push((addresses::workshop(&card.id), text)),
            Err(e) => errors.push(format!("{}: {e}", addresses::workshop(&card.id))),
        }
    }
    // The library speaks its cards' language when they share one, English otherwise; each
    // card's text on it is marked with its own.
    let library_words = catalogue(emit::library_language(cards)).map_err(|e| vec![e])?;
    lang::install(library_words);
    let summaries: Vec<CardSummary> = emit::summaries(cards);
    match render("the library", || view! { <LibraryPage cards=summaries missing=None /> }) {
        Ok(html) => {
            match page(
                &library_shell,
                Page::Library,
                &html,
                &emit::library_json(cards),
                "Decision Cards",
                library_words,
            ) {
                Ok(text) => pages.push((addresses::LIBRARY.to_string(), text)),
                Err(e) => errors.push(format!("{}: {e}", addresses::LIBRARY)),
            }
        }
        Err(e) => errors.push(e),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    std::fs::create_dir_all(&args.out).map_err(|e| vec![format!("{}: {e}", args.out.display())])?;
    for (name, text) in &pages {
        let file = args.out.join(name);
        std::fs::write(&file, text).map_err(|e| vec![format!("{}: {e}", file.display())])?;
    }
    Ok(pages.len())
}

/// The HTML of a view, rendered natively the way the browser will take it over; an error
/// naming `what` and the place when rendering panics or asks the browser anything.
fn render<V: IntoView + 'static>(
    what: &str,
    view: impl FnOnce() -> V + std::panic::UnwindSafe,
) -> Result<String, String> {
    render_check::take();
    let rendered = std::panic::catch_unwind(move || {
        let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
        let html = owner.with(|| view().into_view().to_html());
        drop(owner);
        html
    });
    let touched = render_check::take();
    match rendered {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_default();
            Err(format!("{what}: rendering panicked: {message}"))
        }
        Ok(_) if !touched.is_empty() => {
            let places: Vec<String> = touched.iter().map(|l| format!("{}:{}", l.file(), l.line())).collect();
            Err(format!(
                "{what}: a component asked the browser for something while the page was rendered at build time, \
                 at {} (do it in an Effect, which runs once the page is live)",
                places.join(", ")
            ))
        }
        Ok(html) => Ok(html),
    }
}

/// A shell with its page put in: the app element (marked with the kind of page, holding
/// the rendered view), the page's data after it, and its title.
fn page(
    shell: &str,
    kind: Page,
    html: &str,
    data: &str,
    title: &str,
    words: &Catalogue,
) -> Result<String, String> {
    if shell.matches(APP_SLOT).count() != 1 {
        return Err(format!("the shell must hold `{APP_SLOT}` exactly once"));
    }
    // The failure notice's words: the start-up script shows the notice when the app is dead.
    let failure_words = failure::words_json();
    // The tool's words this kind of page speaks, and no others.
    let tool_words = words.for_page(kind).to_json();
    let kind = kind.name();
    let app = format!(
        "<div id=\"{APP_ID}\" data-page=\"{kind}\">{html}</div>\n    \
         <script type=\"application/json\" id=\"{DATA_ID}\">{data}</script>\n    \
         <script type=\"application/json\" id=\"{LANG_ID}\">{tool_words}</script>\n    \
         <script type=\"application/json\" id=\"{WORDS_ID}\">{failure_words}</script>"
    );
    // The shells are written in English; the page is in its card's language.
    let html_en = "<html lang=\"en\">";
    if !shell.contains(html_en) {
        return Err(format!("the shell must start its document with `{html_en}`"));
    }
    let shell = shell.replacen(html_en, &format!("<html lang=\"{}\">", words.code), 1);
    // The shell's own words, in the page's language (before the card's text goes in, which
    // is never read for markers).
    let shell = lang::shell::fill_markers(&shell, words)?;
    let start = shell.find("<title>").ok_or("the shell has no <title>")?;
    let end = shell[start..].find("</title>").ok_or("the shell's <title> is not closed")?
        + start
        + "</title>".len();
    let text = format!("{}<title>{}</title>{}", &shell[..start], escape(title), &shell[end..]);
    Ok(text.replacen(APP_SLOT, &app, 1))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
