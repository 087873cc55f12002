//! The peer a user would run instead of `check`: check-jsonschema (Python)
//! validating the same claims, converted to JSON, against
//! schemas/claim.schema.json. It only checks shapes; `check` also resolves
//! references, verifies hashes and snapshots and searches quotes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use claimtrail::model::Record;

/// The installed check-jsonschema and its version, if any.
pub fn check_jsonschema() -> Option<(PathBuf, String)> {
    let out = Command::new("check-jsonschema").arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    Some((PathBuf::from("check-jsonschema"), version))
}

/// Writes every claim of the store at `store` as one JSON file in `dir`
/// (the record's fields, `hash` included, as the schema describes them);
/// returns the files. Reuses an earlier conversion of the same store.
pub fn claims_as_json(store: &Path, dir: &Path, stamp_text: &str) -> io::Result<Vec<PathBuf>> {
    let stamp = dir.join(".bench-stamp");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(stamp_text) {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)?;
        for path in crate::floor::record_paths(store)? {
            let text = fs::read_to_string(&path)?;
            let Ok(Record::Claim(claim)) = claimtrail::text::parse::parse_record(&text) else { continue };
            let mut json = serde_json::to_value(&claim).map_err(io::Error::other)?;
            json["hash"] = claim.hash.clone().into();
            fs::write(dir.join(format!("{}.json", claim.id)), json.to_string())?;
        }
        fs::write(&stamp, stamp_text)?;
    }
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .filter(|p| p.as_ref().map_or(true, |p| p.extension().is_some_and(|e| e == "json")))
        .collect::<io::Result<_>>()?;
    files.sort();
    Ok(files)
}
