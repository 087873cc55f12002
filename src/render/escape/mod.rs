//! Escapes for each output target: HTML, markdown and JSON. Record text
//! reaches a renderer raw and is escaped here, once, for where it goes.

pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod terminal;
