//! `report` in every format: one self-contained HTML page with inline SVG
//! charts, markdown, and JSON.

pub mod answer;
pub mod chart;
pub mod chart_scale;
pub mod html;
pub mod json;
pub mod markdown;
pub mod words;
