//! The facilitator's screen, in parts: the invitation to send, the rounds, adding
//! participants, the list of them, the group's section (results, and its projector view)
//! and the exported summary. The page (`pages::workshop`) lays them out; the session
//! (`state::workshop`) holds what they show.

pub mod add;
pub mod export;
pub mod group;
pub mod invite;
pub mod people;
pub mod plot;
pub mod results;
pub mod rounds;
