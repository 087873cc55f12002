//! Generates a store on disk: the world's fixed files plus `claims` claims
//! in claims/<subject>/ folders. A finished store is marked with a stamp
//! naming its seed and size, and reused by later runs.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::world::World;

/// Makes (or reuses) the store at `dir`; returns the bytes of its record
/// files (claims/ and sources/, snapshots excluded).
pub fn store(dir: &Path, seed: u64, claims: usize) -> io::Result<u64> {
    let stamp = dir.join(".bench-stamp");
    let want = format!("store v3 seed {seed} claims {claims}\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return record_bytes(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let world = World::new(seed);
    write_all(dir, &world.fixed_files())?;
    for i in (0..claims).step_by(crate::world::PER_SUBJECT) {
        let path = dir.join(World::claim_path(&world.claim(i)));
        fs::create_dir_all(path.parent().expect("claims have a folder"))?;
    }
    (0..claims).into_par_iter().try_for_each(|i| {
        let spec = world.claim(i);
        fs::write(dir.join(World::claim_path(&spec)), spec.render().0)
    })?;
    fs::write(&stamp, want)?;
    record_bytes(dir)
}

/// Writes files, creating their folders.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("files have a folder"))?;
        fs::write(path, bytes)?;
    }
    Ok(())
}

/// The bytes of the record files of a store.
pub fn record_bytes(dir: &Path) -> io::Result<u64> {
    Ok(crate::floor::record_paths(dir)?.iter().map(|p| p.metadata().map_or(0, |m| m.len())).sum())
}
