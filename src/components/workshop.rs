//! The workshop view (`?mode=workshop`): the facilitator adds participants' links or files
//! and sees, per factor, the spread of positions, how many ticked each signal, bad reason and
//! anti-pattern, each participant's verdict, the group's verdict and where the group
//! disagrees most, with the card's questions as prompts. Results can stay hidden until
//! revealed. The workshop is saved in this browser and exports as a Markdown summary.
//!
//! The aggregation rules are in [`decision_core::workshop`]; decoding in [`crate::share`];
//! the stored copy goes through a [`Slot`] of [`crate::storage`].

use crate::browser;
use crate::components::workshop_plot::SpreadPlot;
use crate::storage::{self, SaveError, Slot, SlotRead};
use decision_core::card::Card;
use decision_core::envelope::DecodeError;
use decision_core::explain;
use decision_core::share::{self, Shared};
use decision_core::workshop::{self, Added, Summary, Workshop, AGGREGATION_RULE};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What adding one link or file did, in words.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    ok: bool,
    message: String,
}

/// The facilitator's view of one card.
#[component]
pub fn WorkshopView(card: &'static Card) -> impl IntoView {
    let mut slot = Slot::open(&storage::workshop_key(&card.id));
    let mut notice = None;
    let (initial, save_text) = match slot.read() {
        SlotRead::Empty => {
            (Workshop::new(card), "The workshop is saved in this browser as you go.".to_string())
        }
        SlotRead::Text(raw) => match workshop::decode(&raw, &card.id) {
            Ok(w) => (w, "Workshop restored from this browser.".to_string()),
            Err(err @ DecodeError::Newer { .. }) => {
                let words = decision_core::messages::stored_workshop_problem(&err);
                slot.hold(words.clone());
                notice = Some(words);
                (Workshop::new(card), "Not saved: a newer version's workshop is kept as it is.".to_string())
            }
            Err(err) => {
                let kept = match slot.keep_aside(&raw) {
                    Some(key) => format!(" A copy was kept in this browser under \u{201c}{key}\u{201d}."),
                    None => " It is left in place and nothing is saved over it.".to_string(),
                };
                notice = Some(format!(
                    "{}{kept} The workshop starts empty.",
                    decision_core::messages::stored_workshop_problem(&err)
                ));
                (Workshop::new(card), "The workshop is saved in this browser as you go.".to_string())
            }
        },
        SlotRead::Unavailable(reason) => (Workshop::new(card), format!("Not saved: {reason}")),
    };
    let ws = RwSignal::new(initial);
    let slot = StoredValue::new_local(slot);
    let save_line = RwSignal::new(save_text);

    Effect::new(move |seen: Option<()>| {
        let current = ws.get();
        if seen.is_some() {
            persist(card, slot, ws, current, save_line);
        }
    });

    let summary = Memo::new(move |_| ws.with(|w| workshop::summarize(card, &w.participants)));
    let hidden = Memo::new(move |_| ws.with(|w| w.hidden));
    let count = Memo::new(move |_| ws.with(|w| w.participants.len()));

    view! {
        <div class="dc-root dc-workshop">
            <header class="dc-header">
                <p class="dc-kicker">"Workshop"</p>
                <h1>{card.title.as_str()}</h1>
                <p class="dc-tagline">{card.decision.question.as_str()}</p>
                <nav class="dc-nav" aria-label="Workshop">
                    <a href=format!("?card={}", card.id) data-testid="back-to-card">"Back to the card"</a>
                </nav>
                <p class="dc-save" role="status" data-testid="ws-save">{move || save_line.get()}</p>
            </header>
            {notice.map(|n| view! { <p class="dc-alert" role="alert" data-testid="ws-notice">{n}</p> })}
            <main class="dc-ws-layout">
                <AddParticipants card ws />
                <Participants card ws summary hidden />
                <section class="dc-section dc-ws-results" aria-labelledby="dc-ws-results-h">
                    <div class="dc-ws-results-head">
                        <h2 id="dc-ws-results-h">"The group"</h2>
                        <label class="dc-switch">
                            <input
                                type="checkbox"
                                role="switch"
                                data-testid="ws-hide"
                                prop:checked=move || hidden.get()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ws.update(|w| w.hidden = on);
                                }
                            />
                            <span>"Hide results until revealed"</span>
                        </label>
                    </div>
                    <Show
                        when=move || !hidden.get()
                        fallback=move || view! {
                            <div class="dc-ws-hidden" data-testid="ws-hidden">
                                <p>
                                    {move || participants_words(count.get())}
                                    " so far. Results stay hidden so that early answers do not sway the room."
                                </p>
                                <button type="button" class="dc-primary" on:click=move |_| ws.update(|w| w.hidden = false)>
                                    "Reveal results"
                                </button>
                            </div>
                        }
                    >
                        <Results card summary />
                    </Show>
                </section>
                <Export card ws summary />
            </main>
        </div>
    }
}

