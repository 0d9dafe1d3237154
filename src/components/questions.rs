//! "How to decide", the template's heading over questions, key factors and evidence; and
//! "Questions to ask": a note field per question; the notes go into the decision record.

use crate::components::{slice, Heading};
use crate::controls::{Control, Value};
use crate::state::card::CardSession;
use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use decision_core::sections::{HOW_TO_DECIDE, QUESTIONS};
use leptos::prelude::*;

/// The heading the template puts once above "Questions to ask", "Key factors" and
/// "Evidence needed".
#[component]
pub fn HowToDecide() -> impl IntoView {
    view! {
        <section class="dc-section dc-intro" id="dc-decide" aria-labelledby="dc-decide-h">
            <Heading section=HOW_TO_DECIDE level=2 id="dc-decide-h" />
        </section>
    }
}

#[component]
pub fn Questions(session: CardSession) -> impl IntoView {
    let card = session.card;
    (!card.questions.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-questions" aria-labelledby="dc-questions-h">
                <Heading section=QUESTIONS level=2 id="dc-questions-h" />
                {card
                    .questions
                    .iter()
                    .map(|q| {
                        let id = q.id.as_str();
                        let note = slice(session.answers(), move |a| a.notes.get(id).cloned().unwrap_or_default());
                        let field = Control::Note(id).element_id();
                        view! {
                            <div class="dc-question">
                                <label for=field.clone()>{q.text.as_str()}</label>
                                <textarea
                                    id=field
                                    rows="2"
                                    placeholder=say!(W::AnswerPlaceholder)
                                    prop:value=move || note.get()
                                    on:input:target=move |ev| {
                                        session.set(Control::Note(id), Value::Text(ev.target().value()))
                                    }
                                ></textarea>
                                // On paper the answer prints in full, or as a line to write on.
                                <p class="dc-print-only dc-print-value" hidden>{move || note.get()}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}
