//! Recording a decision and living with it: the line at the top of a decided card (with the
//! revisit it may be due for), the "Record the decision" form, and the timeline of recorded
//! decisions, each of which opens read-only with what has changed since.
//!
//! Dates come from the browser, so until the page is live `today` is `None` and nothing
//! that depends on it renders: the prerendered page and the hydrated one agree.

use crate::components::status::{ActionStatus, StatusLine};
use crate::state::card::CardSession;
use decision_core::card::{Card, Side};
use decision_core::dates::Date;
use decision_core::engine::Verdict;
use decision_core::history::compare::{compare, due};
use decision_core::history::{self, words, Draft};
use decision_core::lang::record_page::RecordPageWord as W;
use decision_core::messages::{self, Action};
use decision_core::say;
use decision_core::store::{SaveState, Stored};
use leptos::either::Either;
use leptos::prelude::*;

crate::part! {
    /// The decided line as the card page carries it: taken over once a decision is saved (the
    /// prerendered page has none, and a card never decided never loads it).
    pub fn decided_part(session: CardSession, today: ReadSignal<Option<Date>>) as decided,
        wake = Signal::derive(move || session.history().with(|h| h.latest().is_some()))
        => view! { <DecidedLine session today /> }
}

/// "Decided on …: <option>. Revisit by …", and when a revisit is due, why, with the way to
/// start one. Nothing on a card with no decision recorded.
#[component]
pub fn DecidedLine(session: CardSession, today: ReadSignal<Option<Date>>) -> impl IntoView {
    let card = session.card;
    let history = session.history();
    let answers = session.answers();
    let status = ActionStatus::new();
    let line = Memo::new(move |_| {
        history.with(|h| {
            h.latest().map(|d| {
                let due = today.get().and_then(|today| answers.with(|a| due(d, today, a)));
                (words::decided(card, d), due.map(|due| words::due(card, &due)))
            })
        })
    });
    let calendar = move |_| {
        let latest = history.with_untracked(|h| h.latest().cloned());
        if let Some(d) = latest {
            status.report(Action::DownloadCalendar, session.download_calendar(&d));
        }
    };
    move || {
        line.get().map(|(decided, due)| {
            let is_due = due.is_some().then_some("true");
            view! {
                <div class="dc-decided" data-testid="decided" data-due=is_due>
                    <p class="dc-decided-line"><strong>{decided}</strong></p>
                    {due.map(|due| view! {
                        <p class="dc-due" data-testid="revisit-due">
                            {due} " " <a href="#dc-decision" data-testid="start-revisit">{say!(W::StartRevisit)}</a>
                        </p>
                    })}
                    <div class="dc-actions">
                        <button type="button" on:click=calendar data-testid="download-calendar">
                            {say!(W::AddToCalendar)}
                        </button>
                        <StatusLine status />
                    </div>
                </div>
            }
        })
    }
}

/// The form's fields. Uncontrolled: the browser keeps what is typed, and the form is read
/// when it is sent, so the fields cost no reactive bindings (bound fields cost the WASM more
/// than the rest of this form together, measured in docs/performance.md).
#[derive(Clone, Copy, Default)]
struct Fields {
    a: NodeRef<leptos::html::Input>,
    b: NodeRef<leptos::html::Input>,
    reason: NodeRef<leptos::html::Input>,
    by: NodeRef<leptos::html::Input>,
    decided_on: NodeRef<leptos::html::Input>,
    revisit_by: NodeRef<leptos::html::Input>,
}

/// The value of a field, empty before the page is live.
fn value(field: NodeRef<leptos::html::Input>) -> String {
    field.get_untracked().map(|f| f.value()).unwrap_or_default()
}

fn set_value(field: NodeRef<leptos::html::Input>, text: &str) {
    if let Some(f) = field.get_untracked() {
        f.set_value(text);
    }
}

crate::part! {
    /// "Record the decision" as the card page carries it: taken over when the reader reaches
    /// for it or it comes near the screen, and at once when decisions are saved, since its
    /// timeline shows them (on screen and in print) and the prerendered one has none.
    pub fn decide_part(session: CardSession, verdict: Memo<Verdict>, today: ReadSignal<Option<Date>>) as decide,
        wake = Signal::derive(move || session.history().with(|h| !h.is_empty())),
        near = true
        => view! { <DecidePanel session verdict today /> }
}

