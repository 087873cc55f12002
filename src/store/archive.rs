//! Archiving a document's snapshot (`new document --snapshot`): the file
//! may already be in the snapshots folder (named from there, from the store
//! root or from the working directory), or be any file elsewhere, which is
//! copied in, atomically, as `<document id>.<extension>`. Nothing is copied
//! until the caller has checked the document: [`Store::find_snapshot`]
//! reads and hashes, [`Store::archive`] writes.

use std::path::Path;

use super::Store;
use super::config::HARD_MAX_FILE_BYTES;
use super::contents::{SnapshotFile, SnapshotText, snapshot_text};
use super::read::read_limited;
use crate::failure::{Failure, Result};
use crate::text::hash::bytes_hash;

/// A snapshot found for a document, before anything is written.
#[derive(Debug, Clone)]
pub struct Found {
    /// Relative to the snapshots folder: the document's `snapshot` field.
    pub rel: String,
    /// `sha256:` of the bytes: the document's `snapshot_hash`.
    pub hash: String,
    /// The readable text, for checking quotes before anything is written.
    pub text: SnapshotText,
    /// The bytes to copy in at `rel`, when the file is outside the folder.
    pub copy: Option<Vec<u8>>,
}

impl Store {
    /// Finds the file that `arg` names, trying in turn: a path relative to
    /// the snapshots folder (`x.txt`), then a path from `cwd` or the store
    /// root to a file inside it (`sources/snapshots/x.txt`), then any other
    /// file, to be copied in as `<stem>.<its extension>`.
    pub fn find_snapshot(&self, arg: &str, cwd: &Path, stem: &str) -> Result<Found> {
        if super::lexically_inside(arg).is_ok()
            && let SnapshotFile::Found { hash, text } = self.read_snapshot(arg)
        {
            return Ok(Found { rel: arg.to_owned(), hash, text, copy: None });
        }
        let folder = self.root.join(self.config.snapshots());
        let real_folder = folder.canonicalize().ok();
        let candidates = [cwd.join(arg), self.root.join(arg)];
        let Some(path) = candidates.iter().find(|p| p.is_file()) else {
            return Err(Failure::new(format!(
                "--snapshot `{arg}`: no such file (looked in {}, the store root and the working directory)",
                self.config.snapshots()
            ))
            .with_help("name the archived text of the document: a file anywhere (it is copied in) or under the snapshots folder"));
        };
        let real =
            path.canonicalize().map_err(|e| Failure::new(format!("cannot open {}: {e}", path.display())))?;
        if let Some(inside) = real_folder.as_ref().and_then(|f| real.strip_prefix(f).ok()) {
            let rel =
                inside.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            return match self.read_snapshot(&rel) {
                SnapshotFile::Found { hash, text } => Ok(Found { rel, hash, text, copy: None }),
                SnapshotFile::Escapes(why) => Err(Failure::new(format!("--snapshot `{arg}` {why}"))),
                SnapshotFile::Missing => Err(Failure::new(format!("--snapshot `{arg}`: no such file"))),
                SnapshotFile::Unreadable(why) => {
                    Err(Failure::new(format!("cannot read snapshot `{arg}`: {why}")))
                }
            };
        }
        let bytes = match read_limited(&real, HARD_MAX_FILE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                return Err(Failure::new(format!(
                    "--snapshot `{arg}` is over the limit of {HARD_MAX_FILE_BYTES} bytes"
                )));
            }
            Err(e) => return Err(Failure::new(format!("cannot read {}: {e}", path.display()))),
        };
        let rel = match real.extension().and_then(|e| e.to_str()) {
            Some(ext) if !ext.is_empty() => format!("{stem}.{ext}"),
            _ => stem.to_owned(),
        };
        let hash = bytes_hash(&bytes);
        let text = snapshot_text(&self.config, &rel, &bytes, crate::text::readable::Want::Text);
        match self.read_snapshot(&rel) {
            SnapshotFile::Missing => Ok(Found { rel, hash, text, copy: Some(bytes) }),
            SnapshotFile::Found { hash: there, .. } if there == hash => {
                Ok(Found { rel, hash, text, copy: None })
            }
            _ => Err(Failure::new(format!(
                "{}/{rel} already exists with other content; it is not replaced",
                self.config.snapshots()
            ))
            .with_help("choose another document id, or remove the old file if it is not used")),
        }
    }

    /// The bytes of the snapshot file `rel` names (relative to the
    /// snapshots folder), refused as [`Store::read_snapshot`] refuses a
    /// path; the reason when there are none.
    pub fn snapshot_bytes(&self, rel: &str) -> std::result::Result<Vec<u8>, String> {
        match self.read_snapshot(rel) {
            SnapshotFile::Found { .. } => {}
            SnapshotFile::Missing => return Err(format!("no snapshot file {rel}")),
            SnapshotFile::Escapes(why) | SnapshotFile::Unreadable(why) => return Err(why),
        }
        let path = self.root.join(self.config.snapshots()).join(rel);
        match read_limited(&path, HARD_MAX_FILE_BYTES) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(format!("over the limit of {HARD_MAX_FILE_BYTES} bytes")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Copies a found snapshot into the snapshots folder, if it is to be
    /// copied; an identical file already there is left as it is.
    pub fn archive(&self, found: &Found) -> Result<()> {
        let Some(bytes) = &found.copy else { return Ok(()) };
        let rel = format!("{}/{}", self.config.snapshots(), found.rel);
        if let SnapshotFile::Found { hash, .. } = self.read_snapshot(&found.rel)
            && hash == found.hash
        {
            return Ok(());
        }
        self.create_file(&rel, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("store/sources/snapshots/sub")).unwrap();
        std::fs::write(dir.path().join("store/claimtrail.ron"), "Config()\n").unwrap();
        std::fs::write(dir.path().join("store/sources/snapshots/sub/a.txt"), "in place").unwrap();
        std::fs::write(dir.path().join("elsewhere.html"), "<p>copied</p>").unwrap();
        let store = Store::open(dir.path().join("store")).unwrap();
        (dir, store)
    }

    #[test]
    fn finds_files_in_the_folder_by_any_path() {
        let (dir, store) = store();
        let root = store.root.clone();
        for (arg, cwd) in [
            ("sub/a.txt", dir.path().to_path_buf()),
            ("sources/snapshots/sub/a.txt", root.clone()),
            ("snapshots/sub/a.txt", root.join("sources")),
            ("sources/snapshots/sub/a.txt", dir.path().to_path_buf()),
        ] {
            let found = store.find_snapshot(arg, &cwd, "doc").unwrap_or_else(|e| panic!("{arg}: {e}"));
            assert_eq!(found.rel, "sub/a.txt", "{arg}");
            assert!(found.copy.is_none());
            assert_eq!(found.hash, bytes_hash(b"in place"));
        }
    }

    #[test]
    fn copies_other_files_in_once() {
        let (dir, store) = store();
        let found = store.find_snapshot("elsewhere.html", dir.path(), "doc-1").unwrap();
        assert_eq!(found.rel, "doc-1.html");
        // Read as a reader sees the page: its visible text.
        assert_eq!(found.text.as_ref().unwrap().text, "copied");
        store.archive(&found).unwrap();
        let copied = store.root.join("sources/snapshots/doc-1.html");
        assert_eq!(std::fs::read(&copied).unwrap(), b"<p>copied</p>");
        // Again: the identical copy is reused.
        let again = store.find_snapshot("elsewhere.html", dir.path(), "doc-1").unwrap();
        assert!(again.copy.is_none());
        // Other bytes under the same name are refused.
        std::fs::write(dir.path().join("elsewhere.html"), "changed").unwrap();
        let e = store.find_snapshot("elsewhere.html", dir.path(), "doc-1").unwrap_err();
        assert!(e.message.contains("already exists"), "{e}");
        assert!(store.find_snapshot("nope.txt", dir.path(), "d").is_err());
    }
}
