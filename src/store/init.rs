//! Starting a store (`init`): the configuration, a starter vocabulary of
//! measures, the claims/ and sources/snapshots/ folders, and a
//! .gitattributes that routes records through claimtrail's textconv and
//! merge driver. What is already there is kept as it is: `init` never
//! overwrites a file, so it is safe to run again in an existing store.

use std::path::Path;

use super::Store;
use super::config::{Config, FILE_NAME};
use crate::failure::{Failure, Result};

/// The vocabulary `init` writes to schemas/measures.ron: the measures of
/// stories about attacks, conflicts and the groups behind them, each with
/// its kind, unit, trend and description.
pub(crate) const STARTER_MEASURES: &str = include_str!("starter-measures.ron");

/// The configuration `init` writes: the defaults of docs/reference.md section 8, spelled
/// out so that they can be edited.
pub(crate) const CONFIG: &str =
    "Config(claims: \"claims\", sources: \"sources\", measures: \"schemas/measures.ron\")\n";

/// What happened to one path of the new store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    /// Relative to the store root; folders end in `/`.
    pub rel: String,
    pub created: bool,
}

/// The .gitattributes lines that send the records of `config`'s folders
/// through `claimtrail textconv` (`git diff`) and `claimtrail merge`
/// (`git merge`).
pub(crate) fn gitattributes(config: &Config) -> String {
    let mut text = String::from(
        "# claimtrail (docs/git.md): `git diff` shows records through `claimtrail textconv`,\n\
         # `git merge` merges them field by field with `claimtrail merge`. Register both\n\
         # once per clone with `claimtrail init --git`.\n",
    );
    for folder in [&config.claims, &config.sources] {
        text.push_str(&format!(
            "{}/**/*.ron diff=claimtrail merge=claimtrail\n",
            folder.trim_end_matches('/')
        ));
    }
    text
}

/// Makes `dir` (created if needed) a store; returns what was created and
/// what was kept, in order.
pub(crate) fn init(dir: &Path) -> Result<(Store, Vec<Step>)> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
    let store = Store::open(dir.to_path_buf())
        .map_err(|e| Failure::new(format!("cannot open {}: {e}", dir.display())))?;
    // An existing configuration decides where the folders go.
    let config = store.config.clone();
    let mut steps = Vec::new();
    let files = [
        (FILE_NAME.to_owned(), CONFIG.to_owned()),
        (config.measures.clone(), STARTER_MEASURES.to_owned()),
        (".gitattributes".to_owned(), gitattributes(&config)),
    ];
    for (rel, text) in files {
        let created = !store.root.join(&rel).exists();
        if created {
            store.create_file(&rel, text.as_bytes())?;
        }
        steps.push(Step { rel, created });
    }
    for folder in [config.claims.clone(), config.snapshots()] {
        let folder = folder.trim_end_matches('/').to_owned();
        let created = store.create_folder(&folder)?;
        steps.push(Step { rel: format!("{folder}/"), created });
    }
    Ok((store, steps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeasureKind, Trend};

    #[test]
    fn the_starter_vocabulary_parses_and_describes_every_measure() {
        let measures = crate::text::parse::parse_measures(STARTER_MEASURES).unwrap();
        for id in [
            "killed",
            "wounded",
            "missing",
            "displaced",
            "arrested",
            "responsible",
            "claimed-by",
            "occurred",
            "recruits",
        ] {
            assert!(measures.iter().any(|m| m.id == id), "{id}");
        }
        for m in &measures {
            assert!(crate::model::id::is_slug(&m.id), "{}", m.id);
            assert!(m.description.as_deref().is_some_and(|d| d.ends_with('.')), "{}", m.id);
            if m.kind == MeasureKind::Count {
                assert!(m.unit.is_some(), "{}", m.id);
            }
        }
        let killed = measures.iter().find(|m| m.id == "killed").unwrap();
        assert_eq!(killed.trend, Trend::NonDecreasing);
        let mut ids: Vec<&str> = measures.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), measures.len(), "ids are unique");
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("story");
        let (_, steps) = init(&root).unwrap();
        assert!(steps.iter().all(|s| s.created), "{steps:?}");
        let names: Vec<&str> = steps.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(
            names,
            ["claimtrail.ron", "schemas/measures.ron", ".gitattributes", "claims/", "sources/snapshots/"]
        );
        std::fs::write(root.join("schemas/measures.ron"), "[]\n").unwrap();
        let (_, again) = init(&root).unwrap();
        assert!(again.iter().all(|s| !s.created), "{again:?}");
        assert_eq!(std::fs::read_to_string(root.join("schemas/measures.ron")).unwrap(), "[]\n");
    }
}
