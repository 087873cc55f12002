//! The network, for `archive` and `recheck` (docs/reference.md section 6, "Network"):
//! a page fetched over http or https with every redirect followed here, by
//! hand, so that each hop is kept and checked (`fetch.rs`); its content
//! encoding removed within the body limit (`decode.rs`); and the whole
//! exchange written as a WARC 1.1 capture (`warc.rs`); what a fetched page
//! makes of its Document record: extension, publisher, fields (`document.rs`). This is the only
//! code that opens a network connection, and only when a command asks.

pub(crate) mod decode;
pub(crate) mod document;
pub(crate) mod fetch;
pub(crate) mod warc;

pub(crate) use fetch::{Failed, Fetched, Options, fetch};
