//! The words of the pages' HTML shells (`index.html`, `workshop.html`, `library.html`): what
//! a page says before its app is live, or when it cannot start, and its "download as one
//! file" line. The shells write each as `@@dc-word:Name@@`; the prerender puts the page's
//! language in its place ([`fill_markers`]).

use super::Catalogue;

crate::words!(Shell:
    /// The shells' words (`lang/<code>/shell.toml`).
    pub enum ShellWord {
        CardReadingOnly,
        CardCouldNotStart,
        CardAsOneFile,
        OneFileNote,
        WorkshopLoading,
        WorkshopSlow,
        WorkshopCouldNotStart,
        WorkshopAsOneFile,
        WorkshopTitle,
        LibraryReadingOnly,
    }
);

const MARKER: &str = "@@dc-word:";

/// `html` with each `@@dc-word:Name@@` replaced by that word of `catalogue`, escaped for
/// HTML text; an error naming a marker that is not a word of the shells.
pub fn fill_markers(html: &str, catalogue: &Catalogue) -> Result<String, String> {
    use super::Words;
    let words = catalogue.areas.get(ShellWord::AREA as usize);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(MARKER) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARKER.len()..];
        let end = after.find("@@").ok_or_else(|| format!("{MARKER}… is not closed with @@"))?;
        let name = &after[..end];
        let word = ShellWord::NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| words.and_then(|w| w.get(i)))
            .ok_or_else(|| format!("{MARKER}{name}@@ is not a word of lang/*/shell.toml"))?;
        out.push_str(&word.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}
