//! Reading a parsed document value by value, each with its path, so that a decoder's error
//! names the field that is wrong. Every hand-written reader of the core (stored progress,
//! answers files, workshops, page data) goes through [`At`].

use super::{Json, Number};
use std::fmt::Write as _;

/// What a value in a document should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Object,
    List,
    Text,
    /// `true` or `false`.
    Bool,
    Number,
    /// A whole number from `min`, and at most `max` when there is a limit.
    Whole {
        min: i64,
        max: Option<i64>,
    },
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// Text, or `null` for none.
    TextOrNull,
    /// A list of exactly this many items.
    ListOf(usize),
    /// A calendar date written `YYYY-MM-DD`.
    Date,
    /// A period such as `6 months`.
    Period,
    /// A participant token ([`crate::share::is_token`]).
    Token,
}

/// Why a document is not what its reader expects, and where: the path of the value
/// (`answers.factors.privacy.position`, `participants[2].name`; empty for the document
/// itself). [`crate::messages`] words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// A member that must be there is not.
    Missing { path: String },
    /// A value of another kind, or out of its range.
    Expected { path: String, expected: Expected },
}

impl ShapeError {
    /// Where the wrong value is.
    pub fn path(&self) -> &str {
        match self {
            ShapeError::Missing { path } | ShapeError::Expected { path, .. } => path,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Top,
    Key(&'a str),
    Index(usize),
}

/// A value being read from a document, and where it is in it: every reader of a stored,
/// shared or embedded document goes through this, so each error names the field that is
/// wrong. The path is a chain of borrowed steps, written out only when an error is made,
/// so reading a large workshop allocates nothing for paths.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub value: &'a Json,
    step: Step<'a>,
    parent: Option<&'a At<'a>>,
}

impl<'a> At<'a> {
    /// The whole document.
    pub fn top(value: &'a Json) -> At<'a> {
        At { value, step: Step::Top, parent: None }
    }

    /// The path of this value, as the messages show it.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            steps.push(a.step);
            at = a.parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Top => {}
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }

    /// The error for this value: not what was `expected`.
    pub fn expected(&self, expected: Expected) -> ShapeError {
        ShapeError::Expected { path: self.path(), expected }
    }

    fn child<'s>(&'s self, value: &'s Json, step: Step<'s>) -> At<'s> {
        At { value, step, parent: Some(self) }
    }

    /// The member `key`, or `None` when it is not there; an error when this is not an object.
    pub fn get<'s>(&'s self, key: &'s str) -> Result<Option<At<'s>>, ShapeError> {
        if self.value.as_object().is_none() {
            return Err(self.expected(Expected::Object));
        }
        Ok(self.value.get(key).map(|v| self.child(v, Step::Key(key))))
    }

    /// The member `key`, which must be there.
    pub fn field<'s>(&'s self, key: &'s str) -> Result<At<'s>, ShapeError> {
        match self.get(key)? {
            Some(at) => Ok(at),
            None => {
                let mut path = self.path();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                Err(ShapeError::Missing { path })
            }
        }
    }

