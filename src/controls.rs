//! Every answer control of a card page, named once: its element id, and how the value the
//! browser reports for it becomes a core [`Edit`].
//!
//! Two readers need this and must agree: the components, which emit an `Edit` for every
//! input event, and the reader of edits made on the prerendered page before the app was
//! live (`crate::platform::page::edits_in_page`). With the ids spelled here only, renaming
//! a control cannot silently stop early edits from carrying over. Pure: compiled and tested
//! natively.

use decision_core::answers::{Edit, EvidenceStatus};
use decision_core::card::Card;

/// One control, by the kind of answer it gives and the card item it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control<'a> {
    /// A factor's slider (`<input type=range>`).
    Position(&'a str),
    /// A factor's importance (`<select>`, values `0..=MAX_WEIGHT`).
    Weight(&'a str),
    /// A signal, bad reason or anti-pattern (checkbox).
    Tick(&'a str),
    /// A re-look trigger (checkbox).
    Trigger(&'a str),
    /// An evidence item's status (`<select>`, values the statuses' stored keys).
    EvidenceStatus(&'a str),
    /// An evidence item's note (text field).
    EvidenceNote(&'a str),
    /// A question's note (`<textarea>`).
    Note(&'a str),
}

/// What kind of element a control is, and so how its value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Range,
    Select,
    Checkbox,
    Text,
    TextArea,
}

/// A control's value as the browser reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// The value of a slider, select or text field.
    Text(String),
    /// Whether a checkbox is ticked.
    Checked(bool),
}

impl<'a> Control<'a> {
    /// Every control of `card`, in page order within each kind.
    pub fn all(card: &'a Card) -> impl Iterator<Item = Control<'a>> {
        let factors = card.factors.iter().flat_map(|f| [Control::Position(&f.id), Control::Weight(&f.id)]);
        let ticks = card.signals().map(|(_, s)| s.id.as_str()).chain(card.pitfalls().map(|p| p.id.as_str()));
        let triggers = card.reversibility.relook_triggers.iter().map(|t| Control::Trigger(&t.id));
        let evidence =
            card.evidence.iter().flat_map(|e| [Control::EvidenceStatus(&e.id), Control::EvidenceNote(&e.id)]);
        let notes = card.questions.iter().map(|q| Control::Note(&q.id));
        factors.chain(ticks.map(Control::Tick)).chain(triggers).chain(evidence).chain(notes)
    }

    /// The element id the control has on the page.
    pub fn element_id(self) -> String {
        match self {
            Control::Position(id) => format!("dc-f-{id}"),
            Control::Weight(id) => format!("dc-f-{id}-w"),
            Control::Tick(id) => format!("dc-t-{id}"),
            Control::Trigger(id) => format!("dc-r-{id}"),
            Control::EvidenceStatus(id) => format!("dc-e-{id}"),
            Control::EvidenceNote(id) => format!("dc-e-{id}-note"),
            Control::Note(id) => format!("dc-q-{id}"),
        }
    }

    pub fn element(self) -> Element {
        match self {
            Control::Position(_) => Element::Range,
            Control::Weight(_) | Control::EvidenceStatus(_) => Element::Select,
            Control::Tick(_) | Control::Trigger(_) => Element::Checkbox,
            Control::EvidenceNote(_) => Element::Text,
            Control::Note(_) => Element::TextArea,
        }
    }

    /// The edit that setting this control to `value` makes; `None` for a value the control
    /// cannot have (a tampered page, a value of the wrong kind).
    pub fn edit(self, value: Value) -> Option<Edit> {
        let text = |value: Value| match value {
            Value::Text(text) => Some(text),
            Value::Checked(_) => None,
        };
        let checked = |value: Value| match value {
            Value::Checked(on) => Some(on),
            Value::Text(_) => None,
        };
        let id = |id: &str| id.to_owned();
        Some(match self {
            Control::Position(f) => Edit::Position { factor: id(f), position: text(value)?.parse().ok()? },
            Control::Weight(f) => Edit::Weight { factor: id(f), weight: text(value)?.parse().ok()? },
            Control::Tick(i) => Edit::Tick { id: id(i), on: checked(value)? },
            Control::Trigger(i) => Edit::Trigger { id: id(i), on: checked(value)? },
            Control::EvidenceStatus(i) => {
                Edit::EvidenceStatus { id: id(i), status: EvidenceStatus::from_key(&text(value)?)? }
            }
            Control::EvidenceNote(i) => Edit::EvidenceNote { id: id(i), note: text(value)? },
            Control::Note(q) => Edit::Note { question: id(q), note: text(value)? },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_the_edits_of_their_control() {
        let text = |s: &str| Value::Text(s.to_owned());
        assert_eq!(
            Control::Position("privacy").edit(text("-2")),
            Some(Edit::Position { factor: "privacy".into(), position: -2 })
        );
        assert_eq!(
            Control::Weight("privacy").edit(text("3")),
            Some(Edit::Weight { factor: "privacy".into(), weight: 3 })
        );
        assert_eq!(
            Control::EvidenceStatus("cost").edit(text("in_progress")),
            Some(Edit::EvidenceStatus { id: "cost".into(), status: EvidenceStatus::InProgress })
        );
        assert_eq!(
            Control::Tick("s").edit(Value::Checked(true)),
            Some(Edit::Tick { id: "s".into(), on: true })
        );
        assert_eq!(
            Control::Note("q").edit(text("why")),
            Some(Edit::Note { question: "q".into(), note: "why".into() })
        );
    }

    #[test]
    fn values_a_control_cannot_have_make_no_edit() {
        assert_eq!(Control::Position("p").edit(Value::Text("far".into())), None);
        assert_eq!(Control::Weight("p").edit(Value::Text("-1".into())), None);
        assert_eq!(Control::EvidenceStatus("e").edit(Value::Text("Gathered".into())), None);
        assert_eq!(Control::Tick("t").edit(Value::Text("on".into())), None);
        assert_eq!(Control::Note("q").edit(Value::Checked(true)), None);
    }

    #[test]
    fn ids_differ_between_every_kind_of_control_of_one_item() {
        let kinds = [
            Control::Position("x"),
            Control::Weight("x"),
            Control::Tick("x"),
            Control::Trigger("x"),
            Control::EvidenceStatus("x"),
            Control::EvidenceNote("x"),
            Control::Note("x"),
        ];
        let ids: Vec<String> = kinds.iter().map(|c| c.element_id()).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "{id} is the id of two controls");
        }
    }
}
