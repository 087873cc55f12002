//! The properties of claimtrail's surface beyond one `check` run, whatever
//! the input: every output format of a store holding a hostile file
//! (SARIF, GitHub annotations, the HTML and markdown reports, the CSV and
//! ClaimReview exports), the store walk over random file trees, history
//! and diff over random commit sequences, the merge driver and `import`.
//! Shared by tests/it/surface.rs (proptest, bounded, in CI) and the
//! cargo-fuzz targets in fuzz/ (which include this file by path, with
//! support/pipeline.rs and support/env.rs beside it, so it uses only
//! claimtrail, serde_json, std and those two).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use claimtrail::Record;
use claimtrail::internals::finding::locate;
use claimtrail::internals::text::parse::parse_record;

use super::env;
use super::pipeline::{self, assert_inert, snapshot_with};

/// Every output of a store that holds `bytes` as one record file: SARIF
/// and `check` JSON parse; GitHub annotations are one per line, each a
/// workflow command; the HTML report has no markup from the data (no
/// `<script`, no element the page does not write itself); the markdown
/// report has no control character and no raw `<` or `[` from the data;
/// the CSV export reads back; the ClaimReview export parses.
pub(crate) fn outputs(bytes: &[u8], as_source: bool) {
    let (file, snap) = snapshot_with(bytes, as_source);
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = String::from_utf8_lossy(body).into_owned();
    let mut diags = claimtrail::check(&snap);
    let texts = locate(&mut diags, |f| (f == file).then(|| text.clone()));

    let mut sarif = Vec::new();
    claimtrail::internals::render::check::sarif::check(&mut sarif, "0", "", &diags, &texts)
        .expect("to memory");
    let log: serde_json::Value = serde_json::from_slice(&sarif).expect("SARIF parses");
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(diags.len()));

    let mut github = Vec::new();
    claimtrail::internals::render::check::github::annotations(&mut github, "", &diags).expect("to memory");
    let github = String::from_utf8(github).expect("annotations are UTF-8");
    assert_eq!(github.lines().count(), diags.len(), "one annotation per line:\n{github}");
    for line in github.lines() {
        assert!(line.starts_with("::error ") || line.starts_with("::warning "), "{line}");
        assert!(!line.contains('\r'), "{line:?}");
    }
    assert_inert(github.as_bytes(), false);

    let revised = HashSet::new();
    let report = claimtrail::internals::compare::report::Report::build(&snap, &revised);
    let title = "store <script>alert(1)</script>";
    let mut html = Vec::new();
    claimtrail::internals::render::report::html::report(&mut html, &report, title, None).expect("to memory");
    let html = String::from_utf8(html).expect("HTML is UTF-8");
    html_is_inert(&html);
    let mut md = Vec::new();
    claimtrail::internals::render::report::markdown::report(&mut md, &report, title, None)
        .expect("to memory");
    assert_inert(&md, false);
    markdown_is_inert(std::str::from_utf8(&md).expect("markdown is UTF-8"));

    let mut claims = Vec::new();
    claimtrail::exports::csv::claims(&mut claims, &snap).expect("to memory");
    let mut citations = Vec::new();
    claimtrail::exports::csv::citations(&mut citations, &snap).expect("to memory");
    csv_reads_back(&claims, &citations, snap.claims().count());
    let reviews = claimtrail::exports::claimreview::reviews(&snap);
    let mut ld = Vec::new();
    claimtrail::exports::claimreview::write(&mut ld, &reviews).expect("to memory");
    serde_json::from_slice::<serde_json::Value>(&ld).expect("ClaimReview JSON parses");
}

/// The elements the report writes itself; anything else from the data
/// would be markup injected into the page.
const HTML_ELEMENTS: &[&str] = &[
    "!DOCTYPE",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "section",
    "div",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "a",
    "abbr",
    "code",
    "small",
    "strong",
    "em",
    "b",
    "svg",
    "g",
    "line",
    "circle",
    "rect",
    "path",
    "text",
    "title",
    "polyline",
    "polygon",
    "details",
    "summary",
    "nav",
    "figure",
    "figcaption",
    "time",
    "dl",
    "dt",
    "dd",
    "br",
    "sup",
    "sub",
    "mark",
    "caption",
    "colgroup",
    "col",
    "tspan",
    "desc",
    "defs",
    "marker",
    "use",
    "q",
    "blockquote",
    "cite",
    "s",
    "del",
    "ins",
    "i",
    "u",
    "hr",
    "article",
    "aside",
    "label",
    "output",
    "data",
];

