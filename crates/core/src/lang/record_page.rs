//! The words of the page's decision parts: the decision record's panel and the "Record the
//! decision" form with its timeline (`lang/<code>/record_page.toml`). The components that
//! speak them live in the app, which cannot declare an area: the registry of areas is here.

crate::words!(RecordPage:
    /// The labels, buttons and sentences of the record panel and of the decision form.
    pub enum RecordPageWord {
        RecordHeading,
        RecordBlurb,
        NumberLabel,
        DownloadsAs,
        CopyMarkdown,
        DownloadMarkdown,
        ShowRecord,
        RecordFileStem,
        StartRevisit,
        AddToCalendar,
        CalendarFileStem,
        VerdictRecommends,
        DecideHeading,
        DecideBlurb,
        OptionChosen,
        ReasonLabel,
        DecidedByLabel,
        DecisionDateLabel,
        RevisitByLabel,
        RecordButton,
        NotSaved,
        AnswersFileCarries,
        DownloadAnswers,
        Recorded,
        FactorsStood,
        SinceThen,
        DecisionsSoFar,
    }
);
