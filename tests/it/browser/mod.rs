//! The headless-Chromium harness of the report's browser test
//! (`report_browser.rs`): it drives Chromium over the DevTools pipe with
//! `std` and `serde_json` only.

pub(crate) mod harness;
