//! Text: the stage between bytes and records. Parsing RON into records,
//! mapping field paths to byte spans, writing RON, resealing hashes in place,
//! appending to a list field (`append.rs`), git's conflict markers (`markers.rs`),
//! the canonical hash, quote folding, reading figures in prose (`figures/`),
//! the readable text of a snapshot — plain text, HTML, PDF (`readable/`),
//! what a web page says about itself (`page_meta.rs`: title, dates,
//! author, language), did-you-mean suggestions and the set of characters
//! that must never reach
//! an output raw. It knows the record model and nothing after it: no store,
//! no findings, no rendering.

pub mod append;
pub mod escape;
pub mod figures;
pub mod fold;
pub mod hash;
pub mod markers;
pub mod measures;
pub mod page_meta;
pub mod parse;
pub mod readable;
pub mod reseal_text;
pub mod ron_writer;
pub mod spans;
pub mod suggest;
