//! The library page's own words (`lang/<code>/library_page.toml`): its header, the search
//! box and the filter, the labels of each card's lines, and the short dates of its progress
//! lines. The page that speaks them lives in the app (`src/pages/library.rs`); the enum
//! lives here because the registry of areas is in the core.

use crate::{say, say_n};

crate::words!(LibraryPage:
    /// The library page's words (`lang/<code>/library_page.toml`).
    pub enum LibraryPageWord {
        Kicker,
        Title,
        SearchLabel,
        SearchPlaceholder,
        Show,
        FilterAll,
        FilterNotStarted,
        FilterInProgress,
        FilterDecided,
        OtherDecisions,
        DefaultStance,
        RelatedHere,
        PointHere,
        ShortDate,
        January,
        February,
        March,
        April,
        May,
        June,
        July,
        August,
        September,
        October,
        November,
        December,
        LibraryIntro,
        ProgressLine,
        ProgressNone,
        ProgressUnreadable,
        LibraryShownAll,
        LibraryShownSome,
        NoSuchCard,
    }
);

/// The months in calendar order, for a date's month number (`0` is January).
pub const MONTHS: [LibraryPageWord; 12] = [
    LibraryPageWord::January,
    LibraryPageWord::February,
    LibraryPageWord::March,
    LibraryPageWord::April,
    LibraryPageWord::May,
    LibraryPageWord::June,
    LibraryPageWord::July,
    LibraryPageWord::August,
    LibraryPageWord::September,
    LibraryPageWord::October,
    LibraryPageWord::November,
    LibraryPageWord::December,
];

/// The line under the library's heading.
pub fn library_intro(cards: usize) -> String {
    say_n!(cards, LibraryPageWord::LibraryIntro)
}

/// How far this browser got with a card: "3 of 5 factors set · saved 2 Dec".
pub fn progress_line(set: usize, factors: usize, saved_on: &str) -> String {
    say!(LibraryPageWord::ProgressLine, set = set, factors = factors, date = saved_on)
}

/// A card this browser has no progress for.
pub fn progress_none() -> String {
    say!(LibraryPageWord::ProgressNone).into()
}

/// A card whose saved progress cannot be read.
pub fn progress_unreadable() -> String {
    say!(LibraryPageWord::ProgressUnreadable).into()
}

/// How many cards the library's search and filter show: "3 decisions", "1 of 3 decisions".
pub fn library_shown(shown: usize, of: usize) -> String {
    if shown == of {
        say_n!(of, LibraryPageWord::LibraryShownAll)
    } else {
        say_n!(of, LibraryPageWord::LibraryShownSome, shown = shown)
    }
}

/// An old link names a card this build does not have.
pub fn no_such_card(id: &str) -> String {
    say!(LibraryPageWord::NoSuchCard, id = id)
}
