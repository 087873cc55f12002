//! `recheck` end to end against a server the test starts on 127.0.0.1
//! whose pages change between fetches: unchanged, changed (naming the
//! claim and showing 143 against 144), gone, unreachable, and `--save`
//! writing the new version with `version_of`, the old record and snapshot
//! untouched.

use serde_json::Value;

use crate::support::web_server::{Reply, Server};
use crate::support::{claimtrail_in, output, seal};
use crate::web_archive::{assert_schema, store, tree, warcio_records};

const STEADY: &str = "Officials said at least 143 people were killed in the attack.\n";
const EDITED: &str = "Officials said at least 144 people were killed in the attack.\n";

fn claim(id: &str, document: &str) -> String {
    seal(
        &format!(
            "Claim(\n    id: \"{id}\",\n    subject: \"crocus\",\n    measure: \"killed\",\n    value: AtLeast(143),\n    statement: \"x\",\n    claimant: \"ic\",\n    citations: [\n        Citation(document: \"{document}\", quote: \"at least 143 people were killed\"),\n    ],\n)\n"
        ),
        None,
    )
}

#[test]
fn unchanged_changed_gone_and_saved() {
    let server = Server::http(|path, n| match (path, n) {
        ("/steady", _) => Reply::ok("text/plain; charset=utf-8", STEADY),
        ("/changing", 0 | 1) => Reply::ok("text/plain; charset=utf-8", STEADY),
        ("/changing", _) => Reply::ok("text/plain; charset=utf-8", EDITED),
        ("/vanishing", 0) => Reply::ok("text/plain; charset=utf-8", STEADY),
        ("/vanishing", _) => Reply::status(410),
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let root = dir.path();
    for (path, id) in [("/steady", "steady"), ("/changing", "changing"), ("/vanishing", "vanishing")] {
        let args = ["archive", &server.url(path), "--id", id, "--title", "T", "--published", "2024-03-23"];
        let (out, err, code) = output(&mut claimtrail_in(root, &args));
        assert_eq!(code, 0, "{out}{err}");
        std::fs::create_dir_all(root.join("claims")).expect("mkdir");
        std::fs::write(root.join(format!("claims/{id}-claim.ron")), claim(&format!("{id}-claim"), id))
            .expect("write claim");
    }
    let (out, err, code) = output(&mut claimtrail_in(root, &["check"]));
    assert_eq!(code, 0, "{out}{err}");

    // The second fetch: both pages as archived.
    let (out, err, code) = output(&mut claimtrail_in(root, &["recheck", "steady", "changing"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("unchanged"), "{out}");
    assert!(out.contains("2 documents: 2 unchanged, 0 changed"), "{out}");

    // The third: the toll was edited from 143 to 144.
    let (out, err, code) = output(&mut claimtrail_in(root, &["recheck", "changing", "--format", "json"]));
    assert_eq!(code, 1, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_schema("recheck-output.schema.json", &json);
    let doc = &json["documents"][0];
    assert_eq!(doc["id"], "changing");
    assert_eq!(doc["status"], "changed");
    assert_eq!(doc["saved"], Value::Null);
    assert_eq!(doc["changes"][0]["old"], "143");
    assert_eq!(doc["changes"][0]["new"], "144");
    let quote = &doc["quotes"][0];
    assert_eq!(quote["claim"], "changing-claim");
    assert_eq!(quote["found"], false);
    assert_eq!(quote["closest"], "at least 144 people were killed");
    assert_eq!(quote["differences"][0], "143 → 144");

    // Gone, and the human form a desk reads in a CI log.
    let (out, err, code) = output(&mut claimtrail_in(root, &["recheck"]));
    assert_eq!(code, 1, "{out}{err}");
    for line in [
        "unchanged   steady",
        "changed     changing",
        "claim changing-claim: quote no longer on the page",
        "closest  \"at least 144 people were killed\"",
        "differs  143 → 144",
        "gone        vanishing",
        "claim vanishing-claim: cites a page that is gone",
        "3 documents: 1 unchanged, 1 changed, 1 gone, 0 unreachable; 2 cited quotes no longer found",
    ] {
        assert!(out.contains(line), "`{line}` not in:\n{out}");
    }

    // --save: the new version beside the old, which stays as it was.
    let before = tree(root);
    let (out, err, code) =
        output(&mut claimtrail_in(root, &["recheck", "changing", "--save", "--format", "json"]));
    assert_eq!(code, 1, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_schema("recheck-output.schema.json", &json);
    let saved = json["documents"][0]["saved"].as_str().expect("saved").to_owned();
    assert!(saved.starts_with("changing-") && saved.len() == "changing-".len() + 8, "{saved}");
    let after = tree(root);
    for (file, bytes) in &before {
        assert_eq!(after.get(file), Some(bytes), "{file} changed");
    }
    let record =
        std::fs::read_to_string(root.join(format!("sources/documents/{saved}.ron"))).expect("record");
    assert!(record.contains("version_of: \"changing\""), "{record}");
    assert!(record.contains("title: \"T\""), "{record}");
    assert_eq!(
        std::fs::read(root.join(format!("sources/snapshots/{saved}.txt"))).expect("snapshot"),
        EDITED.as_bytes()
    );
    warcio_records(&root.join(format!("sources/snapshots/{saved}.warc.gz")));
    let (out, err, code) = output(&mut claimtrail_in(root, &["check"]));
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn unreachable_is_not_a_failure_of_the_run() {
    let server = Server::http(|path, n| match (path, n) {
        ("/a", 0) => Reply::ok("text/plain", STEADY),
        ("/a", _) => Reply::status(503),
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let args = ["archive", &server.url("/a"), "--id", "a", "--title", "T", "--published", "2024-03-23"];
    let (out, err, code) = output(&mut claimtrail_in(dir.path(), &args));
    assert_eq!(code, 0, "{out}{err}");
    let (out, err, code) = output(&mut claimtrail_in(dir.path(), &["recheck", "--format", "json"]));
    assert_eq!(code, 0, "{out}{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["documents"][0]["status"], "unreachable");
    assert!(json["documents"][0]["reason"].as_str().expect("a reason").contains("HTTP 503"), "{json}");
    let (_, err, code) = output(&mut claimtrail_in(dir.path(), &["recheck", "nope"]));
    assert_eq!(code, 2, "{err}");
}

/// An HTML page edited between fetches: the quote of its visible text
/// (across `<b>` and `&nbsp;`) is checked on the live page's visible
/// text, and a change only inside a `<script>` is no change at all.
#[test]
fn html_pages_are_compared_by_their_visible_text() {
    let page = |toll: &str, script: &str| {
        format!(
            "<!doctype html><html><head><title>T</title><script>var x = \"{script}\";</script></head>\
<body><article><p>Officials said at least <b>{toll} people</b> were&nbsp;killed in the attack.</p></article></body></html>"
        )
    };
    let (first, scripted, edited) = (page("143", "a"), page("143", "b"), page("144", "b"));
    let server = Server::http(move |path, n| match (path, n) {
        ("/p", 0) => Reply::ok("text/html", first.clone()),
        ("/p", 1) => Reply::ok("text/html", scripted.clone()),
        ("/p", _) => Reply::ok("text/html", edited.clone()),
        _ => Reply::status(404),
    });
    let dir = store(&server.url("/"), "Config()\n");
    let root = dir.path();
    let args = ["archive", &server.url("/p"), "--id", "p", "--published", "2024-03-23"];
    let (out, err, code) = output(&mut claimtrail_in(root, &args));
    assert_eq!(code, 0, "{out}{err}");
    std::fs::create_dir_all(root.join("claims")).expect("mkdir");
    std::fs::write(root.join("claims/p.ron"), claim("p-claim", "p")).expect("claim");
    let (out, err, code) = output(&mut claimtrail_in(root, &["check"]));
    assert_eq!(code, 0, "{out}{err}");
    let (out, err, code) = output(&mut claimtrail_in(root, &["recheck"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("unchanged   p"), "{out}");
    let (out, err, code) = output(&mut claimtrail_in(root, &["recheck"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("differs  143 → 144"), "{out}");
}
