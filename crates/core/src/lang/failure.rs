//! The words said when the app cannot go on (`lang/<code>/failure.toml`): the failure
//! notice that the page's start-up script shows once the app is dead (so the page carries
//! these words as data, `src/platform/failure.rs`), and the lines that say why the app could
//! not start on a page (`src/platform/page.rs`, `src/pages/start.rs`); and what the start-up
//! script says when the app cannot start, and on the page-as-one-file line.

crate::words!(Failure:
    /// The failure notice's and the start-up failure's words (`lang/<code>/failure.toml`).
    pub enum FailureWord {
        Title,
        Lead,
        Unsaved,
        UnsavedAnswers,
        UnsavedWorkshop,
        Saved,
        SavedLabel,
        Nothing,
        Reload,
        Details,
        DataUnreadable,
        NotCardPage,
        NotLibraryPage,
        CardPageUnnamed,
        LibraryPageUnnamed,
        BootFileProtocol,
        BootFileProtocolTodo,
        BootCsp,
        BootCspTodo,
        BootLoadFailed,
        BootLoadFailedTodo,
        BootNoWasm,
        BootNoWasmTodo,
        BootDetails,
        OneFileMaking,
        OneFileDone,
        OneFileFailed,
    }
);
