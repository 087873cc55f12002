//! Bytes as a record file in a small clean store, through the whole check
//! pipeline (parse, rules, conflicts, locate, every renderer, reseal, ronfmt),
//! with the properties of tests/it/support/pipeline.rs. The input's length
//! picks the folder (even: claims/, odd: sources/), so seed records stay
//! whole and both folders are explored.

#![no_main]

#[path = "../../tests/it/support/pipeline.rs"]
mod pipeline;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pipeline::check_one(data, data.len() % 2 == 1);
});
