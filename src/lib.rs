//! Decision Cards: an interactive decision card compiled to WebAssembly.

pub mod model;
