//! The peer a user would run instead of `check`: check-jsonschema (Python)
//! validating the same claims, converted to JSON, against
//! schemas/claim.schema.json. It only checks shapes; `check` also resolves
//! references, verifies hashes and snapshots and searches quotes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use claimtrail::Record;

use crate::measure::Cmd;

/// The installed check-jsonschema and its version, if any.
pub(crate) fn check_jsonschema() -> Option<(PathBuf, String)> {
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
pub(crate) fn claims_as_json(store: &Path, dir: &Path, stamp_text: &str) -> io::Result<Vec<PathBuf>> {
    let stamp = dir.join(".bench-stamp");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(stamp_text) {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)?;
        for path in crate::floor::record_paths(store)? {
            let text = fs::read_to_string(&path)?;
            let Ok(Record::Claim(claim)) = claimtrail::internals::text::parse::parse_record(&text) else {
                continue;
            };
            let mut json = serde_json::to_value(&claim).map_err(io::Error::other)?;
            json["hash"] = claim.hash.as_ref().map(claimtrail::Seal::text).into();
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

/// The check-jsonschema command over `files`, whether it can run, and the
/// name and version shown for it.
pub(crate) fn check_jsonschema_cmd(files: &[PathBuf]) -> (Cmd, Result<(), String>, String) {
    match check_jsonschema() {
        Some((program, version)) => {
            let schema = schema_path();
            let mut cmd = Cmd::new(program, &["--schemafile", &schema]);
            cmd.args.extend(files.iter().map(|f| f.display().to_string()));
            cmd.label =
                Some(format!("check-jsonschema --schemafile claim.schema.json <{} files>", files.len()));
            (cmd, Ok(()), version)
        }
        None => (
            Cmd::new("check-jsonschema", &[]),
            Err("check-jsonschema not installed (tools/bench-peers.sh installs it with pip)".to_owned()),
            "check-jsonschema".to_owned(),
        ),
    }
}

/// ajv-cli (Node.js), as tools/bench-peers.sh installs it under
/// target/bench-peers, or on the PATH.
fn ajv() -> Option<(PathBuf, String)> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-peers/node_modules/.bin/ajv");
    let program = if local.exists() { local } else { PathBuf::from("ajv") };
    let out = Command::new(&program).arg("help").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let package =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-peers/node_modules/ajv-cli/package.json");
    let version = fs::read_to_string(package)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(|v| format!("ajv-cli {v}")))
        .unwrap_or_else(|| "ajv-cli".to_owned());
    Some((program, version))
}

/// The ajv-cli command over every JSON file of `dir` (ajv expands the
/// glob itself, as a user would write it), draft 2020-12 as the schema
/// says; `strict=false` because the schema's `uint64` format is not one
/// ajv knows (it only checks shapes either way).
pub(crate) fn ajv_cmd(dir: &Path, files: usize) -> (Cmd, Result<(), String>, String) {
    match ajv() {
        Some((program, version)) => {
            let data = format!("{}/*.json", dir.display());
            let schema = schema_path();
            let mut cmd = Cmd::new(
                program,
                &["validate", "--spec=draft2020", "--strict=false", "-s", &schema, "-d", &data],
            );
            cmd.label = Some(format!(
                "ajv validate --spec=draft2020 --strict=false -s claim.schema.json -d '<{files} files>'"
            ));
            (cmd, Ok(()), version)
        }
        None => (
            Cmd::new("ajv", &[]),
            Err("ajv-cli not installed (tools/bench-peers.sh installs it with npm)".to_owned()),
            "ajv-cli".to_owned(),
        ),
    }
}

fn schema_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/claim.schema.json").display().to_string()
}
