//! The words the importer drafts into a card where the text lacks them (the factor prompts,
//! the "why" of a pitfall), in the language the card is imported in
//! (`cargo xtask import-card --lang fr`): they become the card's own text, so they are
//! written in its language. What the importer lists for review is for the author at the
//! terminal and stays English.

crate::words!(Drafts:
    /// The importer's drafted words (`lang/<code>/drafts.toml`).
    pub enum DraftWord {
        WhereDoesItPoint,
        PointsTo,
        Prompt,
        NoBearing,
        UndoEasy,
        UndoModerate,
        UndoModerateHard,
        UndoHard,
    }
);
