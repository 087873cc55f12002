//! A JSON-RPC client that drives `claimtrail lsp` as an editor would:
//! the built binary as a child process, messages framed with
//! `Content-Length` on its standard input and output, a reader thread
//! collecting what it sends. Every wait has a timeout, so a server that
//! hangs fails the test instead of hanging it; a server still running when
//! the client is dropped is killed.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take (debug builds, a busy machine).
pub(crate) const TIMEOUT: Duration = Duration::from_mins(1);

pub(crate) struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and requests from the server not looked at yet.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `claimtrail lsp` in `dir`.
    pub(crate) fn start(dir: &Path) -> Client {
        let mut child = super::claimtrail_command()
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("claimtrail lsp starts");
        let stdout = child.stdout.take().expect("a piped stdout");
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client { child, stdin, incoming, pending: VecDeque::new(), next_id: 0 }
    }

    /// `initialize` with a root folder and the capabilities given, then
    /// `initialized`; the result.
    pub(crate) fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        result.get("result").cloned().unwrap_or_else(|| panic!("initialize failed: {result}"))
    }

    /// Sends a request and waits for its response (the whole message).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends raw bytes as one message body (for malformed input).
    pub(crate) fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the server's input is open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write a header");
        stdin.write_all(body).expect("write a body");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&serde_json::to_vec(message).expect("JSON"));
    }

    /// The next diagnostics published for `uri` that `accept` takes;
    /// earlier ones for it are skipped.
    pub(crate) fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let message = self.wait(&format!("diagnostics of {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"].as_array().is_some_and(|d| accept(d))
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The first message (pending or new) that `wanted` takes; other
    /// messages stay pending, but diagnostics that a later one of the same
    /// file replaces are dropped.
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.pending.iter().position(&wanted) {
                let found = self.pending.remove(i).expect("found above");
                // Diagnostics of the same file published before it are stale.
                if found["method"] == "textDocument/publishDiagnostics" {
                    let uri = found["params"]["uri"].clone();
                    let mut at = 0;
                    self.pending.retain(|m| {
                        at += 1;
                        at > i
                            || !(m["method"] == "textDocument/publishDiagnostics"
                                && m["params"]["uri"] == uri)
                    });
                }
                return found;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => self.pending.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; got {:#?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server ended while waiting for {what}; got {:#?}", self.pending)
                }
            }
        }
    }

    /// Closes the server's input and waits for it to exit.
    pub(crate) fn wait_exit(&mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The `file:` URI of a path.
pub(crate) fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).expect("an absolute path").to_string()
}

/// Reads one framed message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
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

/// A protocol position (UTF-16) of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

/// The byte offset of a protocol position (UTF-16).
pub(crate) fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let character = position["character"].as_u64().expect("a character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with protocol text edits applied (all of one document).
pub(crate) fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().expect("text"),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, with) in spans {
        out.replace_range(start..end, with);
    }
    out
}