/// Save the workshop. When another tab saved one in the meantime, its participants are
/// merged in first, so neither tab's additions are lost.
fn persist(
    card: &'static Card,
    slot: StoredValue<Slot, LocalStorage>,
    ws: RwSignal<Workshop>,
    mut current: Workshop,
    save_line: RwSignal<String>,
) {
    let before = current.participants.len();
    let result = slot.try_update_value(|slot| {
        if slot.changed().is_some() {
            if let SlotRead::Text(raw) = slot.read() {
                match workshop::decode(&raw, &card.id) {
                    Ok(other) => current.merge(&other),
                    Err(err @ DecodeError::Newer { .. }) => {
                        slot.hold(decision_core::messages::stored_workshop_problem(&err))
                    }
                    Err(_) => {
                        slot.keep_aside(&raw);
                    }
                }
            }
        }
        current.content_version = card.version;
        slot.write(&workshop::encode(&current))
    });
    if current.participants.len() != before {
        ws.set(current);
    }
    save_line.set(match result {
        Some(Ok(())) => format!("Saved in this browser at {}.", browser::clock(storage::now_ms())),
        Some(Err(SaveError::Unavailable(why))) => format!("Not saved: {why}"),
        Some(Err(err)) => format!("Not saved: {err}"),
        None => "Not saved: busy, the next change will be saved.".to_string(),
    });
}

fn participants_words(n: usize) -> String {
    match n {
        1 => "1 participant".to_string(),
        n => format!("{n} participants"),
    }
}

