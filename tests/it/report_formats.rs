//! `report --format html|markdown` end to end: the markdown comment pinned
//! by a snapshot; the HTML page self-contained, with a chart per count or
//! date group of the shipped store; and record text that carries markup
//! (in every field a report shows) coming out as text in both.

use std::path::Path;

use crate::support::stores::{claimtrail, clean, write};

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = claimtrail(dir).args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn markdown_snapshot() {
    let dir = clean();
    let md = stdout(dir.path(), &["report", "--format", "markdown"]);
    // Temporary folder names are letters and digits after a dot: nothing
    // that markdown escaping changes.
    let title = dir.path().file_name().unwrap().to_string_lossy().into_owned();
    assert!(md.contains(&title));
    insta::assert_snapshot!(md.replace(&title, "[store]"));
}

#[test]
fn html_of_the_fixture() {
    let dir = clean();
    let file = dir.path().join("report.html");
    claimtrail(dir.path()).args(["report", "-o"]).arg(&file).assert().code(0).stdout("");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // One count group (killed) and one date group (occurred) get charts.
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 2);
    // The toll that went down is a conflict: red, joined by a dashed line.
    assert!(html.contains("class=\"pt conflicted\""));
    assert!(html.contains("class=\"pair\""));
    assert!(html.contains("class=\"arrow\""), "AtLeast(115) is drawn open-ended");
    // The answer first: the current figures, and who disagrees, in words.
    assert!(html.contains("<p class=\"answer\">Now "), "no summary line");
    assert!(html.contains("open conflict"), "the summary names the conflicts");
    // The scales are printed, and the claims not compared keep their statement.
    assert!(html.contains("<div class=\"scales\">"));
    assert_self_contained(&html);
}

#[test]
fn html_of_the_shipped_store_has_a_chart_per_group() {
    // A copy outside git: the charts do not depend on history, and the
    // test must not depend on how deep the clone it runs in is.
    let copy = tempfile::tempdir().unwrap();
    let root = copy.path();
    copy_store(Path::new(env!("CARGO_MANIFEST_DIR")), root);
    let html = stdout(root, &["report", "--format", "html"]);
    assert!(!html.contains("id=\"history\""), "no history outside git");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(root, &["report", "--format", "json"])).unwrap();
    let measures = std::fs::read_to_string(root.join("schemas/measures.ron")).unwrap();
    let charted: std::collections::BTreeSet<(String, String)> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["credibility"].is_null())
        .filter(|c| {
            let m = c["measure"].as_str().unwrap();
            measures.contains(&format!("id: \"{m}\", kind: Count"))
                || measures.contains(&format!("id: \"{m}\", kind: Date"))
        })
        .map(|c| (c["subject"].as_str().unwrap().to_owned(), c["measure"].as_str().unwrap().to_owned()))
        .collect();
    assert!(charted.len() > 5);
    assert_eq!(html.matches("<svg class=\"chart\"").count(), charted.len());
    assert_self_contained(&html);
}

