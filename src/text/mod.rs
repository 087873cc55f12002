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

pub(crate) mod append;
pub(crate) mod escape;
pub(crate) mod figures;
pub(crate) mod fold;
pub(crate) mod hash;
pub(crate) mod markers;
pub(crate) mod measures;
pub(crate) mod page_meta;
pub(crate) mod parse;
pub(crate) mod readable;
pub(crate) mod reseal_text;
pub(crate) mod ron_writer;
pub(crate) mod spans;
pub(crate) mod suggest;
