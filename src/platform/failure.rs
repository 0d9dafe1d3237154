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
//! [`words_json`] into every page, in that page's language, as a data block with the id
//! [`WORDS_ID`].

use decision_core::json::{write_string, ObjectWriter};
use decision_core::lang::failure::FailureWord as W;
use decision_core::say;

/// Id of the data block that carries the notice's words in every page.
pub const WORDS_ID: &str = "dc-failure-words";

/// The notice's words: the name `web/startup.js` reads each under, and the word of the
/// catalogue (`lang/<code>/failure.toml`) that says it. `{card}` is replaced by a card id.
pub const WORDS: &[(&str, W)] = &[
    ("title", W::Title),
    ("lead", W::Lead),
    ("unsaved", W::Unsaved),
    ("unsavedAnswers", W::UnsavedAnswers),
    ("unsavedWorkshop", W::UnsavedWorkshop),
    ("saved", W::Saved),
    ("savedLabel", W::SavedLabel),
    ("nothing", W::Nothing),
    ("reload", W::Reload),
    ("details", W::Details),
    ("bootFileProtocol", W::BootFileProtocol),
    ("bootFileProtocolTodo", W::BootFileProtocolTodo),
    ("bootCsp", W::BootCsp),
    ("bootCspTodo", W::BootCspTodo),
    ("bootLoadFailed", W::BootLoadFailed),
    ("bootLoadFailedTodo", W::BootLoadFailedTodo),
    ("bootNoWasm", W::BootNoWasm),
    ("bootNoWasmTodo", W::BootNoWasmTodo),
    ("bootDetails", W::BootDetails),
    ("oneFileMaking", W::OneFileMaking),
    ("oneFileDone", W::OneFileDone),
    ("oneFileFailed", W::OneFileFailed),
];

/// [`WORDS`] in the installed catalogue's language, as a JSON object, safe inside
/// `<script type="application/json">`: a `<` is written as `\u003c`, so no `</script>` can
/// end the block early.
pub fn words_json() -> String {
    let mut json = String::new();
    let mut object = ObjectWriter::new(&mut json);
    for &(name, word) in WORDS {
        write_string(object.key(name), say!(word));
    }
    object.end();
    json.replace('<', "\\u003c")
}