/// No `<script`, and every tag is one the report writes.
pub(crate) fn html_is_inert(html: &str) {
    assert!(!html.to_ascii_lowercase().contains("<script"), "a script in the report");
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            HTML_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(&name)),
            "an element the report does not write, <{name}, at byte {at}: {}",
            &html[at..(at + 80).min(html.len())]
        );
    }
}

/// Outside code spans, every `<` and `[` is escaped.
pub(crate) fn markdown_is_inert(md: &str) {
    let outside = strip_code_spans(md);
    for (i, c) in outside.char_indices() {
        if c == '<' || c == '[' {
            assert_eq!(outside[..i].chars().last(), Some('\\'), "raw {c} in the markdown report: {md}");
        }
    }
}

/// The text with inline code spans removed (GitHub shows their content
/// as text, whatever it is).
pub(crate) fn strip_code_spans(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let fence_len = rest[start..].chars().take_while(|&c| c == '`').count();
        let fence = "`".repeat(fence_len);
        let after = &rest[start + fence_len..];
        match after.find(&fence) {
            Some(end) => rest = &after[end + fence_len..],
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The CSV export reads back through `import`'s reader: either every
/// claim comes back, or the reader names cells (never a panic, never a
/// partial answer).
fn csv_reads_back(claims: &[u8], citations: &[u8], n: usize) {
    use claimtrail::internals::export::csv_import::{Table, read};
    let read = read(
        Table { name: "claims.csv", bytes: claims },
        Some(Table { name: "citations.csv", bytes: citations }),
        &|_| None::<&claimtrail::Record>,
    );
    match read {
        Ok(imported) => assert_eq!(imported.len(), n, "every claim reads back"),
        Err(errors) => assert!(!errors.is_empty()),
    }
}

/// One entry of a random file tree under claims/ or sources/.
#[derive(Debug, Clone)]
pub(crate) enum Entry {
    /// A file with these bytes.
    File {
        path: Vec<u8>,
        bytes: Vec<u8>,
    },
    Dir {
        path: Vec<u8>,
    },
    /// A symlink to a target given relative to the store root (it may
    /// climb out, dangle or loop).
    Link {
        path: Vec<u8>,
        target: Vec<u8>,
    },
    #[cfg(unix)]
    Fifo {
        path: Vec<u8>,
    },
}

/// The store walk and load over a random tree: loading never fails nor
/// panics, every record and finding is a path under claims/ or sources/,
/// nothing from outside the store is read (a secret placed next to the
/// store never shows up), and `check` gives a finding per file it cannot
/// read.
#[cfg(unix)]
pub(crate) fn store_walk(entries: &[Entry]) {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("walk");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("secret.ron"), "Source(id: \"outside-secret\", name: \"S\", kind: Other)")
        .expect("write");
    let root = dir.path().join("store");
    for top in ["claims", "sources/snapshots", "schemas"] {
        std::fs::create_dir_all(root.join(top)).expect("mkdir");
    }
    std::fs::write(root.join("schemas/measures.ron"), pipeline::MEASURES).expect("write");
    let under = |path: &[u8]| {
        let top = if path.first().is_some_and(|b| b % 2 == 0) { "claims" } else { "sources" };
        root.join(top).join(std::ffi::OsStr::from_bytes(path))
    };
    for e in entries {
        let (path, parent) = match e {
            Entry::File { path, .. }
            | Entry::Dir { path }
            | Entry::Link { path, .. }
            | Entry::Fifo { path } => {
                let p = under(path);
                let parent = p.parent().expect("under the store").to_path_buf();
                (p, parent)
            }
        };
        // Never through what an earlier entry made: a link (which could
        // lead out of the temp folder) or a FIFO (which would block). Each
        // ancestor must be a real folder or not exist yet, and nothing may
        // be at the path itself.
        if !plain_path(&root, &parent) || std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        if std::fs::create_dir_all(&parent).is_err() || !plain_path(&root, &parent) {
            continue;
        }
        // Entries that cannot be made are skipped.
        let _ = match e {
            Entry::File { bytes, .. } => {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(bytes))
            }
            Entry::Dir { .. } => std::fs::create_dir(&path),
            Entry::Link { target, .. } => {
                std::os::unix::fs::symlink(root.join(std::ffi::OsStr::from_bytes(target)), &path)
            }
            Entry::Fifo { .. } => Command::new("mkfifo").arg(&path).status().map(|_| ()),
        };
    }
    let store = claimtrail::Store::open(root.clone()).expect("the store opens");
    let snap = store.load().expect("loading never fails on what is under claims/ and sources/");
    for file in snap.entries.iter().map(|e| &e.file).chain(snap.findings.iter().map(|d| &d.file)) {
        assert!(
            file.starts_with("claims/") || file.starts_with("sources/") || file == "schemas/measures.ron",
            "{file}"
        );
    }
    assert!(snap.entries.iter().all(|e| e.record.id() != "outside-secret"), "read outside the store");
    let diags = claimtrail::check(&snap);
    assert!(diags.iter().all(|d| !d.message.contains("outside-secret")));
    // A second load gives the same answer (order does not depend on threads).
    let again = store.load().expect("loads again");
    let files = |s: &claimtrail::Contents| -> Vec<String> {
        s.entries.iter().map(|e| e.file.clone()).chain(s.findings.iter().map(|d| d.file.clone())).collect()
    };
    assert_eq!(files(&snap), files(&again));
}

