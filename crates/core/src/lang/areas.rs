//! The areas of the tool's words: each is an enum in the module that speaks it (made with
//! [`crate::words!`]) and one file per language, `lang/<code>/<area>.toml`.

use super::{File, Words};

macro_rules! areas {
    ($($area:ident $file:literal => $words:ty),* $(,)?) => {
        /// An area of the tool's words.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Area { $($area),* }

        impl Area {
            /// Every area, in order.
            pub const ALL: &[Area] = &[$(Area::$area),*];
        }

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

/// The kinds of page the build writes. Each carries only the areas its app speaks from
/// ([`super::Catalogue::for_page`]): the card page no workshop or library words, the
/// library page no card's. The build's own areas (the shell's, the importer's) are on none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Card,
    Workshop,
    Library,
}

impl Page {
    /// Whether this kind of page's app says words of `area`. Every area is named here, so
    /// a new one does not compile until it is given its pages.
    pub fn speaks(self, area: Area) -> bool {
        use Area::*;
        match area {
            // The build's own: the shell's words are filled in before a page is written, the
            // importer's go into a card file.
            Shell | Drafts => false,
            LibraryPage => self == Page::Library,
            // The workshop records the group's decision, not a record file.
            Record | RecordPage => self == Page::Card,
            Workshop | WorkshopPage => self == Page::Workshop,
            Sections | Answers | Messages | Verdict | Sensitivity | VerdictPage => self != Page::Library,
            // Storage, data and failure messages, and the decided line, are on every page.
            Json | CardPage | Failure | History => true,
        }
    }

    /// The name the page's app element carries (`data-page`).
    pub fn name(self) -> &'static str {
        match self {
            Page::Card => "card",
            Page::Workshop => "workshop",
            Page::Library => "library",
        }
    }
}
