//! "Questions to ask": a note field per question; the notes go into the decision record.

use crate::components::slice;
use crate::model::answers::Answers;
use crate::model::card::Card;
use leptos::prelude::*;

#[component]
pub fn Questions(card: &'static Card, answers: RwSignal<Answers>) -> impl IntoView {
    view! {
        <section class="dc-section" id="dc-questions" aria-labelledby="dc-questions-h">
            <h2 id="dc-questions-h">"Questions to ask"</h2>
            <p class="dc-blurb">"Open these in the room. Answering them is most of the decision."</p>
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
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}