/// "Record the decision": the option (the verdict's unless the team says why not), who,
/// when, and when to look again; then the timeline of decisions recorded so far.
#[component]
pub fn DecidePanel(
    session: CardSession,
    verdict: Memo<Verdict>,
    today: ReadSignal<Option<Date>>,
) -> impl IntoView {
    let card = session.card;
    let fields = Fields::default();
    // Until the user picks an option, the form follows the verdict; until they change the
    // revisit date, it follows the decision date.
    let picked = StoredValue::new(false);
    let revisit_edited = StoredValue::new(false);
    let revisit_after = move |decided_on: &str| {
        Date::parse_iso(decided_on).map(|d| history::default_revisit(card, d).to_iso()).unwrap_or_default()
    };
    Effect::new(move |_| {
        let side = verdict.with(|v| v.recommends);
        if !picked.get_value() {
            for (field, s) in [(fields.a, Side::A), (fields.b, Side::B)] {
                if let Some(f) = field.get_untracked() {
                    f.set_checked(s == side);
                }
            }
        }
    });
    // Today's dates, in the fields the reader has not filled: a form drawn after the reader
    // typed in its prerendered copy gets what they typed first (`platform::parts`).
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            let today = today.to_iso();
            if value(fields.decided_on).is_empty() {
                set_value(fields.decided_on, &today);
            }
            if value(fields.revisit_by).is_empty() {
                set_value(fields.revisit_by, &revisit_after(&value(fields.decided_on)));
            }
        }
    });
    // The last attempt: recorded, or why not.
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let record = move || {
        let checked =
            |field: NodeRef<leptos::html::Input>| field.get_untracked().is_some_and(|f| f.checked());
        let chosen = match (checked(fields.a), checked(fields.b)) {
            (_, true) => Side::B,
            (true, _) => Side::A,
            _ => verdict.with_untracked(|v| v.recommends),
        };
        let draft = Draft {
            chosen,
            reason: value(fields.reason),
            by: value(fields.by),
            decided_on: value(fields.decided_on),
            revisit_by: value(fields.revisit_by),
        };
        let result = session.record(&draft);
        if result.is_ok() {
            picked.set_value(false);
            set_value(fields.reason, "");
        }
        outcome.set(Some(result));
    };
    let recommends =
        move || say!(W::VerdictRecommends, option = card.option(verdict.with(|v| v.recommends)).name);
    let option = move |side: Side, field: NodeRef<leptos::html::Input>, id: &'static str| {
        view! {
            <label class="dc-choice" for=id>
                <input type="radio" name="dc-decision-option" id=id node_ref=field on:change=move |_| picked.set_value(true) />
                {card.option(side).name.as_str()}
            </label>
        }
    };
    view! {
        <section class="dc-section" id="dc-decision" aria-labelledby="dc-decision-h">
            <h2 id="dc-decision-h">{say!(W::DecideHeading)}</h2>
            <p class="dc-blurb">{say!(W::DecideBlurb)}</p>
            <form class="dc-decision-form" on:submit=move |ev| { ev.prevent_default(); record() }>
                <fieldset>
                    <legend>{say!(W::OptionChosen)}</legend>
                    <p class="dc-hint" data-testid="decision-verdict">{recommends}</p>
                    {option(Side::A, fields.a, "dc-decision-a")}
                    {option(Side::B, fields.b, "dc-decision-b")}
                </fieldset>
                <p class="dc-field">
                    <label for="dc-decision-reason">{say!(W::ReasonLabel)}</label>
                    <input type="text" id="dc-decision-reason" maxlength=history::MAX_LINE_CHARS node_ref=fields.reason />
                </p>
                <p class="dc-field">
                    <label for="dc-decision-by">{say!(W::DecidedByLabel)}</label>
                    <input type="text" id="dc-decision-by" maxlength=history::MAX_LINE_CHARS node_ref=fields.by />
                </p>
                <div class="dc-field-row">
                    <p class="dc-field">
                        <label for="dc-decision-on">{say!(W::DecisionDateLabel)}</label>
                        <input
                            type="date"
                            id="dc-decision-on"
                            node_ref=fields.decided_on
                            on:input:target=move |ev| {
                                if !revisit_edited.get_value() {
                                    set_value(fields.revisit_by, &revisit_after(&ev.target().value()));
                                }
                            }
                        />
                    </p>
                    <p class="dc-field">
                        <label for="dc-decision-revisit">{say!(W::RevisitByLabel)}</label>
                        <input
                            type="date"
                            id="dc-decision-revisit"
                            node_ref=fields.revisit_by
                            on:input=move |_| revisit_edited.set_value(true)
                        />
                    </p>
                </div>
                <div class="dc-actions">
                    <button type="submit" class="dc-primary" data-testid="record-decision">{say!(W::RecordButton)}</button>
                </div>
                {move || outcome.get().map(|result| match result {
                    Ok(()) => Either::Left(view! { <Recorded session /> }),
                    Err(why) => Either::Right(view! { <p class="dc-alert" role="alert" data-testid="decision-problem">{why}</p> }),
                })}
            </form>
            <Timeline session verdict />
        </section>
    }
}

