//! Bytes as a record file in a small clean store, through every output
//! format beyond `check` (SARIF, GitHub annotations, the HTML and markdown
//! reports, the CSV and ClaimReview exports), with the properties of
//! tests/it/support/surface.rs. The length's parity picks the folder.

#![no_main]

#[allow(dead_code)]
#[path = "../../tests/it/support/pipeline.rs"]
mod pipeline;
#[allow(dead_code)]
#[path = "../../tests/it/support/env.rs"]
mod env;
#[allow(dead_code)]
#[path = "../../tests/it/support/surface.rs"]
mod surface;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    surface::outputs(data, data.len() % 2 == 1);
});
