//! Creating new files and folders in the store (`new`, `init`, `import`):
//! folders are made as needed, never through a symlink that leads out of
//! the store, and a file is written atomically, never over an existing one.

use std::path::Path;

use super::Store;
use super::read::{Inside, read_inside};
use super::write::{Existing, write_atomic};
use crate::failure::{Failure, Result};

impl Store {
    /// Writes `bytes` as the new file `rel` (relative to the store root).
    pub fn create_file(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            // A folder on the way may be a symlink: create and write nothing
            // unless the folder stays in the store.
            let existing = parent.ancestors().find(|a| a.exists()).unwrap_or(&self.root);
            stays_inside(existing, &self.root)?;
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::new(format!("cannot create {}: {e}", parent.display())))?;
            stays_inside(parent, &self.root)?;
        }
        write_atomic(&path, bytes, Existing::MustNotExist)?;
        Ok(())
    }

    /// Writes every file of `files` (paths relative to the store root) as
    /// a new file, or none: nothing is written when one of them exists, and
    /// when one cannot be written, those already written are removed again.
    /// `archive` writes a snapshot, its capture and the Document record so,
    /// the record last.
    pub fn create_files(&self, files: &[(String, Vec<u8>)]) -> Result<()> {
        if let Some((rel, _)) = files.iter().find(|(rel, _)| self.root.join(rel).symlink_metadata().is_ok()) {
            return Err(Failure::new(format!("{rel} already exists; it is not replaced"))
                .with_help("choose another id, or remove the old file if nothing uses it"));
        }
        let mut written: Vec<&str> = Vec::new();
        for (rel, bytes) in files {
            if let Err(e) = self.create_file(rel, bytes) {
                for done in written.iter().rev() {
                    let _ = std::fs::remove_file(self.root.join(done));
                }
                return Err(e);
            }
            written.push(rel);
        }
        Ok(())
    }

    /// Rewrites the text file `rel` with `edit` of its text (`None` when it
    /// does not exist yet, and it is then created). The file is replaced
    /// atomically, and only if it is still what was read.
    pub fn rewrite_file(&self, rel: &str, edit: impl FnOnce(Option<&str>) -> Result<String>) -> Result<()> {
        let path = self.root.join(rel);
        let old = match read_inside(&self.root, &path, self.config.file_limit()) {
            Ok(Inside::Bytes(bytes)) => Some(bytes),
            Ok(Inside::TooBig(len)) => {
                return Err(Failure::new(format!("{rel} is {len} bytes, over the file limit")));
            }
            Ok(Inside::Escapes) => {
                return Err(Failure::new(format!("{rel} leads out of the store through a symlink")));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Failure::new(format!("cannot read {rel}: {e}"))),
        };
        let text = match &old {
            Some(bytes) => {
                Some(std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(
                    |_| Failure::new(format!("{rel} is not valid UTF-8")).with_help("save it as UTF-8"),
                )?)
            }
            None => None,
        };
        let new = edit(text)?;
        match &old {
            None => self.create_file(rel, new.as_bytes()),
            Some(bytes) => {
                let mut new_bytes =
                    if bytes.starts_with(b"\xef\xbb\xbf") { b"\xef\xbb\xbf".to_vec() } else { vec![] };
                new_bytes.extend_from_slice(new.as_bytes());
                let real = path.canonicalize().map_err(Failure::from)?;
                write_atomic(&real, &new_bytes, Existing::MustEqual(bytes))
                    .map_err(|e| Failure::new(format!("cannot write {rel}: {e}")))
            }
        }
    }

    /// Creates the folder `rel` (and its parents) unless it exists; whether
    /// it was created.
    pub fn create_folder(&self, rel: &str) -> Result<bool> {
        let path = self.root.join(rel);
        if path.is_dir() {
            stays_inside(&path, &self.root)?;
            return Ok(false);
        }
        let existing = path.ancestors().find(|a| a.exists()).unwrap_or(&self.root);
        stays_inside(existing, &self.root)?;
        std::fs::create_dir_all(&path)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", path.display())))?;
        stays_inside(&path, &self.root)?;
        Ok(true)
    }
}

fn stays_inside(folder: &Path, root: &Path) -> Result<()> {
    if folder.canonicalize().is_ok_and(|p| p.starts_with(root)) {
        return Ok(());
    }
    Err(Failure::new(format!("{} leads out of the store through a symlink", folder.display()))
        .with_help("replace the link with a folder inside the store"))
}
