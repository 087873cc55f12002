//! `[PATH...]` arguments of `check` and `hash`: files or folders of the
//! store, resolved once against the store root.

use std::path::PathBuf;

use crate::failure::{Failure, Result};
use crate::store::Store;

/// Which store files the command is about: all of them when no path is
/// given.
#[derive(Debug, Clone, Default)]
pub(super) struct PathFilter {
    /// Store-relative, `/`-separated; an empty one is the whole store.
    wanted: Vec<String>,
}

impl PathFilter {
    /// Resolves the paths; a path outside the store is a usage failure.
    pub(super) fn new(store: &Store, paths: &[PathBuf]) -> Result<PathFilter> {
        let wanted = paths
            .iter()
            .map(|p| {
                store.relative(p).ok_or_else(|| {
                    Failure::new(format!(
                        "{} is not a path inside the store at {}",
                        p.display(),
                        store.root.display()
                    ))
                    .with_help("name files or folders under the store's claims/ or sources/")
                })
            })
            .collect::<Result<_>>()?;
        Ok(PathFilter { wanted })
    }

    pub(super) fn is_all(&self) -> bool {
        self.wanted.is_empty()
    }

    /// Whether a store-relative file is one of the paths or inside one.
    pub(super) fn matches(&self, rel: &str) -> bool {
        self.is_all()
            || self.wanted.iter().any(|w| {
                w.is_empty() || rel == w || (rel.starts_with(w.as_str()) && rel[w.len()..].starts_with('/'))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_files_and_folders() {
        let f = PathFilter { wanted: vec!["claims/crocus".into(), "sources/a.ron".into()] };
        assert!(f.matches("claims/crocus/x.ron"));
        assert!(f.matches("sources/a.ron"));
        assert!(!f.matches("claims/crocus-2/x.ron"));
        assert!(!f.matches("sources/a.ron.bak"));
        assert!(PathFilter::default().matches("anything"));
        assert!(PathFilter { wanted: vec![String::new()] }.matches("claims/x.ron"));
    }
}
