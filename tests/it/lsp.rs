//! `claimtrail lsp` end to end: a JSON-RPC client drives the built binary
//! through an editor's session on a temp store (docs/reference.md section 6.1), and
//! through hostile input that must give a diagnostic or an error
//! response, never a crash.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::lsp_client::{Client, apply, position, uri};
use crate::support::stores;

/// What an editor tells the server it can do.
fn capabilities() -> Value {
    json!({
        "workspace": {
            "workspaceEdit": {"documentChanges": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
        },
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
    })
}

/// A new claim whose claimant is `claimant`; the statement holds
/// characters outside the Basic Multilingual Plane, on the claimant's
/// line, so columns differ between bytes, UTF-16 and characters.
fn claim(claimant: &str) -> String {
    format!(
        "Claim(\n    id: \"killed-new\",\n    subject: \"other-event\",\n    measure: \"killed\",\n    value: Exact(5),\n    statement: \"𝄞 five é\", claimant: \"{claimant}\",\n    citations: [\n        Citation(document: \"baza-1\", quote: \"a quote: 5 killed\"),\n    ],\n)\n"
    )
}

const NEW: &str = "claims/other-event/killed-new.ron";

/// Every file of a folder with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("inside").display().to_string();
                out.insert(rel, std::fs::read(&path).expect("a file"));
            }
        }
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> =
        diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("-").to_owned()).collect();
    codes.sort();
    codes
}

fn open(client: &mut Client, file: &str, text: &str, version: i64) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": file, "languageId": "ron", "version": version, "text": text}}),
    );
}

fn change(client: &mut Client, file: &str, version: i64, changes: Value) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file, "version": version}, "contentChanges": changes}),
    );
}

fn at(file: &str, text: &str, offset: usize) -> Value {
    json!({"textDocument": {"uri": file}, "position": position(text, offset)})
}

/// The code action titled like `title`, applied to `text`.
fn apply_action(actions: &Value, title: &str, file: &str, text: &str) -> String {
    let action = actions
        .as_array()
        .and_then(|a| a.iter().find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title))))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:#}"));
    let change = &action["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], file);
    apply(text, change["edits"].as_array().expect("edits"))
}

