//! Build-time authoring (feature `authoring`): reading card files with every problem at
//! once ([`load`]), writing cards as the JSON pages carry ([`emit`]), and importing cards
//! from the plain-text format teams keep them in ([`import`]). Nothing here ships in the
//! WASM.

pub mod emit;
pub mod import;
pub mod load;