/// Add the answers from a link or a file, and say what happened.
fn add_shared(ws: RwSignal<Workshop>, shared: Shared, label: Option<String>, source: &str) -> Outcome {
    let name = label.or(shared.name);
    let mut added = Added::Full;
    let mut who = String::new();
    ws.update(|w| {
        added = w.add(name.as_deref(), shared.answers);
        who = match added {
            Added::New { index } | Added::Duplicate { of: index } => w.label(index),
            Added::Full => String::new(),
        };
    });
    match added {
        Added::New { .. } => Outcome { ok: true, message: format!("Added {who} ({source}).") },
        Added::Duplicate { .. } => Outcome {
            ok: true,
            message: format!("{}: the same answers as {who}, so not added again.", capitalised(source)),
        },
        Added::Full => Outcome {
            ok: false,
            message: format!(
                "{}: the workshop already has {} participants.",
                capitalised(source),
                workshop::MAX_PARTICIPANTS
            ),
        },
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    // ASCII only: Unicode case mapping costs about 30 KB of WASM (its tables).
    chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

/// Paste links (one per line, optionally with a name) or pick answers files.
#[component]
fn AddParticipants(card: &'static Card, ws: RwSignal<Workshop>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let add_links = move |_| {
        let pasted = text.get_untracked();
        let mut results = Vec::new();
        let mut kept = Vec::new();
        for line in share::pasted_links(&pasted) {
            let source = format!("line {}", line.line);
            let Some(link) = line.link else {
                results.push(Outcome {
                    ok: false,
                    message: format!("Line {}: {}", line.line, share::ShareError::NotALink),
                });
                kept.push(pasted.lines().nth(line.line - 1).unwrap_or_default().to_string());
                continue;
            };
            match share::decode_link(link, card) {
                Ok(shared) => results.push(add_shared(ws, shared, line.label, &source)),
                Err(err) => {
                    results.push(Outcome { ok: false, message: format!("Line {}: {err}", line.line) });
                    kept.push(pasted.lines().nth(line.line - 1).unwrap_or_default().to_string());
                }
            }
        }
        if results.is_empty() {
            results.push(Outcome { ok: false, message: "Paste at least one share link first.".into() });
        }
        // What could not be added stays in the box, to fix or remove.
        kept.dedup();
        text.set(kept.join("\n"));
        outcomes.set(results);
    };
    let add_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let mut results = Vec::new();
            for file in files {
                let source = format!("\u{201c}{}\u{201d}", file.name());
                // Refused by size before it is read into memory.
                if let Err(err) = share::check_file_size(file.size() as u64) {
                    results.push(Outcome { ok: false, message: format!("{source}: {err}") });
                    continue;
                }
                let outcome = match browser::file_text(&file).await {
                    Ok(text) => match share::decode_file(&text, card) {
                        Ok(shared) => add_shared(ws, shared, None, &source),
                        Err(err) => Outcome { ok: false, message: format!("{source}: {err}") },
                    },
                    Err(why) => Outcome {
                        ok: false,
                        message: format!("{source}: the browser could not read it ({why})."),
                    },
                };
                results.push(outcome);
            }
            outcomes.set(results);
        });
    };
    let successes =
        move || outcomes.with(|o| o.iter().filter(|o| o.ok).map(|o| o.message.clone()).collect::<Vec<_>>());
    let failures =
        move || outcomes.with(|o| o.iter().filter(|o| !o.ok).map(|o| o.message.clone()).collect::<Vec<_>>());
    view! {
        <section class="dc-section dc-ws-add" aria-labelledby="dc-ws-add-h">
            <h2 id="dc-ws-add-h">"Add participants"</h2>
            <p class="dc-blurb">
                "Each participant opens the card on their own laptop, answers it, and sends you their link "
                "(\u{201c}Share link\u{201d}) or their file (\u{201c}Export file\u{201d}). Add them in any order; "
                "the same answers added twice count once. Nothing leaves this browser."
            </p>
            <label for="dc-ws-links">"Share links, one per line (a name before a link is used as the participant's name)"</label>
            <textarea
                id="dc-ws-links"
                rows="4"
                data-testid="ws-links"
                placeholder="Ana: https://…#a=1.…"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="dc-actions">
                <button type="button" class="dc-primary" on:click=add_links data-testid="ws-add">"Add links"</button>
                <label class="dc-file-button">
                    "Add answers files"
                    <input type="file" multiple accept=".json,application/json" class="dc-sr" data-testid="ws-files" on:change=add_files />
                </label>
            </div>
            // The live region wraps the list: a role on the <ul> itself would unmake the list.
            <div role="status" aria-live="polite" data-testid="ws-status">
                <ul class="dc-ws-outcomes">
                    {move || successes().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
            {move || {
                let failed = failures();
                (!failed.is_empty()).then(|| view! {
                    <div class="dc-alert" role="alert" data-testid="ws-errors">
                        <ul class="dc-list">{failed.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
        </section>
    }
}

/// Who has been added, with names to edit, each one's verdict (when results are shown) and a
/// way to remove them.
#[component]
fn Participants(
    card: &'static Card,
    ws: RwSignal<Workshop>,
    summary: Memo<Summary>,
    hidden: Memo<bool>,
) -> impl IntoView {
    let (confirming, set_confirming) = signal(false);
    let count = Memo::new(move |_| ws.with(|w| w.participants.len()));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let label = Memo::new(move |_| ws.with(|w| w.label(i)));
                let name = Memo::new(move |_| ws.with(|w| w.participants.get(i).map(|p| p.name.clone()).unwrap_or_default()));
                let verdict = move || summary.with(|s| s.verdicts.get(i).map(|v| explain::headline(card, v).0));
                let field = format!("dc-ws-name-{i}");
                view! {
                    <li class="dc-ws-person" data-testid="ws-participant">
                        <label class="dc-sr" for=field.clone()>{move || format!("Name of {}", label.get())}</label>
                        <input
                            type="text"
                            id=field
                            class="dc-ws-name"
                            maxlength=share::MAX_NAME_CHARS.to_string()
                            placeholder=format!("Participant {}", i + 1)
                            prop:value=move || name.get()
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                ws.update(|w| {
                                    if let Some(p) = w.participants.get_mut(i) {
                                        p.name = value.trim().to_string();
                                    }
                                });
                            }
                        />
                        <span class="dc-ws-verdict" data-testid="ws-participant-verdict">
                            {move || if hidden.get() { "Verdict hidden".to_string() } else { verdict().unwrap_or_default() }}
                        </span>
                        <button
                            type="button"
                            class="dc-quiet"
                            aria-label=move || format!("Remove {}", label.get())
                            on:click=move |_| ws.update(|w| {
                                if i < w.participants.len() {
                                    w.participants.remove(i);
                                }
                            })
                        >
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="dc-section dc-ws-people" aria-labelledby="dc-ws-people-h">
            <h2 id="dc-ws-people-h">
                "Participants " <span class="dc-badge" data-testid="ws-count">{move || participants_words(count.get())}</span>
            </h2>
            <Show
                when=move || { count.get() > 0 }
                fallback=|| view! { <p class="dc-blurb">"No one yet: add links or files above."</p> }
            >
                <ol class="dc-ws-list">{rows}</ol>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="dc-quiet" on:click=move |_| set_confirming.set(true)>"Remove everyone…"</button>
                    }
                >
                    <div class="dc-confirm" role="group" aria-label="Confirm removing everyone">
                        <span>"Remove every participant from this workshop?"</span>
                        <button
                            type="button"
                            class="dc-danger"
                            on:click=move |_| {
                                set_confirming.set(false);
                                ws.update(|w| w.participants.clear());
                            }
                        >
                            "Yes, remove all"
                        </button>
                        <button type="button" on:click=move |_| set_confirming.set(false)>"Cancel"</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

/// The group verdict, the disputed factors, the spread per factor and the tallies.
#[component]
fn Results(card: &'static Card, summary: Memo<Summary>) -> impl IntoView {
    view! {
        {move || summary.with(|s| {
            let Some(group) = s.group_verdict.clone() else {
                return view! { <p class="dc-blurb" data-testid="ws-empty">"Add participants to see the group."</p> }.into_any();
            };
            let (headline, qualifier) = explain::headline(card, &group);
            let flip = explain::flip_sentence(card, &group);
            let gate = explain::gate_sentence(card, &group);
            let pitfalls = explain::pitfall_sentence(card, &group);
            // How the individual verdicts split: "2 of 3: Self-Hosted Model is justified".
            let mut split: Vec<(String, usize)> = Vec::new();
            for v in &s.verdicts {
                let h = explain::headline(card, v).0;
                match split.iter_mut().find(|(x, _)| *x == h) {
                    Some((_, n)) => *n += 1,
                    None => split.push((h, 1)),
                }
            }
            // Most common first (`model::sort`: small in WASM, stable like `sort_by_key`).
            decision_core::sort::sort_by(&mut split, |a, b| a.1 > b.1);
            let n = s.participants;
            view! {
                <div class="dc-ws-group" data-testid="ws-group">
                    <p class="dc-verdict-label">"Group verdict"</p>
                    <p class="dc-headline" data-testid="ws-group-headline">{headline}</p>
                    <p class="dc-qualifier">{qualifier}</p>
                    <p class="dc-badges">
                        <span class="dc-badge">
                            "Confidence: " {explain::confidence_words(group.confidence.level)}
                            {format!(" ({:.0}% of evidence gathered, group median)", group.confidence.fraction * 100.0)}
                        </span>
                    </p>
                    {gate.map(|g| view! { <p class="dc-alert">{g}</p> })}
                    {pitfalls.map(|p| view! { <p class="dc-alert">{p}</p> })}
                    {flip.map(|f| view! { <p class="dc-flip"><strong>"Flip point: "</strong>{f}</p> })}
                    <ul class="dc-list" data-testid="ws-split">
                        {split.into_iter().map(|(h, c)| view! { <li>{format!("{c} of {n}: {h}")}</li> }).collect_view()}
                    </ul>
                    <p class="dc-blurb">{AGGREGATION_RULE}</p>
                </div>
                <Disputed card summary=s.clone() />
                <h3>"Positions per factor"</h3>
                <div class="dc-ws-spreads">
                    {card.factors.iter().zip(s.factors.iter()).map(|(f, sp)| {
                        let stats = format!(
                            "Group: {} · importance {} · spread {:.1} step{}",
                            explain::position_words(card, sp.group_position),
                            explain::weight_words(sp.group_weight).to_ascii_lowercase(),
                            sp.spread,
                            if (sp.spread - 1.0).abs() < 0.05 { "" } else { "s" }
                        );
                        view! {
                            <div class="dc-ws-spread" data-testid=format!("ws-spread-{}", f.id)>
                                <h4>{f.name.as_str()}</h4>
                                <SpreadPlot card name=f.name.clone() spread=sp.clone() />
                                <p class="dc-ws-stats">{stats}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <Tallies card summary=s.clone() />
            }.into_any()
        })}
    }
}

/// The factors the group disagrees on most, with the factor's prompt and the card's
/// questions to ask as prompts for the discussion.
#[component]
fn Disputed(card: &'static Card, summary: Summary) -> impl IntoView {
    let items = summary
        .disputed
        .iter()
        .map(|&i| {
            let f = &card.factors[i];
            let sp = &summary.factors[i];
            view! {
                <li>
                    <strong>{f.name.as_str()}</strong>
                    {format!(
                        " — from \u{201c}{}\u{201d} to \u{201c}{}\u{201d} (spread {:.1})",
                        explain::position_words(card, sp.min),
                        explain::position_words(card, sp.max),
                        sp.spread
                    )}
                    <p class="dc-prompt">{f.prompt.as_str()}</p>
                </li>
            }
        })
        .collect_view();
    let none = summary.disputed.is_empty();
    view! {
        <div class="dc-ws-disputed" data-testid="ws-disputed">
            <h3>"Where the group disagrees most"</h3>
            {if none {
                view! { <p class="dc-blurb">"No factor is more than one step apart across the group."</p> }.into_any()
            } else {
                view! { <ol class="dc-list">{items}</ol> }.into_any()
            }}
            <h4>"Questions to ask"</h4>
            <ul class="dc-list dc-ws-questions">
                {card.questions.iter().map(|q| view! { <li>{q.text.as_str()}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// How many ticked each signal, bad reason and anti-pattern.
#[component]
fn Tallies(card: &'static Card, summary: Summary) -> impl IntoView {
    let n = summary.participants;
    let bar = move |count: usize| {
        let share = if n == 0 { 0.0 } else { count as f64 / n as f64 * 100.0 };
        // An SVG bar, not an inline style: the widget's CSP allows no style attributes.
        view! {
            <svg class="dc-ws-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                <rect width="100" height="8" rx="2" class="dc-track" />
                <rect width=format!("{share:.1}") height="8" rx="2" class="dc-ws-bar-fill" />
            </svg>
            <span class="dc-ws-count">{format!("{count} of {n}")}</span>
        }
    };
    let signals = card
        .signals()
        .zip(summary.signals.iter())
        .map(|((side, s), t)| {
            view! {
                <li class="dc-ws-tally">
                    <span class="dc-ws-tally-text">{s.text.as_str()} <span class="dc-ws-side">{format!("for {}", card.option(side).name)}</span></span>
                    {bar(t.count)}
                </li>
            }
        })
        .collect_view();
    let pitfalls = card
        .pitfalls()
        .zip(summary.pitfalls.iter())
        .map(|(p, t)| {
            view! {
                <li class="dc-ws-tally">
                    <span class="dc-ws-tally-text">{p.text.as_str()}</span>
                    {bar(t.count)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="dc-columns dc-ws-tallies" data-testid="ws-tallies">
            <div>
                <h3>"Signals ticked"</h3>
                <ul class="dc-ws-tally-list">{signals}</ul>
            </div>
            <div>
                <h3>"Reasons that do not count, ticked"</h3>
                <ul class="dc-ws-tally-list">{pitfalls}</ul>
            </div>
        </div>
    }
}

/// The group summary as Markdown: copy or download.
#[component]
fn Export(card: &'static Card, ws: RwSignal<Workshop>, summary: Memo<Summary>) -> impl IntoView {
    let date = browser::today();
    let markdown =
        move || ws.with_untracked(|w| summary.with_untracked(|s| workshop::markdown(card, w, s, &date)));
    let message = RwSignal::new(String::new());
    let markdown_copy = markdown.clone();
    let copy = move |_| {
        let ok = browser::copy(&markdown_copy());
        message.set(if ok { "Summary copied.".into() } else { "Copy failed: download it instead.".into() });
    };
    let download = move |_| {
        let ok = browser::download(&format!("{}-workshop-summary.md", card.id), "text/markdown", &markdown());
        message.set(if ok { "Download started.".into() } else { "Download failed: copy it instead.".into() });
    };
    view! {
        <section class="dc-section dc-ws-export" aria-labelledby="dc-ws-export-h">
            <h2 id="dc-ws-export-h">"Group summary"</h2>
            <p class="dc-blurb">"The group verdict, every participant's verdict, the spread per factor, the tallies and the questions to discuss, as Markdown."</p>
            <div class="dc-actions">
                <button type="button" on:click=copy>"Copy Markdown"</button>
                <button type="button" on:click=download data-testid="ws-download">"Download .md"</button>
                <span class="dc-status" role="status">{move || message.get()}</span>
            </div>
        </section>
    }
}