#[test]
fn an_editing_session() {
    let store = stores::clean();
    let root = store.path().canonicalize().expect("the store");
    let before = files(&root);
    let mut client = Client::start(&root);
    let init = client.initialize(&root, capabilities());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    // The server asks to be told of changes on disk.
    let file = uri(&root.join(NEW));

    // A dangling claimant: the finding arrives, at the claimant's value.
    let mut text = claim("icc");
    open(&mut client, &file, &text, 1);
    let found = client.diagnostics(&file, |d| !d.is_empty());
    assert_eq!(codes(&found), ["dangling-reference", "missing-hash"]);
    let dangling = found.iter().find(|d| d["code"] == "dangling-reference").expect("the finding");
    let value = text.find("\"icc\"").expect("the claimant");
    assert_eq!(dangling["range"]["start"], position(&text, value));
    assert_eq!(dangling["range"]["end"], position(&text, value + 5));
    // UTF-16: `𝄞` counts two units, `é` one, before the claimant.
    let line = &text[..value].rsplit('\n').next().expect("a line");
    assert_eq!(dangling["range"]["start"]["character"], line.encode_utf16().count());
    assert_ne!(line.encode_utf16().count(), line.len());
    assert_eq!(dangling["severity"], 1);
    assert_eq!(dangling["source"], "claimtrail");
    let message = dangling["message"].as_str().expect("a message");
    assert!(
        message.contains("claimant names `icc`, but there is no source") && message.contains("\nhelp: "),
        "{message}"
    );

    // Completion at the claimant: the sources, with their names.
    let completion = client.request("textDocument/completion", at(&file, &text, value + 1));
    let items = completion["result"]["items"].as_array().expect("items");
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    for source in ["ic", "mchs", "baza", "islamic-state", "expert-jones"] {
        assert!(labels.contains(&source), "{source} in {labels:?}");
    }
    assert!(!labels.contains(&"ic-1"), "documents are no claimants: {labels:?}");
    let ic = items.iter().find(|i| i["label"] == "ic").expect("ic");
    assert_eq!(ic["detail"], "Investigative Committee (Government)");
    assert_eq!(ic["textEdit"]["newText"], "ic");

    // The did-you-mean fix replaces the id; the finding is gone.
    let range = json!({"start": position(&text, value), "end": position(&text, value + 5)});
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": file}, "range": range, "context": {"diagnostics": found}}),
    );
    text = apply_action(&actions["result"], "Replace with `ic`", &file, &text);
    assert!(text.contains("claimant: \"ic\""), "{text}");
    change(&mut client, &file, 2, json!([{"range": range, "text": "\"ic\""}]));
    let found = client.diagnostics(&file, |d| !d.iter().any(|d| d["code"] == "dangling-reference"));
    assert_eq!(codes(&found), ["missing-hash"]);

    // Hover on the claimant: the source, its rating and track record.
    let claimant = text.find("\"ic\"").expect("the claimant") + 1;
    let hover = client.request("textDocument/hover", at(&file, &text, claimant));
    let shown = hover["result"]["contents"]["value"].as_str().expect("markdown");
    assert!(shown.contains("Investigative Committee") && shown.contains("Government"), "{shown}");
    assert!(shown.contains("current rating **B**"), "{shown}");
    assert!(shown.contains("track record: claimant of 4 claims"), "{shown}");
    // Hover on the document: its title and whether its snapshot is there.
    let document = text.find("\"baza-1\"").expect("the document") + 1;
    let hover = client.request("textDocument/hover", at(&file, &text, document));
    let shown = hover["result"]["contents"]["value"].as_str().expect("markdown");
    assert!(shown.contains("Post, with a comma") && shown.contains("no archived snapshot"), "{shown}");

    // Definition of the document: its record, at its id.
    let definition = client.request("textDocument/definition", at(&file, &text, document));
    let location = &definition["result"][0];
    assert_eq!(location["uri"], uri(&root.join("sources/documents/baza-1.ron")));
    assert_eq!(location["range"]["start"], json!({"line": 1, "character": 8}));

    // Reseal: the edit `claimtrail hash` would make; then nothing is found.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": file}, "range": {"start": position(&text, 0), "end": position(&text, 0)}, "context": {"diagnostics": found}}),
    );
    text = apply_action(&actions["result"], "Reseal the hash", &file, &text);
    change(&mut client, &file, 3, json!([{"text": text}]));
    client.diagnostics(&file, |d| d.is_empty());

    // The server wrote nothing; the resealed record, saved, passes check.
    assert_eq!(files(&root), before);
    stores::write(&root, NEW, &text);
    let out = stores::claimtrail(&root).args(["check", "--format", "json"]).output().expect("check runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        !report["diagnostics"].as_array().expect("a list").iter().any(|d| d["file"] == NEW),
        "{report:#}"
    );

    // Shutdown and exit: status 0.
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn conflicts_name_the_other_claim_and_edits_recheck_what_they_touch() {
    let store = stores::clean();
    let root = store.path().canonicalize().expect("the store");
    // The store's one conflict, as `check` reports it.
    let out = stores::claimtrail(&root).args(["check", "--format", "json"]).output().expect("check runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let conflict = report["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "conflict"))
        .cloned()
        .expect("a conflict in the clean store");
    let rel = conflict["file"].as_str().expect("a file").to_owned();
    let text = std::fs::read_to_string(root.join(&rel)).expect("the claim");
    let file = uri(&root.join(&rel));

    let mut client = Client::start(&root);
    client.initialize(&root, capabilities());
    open(&mut client, &file, &text, 1);
    let found = client.diagnostics(&file, |d| !d.is_empty());
    let shown = found.iter().find(|d| d["code"] == "conflict").expect("the conflict");
    assert_eq!(shown["severity"], 2);
    assert_eq!(shown["range"]["start"]["line"], conflict["line"].as_u64().expect("a line") - 1);
    let message = conflict["message"].as_str().expect("a message");
    assert!(shown["message"].as_str().is_some_and(|m| m.starts_with(message)), "{shown:#}");
    let related = &shown["relatedInformation"][0];
    assert!(
        related["location"]["uri"].as_str().is_some_and(|u| u.ends_with(".ron") && u != file),
        "{shown:#}"
    );
    assert!(related["message"].as_str().is_some_and(|m| m.starts_with("the other claim")), "{shown:#}");

    // A dangling claimant, then the source appears on disk: the claim is
    // checked again when the editor reports the new file.
    let other = uri(&root.join(NEW));
    open(&mut client, &other, &claim("knb"), 1);
    client.diagnostics(&other, |d| d.iter().any(|d| d["code"] == "dangling-reference"));
    let source = "sources/actors/knb.ron";
    stores::write(&root, source, "Source(id: \"knb\", name: \"KNB\", kind: SecurityService)\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join(source)), "type": 1}]}),
    );
    let found = client.diagnostics(&other, |d| !d.iter().any(|d| d["code"] == "dangling-reference"));
    assert_eq!(codes(&found), ["missing-hash"]);

    // Editing an open source re-checks the open claims that name it.
    let source_uri = uri(&root.join(source));
    open(&mut client, &source_uri, "Source(id: \"knb2\", name: \"KNB\", kind: SecurityService)\n", 1);
    client.diagnostics(&other, |d| d.iter().any(|d| d["code"] == "dangling-reference"));
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": source_uri}}));
    client.diagnostics(&source_uri, |d| d.is_empty());
    client.diagnostics(&other, |d| !d.iter().any(|d| d["code"] == "dangling-reference"));

    // Closing a file clears its diagnostics.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": file}}));
    client.diagnostics(&file, |d| d.is_empty());
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn bad_input_gives_diagnostics_or_errors_never_a_crash() {
    let store = stores::clean();
    let root = store.path().canonicalize().expect("the store");
    let mut client = Client::start(&root);
    client.initialize(&root, capabilities());

    // A file that is not RON.
    let junk = uri(&root.join("claims/junk.ron"));
    open(&mut client, &junk, "this is not RON {{{ \u{1b}[31m", 1);
    let found = client.diagnostics(&junk, |d| !d.is_empty());
    assert_eq!(codes(&found), ["parse"]);

    // A 16 MiB line: parsed (it is within the file limit), and the
    // finding placed on it.
    let huge = uri(&root.join("claims/huge.ron"));
    let long = format!("Claim(id: \"{}\")", "a".repeat(16 * 1024 * 1024 - 64));
    open(&mut client, &huge, &long, 1);
    let found = client.diagnostics(&huge, |d| !d.is_empty());
    assert_eq!(codes(&found), ["parse"]);
    assert!(
        found[0]["range"]["start"]["character"].as_u64().is_some_and(|c| c > 16_000_000),
        "{:#}",
        found[0]
    );
    // Grown past the limit: a finding about the file's size.
    change(
        &mut client,
        &huge,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "a".repeat(128)}]),
    );
    let found = client.diagnostics(&huge, |d| {
        d.iter().any(|d| d["message"].as_str().is_some_and(|m| m.contains("over the limit")))
    });
    assert_eq!(found[0]["range"]["start"], json!({"line": 0, "character": 0}));

    // An edit past the end of the text: the buffer is known to be lost.
    let file = uri(&root.join(NEW));
    open(&mut client, &file, &claim("ic"), 1);
    client.diagnostics(&file, |d| !d.is_empty());
    change(
        &mut client,
        &file,
        2,
        json!([{"range": {"start": {"line": 400, "character": 0}, "end": {"line": 401, "character": 3}}, "text": "x"}]),
    );
    let found = client.diagnostics(&file, |d| {
        d.iter().any(|d| d["message"].as_str().is_some_and(|m| m.contains("lost track")))
    });
    assert!(found[0]["message"].as_str().is_some_and(|m| m.contains("line 401")), "{found:#?}");
    // The whole text again puts it right.
    change(&mut client, &file, 3, json!([{"text": claim("icc")}]));
    client.diagnostics(&file, |d| d.iter().any(|d| d["code"] == "dangling-reference"));

    // Requests the server cannot answer get errors, not silence.
    let bad = client.request("textDocument/hover", json!({"textDocument": {"uri": file}}));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": file}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(unknown["error"]["code"], -32601);
    let closed = client.request("textDocument/hover", at(&uri(&root.join("claims/none.ron")), "", 0));
    assert_eq!(closed["error"]["code"], -32602);
    // Positions past the end and in hostile text answer nothing.
    let past = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file}, "position": {"line": 9999, "character": 0}}),
    );
    assert_eq!(past["result"], Value::Null);
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": junk}, "position": {"line": 0, "character": 99}}),
    );
    assert_eq!(completion["result"], Value::Null);

    // Still serving.
    let text = claim("icc");
    let hover = client
        .request("textDocument/hover", at(&file, &text, text.find("\"baza-1\"").expect("a document") + 2));
    assert!(hover["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("Post, with a comma")));
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let store = stores::clean();
    let root = store.path().canonicalize().expect("the store");
    let mut client = Client::start(&root);
    client.initialize(&root, capabilities());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
    // An editor that goes away: the same.
    let mut client = Client::start(&root);
    client.initialize(&root, capabilities());
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// `claimtrail lsp` with at most ~400 MB of address space (lsp_server's
/// own reader took 2 GB at once for a `Content-Length` of 2·10^9, and
/// 620 MB for a 300 MB header line), fed by `feed` on a thread of its own
/// (whose write errors, once the server has gone, are expected); the
/// exit status and standard error once the server exits.
fn hostile_session(
    feed: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send + 'static,
) -> (Option<i32>, String) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let store = stores::clean();
    let binary = assert_cmd::cargo::cargo_bin("claimtrail");
    let mut child = crate::support::isolate(&mut Command::new("sh"))
        .args(["-c", "ulimit -v 400000 && exec \"$0\" lsp"])
        .arg(&binary)
        .current_dir(store.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimtrail lsp starts");
    let mut stdin = child.stdin.take().expect("a piped stdin");
    let writer = std::thread::spawn(move || {
        let _ = feed(&mut stdin);
    });
    let deadline = Instant::now() + Duration::from_mins(1);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the server") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().expect("a piped stderr").read_to_string(&mut stderr).expect("stderr");
    writer.join().expect("the feeding thread ends");
    (status.code(), stderr)
}

#[test]
fn hostile_frames_end_the_session_without_allocating() {
    // A length of 10^12: lsp_server allocated it and aborted (exit 134).
    let (code, stderr) =
        hostile_session(|input| input.write_all(b"Content-Length: 1000000000000\r\n\r\n{\"jsonrpc\":"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a message of 1000000000000 bytes is over the limit"), "{stderr}");

    // 2·10^9 with no body.
    let (code, stderr) = hostile_session(|input| input.write_all(b"Content-Length: 2000000000\r\n\r\n"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("over the limit of 67108864 bytes (64 MiB)"), "{stderr}");

    // A 300 MB header line without a newline, streamed (never built here).
    let (code, stderr) = hostile_session(|input| {
        let chunk = vec![b'a'; 1 << 16];
        for _ in 0..(300_000_000 / chunk.len()) {
            input.write_all(&chunk)?;
        }
        Ok(())
    });
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a header line is over the limit of 4096 bytes"), "{stderr}");

    // After a good start, a hostile frame ends the session the same way.
    let (code, stderr) = hostile_session(|input| {
        let init = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
        write!(input, "Content-Length: {}\r\n\r\n", init.len())?;
        input.write_all(init)?;
        input.write_all(b"Content-Length: 99999999999\r\n\r\n")
    });
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("over the limit"), "{stderr}");
}
