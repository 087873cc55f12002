//! git's own three-way line merge (libgit2's port of `git merge-file`,
//! the algorithm of git's default merge), run on texts in memory: the
//! three versions go to an in-memory object database that is thrown away
//! after, so nothing is written to any repository. The merge driver uses
//! it for the files it cannot merge field by field, so that git's
//! behaviour is kept for them, and to merge comments along with fields.

use git2::{IndexEntry, IndexTime, MergeFileOptions, ObjectType, Odb, Repository};

use crate::failure::{Failure, Result};

/// The result of a line merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMerge {
    /// The merged text, with git's markers around each conflict.
    pub text: Vec<u8>,
    /// Whether there was no conflict.
    pub clean: bool,
}

/// Merges `ours` and `theirs`, both descended from `base`, line by line;
/// `labels` name ours and theirs after the conflict markers.
pub fn merge_texts(base: &[u8], ours: &[u8], theirs: &[u8], labels: [&str; 2]) -> Result<TextMerge> {
    let failed = |e: git2::Error| Failure::new(format!("git's text merge failed: {}", e.message()));
    let odb = Odb::new().map_err(failed)?;
    odb.add_new_mempack_backend(1000).map_err(failed)?;
    let mut entries = Vec::new();
    for bytes in [base, ours, theirs] {
        let id = odb.write(ObjectType::Blob, bytes).map_err(failed)?;
        entries.push(entry(id, bytes.len()));
    }
    let repo = Repository::from_odb(odb).map_err(failed)?;
    let mut options = MergeFileOptions::new();
    options.our_label(labels[0]).their_label(labels[1]).style_standard(true);
    let result = repo
        .merge_file_from_index(&entries[0], &entries[1], &entries[2], Some(&mut options))
        .map_err(failed)?;
    Ok(TextMerge { text: result.content().to_vec(), clean: result.is_automergeable() })
}

fn entry(id: git2::Oid, len: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(len).unwrap_or(u32::MAX),
        id,
        flags: 0,
        flags_extended: 0,
        path: b"record.ron".to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_lines_as_git_does() {
        let base = b"a\nb\nc\n";
        let clean = merge_texts(base, b"A\nb\nc\n", b"a\nb\nC\n", ["ours", "theirs"]).unwrap();
        assert_eq!((clean.text.as_slice(), clean.clean), (&b"A\nb\nC\n"[..], true));
        let conflict = merge_texts(base, b"a\nX\nc\n", b"a\nY\nc\n", ["ours", "theirs"]).unwrap();
        assert!(!conflict.clean);
        assert_eq!(
            String::from_utf8(conflict.text).unwrap(),
            "a\n<<<<<<< ours\nX\n=======\nY\n>>>>>>> theirs\nc\n"
        );
    }
}
