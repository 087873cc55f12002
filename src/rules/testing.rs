//! Test support: build a snapshot from in-memory files, run `check`, and
//! compare findings as `code file:line:col` strings.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::locate;
use crate::snapshot::{Snapshot, SnapshotFile, parse_file};
use crate::store::folder_of;

/// The measures most tests use.
pub const MEASURES: &str = r#"[
    Measure(id: "killed", kind: Count, trend: NonDecreasing),
    Measure(id: "founded", kind: Date),
    Measure(id: "organised-by", kind: Actor),
    Measure(id: "summary", kind: Text),
]"#;

/// A snapshot of the given files (path → text); snapshot files live under
/// `sources/snapshots/`. `schemas/measures.ron` defaults to [`MEASURES`].
pub fn snapshot(files: &[(&str, &str)]) -> Snapshot {
    let config = Config::default();
    let mut snap = Snapshot::new(config.clone());
    let texts: HashMap<&str, &str> = files.iter().copied().collect();
    let outcomes = files.iter().filter_map(|(path, text)| {
        Some(parse_file(path.to_string(), folder_of(&config, path)?, text.as_bytes()))
    });
    snap.add_outcomes(outcomes.collect::<Vec<_>>());
    let measures = texts.get("schemas/measures.ron").copied().unwrap_or(MEASURES);
    snap.set_measures("schemas/measures.ron", Some(measures.as_bytes()));
    for wanted in snap.wanted_snapshots() {
        let file = match crate::store::lexically_inside(&wanted) {
            Err(why) => SnapshotFile::Escapes(why),
            Ok(()) => match texts.get(format!("sources/snapshots/{wanted}").as_str()) {
                Some(text) => SnapshotFile::Found {
                    hash: crate::hash::bytes_hash(text.as_bytes()),
                    text: Arc::from(*text),
                },
                None => SnapshotFile::Missing,
            },
        };
        snap.snapshots.insert(wanted, file);
    }
    snap
}

/// `check` findings on the files, located, as `code file:line:col`.
pub fn findings(files: &[(&str, &str)]) -> Vec<String> {
    let snap = snapshot(files);
    let mut diags = crate::check::check(&snap);
    let texts: HashMap<&str, &str> = files.iter().copied().collect();
    locate(&mut diags, |f| texts.get(f).map(|t| t.to_string()));
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d.code.as_str(),
                d.file,
                d.line.map_or("-".into(), |l| l.to_string()),
                d.column.map_or("-".into(), |c| c.to_string())
            )
        })
        .collect()
}

/// Seals a record text with its correct hash (appended as a field).
pub fn sealed(text: &str) -> String {
    match crate::reseal::reseal(text).expect("test record parses") {
        crate::reseal::Reseal::Changed { text, .. } => text,
        crate::reseal::Reseal::UpToDate => text.to_owned(),
    }
}
