//! Build-time authoring (feature `authoring`): reading card files with every problem at
//! once ([`load`]), and writing cards as data the app reads without a parser ([`emit`]).
//! Nothing here ships in the WASM.

pub mod emit;
pub mod load;
