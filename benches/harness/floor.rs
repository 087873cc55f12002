//! The parse floor: walk claims/ and sources/, read every record file and
//! deserialize it with `ron` alone into the model types, on all cores.
//! Nothing else: no hashes, no references, no findings. This is what any
//! validator of RON records must at least do; `check` is measured against
//! it. Runs as its own process (`harness floor-parse DIR`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use claimtrail::{Claim, Document, Source};
use rayon::prelude::*;
use ron::extensions::Extensions;

/// Every `.ron` file under claims/ and sources/ (not sources/snapshots/).
pub(crate) fn record_paths(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let skip = root.join("sources/snapshots");
    let mut stack = vec![root.join("claims"), root.join("sources")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                if path != skip {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    Ok(out)
}

/// Reads and parses every record; exits non-zero if any fails to parse.
pub(crate) fn run(root: &Path) -> io::Result<()> {
    let paths = record_paths(root)?;
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let failed = paths
        .par_iter()
        .map(|path| -> io::Result<usize> {
            let text = fs::read_to_string(path)?;
            let body = text.trim_start();
            let ok = if body.starts_with("Claim") {
                options.from_str::<Claim>(&text).is_ok()
            } else if body.starts_with("Source") {
                options.from_str::<Source>(&text).is_ok()
            } else {
                options.from_str::<Document>(&text).is_ok()
            };
            Ok(usize::from(!ok))
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    if failed > 0 {
        return Err(io::Error::other(format!("{failed} of {} records did not parse", paths.len())));
    }
    Ok(())
}
