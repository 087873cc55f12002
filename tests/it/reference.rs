//! The user's reference (docs/reference.md) is kept true: every finding
//! code `check` can report is in its table of codes, every JSON output
//! schema is named where the output is described, and the repository's
//! documents link only to files inside it (a clone has nothing else), nor
//! do the sources' comments cite anything but it.

use std::path::{Path, PathBuf};

use claimtrail::Code;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of a section of the reference, from its `## N.` heading to
/// the next `## ` heading.
fn section(text: &str, number: &str) -> String {
    let start = text.find(&format!("\n## {number}. ")).unwrap_or_else(|| panic!("no section {number}"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    rest[..end].to_owned()
}

#[test]
fn every_finding_code_is_in_the_reference_with_its_severity() {
    let codes = section(&read("docs/reference.md"), "7");
    let mut missing = Vec::new();
    for code in Code::ALL {
        let row = format!("| `{}` | {} |", code.as_str(), code.severity().name());
        if !codes.contains(&row) {
            missing.push(row);
        }
    }
    assert!(missing.is_empty(), "docs/reference.md section 7 lacks the rows:\n{}", missing.join("\n"));
}

#[test]
fn every_json_output_schema_is_named_in_the_reference() {
    let outputs = section(&read("docs/reference.md"), "9");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("schemas")).expect("schemas/ lists") {
        let name = entry.expect("an entry").file_name().to_string_lossy().into_owned();
        if name.ends_with("-output.schema.json") && !outputs.contains(&format!("`schemas/{name}`")) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "docs/reference.md section 9 names no {missing:?}");
}

/// Relative links of the markdown files lead to files of the repository,
/// and no text sends the reader to a contract outside it.
#[test]
fn documents_link_only_inside_the_repository() {
    let mut files: Vec<PathBuf> = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "SECURITY.md"]
        .iter()
        .map(|f| root().join(f))
        .collect();
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/ lists") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let repo = root().canonicalize().expect("the root resolves");
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a document reads");
        let name = file.strip_prefix(root()).expect("under the root").display().to_string();
        if text.contains("shared/SPEC") || text.contains("SPEC section") || text.contains("shared/facts") {
            wrong.push(format!("{name}: names the shared folder's SPEC or facts"));
        }
        for link in links(&text) {
            if link.contains("://") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let path = link.split('#').next().unwrap_or_default();
            let target = file.parent().expect("a folder").join(path);
            match target.canonicalize() {
                Ok(real) if real.starts_with(&repo) => {}
                _ => wrong.push(format!("{name}: ({link}) leads to no file of the repository")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Comments and tests cite the contract a clone has: "docs/reference.md
/// section 4", never the specification it was made from (whose file is
/// not in the repository) nor its fact tables.
#[test]
fn sources_cite_the_reference() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples", "fuzz/fuzz_targets"] {
        rust_files(&root().join(dir), &mut files);
    }
    // The lines of the checks themselves name what they look for.
    let this = Path::new(file!()).file_name().expect("a name");
    let mut wrong = Vec::new();
    for file in files {
        if file.file_name() == Some(this) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a source reads");
        for (n, line) in text.lines().enumerate() {
            let cites = line.split("SPEC").skip(1).any(|after| {
                let rest = after.trim_start();
                rest.is_empty()
                    || rest.starts_with("section")
                    || rest.starts_with(char::is_numeric)
                    || after.starts_with("'s ")
            });
            if cites || line.contains("shared/facts") {
                let name = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
                wrong.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "cite docs/reference.md instead:\n{}", wrong.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder lists") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The targets of `[text](target)` links.
fn links(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| &rest[..end])
        })
        .filter(|l| !l.is_empty() && !l.contains(' '))
        .collect()
}
