//! The library page's own words (`lang/<code>/library_page.toml`): its header, the search
//! box and the filter, the labels of each card's lines, and the short dates of its progress
//! lines. The page that speaks them lives in the app (`src/pages/library.rs`); the enum
//! lives here because the registry of areas is in the core.

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
