//! `hash` as a store operation: reseal record files in place, atomically,
//! and say what happened to each as an [`Outcome`] value; `render::hash`
//! prints them. Only `hash` and `revises` change in a file (`text::reseal_text`),
//! a file that does not parse is never rewritten, and a file changed by
//! someone else since it was read is left alone (`Existing::MustEqual`).

use super::Store;
use super::walk::Walk;
use super::write::{Existing, write_atomic};
use crate::text::reseal_text::{Reseal, reseal};

/// Whether files are written or only compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    /// `hash --check`: change nothing.
    Check,
}

/// What happened to one file (paths relative to the store root; texts raw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not a record that can be resealed (unreadable, too large, not
    /// UTF-8, not parsed): left as it was.
    Skipped { rel: String, why: String },
    /// Could not be read or written: left as it was.
    Failed { rel: String, why: String },
    /// The hash was written (or, under `Mode::Check`, would be);
    /// `first` when the record had no hash before.
    Sealed { rel: String, hash: String, first: bool },
}

impl Outcome {
    /// Whether the outcome makes `hash` exit 1.
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Skipped { .. } | Outcome::Failed { .. })
    }
}

impl Store {
    /// Reseals the files of `walk` that `wanted` accepts. Writers must hold
    /// the store lock from before the walk until this returns (and remove
    /// leftover temp files first, `Store::remove_leftovers`).
    pub fn reseal(&self, walk: Walk, mode: Mode, wanted: &dyn Fn(&str) -> bool) -> Vec<Outcome> {
        let mut out = Vec::new();
        for d in walk.findings.into_iter().filter(|d| wanted(&d.file)) {
            out.push(Outcome::Skipped { rel: d.file, why: d.message });
        }
        for f in walk.files.into_iter().filter(|f| wanted(&f.rel)) {
            let len = f.size(&self.root).unwrap_or(0);
            out.extend(self.reseal_file(f.rel, len, mode));
        }
        out
    }

    fn reseal_file(&self, rel: String, len: u64, mode: Mode) -> Option<Outcome> {
        let limit = self.config.file_limit();
        if len > limit {
            return Some(Outcome::Skipped { rel, why: format!("{len} bytes, over the limit of {limit}") });
        }
        // Write through a symlink (one that stays in the store) to its
        // target, so the link stays a link.
        let path = self.root.join(&rel);
        let path = path.canonicalize().unwrap_or(path);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => return Some(Outcome::Failed { rel, why: format!("cannot read it: {e}") }),
        };
        let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => (&bytes[..3], rest),
            None => (&bytes[..0], &bytes[..]),
        };
        let Ok(text) = std::str::from_utf8(body) else {
            return Some(Outcome::Skipped { rel, why: "not valid UTF-8".to_owned() });
        };
        match reseal(text) {
            Ok(Reseal::UpToDate) => None,
            Ok(Reseal::Changed { text: new_text, old_hash, new_hash }) => {
                if mode == Mode::Write {
                    let mut new_bytes = bom.to_vec();
                    new_bytes.extend_from_slice(new_text.as_bytes());
                    if let Err(e) = write_atomic(&path, &new_bytes, Existing::MustEqual(&bytes)) {
                        let why = format!("cannot write it ({e}); it was left as it was");
                        return Some(Outcome::Failed { rel, why });
                    }
                }
                Some(Outcome::Sealed { rel, hash: new_hash, first: old_hash.is_none() })
            }
            Err(why) => Some(Outcome::Skipped { rel, why }),
        }
    }
}
