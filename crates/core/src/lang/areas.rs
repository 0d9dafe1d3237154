//! The areas of the tool's words: each is an enum in the module that speaks it (made with
//! [`crate::words!`]) and one file per language, `lang/<code>/<area>.toml`.

use super::{File, Words};

macro_rules! areas {
    ($($area:ident $file:literal => $words:ty),* $(,)?) => {
        /// An area of the tool's words.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Area { $($area),* }

        /// Each area's file name and its words' names, in [`Area`]'s order.
        pub const AREAS: &[(&str, &[&str])] = &[$(($file, <$words as Words>::NAMES)),*];

        /// The English files, built in (native code only calls it).
        pub(super) fn english_files() -> Vec<File<'static>> {
            vec![
                ("language", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../lang/en/language.toml"))),
                $(($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../lang/en/", $file, ".toml")))),*
            ]
        }
    };
}

areas! {
    Sections "sections" => crate::sections::SectionWord,
    Shell "shell" => crate::lang::shell::ShellWord,
    Drafts "drafts" => crate::lang::drafts::DraftWord,
    Answers "answers" => crate::answers::AnswerWord,
    Messages "messages" => crate::messages::MessageWord,
    Json "json" => crate::json::JsonWord,
    CardPage "card_page" => crate::lang::card_page::CardPageWord,
    LibraryPage "library_page" => crate::lang::library_page::LibraryPageWord,
    Failure "failure" => crate::lang::failure::FailureWord,
    Verdict "verdict" => crate::explain::VerdictWord,
    Sensitivity "sensitivity" => crate::sensitivity::words::SensitivityWord,
    VerdictPage "verdict_page" => crate::lang::verdict_page::VerdictPageWord,
    Record "record" => crate::record::RecordWord,
    History "history" => crate::history::words::HistoryWord,
    RecordPage "record_page" => crate::lang::record_page::RecordPageWord,
    Workshop "workshop" => crate::workshop::words::WorkshopWord,
    WorkshopPage "workshop_page" => crate::lang::workshop_page::WorkshopPageWord,
}
