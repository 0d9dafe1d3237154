//! The evidence checklist: status and note per "Evidence needed" item. It drives the
//! verdict's confidence, never its direction.

use crate::components::{slice, Heading};
use decision_core::answers::{Answers, EvidenceStatus};
use decision_core::card::{Card, Item};
use decision_core::sections::EVIDENCE;
use leptos::prelude::*;

#[component]
pub fn Evidence(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    (!card.evidence.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-evidence" aria-labelledby="dc-evidence-h">
                <Heading section=EVIDENCE level=2 id="dc-evidence-h" />
                <ul class="dc-evidence">
                    {card.evidence.iter().map(|item| view! { <EvidenceRow item answers /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn EvidenceRow(item: &'static Item, answers: RwSignal<Answers>) -> impl IntoView {
    let id = item.id.as_str();
    let status = slice(answers, move |a| a.evidence_status(id));
    let note = slice(answers, move |a| a.evidence.get(id).map(|e| e.note.clone()).unwrap_or_default());
    let status_id = format!("dc-e-{id}");
    let note_id = format!("dc-e-{id}-note");
    view! {
        <li class="dc-evidence-row" data-status=move || format!("{:?}", status.get())>
            <span class="dc-evidence-name" id=format!("dc-e-{id}-name")>{item.text.as_str()}</span>
            <label class="dc-sr" for=status_id.clone()>{format!("Status of {}", item.text)}</label>
            <select
                id=status_id
                on:change=move |ev| {
                    let picked = EvidenceStatus::ALL
                        .into_iter()
                        .find(|s| s.label() == event_target_value(&ev));
                    if let Some(s) = picked {
                        answers.update(|a| a.evidence.entry(id.to_string()).or_default().status = s);
                    }
                }
            >
                {EvidenceStatus::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.label() selected=status.get_untracked() == s prop:selected=move || status.get() == s>
                                {s.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label class="dc-sr" for=note_id.clone()>{format!("Note on {}", item.text)}</label>
            <input
                type="text"
                id=note_id
                class="dc-note"
                placeholder="Note: source, owner, what it showed"
                prop:value=move || note.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    answers.update(|a| a.evidence.entry(id.to_string()).or_default().note = text);
                }
            />
            // On paper the note is text that wraps, not a one-line field.
            <span class="dc-print-only dc-print-value" hidden>{move || note.get()}</span>
        </li>
    }
}
