//! `report` in every format: one self-contained HTML page with inline SVG
//! charts, markdown, and JSON.

pub(crate) mod answer;
pub(crate) mod chart;
pub(crate) mod chart_scale;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod words;
