//! The app's state, apart from the screen: each page's session holds its signals, loads and
//! saves through [`crate::storage`], takes in other tabs' changes, and says where saving
//! stands. Pages create a session and hand its signals to components; components never do
//! I/O themselves.
//!
//! A session is created with default values and no I/O ([`card::CardSession::new`]), then
//! connected to storage ([`card::CardSession::connect`]). Until it is connected, nothing is
//! saved, so the defaults can never be written over answers not yet loaded.

pub mod card;
pub mod workshop;
