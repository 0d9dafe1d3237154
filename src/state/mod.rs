//! The app's state, apart from the screen: each page's session holds its signals, loads and
//! saves through [`crate::storage`], takes in other tabs' changes, and says where saving
//! stands. Pages create a session and hand it to components; components never do I/O
//! themselves.
//!
//! [`session::Session`] is the one mechanism, generic over the stored document's codec; the
//! card's session ([`card`]) adds answers that arrive by link or file, the workshop's
//! ([`workshop`]) adding participants; [`library`] reads every card's progress.
//!
//! A session is created with default values and no I/O ([`card::CardSession::new`]), then
//! connected to storage ([`card::CardSession::connect`]). Until it is connected, nothing is
//! saved, so the defaults can never be written over answers not yet loaded.

pub mod card;
pub mod library;
pub mod session;
pub mod workshop;
