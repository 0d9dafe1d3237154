//! The verdict panel's own labels (`lang/<code>/verdict_page.toml`): the words the app's
//! verdict components write around the sentences of [`crate::explain`] and
//! [`crate::sensitivity::words`]. They are declared here because only the core registers
//! areas; the components `use` them.

crate::words!(VerdictPage:
    /// The verdict panel's labels, headings and notes.
    pub enum VerdictPageWord {
        Verdict,
        VerdictBarLabel,
        Why,
        ConfidenceBadge,
        FailureModeOf,
        FlipPoint,
        MeterLabel,
        MeterNote,
        SetAside,
        WatchWith,
        HiddenCost,
        FailureMode,
        NoContributions,
    }
);
