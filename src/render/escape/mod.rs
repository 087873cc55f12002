//! Escapes for each output target: HTML, markdown and JSON. Record text
//! reaches a renderer raw and is escaped here, once, for where it goes.

pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;
