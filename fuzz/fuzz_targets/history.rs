//! A random sequence of commits (writes, breaks, deletes and moves of a few
//! claims; each byte one step), then history, diff and revisions, with the
//! property of tests/it/support/surface.rs: no panic, and what history
//! replays as a change, diff shows. Runs git; slow per input.

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

use surface::Op;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let ops: Vec<Op> = data
        .iter()
        .take(24)
        .map(|&b| match b % 9 {
            0..=3 => Op::Write { id: usize::from(b / 9 % 3), value: 100 + u64::from(b / 27 % 10), at: usize::from(b / 3 % 4) },
            4 => Op::Break { at: usize::from(b / 9 % 4) },
            5 => Op::Delete { at: usize::from(b / 9 % 4) },
            _ => Op::Commit,
        })
        .collect();
    surface::history(&ops);
});