/// "Recorded", or, while this browser cannot save it, that the decision lives only on this
/// page, with the answers file (which carries it) to download.
#[component]
fn Recorded(session: CardSession) -> impl IntoView {
    let state = session.save_state();
    let status = ActionStatus::new();
    move || {
        if state.with(SaveState::is_problem) {
            let why = state.with(|s| messages::save_state(s, Stored::Progress));
            Either::Left(view! {
                <div class="dc-alert" role="alert" data-testid="decision-unsaved">
                    <p>{say!(W::NotSaved, why = why)}</p>
                    <p>{say!(W::AnswersFileCarries)}</p>
                    <div class="dc-actions">
                        <button type="button" data-testid="decision-download" on:click=move |_| {
                            status.report(Action::ExportAnswers, session.export(None));
                        }>{say!(W::DownloadAnswers)}</button>
                        <StatusLine status />
                    </div>
                </div>
            })
        } else {
            Either::Right(view! {
                <p class="dc-status" role="status" data-testid="decision-recorded">
                    {say!(W::Recorded)}
                </p>
            })
        }
    }
}

/// The decisions recorded so far, newest first; each opens read-only with its facts, how the
/// factors stood, and what has changed since (the one part that follows the answers).
#[component]
fn Timeline(session: CardSession, verdict: Memo<Verdict>) -> impl IntoView {
    let card: &'static Card = session.card;
    let history = session.history();
    let answers = session.answers();
    move || {
        history.with(|h| {
            (!h.is_empty()).then(|| {
                let entries = (0..h.decisions.len())
                    .rev()
                    .map(|i| {
                        let d = h.decisions[i].clone();
                        let title = words::entry_title(card, h, i);
                        let facts = words::facts(card, &d);
                        let then = words::factors_then(card, &d);
                        let since = move || {
                            answers.with(|a| verdict.with(|v| words::changes(card, &compare(card, &d, a, v))))
                        };
                        view! {
                            <li value=i + 1>
                                <details data-testid="history-entry">
                                    <summary>{title}</summary>
                                    {lines(facts)}
                                    <h4>{say!(W::FactorsStood)}</h4>
                                    {lines(then)}
                                    <h4>{say!(W::SinceThen)}</h4>
                                    <div data-testid="history-changes">{move || lines(since())}</div>
                                </details>
                            </li>
                        }
                    })
                    .collect_view();
                let unreadable = h.unreadable.len();
                view! {
                    <h3>{say!(W::DecisionsSoFar)}</h3>
                    // Newest first, numbered as recorded: the latest has the highest number. Each
                    // item carries its number: with `reversed` instead, Chromium numbered a
                    // list of one decision built on the live page "2".
                    <ol class="dc-timeline" data-testid="history">{entries}</ol>
                    {(unreadable > 0).then(|| view! { <p class="dc-alert">{words::unreadable(unreadable)}</p> })}
                }
            })
        })
    }
}

/// Sentences as a bulleted list: one shape for every list of the timeline.
fn lines(lines: Vec<String>) -> impl IntoView {
    view! { <ul class="dc-list">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
}
