//! Timing the language server as an editor meets it: `claimtrail lsp`
//! started in a store, `initialize`, one claim opened, and the time until
//! its first diagnostics arrive (the load, to set against `check`); then
//! edits of that claim's value, each timed from the moment the change is
//! sent to the moment its diagnostics arrive. The session's peak resident
//! set and CPU time come from `wait4` once it has exited.

use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::measure::{Sample, wait4_sample};
use crate::world::World;

/// No answer may take longer than this.
const TIMEOUT: Duration = Duration::from_mins(5);

/// One session: the load, and the latency of each edit.
pub(crate) struct Session {
    /// Spawn to the first diagnostics of the opened claim; peak RSS and
    /// CPU time of the whole session.
    pub load: Sample,
    pub edits: Vec<Duration>,
}

/// The claim the sessions edit: the first of a count measure (a path
/// relative to the store, its text, and two values to alternate: the
/// figure its group agrees on, and one that conflicts with it).
pub(crate) fn edited_claim(world: &World, store: &Path) -> io::Result<(String, String, [String; 2])> {
    let spec = (0..1000)
        .map(|i| world.claim(i))
        .find(|c| crate::world::is_count(c.measure))
        .ok_or_else(|| io::Error::other("no count claim among the first 1000"))?;
    let rel = World::claim_path(&spec);
    let text = std::fs::read_to_string(store.join(&rel))?;
    Ok((rel, text, [format!("Exact({})", spec.base), format!("Exact({})", spec.base * 3 + 100)]))
}

/// Runs one session of `edits` edits; `whole_store` checks the whole store
/// on each edit (the server's baseline).
pub(crate) fn session(
    claimtrail: &Path,
    store: &Path,
    claim: &(String, String, [String; 2]),
    edits: usize,
    whole_store: bool,
) -> io::Result<Session> {
    let (rel, text, values) = claim;
    let mut command = Command::new(claimtrail);
    command.arg("lsp").current_dir(store).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
    if whole_store {
        command.arg("--check-whole-store");
    }
    let start = Instant::now();
    let mut child = command.spawn()?;
    let mut stdin = child.stdin.take().ok_or_else(|| io::Error::other("no stdin"))?;
    let stdout = child.stdout.take().ok_or_else(|| io::Error::other("no stdout"))?;
    let (send, incoming) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read(&mut reader) {
            if send.send(message).is_err() {
                break;
            }
        }
    });
    let root =
        url::Url::from_directory_path(store.canonicalize()?).map_err(|()| io::Error::other("a path"))?;
    let uri = root.join(rel).map_err(io::Error::other)?.to_string();
    send_message(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": root.to_string(), "capabilities": {}}}),
    )?;
    wait(&incoming, |m| m["id"] == 1)?;
    send_message(&mut stdin, &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    send_message(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}}),
    )?;
    wait(&incoming, |m| diagnostics_of(m, &uri, 1))?;
    let loaded = start.elapsed();
    // The value is on the fifth line: `    value: ...,`.
    let line = text.lines().nth(4).ok_or_else(|| io::Error::other("a short claim"))?;
    let mut latencies = Vec::with_capacity(edits);
    for i in 0..edits {
        // Versions grow with every change, as an editor's do.
        let version = 2 * i as i64 + 2;
        let range =
            json!({"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": line.len()}});
        let new_line = format!("value: {},", values[i % 2]);
        let sent = Instant::now();
        send_message(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": range, "text": new_line}]}}),
        )?;
        wait(&incoming, |m| diagnostics_of(m, &uri, version))?;
        latencies.push(sent.elapsed());
        // Back to the line as it was, so every edit replaces the same text.
        let undo = json!({"start": {"line": 4, "character": 4}, "end": {"line": 4, "character": 4 + new_line.len()}});
        send_message(
            &mut stdin,
            &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version + 1},
                       "contentChanges": [{"range": undo, "text": &line[4..]}]}}),
        )?;
        wait(&incoming, |m| diagnostics_of(m, &uri, version + 1))?;
    }
    send_message(&mut stdin, &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}))?;
    wait(&incoming, |m| m["id"] == 2)?;
    send_message(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit", "params": null}))?;
    drop(stdin);
    let (code, mut sample) = wait4_sample(child.id(), start)?;
    if code != 0 {
        return Err(io::Error::other(format!("claimtrail lsp exited {code}")));
    }
    sample.wall = loaded;
    Ok(Session { load: sample, edits: latencies })
}

fn diagnostics_of(m: &Value, uri: &str, version: i64) -> bool {
    m["method"] == "textDocument/publishDiagnostics"
        && m["params"]["uri"] == uri
        && m["params"]["version"] == version
}

fn wait(incoming: &Receiver<Value>, wanted: impl Fn(&Value) -> bool) -> io::Result<Value> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let message =
            incoming.recv_timeout(left).map_err(|e| io::Error::other(format!("claimtrail lsp: {e}")))?;
        if wanted(&message) {
            return Ok(message);
        }
    }
}

fn send_message(stdin: &mut ChildStdin, message: &Value) -> io::Result<()> {
    let body = serde_json::to_vec(message)?;
    write!(stdin, "Content-Length: {}\r\n\r\n", body.len())?;
    stdin.write_all(&body)?;
    stdin.flush()
}

fn read(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
