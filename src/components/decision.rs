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
use decision_core::messages::Action;
use leptos::prelude::*;

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
                            {due} " " <a href="#dc-decide" data-testid="start-revisit">"Start a revisit"</a>
                        </p>
                    })}
                    <div class="dc-actions">
                        <button type="button" on:click=calendar data-testid="download-calendar">
                            "Add the revisit date to a calendar (.ics)"
                        </button>
                        <StatusLine status />
                    </div>
                </div>
            }
        })
    }
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
    // `None` follows the verdict until the user picks an option themselves.
    let picked = RwSignal::new(None::<Side>);
    let chosen = Memo::new(move |_| picked.get().unwrap_or_else(|| verdict.with(|v| v.recommends)));
    let against = Memo::new(move |_| chosen.get() != verdict.with(|v| v.recommends));
    let reason = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let decided_on = RwSignal::new(String::new());
    // `None` follows the decision date (the card's period after it) until edited.
    let revisit_typed = RwSignal::new(None::<String>);
    let revisit_by = Memo::new(move |_| {
        revisit_typed.get().unwrap_or_else(|| {
            decided_on.with(|d| {
                Date::parse_iso(d).map(|d| history::default_revisit(card, d).to_iso()).unwrap_or_default()
            })
        })
    });
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            decided_on.set(today.to_iso());
        }
    });
    let problem = RwSignal::new(None::<String>);
    let recorded = RwSignal::new(false);
    let record = move |_| {
        let draft = Draft {
            chosen: chosen.get_untracked(),
            reason: reason.get_untracked(),
            by: by.get_untracked(),
            decided_on: decided_on.get_untracked(),
            revisit_by: revisit_by.get_untracked(),
        };
        match session.record(&draft) {
            Ok(()) => {
                problem.set(None);
                recorded.set(true);
                picked.set(None);
                reason.set(String::new());
            }
            Err(why) => {
                problem.set(Some(why));
                recorded.set(false);
            }
        }
    };
    let option = move |side: Side| {
        let name = card.option(side).name.as_str();
        let id = if side == Side::A { "dc-decide-a" } else { "dc-decide-b" };
        view! {
            <label class="dc-choice" for=id>
                <input
                    type="radio"
                    name="dc-decide-option"
                    id=id
                    prop:checked=move || chosen.get() == side
                    on:change=move |_| picked.set(Some(side))
                />
                {name}
                {move || (verdict.with(|v| v.recommends) == side).then_some(" (the verdict\u{2019}s recommendation)")}
            </label>
        }
    };
    view! {
        <section class="dc-section" id="dc-decide" aria-labelledby="dc-decide-h">
            <h2 id="dc-decide-h">"Record the decision"</h2>
            <p class="dc-blurb">
                "When the team has decided, record it here: the decision record and a calendar file of the revisit date then carry it, and this card reminds you when it is due."
            </p>
            <form class="dc-decide-form" on:submit=move |ev| { ev.prevent_default(); record(()) }>
                <fieldset>
                    <legend>"Option chosen"</legend>
                    {option(Side::A)}
                    {option(Side::B)}
                </fieldset>
                <Show when=move || against.get()>
                    <p class="dc-field">
                        <label for="dc-decide-reason">"Why against the verdict (one line, shown in the record)"</label>
                        <input
                            type="text"
                            id="dc-decide-reason"
                            maxlength=history::MAX_LINE_CHARS
                            prop:value=move || reason.get()
                            on:input:target=move |ev| reason.set(ev.target().value())
                        />
                    </p>
                </Show>
                <p class="dc-field">
                    <label for="dc-decide-by">"Decided by (optional)"</label>
                    <input
                        type="text"
                        id="dc-decide-by"
                        maxlength=history::MAX_LINE_CHARS
                        prop:value=move || by.get()
                        on:input:target=move |ev| by.set(ev.target().value())
                    />
                </p>
                <div class="dc-field-row">
                    <p class="dc-field">
                        <label for="dc-decide-on">"Decision date"</label>
                        <input
                            type="date"
                            id="dc-decide-on"
                            prop:value=move || decided_on.get()
                            on:input:target=move |ev| decided_on.set(ev.target().value())
                        />
                    </p>
                    <p class="dc-field">
                        <label for="dc-decide-revisit">"Revisit by"</label>
                        <input
                            type="date"
                            id="dc-decide-revisit"
                            prop:value=move || revisit_by.get()
                            on:input:target=move |ev| revisit_typed.set(Some(ev.target().value()))
                        />
                    </p>
                </div>
                <div class="dc-actions">
                    <button type="submit" class="dc-primary" data-testid="record-decision">"Record the decision"</button>
                    {move || recorded.get().then(|| view! {
                        <span class="dc-status" role="status" data-testid="decision-recorded">
                            "Recorded. It is the decision in force; the record below now shows it."
                        </span>
                    })}
                </div>
                {move || problem.get().map(|why| view! {
                    <p class="dc-alert" role="alert" data-testid="decision-problem">{why}</p>
                })}
            </form>
            <Timeline session verdict />
        </section>
    }
}

/// The decisions recorded so far, newest first; each opens read-only with its facts, how the
/// factors stood, and what has changed since.
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
                        let d = &h.decisions[i];
                        let title = words::entry_title(card, h, i);
                        let facts = words::facts(card, d);
                        let then = words::factors_then(card, d);
                        let d = d.clone();
                        let since = move || {
                            answers.with(|a| verdict.with(|v| words::changes(card, &compare(card, &d, a, v))))
                        };
                        view! {
                            <li>
                                <details data-testid="history-entry">
                                    <summary>{title}</summary>
                                    <ul class="dc-list">{facts.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                                    <h4>"How the factors stood"</h4>
                                    <ul class="dc-list">{then.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                                    <h4>"Since then"</h4>
                                    <ul class="dc-list" data-testid="history-changes">
                                        {move || since().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                    </ul>
                                </details>
                            </li>
                        }
                    })
                    .collect_view();
                let unreadable = h.unreadable.len();
                view! {
                    <h3>"Decisions so far"</h3>
                    <ol class="dc-timeline" data-testid="history">{entries}</ol>
                    {(unreadable > 0).then(|| view! { <p class="dc-alert">{words::unreadable(unreadable)}</p> })}
                }
            })
        })
    }
}
