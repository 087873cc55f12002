//! The hostile row (issue 19): one claim file of many citations whose
//! quotes are not in their document's snapshot, so that `check` has as
//! many findings in one file as a pull request can put there under the
//! default size limit (16 MiB). Two sizes, the second twice the first, to
//! show the time grows linearly with the findings.

use std::fs;
use std::io;
use std::path::Path;

use crate::world::{World, seal};

/// Makes (or reuses) a store of the world's fixed files and one claim
/// with `citations` citations of wrong quotes; returns the claim file's
/// size in bytes.
pub(crate) fn store(dir: &Path, seed: u64, citations: usize) -> io::Result<u64> {
    let stamp = dir.join(".bench-stamp");
    let want = format!("hostile v1 seed {seed} citations {citations}\n");
    let file = dir.join("claims/hostile/many-wrong-quotes.ron");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return Ok(fs::metadata(&file)?.len());
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let world = World::new(seed);
    crate::store_gen::write_all(dir, &world.fixed_files())?;
    let mut text = String::from(
        "Claim(\n    id: \"many-wrong-quotes\",\n    subject: \"hostile\",\n    measure: \"killed\",\n    \
         value: Exact(12),\n    as_of: \"2024-03-22\",\n    statement: \"A claim with very many citations.\",\n    \
         claimant: \"source-00\",\n    citations: [\n",
    );
    for i in 0..citations {
        // doc-000 has a snapshot; none of these words is in it.
        text.push_str(&format!(
            "        Citation(document: \"doc-000\", quote: \"twelve people, said witness number {i} of the hostile file\"),\n"
        ));
    }
    text.push_str("    ],\n)\n");
    fs::create_dir_all(file.parent().expect("a folder"))?;
    fs::write(&file, seal(&text))?;
    fs::write(&stamp, want)?;
    Ok(fs::metadata(&file)?.len())
}
