//! Creating new files and folders in the store (`new`, `init`, `import`):
//! folders are made as needed, never through a symlink that leads out of
//! the store, and a file is written atomically, never over an existing one.

use std::path::Path;

use super::Store;
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
