//! Renderers: turn report values into bytes on a `&mut dyn Write`. They
//! never decide anything, and never read files.

pub mod human;
pub mod json;
pub mod style;
