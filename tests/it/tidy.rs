//! The architecture's invariants (ARCHITECTURE.md), checked on the source
//! tree as text: stages import only the stages before them, git2 is used
//! only in `store::git`, files are read and written only by `store` (and
//! `cli`, which holds the writers' lock and writes outputs), and nothing but
//! `cli` prints. Test code (`#[cfg(test)]` items, `*_tests.rs`, `tests.rs`,
//! `testing.rs`) is exempt: tests may reach across stages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each stage and the stages it may import, in pipeline order.
const STAGES: &[(&str, &[&str])] = &[
    ("failure", &[]),
    ("model", &[]),
    ("text", &["model"]),
    ("finding", &["model", "text"]),
    ("store", &["failure", "model", "text", "finding"]),
    ("compare", &["failure", "model", "text", "finding", "store"]),
    ("history", &["failure", "model", "text", "finding", "store", "compare"]),
    ("check", &["failure", "model", "text", "finding", "store", "compare", "history"]),
    ("export", &["failure", "model", "text", "finding", "store", "compare", "history"]),
    ("render", &["failure", "model", "text", "finding", "store", "compare", "history", "check", "export"]),
    (
        "lsp",
        &["failure", "model", "text", "finding", "store", "compare", "history", "check", "export", "render"],
    ),
    (
        "cli",
        &[
            "failure", "model", "text", "finding", "store", "compare", "history", "check", "export",
            "render", "lsp",
        ],
    ),
];

#[test]
fn stages_import_only_the_stages_before_them() {
    let mut wrong = Vec::new();
    for (path, stage, code) in sources() {
        let Some((_, allowed)) = STAGES.iter().find(|(s, _)| *s == stage) else {
            continue;
        };
        for used in imported_stages(&code) {
            if used != stage && !allowed.contains(&used.as_str()) {
                wrong.push(format!("{}: {stage} imports {used}", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the pipeline order:\n{}", wrong.join("\n"));
}

#[test]
fn every_stage_folder_is_known() {
    let dir = src();
    let mut unknown = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/ lists") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let known =
            STAGES.iter().any(|(s, _)| *s == name) || ["lib", "main", "testing"].contains(&name.as_str());
        if !known {
            unknown.push(name);
        }
    }
    assert!(
        unknown.is_empty(),
        "modules of src/ that are no stage: {unknown:?} (add them to STAGES and ARCHITECTURE.md)"
    );
}

#[test]
fn git2_only_in_store_git() {
    let offenders: Vec<String> = sources()
        .filter(|(path, _, code)| code.contains("git2::") && !path.starts_with(src().join("store/git")))
        .map(|(path, _, _)| path.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "git2 outside store::git: {offenders:?}");
}

#[test]
fn only_store_and_cli_touch_files() {
    let offenders: Vec<String> = sources()
        .filter(|(_, stage, _)| !["store", "cli"].contains(&stage.as_str()))
        .filter(|(_, _, code)| {
            ["std::fs::", "File::open", "File::create", "OpenOptions"].iter().any(|w| code.contains(w))
        })
        .map(|(path, _, _)| path.display().to_string())
        .collect();
    // SQLite's export writes its database through rusqlite into a temp
    // file that `cli` renames; it opens no file by name itself.
    assert!(offenders.is_empty(), "file access outside store and cli: {offenders:?}");
}

#[test]
fn only_cli_prints() {
    let offenders: Vec<String> = sources()
        .filter(|(_, stage, _)| stage != "cli")
        .filter(|(_, _, code)| {
            ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("].iter().any(|w| code.contains(w))
        })
        .map(|(path, _, _)| path.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "printing outside cli: {offenders:?}");
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every non-test source file: path, stage, code without test modules and
/// comments.
fn sources() -> impl Iterator<Item = (PathBuf, String, String)> {
    let root = src();
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.into_iter().filter_map(move |path| {
        let name = path.file_name()?.to_str()?;
        if name.ends_with("_tests.rs") || name == "tests.rs" || name == "testing.rs" {
            return None;
        }
        let stage = path.strip_prefix(&root).ok()?.components().next()?.as_os_str().to_str()?;
        let stage = stage.trim_end_matches(".rs").to_owned();
        let text = std::fs::read_to_string(&path).ok()?;
        Some((path, stage, code_only(&text)))
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ lists") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code without `//` comments and without the items marked
/// `#[cfg(test)]` (each cut to its `;` or its matching brace).
fn code_only(text: &str) -> String {
    let text: String =
        text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = match rest.find(['{', ';']) {
            Some(i) if rest.as_bytes()[i] == b';' => i + 1,
            Some(i) => matching_brace(rest, i),
            None => rest.len(),
        };
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The offset just past the brace that closes the one at `open`.
fn matching_brace(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The stages named in `crate::STAGE` paths.
fn imported_stages(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|s| STAGES.iter().any(|(name, _)| name == s))
        .collect()
}
