//! Renderers: turn report values into bytes on a `&mut dyn Write`. They
//! never decide anything, and never read files.

pub mod chart;
pub mod chart_scale;
pub mod conflicts;
pub mod delta;
pub mod diff;
pub mod github;
pub mod history;
pub mod html_escape;
pub mod human;
pub mod json;
pub mod markdown_text;
pub mod report_html;
pub mod report_json;
pub mod report_markdown;
pub mod revisions;
pub mod safe_json;
pub mod sarif;
mod snippet;
pub mod sources;
pub mod style;
