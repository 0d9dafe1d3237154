//! "How to decide", the template's heading over questions, key factors and evidence; and
//! "Questions to ask": a note field per question; the notes go into the decision record.

use crate::components::{slice, Heading};
use decision_core::answers::Answers;
use decision_core::card::Card;
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
pub fn Questions(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    (!card.questions.is_empty()).then(|| {
        view! {
            <section class="dc-section" id="dc-questions" aria-labelledby="dc-questions-h">
                <Heading section=QUESTIONS level=2 id="dc-questions-h" />
                {card
                    .questions
                    .iter()
                    .map(|q| {
                        let id = q.id.as_str();
                        let note = slice(answers, move |a| a.notes.get(id).cloned().unwrap_or_default());
                        let field = format!("dc-q-{id}");
                        view! {
                            <div class="dc-question">
                                <label for=field.clone()>{q.text.as_str()}</label>
                                <textarea
                                    id=field
                                    rows="2"
                                    placeholder="Your answer"
                                    prop:value=move || note.get()
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        answers.update(|a| {
                                            a.notes.insert(id.to_string(), text);
                                        });
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
