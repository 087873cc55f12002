//! The merge driver on two sides' edits of one record, decoded from the
//! bytes (before the first 0xff: ours; after: theirs; each byte one edit),
//! with the property of tests/it/support/surface.rs: no edit is lost, a
//! field changed differently on both sides keeps conflict markers.

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

use surface::Edit;

fn edits(bytes: &[u8]) -> Vec<Edit> {
    bytes
        .iter()
        .take(8)
        .map(|&b| {
            let n = b / 5 % 3;
            match b % 6 {
                0 => Edit::Value(100 + u64::from(n)),
                1 => Edit::Statement(n),
                2 => Edit::Note(n),
                3 => Edit::AsOf(n),
                4 => Edit::Comment(b / 6, b & 1 == 0),
                _ => Edit::Tag(n),
            }
        })
        .collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (ours, theirs) = match data.iter().position(|&b| b == 0xff) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    surface::merge(&edits(ours), &edits(theirs));
});