    /// The members of an object, each with its path.
    pub fn members<'s>(&'s self) -> Result<impl Iterator<Item = (&'s str, At<'s>)>, ShapeError> {
        let members = self.value.as_object().ok_or_else(|| self.expected(Expected::Object))?;
        Ok(members.iter().map(move |(k, v)| (k.as_str(), self.child(v, Step::Key(k.as_str())))))
    }

    /// The items of a list, each with its path.
    pub fn items<'s>(&'s self) -> Result<impl Iterator<Item = At<'s>>, ShapeError> {
        let items = self.value.as_array().ok_or_else(|| self.expected(Expected::List))?;
        Ok(items.iter().enumerate().map(move |(i, v)| self.child(v, Step::Index(i))))
    }

    /// The list `key`, each item read by `read`.
    pub fn list<T>(&self, key: &str, read: fn(&At) -> Result<T, ShapeError>) -> Result<Vec<T>, ShapeError> {
        self.field(key)?.items()?.map(|item| read(&item)).collect()
    }

    pub fn str(&self) -> Result<&'a str, ShapeError> {
        self.value.as_str().ok_or_else(|| self.expected(Expected::Text))
    }

    pub fn text(&self) -> Result<String, ShapeError> {
        self.str().map(str::to_owned)
    }

    pub fn bool(&self) -> Result<bool, ShapeError> {
        match self.value {
            Json::Bool(b) => Ok(*b),
            _ => Err(self.expected(Expected::Bool)),
        }
    }

    pub fn number(&self) -> Result<f64, ShapeError> {
        self.value.as_f64().ok_or_else(|| self.expected(Expected::Number))
    }

    /// A whole number in `min..=max`; anything else is refused.
    pub fn whole(&self, min: i64, max: i64) -> Result<i64, ShapeError> {
        match self.value {
            Json::Number(Number::Int(n)) if (min..=max).contains(n) => Ok(*n),
            _ => Err(self.expected(Expected::Whole { min, max: Some(max) })),
        }
    }

    /// A whole number, clamped into `min..=max`: a stray number is brought into range, a
    /// fraction or anything else is refused.
    pub fn clamped(&self, min: i64, max: i64) -> Result<i64, ShapeError> {
        match self.value {
            Json::Number(Number::Int(n)) => Ok((*n).clamp(min, max)),
            // Only whole numbers above i64::MAX are read as u64.
            Json::Number(Number::UInt(_)) => Ok(max),
            _ => Err(self.expected(Expected::Whole { min, max: Some(max) })),
        }
    }

    /// The text `key`.
    pub fn text_of(&self, key: &str) -> Result<String, ShapeError> {
        self.field(key)?.text()
    }

    /// The list of texts `key`.
    pub fn texts_of(&self, key: &str) -> Result<Vec<String>, ShapeError> {
        self.list(key, |item| item.text())
    }

    pub fn bool_of(&self, key: &str) -> Result<bool, ShapeError> {
        self.field(key)?.bool()
    }

    pub fn number_of(&self, key: &str) -> Result<f64, ShapeError> {
        self.field(key)?.number()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn paths_name_members_and_items_from_the_top() {
        let doc = parse(r#"[{"a": {"b": [1, "x"]}}]"#).unwrap();
        let top = At::top(&doc);
        let first = top.items().unwrap().next().unwrap();
        let b = first.field("a").unwrap();
        let b = b.field("b").unwrap();
        let second = b.items().unwrap().nth(1).unwrap();
        assert_eq!(second.path(), "[0].a.b[1]");
        assert_eq!(
            second.number(),
            Err(ShapeError::Expected { path: "[0].a.b[1]".into(), expected: Expected::Number })
        );
        assert_eq!(
            b.field("c").err(),
            Some(ShapeError::Expected { path: "[0].a.b".into(), expected: Expected::Object })
        );
        assert_eq!(first.field("z").err(), Some(ShapeError::Missing { path: "[0].z".into() }));
        assert_eq!(top.path(), "");
    }

    #[test]
    fn whole_numbers_are_checked_or_clamped() {
        let doc = parse("[7, -7, 1.5, 18446744073709551615]").unwrap();
        let top = At::top(&doc);
        let n: Vec<At> = top.items().unwrap().collect();
        let range = Expected::Whole { min: -2, max: Some(2) };
        assert_eq!(n[0].clamped(-2, 2), Ok(2));
        assert_eq!(n[1].clamped(-2, 2), Ok(-2));
        assert_eq!(n[2].clamped(-2, 2), Err(ShapeError::Expected { path: "[2]".into(), expected: range }));
        assert_eq!(n[3].clamped(-2, 2), Ok(2));
        assert_eq!(n[0].whole(-2, 2), Err(ShapeError::Expected { path: "[0]".into(), expected: range }));
    }
}
