//! The widget's screen: one component per file, grouped by area of the screen.
//!
//! Components read signals and call model functions; they hold no decision logic.

pub mod evidence;
pub mod factors;
pub mod progress;
pub mod questions;
pub mod record;
pub mod reference;
pub mod reversibility;
pub mod signals;
pub mod verdict;

use crate::model::answers::Answers;
use leptos::prelude::*;

/// A memoised read of one part of the answers, so a control re-renders only when its
/// own value changes (typing in one note does not touch the sliders).
pub fn slice<T>(answers: RwSignal<Answers>, read: impl Fn(&Answers) -> T + Send + Sync + 'static) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| answers.with(|a| read(a)))
}

/// A bulleted list of card text.
#[component]
pub fn TextList(items: &'static [String]) -> impl IntoView {
    view! { <ul class="dc-list">{items.iter().map(|t| view! { <li>{t.as_str()}</li> }).collect_view()}</ul> }
}