/// Whether every existing component of `path` below `root` is a real
/// folder (no symlink, no FIFO, no file).
#[cfg(unix)]
fn plain_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut at = root.to_path_buf();
    for c in rel.components() {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return false,
            Err(_) => return true, // the rest does not exist yet
        }
    }
    true
}

/// An edit of a random commit sequence, on one of a few ids.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// Write the claim `id` with this figure at path number `at`.
    Write { id: usize, value: u64, at: usize },
    /// Break the file at path number `at` (if any).
    Break { at: usize },
    /// Delete the file at path number `at`.
    Delete { at: usize },
    /// Commit what is there.
    Commit,
}

const PATHS: [&str; 4] = ["claims/a.ron", "claims/b.ron", "claims/x/a.ron", "claims/x/y/c.ron"];

/// History over a random sequence of commits: `history` of every id,
/// `diff` between consecutive and distant commits, `conflicts --history`
/// never panic nor fail; and what history replays as a record change in
/// a commit, `diff` of that commit shows too (as a record change, or as a
/// file it cannot read at the record's path).
pub(crate) fn history(ops: &[Op]) {
    use claimtrail::internals::store::commits::State;
    let dir = TempDir::new("history");
    let root = dir.path().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"]);
    std::fs::write(root.join("claimtrail.ron"), "Config()\n").expect("write");
    std::fs::create_dir_all(root.join("schemas")).expect("mkdir");
    std::fs::write(root.join("schemas/measures.ron"), pipeline::MEASURES).expect("write");
    std::fs::create_dir_all(root.join("sources")).expect("mkdir");
    std::fs::write(root.join("sources/c.ron"), "Source(id: \"c\", name: \"C\", kind: Other)\n")
        .expect("write");
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "start"]);
    for op in ops {
        match *op {
            Op::Write { id, value, at } => {
                let path = root.join(PATHS[at % PATHS.len()]);
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
                let text = format!(
                    "Claim(id: \"t{}\", subject: \"s\", measure: \"killed\", value: Exact({value}), statement: \"x\", claimant: \"c\", citations: [Citation(document: \"d\", quote: \"q\")])\n",
                    id % 3
                );
                std::fs::write(path, text).expect("write");
            }
            Op::Break { at } => {
                let path = root.join(PATHS[at % PATHS.len()]);
                if path.exists() {
                    std::fs::write(path, "Claim(broken\n").expect("write");
                }
            }
            Op::Delete { at } => {
                let _ = std::fs::remove_file(root.join(PATHS[at % PATHS.len()]));
            }
            Op::Commit => {
                git(&root, &["add", "-A"]);
                git(&root, &["commit", "-q", "--allow-empty", "-m", "edit"]);
            }
        }
    }
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "--allow-empty", "-m", "last"]);

    let store = claimtrail::Store::open(root.clone()).expect("the store opens");
    let repo = claimtrail::GitRepo::open(&store).expect("the repository opens");
    let head = repo.resolve("HEAD").expect("HEAD");
    let walk = repo.first_parent_changes(&head, None).expect("the walk");
    let mut state = State::default();
    let mut previous: Option<claimtrail::Commit> = None;
    for step in &walk {
        let changed = state.apply(step);
        if let Some(prev) = &previous {
            let (old, new) = repo.diff_sides(prev, &step.commit).expect("diff sides");
            let diff = claimtrail::internals::history::record_diff::diff(&old, &new);
            let ids: HashSet<&str> = diff.records.iter().map(|r| r.id.as_str()).collect();
            let unreadable: HashSet<&str> = diff.unreadable.iter().map(|u| u.path.as_str()).collect();
            for rc in &changed {
                let at = |l: &Option<claimtrail::internals::store::commits::Located>| {
                    l.as_ref().is_some_and(|l| unreadable.contains(l.path.as_str()))
                };
                assert!(
                    ids.contains(rc.id.as_str()) || at(&rc.old) || at(&rc.new),
                    "history changes {} in {}, diff does not show it: {diff:?}",
                    rc.id,
                    step.commit.sha
                );
            }
        }
        previous = Some(step.commit.clone());
    }
    use claimtrail::{Selector, versions};
    for id in ["t0", "t1", "t2"] {
        let _ = versions(&walk, &Selector::Id(id.to_owned()));
    }
    let _ = versions(&walk, &Selector::All);
    let first = walk.first().expect("a commit").commit.clone();
    let (old, new) = repo.diff_sides(&first, &head).expect("diff sides");
    let _ = claimtrail::internals::history::record_diff::diff(&old, &new);
    let _ = claimtrail::internals::history::revisions::revisions(&walk, None);
}

