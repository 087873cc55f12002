//! Generates a store on disk: the world's fixed files plus `claims` claims
//! in claims/<subject>/ folders. A finished store is marked with a stamp
//! naming its seed and size, and reused by later runs.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::world::World;

/// The two kinds of store: claims that agree but for one outlier in 5,000
/// (a settled event), or subjects whose claims mostly disagree (a
/// contested one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Agreeing,
    Contested,
    /// Groups of this many differing figures (issue 27, large groups).
    Figures(usize),
}

impl Shape {
    /// The claim number `i` of a store of this shape.
    pub(crate) fn claim(self, world: &World, i: usize) -> crate::world::ClaimSpec {
        match self {
            Shape::Agreeing => world.claim(i),
            Shape::Contested => world.contested_claim(i),
            Shape::Figures(group) => world.figure_claim(i, group),
        }
    }

    fn per_subject(self) -> usize {
        match self {
            Shape::Agreeing => crate::world::PER_SUBJECT,
            Shape::Contested => crate::world::CONTESTED_PER_SUBJECT,
            Shape::Figures(group) => group,
        }
    }
}

/// Makes (or reuses) the store at `dir`; returns the bytes of its record
/// files (claims/ and sources/, snapshots excluded).
pub(crate) fn store(dir: &Path, seed: u64, claims: usize, shape: Shape) -> io::Result<u64> {
    let stamp = dir.join(".bench-stamp");
    let want = format!("store v3 {shape:?} seed {seed} claims {claims}\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return record_bytes(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let world = World::new(seed);
    write_all(dir, &world.fixed_files())?;
    for i in (0..claims).step_by(shape.per_subject()) {
        let path = dir.join(World::claim_path(&shape.claim(&world, i)));
        fs::create_dir_all(path.parent().expect("claims have a folder"))?;
    }
    (0..claims).into_par_iter().try_for_each(|i| {
        let spec = shape.claim(&world, i);
        fs::write(dir.join(World::claim_path(&spec)), spec.render().0)
    })?;
    fs::write(&stamp, want)?;
    record_bytes(dir)
}

/// Writes files, creating their folders.
pub(crate) fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("files have a folder"))?;
        fs::write(path, bytes)?;
    }
    Ok(())
}

/// The bytes of the record files of a store.
pub(crate) fn record_bytes(dir: &Path) -> io::Result<u64> {
    Ok(crate::floor::record_paths(dir)?.iter().map(|p| p.metadata().map_or(0, |m| m.len())).sum())
}
