//! A random file tree under claims/ and sources/ (files, folders, links
//! that lead out, dangle or loop, FIFOs, names that are not UTF-8), decoded
//! from the bytes, then loaded and checked, with the property of
//! tests/it/support/surface.rs. Writes a temp folder per run.

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

use surface::Entry;

const SEGMENTS: [&[u8]; 7] = [b"a", b"b.ron", b".hidden.ron", b".claimtrail-x1.tmp", b"snapshots", b"\xff\xfe.ron", b"d"];
const TARGETS: [&[u8]; 6] =
    [b"../outside/secret.ron", b"../outside", b"claims", b"claims/a", b"nowhere.ron", b"sources/snapshots"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut entries = Vec::new();
    let mut rest = data;
    while let [kind, depth, rest2 @ ..] = rest {
        let depth = 1 + usize::from(*depth % 3);
        if rest2.len() < depth + 1 || entries.len() == 16 {
            break;
        }
        let path = rest2[..depth].iter().map(|b| SEGMENTS[usize::from(*b) % SEGMENTS.len()]).collect::<Vec<_>>().join(&b'/');
        let arg = rest2[depth];
        let content_len = usize::from(arg % 32).min(rest2.len() - depth - 1);
        let bytes = rest2[depth + 1..depth + 1 + content_len].to_vec();
        rest = &rest2[depth + 1 + content_len..];
        entries.push(match kind % 5 {
            0 | 1 => Entry::File { path, bytes },
            2 => Entry::Dir { path },
            3 => Entry::Link { path, target: TARGETS[usize::from(arg) % TARGETS.len()].to_vec() },
            _ => Entry::Fifo { path },
        });
    }
    surface::store_walk(&entries);
});
