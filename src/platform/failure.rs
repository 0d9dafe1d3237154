//! The last resort: when the app fails, the page says so instead of going silently dead
//! (docs/reliability.md, case 11). These are the notice's words; the page shows it.
//!
//! The release WASMs abort on a panic without running any of the app's code
//! (`panic=immediate-abort`, docs/performance.md): the module traps, and is never called
//! again. So the notice is built by the page's own start-up script (`web/startup.js`), which
//! sees the trap (a `WebAssembly.RuntimeError` reaching the page's `error` or
//! `unhandledrejection` event). It shows, with text nodes only: that something failed and
//! that the answers are kept; downloads, as `blob:` links made there and then, of every
//! card's progress saved in this browser (read from `localStorage`) and of the answers the
//! app had not saved yet (blocked, full or read-only storage, or still in the save
//! debounce), which the savers keep in `window.dcUnsaved` for this (`storage::saver`); a
//! link that reloads the page; the error under "Technical details".
//!
//! With the app dead, the script takes its words from the page: the prerender step writes
//! [`words_json`] into every page as a data block with the id [`WORDS_ID`].

use decision_core::json::{write_string, ObjectWriter};

/// Id of the data block that carries the notice's words in every page.
pub const WORDS_ID: &str = "dc-failure-words";

/// The notice's words, by the name `web/startup.js` reads them under. `{card}` is replaced
/// by a card id.
pub const WORDS: &[(&str, &str)] = &[
    ("title", "Something went wrong"),
    (
        "lead",
        "This page hit an internal error and has stopped working. Your answers are not lost: what \
         was saved in this browser is still there, and reloading the page brings it back.",
    ),
    (
        "unsaved",
        "Your latest answers could not be saved in this browser. Download them now: they are lost \
         when this page closes.",
    ),
    ("unsavedAnswers", "Download unsaved answers ({card})"),
    ("unsavedWorkshop", "Download unsaved workshop ({card})"),
    ("saved", "To keep a copy of the progress saved in this browser, download it:"),
    ("savedLabel", "Download saved progress ({card})"),
    ("nothing", "No answers had been saved in this browser yet."),
    ("reload", "Reload the page"),
    ("details", "Technical details"),
];

/// [`WORDS`] as a JSON object, safe inside `<script type="application/json">`: a `<` is
/// written as `\u003c`, so no `</script>` can end the block early.
pub fn words_json() -> String {
    let mut json = String::new();
    let mut object = ObjectWriter::new(&mut json);
    for (name, text) in WORDS {
        write_string(object.key(name), text);
    }
    object.end();
    json.replace('<', "\\u003c")
}
