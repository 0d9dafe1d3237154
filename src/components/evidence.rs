//! The evidence checklist: status and note per "Evidence needed" item. It drives the
//! verdict's confidence, never its direction.

use crate::components::{slice, Heading};
use crate::controls::{Control, Value};
use crate::state::card::CardSession;
use decision_core::answers::EvidenceStatus;
use decision_core::card::Item;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::EVIDENCE;
use leptos::prelude::*;

#[component]
pub fn Evidence(session: CardSession) -> impl IntoView {
    let card = session.card;
    (!card.evidence.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-evidence" aria-labelledby="dc-evidence-h">
                <Heading section=EVIDENCE level=2 id="dc-evidence-h" />
                <ul class="dc-evidence">
                    {card.evidence.iter().map(|item| view! { <EvidenceRow item session /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn EvidenceRow(item: &'static Item, session: CardSession) -> impl IntoView {
    let id = item.id.as_str();
    let answers = session.answers();
    let status = slice(answers, move |a| a.evidence_status(id));
    let note = slice(answers, move |a| a.evidence.get(id).map(|e| e.note.clone()).unwrap_or_default());
    let status_id = Control::EvidenceStatus(id).element_id();
    let note_id = Control::EvidenceNote(id).element_id();
    view! {
        <li class="dc-evidence-row" data-status=move || status.get().key()>
            <span class="dc-evidence-name" id=format!("{status_id}-name")>{item.text.as_str()}</span>
            <label class="dc-sr" for=status_id.clone()>{say!(W::EvidenceStatusOf, item = item.text)}</label>
            <select
                id=status_id
                on:change:target=move |ev| session.set(Control::EvidenceStatus(id), Value::Text(ev.target().value()))
            >
                {EvidenceStatus::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <option value=s.key() selected=status.get_untracked() == s prop:selected=move || status.get() == s>
                                {s.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label class="dc-sr" for=note_id.clone()>{say!(W::EvidenceNoteOn, item = item.text)}</label>
            <input
                type="text"
                id=note_id
                class="dc-note"
                placeholder=say!(W::EvidenceNotePlaceholder)
                prop:value=move || note.get()
                on:input:target=move |ev| session.set(Control::EvidenceNote(id), Value::Text(ev.target().value()))
            />
            // On paper the note is text that wraps, not a one-line field.
            <span class="dc-print-only dc-print-value" hidden>{move || note.get()}</span>
        </li>
    }
}