/// Runs git in `dir` without the user's configuration ([`env::git`]).
fn git(dir: &Path, args: &[&str]) {
    let out = env::git(dir, "Fuzz", "2024-01-01T00:00:00+00:00").args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A field a side of a merge may change, and the values it takes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Edit {
    Value(u64),
    Statement(u8),
    Note(u8),
    AsOf(u8),
    Tag(u8),
    /// A comment on a line of its own before the record's line N (modulo
    /// its length), or (`true`) at the end of that line when it ends a
    /// field.
    Comment(u8, bool),
}

/// The merge driver never loses an edit: a clean merge holds each field
/// changed on one side with that side's value (both sides' tags) and every
/// comment either side added, and a field changed differently on both
/// sides is never merged cleanly — it keeps git's conflict markers with
/// both values in them. Whatever the outcome (clean, conflicts, or left to
/// git's line merge of the whole texts, as the CLI does), every field
/// edit and every added comment of either side is in the text.
pub(crate) fn merge(ours: &[Edit], theirs: &[Edit]) {
    use claimtrail::internals::history::merge::{Lines, Merged, OURS, Sides, THEIRS, merge, without_seal};
    let base = "Claim(\n    id: \"m\",\n    subject: \"s\",\n    measure: \"killed\",\n    value: Exact(100),\n    as_of: \"2024-03-01\",\n    statement: \"base statement\",\n    claimant: \"c\",\n    citations: [\n        Citation(document: \"d\", quote: \"q\"),\n    ],\n    tags: [\"base\"],\n)\n";
    let base = seal(base);
    let mut comments: Vec<String> = Vec::new();
    let mut side = |edits: &[Edit], tag: &str| {
        let Ok(Record::Claim(mut c)) = parse_record(&base) else { unreachable!("the base parses") };
        for e in edits {
            match *e {
                Edit::Value(v) => c.value = claimtrail::Value::Exact(v),
                Edit::Statement(n) => c.statement = format!("statement {n}"),
                Edit::Note(n) => c.note = Some(format!("note {n}")),
                Edit::AsOf(n) => c.as_of = Some(format!("2024-03-{:02}", 1 + n % 28).into()),
                Edit::Tag(n) => c.tags.push(format!("tag-{n}")),
                Edit::Comment(..) => {}
            }
        }
        c.hash = None;
        let text = claimtrail::internals::text::ron_writer::record(&Record::Claim(c));
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (i, e) in edits.iter().enumerate() {
            let Edit::Comment(at, trailing) = *e else { continue };
            let comment = format!("// c-{tag}-{i}-{at}");
            let at = 1 + usize::from(at) % (lines.len() - 1);
            if trailing && lines[at].ends_with(',') {
                lines[at] = format!("{} {comment}", lines[at]);
            } else {
                lines.insert(at, format!("    {comment}"));
            }
            comments.push(comment);
        }
        seal(&format!("{}\n", lines.join("\n")))
    };
    let (o, t) = (side(ours, "o"), side(theirs, "t"));
    let claim = |text: &str| match parse_record(text) {
        Ok(Record::Claim(c)) => c,
        other => panic!("not a claim: {other:?}\n{text}"),
    };
    let (b, oc, tc) = (claim(&base), claim(&o), claim(&t));
    let [wb, wo, wt] = [base.as_str(), o.as_str(), t.as_str()].map(without_seal);
    let lines = claimtrail::internals::store::git::merge_file::merge_texts(
        wb.as_bytes(),
        wo.as_bytes(),
        wt.as_bytes(),
        [OURS, THEIRS],
    )
    .expect("git's line merge runs");
    let line_text = String::from_utf8(lines.text.clone()).expect("UTF-8");
    type Field = fn(&claimtrail::Claim) -> String;
    let fields: [(&str, Field); 4] = [
        ("value", |c| claimtrail::internals::text::ron_writer::value(&c.value)),
        ("statement", |c| c.statement.clone()),
        ("note", |c| c.note.clone().unwrap_or_default()),
        ("as_of", |c| c.as_of.as_deref().unwrap_or_default().to_owned()),
    ];
    // Every edit and every added comment is somewhere in the text.
    let nothing_lost = |text: &str| {
        for (name, get) in fields {
            for side in [&oc, &tc] {
                if get(side) != get(&b) {
                    assert!(text.contains(&get(side)), "{name} edit {} lost:\n{text}", get(side));
                }
            }
        }
        for tag in oc.tags.iter().chain(&tc.tags) {
            assert!(text.contains(tag.as_str()), "tag {tag} lost:\n{text}");
        }
        for comment in &comments {
            assert!(text.contains(comment.as_str()), "comment {comment} lost:\n{text}");
        }
    };
    match merge(
        Sides { base: &base, ours: &o, theirs: &t },
        Some(Lines { text: &line_text, clean: lines.clean }),
    ) {
        Merged::Clean(text) => {
            let m = claim(&text);
            for (name, get) in fields {
                let (vb, vo, vt, vm) = (get(&b), get(&oc), get(&tc), get(&m));
                if vo != vb && vt != vb {
                    assert_eq!(vo, vt, "{name} changed differently on both sides, merged cleanly:\n{text}");
                }
                let want = if vo == vb { vt } else { vo };
                assert_eq!(vm, want, "{name} lost an edit:\n{text}");
            }
            for tag in oc.tags.iter().chain(&tc.tags) {
                assert!(m.tags.contains(tag), "tag {tag} lost:\n{text}");
            }
            assert_eq!(
                claimtrail::internals::text::reseal_text::reseal(&text),
                Ok(claimtrail::internals::text::reseal_text::Reseal::UpToDate),
                "a clean merge is sealed"
            );
            nothing_lost(&text);
        }
        Merged::Conflicts { text, fields: conflicted } => {
            assert!(text.contains("<<<<<<<") && text.contains(">>>>>>>"), "{text}");
            for name in conflicted {
                let get = fields.iter().find(|(n, _)| *n == name).map(|(_, g)| *g);
                if let Some(get) = get {
                    assert_ne!(get(&oc), get(&tc), "{name} is no conflict");
                }
            }
            nothing_lost(&text);
        }
        // Left to git's line merge of the whole texts, as the CLI does.
        Merged::Unreadable(_) => {
            let whole = claimtrail::internals::store::git::merge_file::merge_texts(
                base.as_bytes(),
                o.as_bytes(),
                t.as_bytes(),
                [OURS, THEIRS],
            )
            .expect("git's line merge runs");
            nothing_lost(&String::from_utf8(whole.text).expect("UTF-8"));
        }
    }
}

fn seal(text: &str) -> String {
    match claimtrail::internals::text::reseal_text::reseal(text).expect("parses") {
        claimtrail::internals::text::reseal_text::Reseal::Changed { text, .. } => text,
        claimtrail::internals::text::reseal_text::Reseal::UpToDate => text.to_owned(),
    }
}

/// `import` is all or nothing: a table with any error writes no file; a
/// table without one writes every row's record (or finds it there); and
/// a second run writes nothing new. Runs the built binary in a fresh
/// store; `claimtrail` is its path.
#[expect(clippy::naive_bytecount, reason = "a table of a few rows; the fuzz targets have no bytecount crate")]
pub(crate) fn import(claimtrail: &Path, table: &[u8]) -> Option<i32> {
    let dir = TempDir::new("import");
    let root = dir.path().to_path_buf();
    std::fs::write(root.join("claimtrail.ron"), "Config()\n").expect("write");
    std::fs::create_dir_all(root.join("schemas")).expect("mkdir");
    std::fs::write(root.join("schemas/measures.ron"), pipeline::MEASURES).expect("write");
    std::fs::create_dir_all(root.join("sources/snapshots")).expect("mkdir");
    std::fs::write(root.join("sources/c.ron"), seal("Source(id: \"c\", name: \"C\", kind: Other)\n"))
        .expect("write");
    std::fs::write(
        root.join("sources/d.ron"),
        seal("Document(id: \"d\", publisher: \"c\", title: \"T\", published: \"2024-03-22\")\n"),
    )
    .expect("write");
    std::fs::write(root.join("table.csv"), table).expect("write");
    let before = files(&root);
    let run = || {
        env::isolate(&mut Command::new(claimtrail))
            .current_dir(&root)
            .args(["import", "--format", "csv", "table.csv"])
            .output()
            .expect("claimtrail runs")
    };
    let out = run();
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let after = files(&root);
    match out.status.code() {
        Some(0) => {
            let wrote = after.len() - before.len();
            assert!(wrote <= table.iter().filter(|&&b| b == b'\n').count(), "{said}");
            let again = run();
            assert_eq!(again.status.code(), Some(0), "a second import: {said}");
            assert_eq!(files(&root), after, "a second import writes nothing new");
            let check = env::isolate(&mut Command::new(claimtrail))
                .current_dir(&root)
                .args(["check", "--format", "json"])
                .output();
            let check = check.expect("check runs");
            let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("check JSON");
            let parse_errors = json["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .filter(|d| d["code"] == "parse")
                .count();
            assert_eq!(parse_errors, 0, "every imported file parses: {json}");
        }
        Some(1 | 2) => assert_eq!(after, before, "a refused import wrote something: {said}"),
        other => panic!("import ended with {other:?}: {said}"),
    }
    out.status.code()
}

/// Every file under `root` with its bytes.
fn files(root: &Path) -> HashMap<PathBuf, Vec<u8>> {
    let mut out = HashMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read folder").flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    out
}

/// A temp folder removed on drop (std only, for the fuzz crate).
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(what: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("claimtrail-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp folder");
        TempDir(path.canonicalize().expect("temp folder resolves"))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
