//! The leaf widgets of the screen, grouped by the area of the page they fill.
//!
//! Components read signals and call core functions; they hold no decision logic and do no
//! I/O beyond the browser conveniences of `crate::platform` (copy, download). An answer
//! control changes the answers only by emitting a core `Edit` through
//! [`crate::state::card::CardSession::edit`], under the id [`crate::controls`] gives it.

pub mod change;
pub mod confirm;
pub mod decision;
pub mod evidence;
pub mod factors;
pub mod on_demand;
pub mod orphans;
pub mod progress;
pub mod questions;
pub mod record;
pub mod reference;
pub mod reversibility;
pub mod share;
pub mod signals;
pub mod status;
pub mod verdict;
pub mod workshop;

use decision_core::answers::Answers;
use decision_core::sections::Section;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// A memoised read of one part of the answers, so a control re-renders only when its
/// own value changes (typing in one note does not touch the sliders).
pub fn slice<T>(answers: Memo<Answers>, read: impl Fn(&Answers) -> T + Send + Sync + 'static) -> Memo<T>
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

/// A heading with its list, or nothing at all when the card leaves the section out: an
/// optional section never shows as a bare heading.
#[component]
pub fn Facet(section: Section, level: u8, items: &'static [String]) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <Heading section level />
            <TextList items />
        }
    })
}

/// A template heading at `level` (2, 3 or 4; anything else renders as an h4), followed
/// by the section's subtitle and blurb where the template has them.
#[component]
pub fn Heading(section: Section, level: u8, #[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let title = section.title();
    let heading = match level {
        2 => EitherOf3::A(view! { <h2 id=id>{title}</h2> }),
        3 => EitherOf3::B(view! { <h3 id=id>{title}</h3> }),
        _ => EitherOf3::C(view! { <h4 id=id>{title}</h4> }),
    };
    view! {
        {heading}
        <SectionText section />
    }
}

/// A template section's subtitle (`p.dc-subtitle`) and blurb (`p.dc-blurb`), each only
/// when non-empty. For places where the title is not a heading, such as a legend.
#[component]
pub fn SectionText(section: Section) -> impl IntoView {
    let subtitle = section.subtitle();
    let blurb = section.blurb();
    view! {
        {(!subtitle.is_empty()).then(|| view! { <p class="dc-subtitle">{subtitle}</p> })}
        {(!blurb.is_empty()).then(|| view! { <p class="dc-blurb">{blurb}</p> })}
    }
}