pub(crate) fn copy_store(from: &Path, to: &Path) {
    for entry in ["claimtrail.ron", "claims", "sources", "schemas"] {
        copy_tree(&from.join(entry), &to.join(entry));
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy_tree(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// No script, no external reference: every tag is one the renderer
/// writes, no attribute is an event handler, and links stay in the page.
fn assert_self_contained(html: &str) {
    const TAGS: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "div",
        "b", "nav", "ul", "li", "a", "span", "section", "small", "svg", "line", "path", "text", "circle",
        "g", "table", "thead", "tbody", "tr", "th", "td", "br", "code", "footer", "details", "summary", "ol",
    ];
    let body = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_owned(),
    };
    for tag in body.split('<').skip(1) {
        let inner = &tag[..tag.find('>').expect("every tag closes")];
        let name = inner.trim_start_matches('/').split([' ', '/']).next().unwrap();
        assert!(TAGS.contains(&name), "unexpected tag <{inner}>");
        let mut rest = inner;
        while let Some(eq) = rest.find("=\"") {
            let attr = rest[..eq].rsplit(' ').next().unwrap();
            let value_end = rest[eq + 2..].find('"').expect("quoted value closes") + eq + 2;
            let value = &rest[eq + 2..value_end];
            assert!(!attr.to_ascii_lowercase().starts_with("on"), "event handler in <{inner}>");
            if attr == "href" || attr == "src" {
                assert!(value.starts_with('#'), "external reference in <{inner}>");
            }
            rest = &rest[value_end + 1..];
        }
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

const PAYLOADS: [&str; 3] =
    ["<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "'><svg onload=alert(3)>"];

/// A store whose every shown text field holds markup; the root folder's
/// name (the report's title) too.
fn hostile() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("store <img src=x onerror=alert(9)>");
    std::fs::create_dir(&root).unwrap();
    let [p1, p2, p3] = PAYLOADS.map(|p| p.replace('"', "\\\""));
    write(&root, "claimtrail.ron", "Config()\n");
    write(
        &root,
        "schemas/measures.ron",
        &format!(
            "[Measure(id: \"killed\", kind: Count, unit: \"{p1}\", description: \"{p2}\"),\n\
             Measure(id: \"by\", kind: Actor, description: \"{p3}\"),\n\
             Measure(id: \"{p1}\", kind: Text)]"
        ),
    );
    write(
        &root,
        "sources/s.ron",
        &format!(
            "Source(id: \"{p2}\", name: \"{p1}\", kind: Other, ratings: [Rating(on: \"{p3}\", reliability: B, by: \"{p1}\", note: \"{p2}\")])"
        ),
    );
    write(
        &root,
        "sources/d.ron",
        &format!(
            "Document(id: \"d\", publisher: \"{p2}\", title: \"{p3}\", url: \"{p1}\", published: \"2024\")"
        ),
    );
    let claim = |id: &str, subject: &str, measure: &str, value: &str, extra: &str| {
        format!(
            "Claim(id: \"{id}\", subject: \"{subject}\", measure: \"{measure}\", value: {value}, as_of: \"{p3}\", \
             statement: \"{p1} {p2} {p3}\", claimant: \"{p2}\", citations: [Citation(document: \"d\", quote: \"{p1}\")], \
             tags: [\"{p2}\"], note: \"{p3}\", {extra})"
        )
    };
    write(&root, "claims/a.ron", &claim(&p1, &p2, "killed", "Exact(3)", ""));
    write(&root, "claims/b.ron", &claim("b", &p2, "killed", "Exact(9)", ""));
    write(&root, "claims/c.ron", &claim("c", &p3, "by", &format!("Actor(\"{p1}\")"), ""));
    write(&root, "claims/e.ron", &claim("e", &p3, "by", &format!("Actor(\"{p2}\")"), ""));
    write(&root, "claims/f.ron", &claim("f", &p1, &p1, &format!("Text(\"{p3}\")"), ""));
    write(
        &root,
        "claims/g.ron",
        &claim(
            "g",
            &p1,
            "killed",
            "Exact(1)",
            &format!("review: Review(verdict: False, by: \"{p1}\", on: \"{p2}\")"),
        ),
    );
    (dir, root)
}

#[test]
fn html_escapes_markup_in_every_field() {
    let (_dir, root) = hostile();
    let html = stdout(&root, &["report", "--format", "html"]);
    assert_self_contained(&html);
    for p in PAYLOADS {
        assert!(!html.contains(p), "{p} came out raw");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&#39;&gt;&lt;svg onload=alert(3)&gt;"));
    assert!(html.contains("<title>Claims report: store &lt;img src=x onerror=alert(9)&gt;</title>"));
    // The two conflicting actors and the figures are all there, as text.
    assert!(html.contains("class=\"conflicted\""));
}

#[test]
fn markdown_escapes_markup_in_every_field() {
    let (_dir, root) = hostile();
    let md = stdout(&root, &["report", "--format", "markdown"]);
    let outside_code = crate::support::surface::strip_code_spans(&md);
    for (i, c) in outside_code.char_indices() {
        if c == '<' || c == '>' || c == '[' {
            assert_eq!(
                outside_code[..i].chars().last(),
                Some('\\'),
                "raw {c} at {i}: {}",
                &outside_code[i.saturating_sub(40)..]
            );
        }
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
}

/// A comment with more conflicts than GitHub's limit holds cuts the
/// longest section, the conflicts, with "… N more", and keeps the figures
/// and the sources (the figures used to be dropped with everything after
/// the conflicts).
#[test]
fn markdown_cut_to_its_limit_keeps_every_section() {
    let dir = clean();
    let root = dir.path();
    let n: u64 = 45; // 990 conflicting pairs, far over the limit
    // All of them listed: over the pairs a group reports by default.
    let config = std::fs::read_to_string(root.join("claimtrail.ron")).expect("the store's config");
    let config = config.replacen("Config(", "Config(max_pairs_per_group: 1000, ", 1);
    write(root, "claimtrail.ron", &config);
    for i in 0..n {
        let text = format!(
            "Claim(\n    id: \"many-{i}\",\n    subject: \"many\",\n    measure: \"killed\",\n    value: Exact({}),\n    statement: \"A figure of {i}.\",\n    claimant: \"baza\",\n    citations: [Citation(document: \"baza-1\", quote: \"A figure of {i}.\")],\n)\n",
            1000 + 10 * i
        );
        write(root, &format!("claims/many/many-{i}.ron"), &crate::support::stores::sealed(&text));
    }
    let md = stdout(root, &["report", "--format", "markdown"]);
    assert!(
        md.chars().count() <= claimtrail::internals::render::report::markdown::LIMIT,
        "{}",
        md.chars().count()
    );
    for heading in ["### Conflicts", "### Figures", "### Sources"] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("`many-44`") && md.contains("`killed-ic-137`"), "every figure is shown");
    assert!(md.contains("Islamic State"), "every source is shown");
    let shown = md.matches("| `many` · `killed` |").count();
    assert!(shown > 100, "the conflicts keep a share: {shown}");
    let total = n * (n - 1) / 2;
    assert!(md.contains(&format!("… {} more conflicts not shown", total - shown as u64)), "{md}");
}
