//! Loads HTML pages in a real headless Chromium and reports what a person
//! would see go wrong: console errors (CSP violations included), chart
//! labels whose boxes overlap or stick out of their chart, and a full-page
//! PNG screenshot to look at.
//!
//! The browser is driven over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`: commands go in on the browser's fd 3, answers
//! come out on its fd 4, each message a JSON text ended by a NUL byte), so
//! this needs nothing beyond `std` and `serde_json`: no TCP port, no
//! WebSocket, no downloaded browser. When this process dies, the pipe
//! closes and Chromium exits by itself; when a `Browser` is dropped (also
//! on a panic), the browser is closed, and killed if it does not go.
//!
//! Linux only (Debian's `chromium` package); the sandbox is off, since CI
//! runs as root and the pages are our own files. Copied from the harness
//! a colleague proved in its own crate, with a second, top-of-page shot
//! added (docs/report.png is cut from one).
#![allow(dead_code)] // a copy of the harness: not every item is used by the report test

use std::env;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one DevTools command, or the page load, may take.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How long a browser gets to exit once asked to, before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(3);
/// Boxes must overlap, or stick out, by more than this many CSS pixels to
/// count: glyph boxes that merely touch, or differ by rounding, don't.
const TOLERANCE_PX: f64 = 0.5;
/// Screenshots are cut at this height (CSS px), to bound their size
/// (a 30 000 px page, about 4.5 MB of PNG, still captures whole).
const MAX_SHOT_HEIGHT: f64 = 60_000.0;
/// Viewport size (CSS px); the screenshot covers the whole page anyway.
const WINDOW: (u32, u32) = (1280, 800);
/// The top of each page is also captured on its own, this high (CSS px)
/// and scaled by this much, as `<name>-top.png` (docs/report.png is one).
const TOP_SHOT: (f64, f64) = (1900.0, 0.75);

/// What loading one page showed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageCheck {
    /// Console errors, uncaught exceptions, CSP violations, failed loads.
    pub console_errors: Vec<String>,
    /// Pairs of labels (their text) whose boxes intersect.
    pub overlaps: Vec<(String, String)>,
    /// Labels (their text) whose box extends beyond their enclosing `svg`.
    pub cut_off: Vec<String>,
    /// How many visible elements matched the selector (0 usually means a
    /// wrong selector, and so a check that checked nothing).
    pub label_count: usize,
    /// Where the full-page PNG was written.
    pub screenshot: PathBuf,
}

/// Finds a Chromium or Chrome binary: `$CHROME` (a path, or a name looked
/// up on `PATH`), else `chromium`, `chromium-browser`, `google-chrome`,
/// `google-chrome-stable` on `PATH`.
pub(crate) fn find_chromium() -> Option<PathBuf> {
    if let Some(chrome) = env::var_os("CHROME").filter(|c| !c.is_empty()) {
        let chrome = PathBuf::from(chrome);
        return if chrome.components().count() > 1 {
            is_executable(&chrome).then_some(chrome)
        } else {
            on_path(chrome.as_os_str())
        };
    }
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .find_map(|name| on_path(name.as_ref()))
}

fn on_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Launches Chromium (found by [`find_chromium`]), checks one page and
/// closes the browser. See [`Browser::check_page`].
pub(crate) fn check_page(
    html_path: &Path,
    label_selector: &str,
    screenshot: &Path,
) -> Result<PageCheck, String> {
    let exe =
        find_chromium().ok_or("no chromium on PATH (nor $CHROME); on Debian: apt-get install chromium")?;
    let mut browser = Browser::launch(&exe)?;
    let check = browser.check_page(html_path, label_selector, screenshot)?;
    browser.close();
    Ok(check)
}

/// A running headless Chromium, driven over a DevTools pipe. Dropping it
/// closes the browser (killing it if need be) and deletes its profile.
pub(crate) struct Browser {
    child: Child,
    /// Commands to the browser (its fd 3). `None` once closed.
    commands: Option<ChildStdin>,
    /// Messages from the browser (its fd 4), one parsed JSON each.
    messages: Receiver<Value>,
    /// Events received while waiting for something else, oldest first.
    events: Vec<Value>,
    next_id: u64,
    /// A fresh directory for the profile, crash reports and the log.
    profile: PathBuf,
    version: String,
}

impl Browser {
    /// Starts `exe` headless with a fresh profile and waits until it
    /// answers.
    pub(crate) fn launch(exe: &Path) -> Result<Browser, String> {
        static SEQ: AtomicU32 = AtomicU32::new(0);
        remove_stale_profiles();
        let profile = env::temp_dir().join(format!(
            "{PROFILE_PREFIX}{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&profile);
        fs::create_dir_all(&profile).map_err(|e| format!("create {}: {e}", profile.display()))?;
        let log = File::create(profile.join("stderr.log")).map_err(|e| format!("create log: {e}"))?;

        let mut user_data_dir = OsString::from("--user-data-dir=");
        user_data_dir.push(profile.join("data"));
        // `sh` puts our two pipes on the browser's fds 3 and 4, which std's
        // Command cannot do without `unsafe`; `exec` keeps the pid, so the
        // child we hold is the browser itself.
        let mut command = Command::new("/bin/sh");
        command
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >&2")
            .arg(exe)
            .args([
                "--headless",
                "--remote-debugging-pipe",
                // Root can't have the sandbox, and --no-zygote (which needs
                // it off) makes every helper process a child of the browser,
                // which reaps them when it exits.
                "--no-sandbox",
                "--no-zygote",
                "--disable-gpu",
                // Docker's /dev/shm is 64 MB; /tmp is safer.
                "--disable-dev-shm-usage",
                "--disable-breakpad",
                "--disable-crash-reporter",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-sync",
                "--metrics-recording-only",
                "--password-store=basic",
                "--mute-audio",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                "--force-device-scale-factor=1",
                // Nothing may leave the machine, even if a page's CSP breaks.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                &format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            ])
            .arg(user_data_dir)
            .arg("about:blank")
            // Keep crash reports and caches out of $HOME.
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_CACHE_HOME", profile.join("cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log);
        let mut child = command.spawn().map_err(|e| format!("start {}: {e}", exe.display()))?;
        let (Some(commands), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no pipes to the browser".into());
        };
        let (tx, messages) = mpsc::channel();
        // From here on, dropping `browser` (on any error) ends the process.
        let mut browser = Browser {
            child,
            commands: Some(commands),
            messages,
            events: Vec::new(),
            next_id: 0,
            profile,
            version: String::new(),
        };
        thread::Builder::new()
            .name("devtools-pipe".into())
            .spawn(move || read_messages(output, &tx))
            .map_err(|e| format!("spawn reader thread: {e}"))?;
        let version = browser.call(None, "Browser.getVersion", json!({}))?;
        version["product"].as_str().unwrap_or("?").clone_into(&mut browser.version);
        Ok(browser)
    }

    /// The browser's product and version, e.g. `Chrome/156.0.8078.114`.
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    /// The browser's process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The directory holding the browser's profile (deleted on drop).
    pub(crate) fn profile_dir(&self) -> &Path {
        &self.profile
    }

    /// Loads `html_path` in a new tab, waits for the load and for fonts,
    /// measures every visible element matching `label_selector` (e.g.
    /// `svg text.label`), writes a full-page PNG to `screenshot` (making
    /// its folder) and closes the tab.
    ///
    /// `Err` means the check could not be made (no such file, browser
    /// died, timeout); what the page did wrong is in the `PageCheck`.
    pub(crate) fn check_page(
        &mut self,
        html_path: &Path,
        label_selector: &str,
        screenshot: &Path,
    ) -> Result<PageCheck, String> {
        let url = file_url(html_path)?;
        self.events.clear(); // earlier tabs' events
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].as_str().ok_or("createTarget: no targetId")?.to_owned();
        let result = self.check_in_tab(&target_id, &url, label_selector, screenshot);
        // Close the tab even when the check failed; a failure to close
        // matters only when the check itself went well.
        let closed = self.call(None, "Target.closeTarget", json!({ "targetId": target_id }));
        let check = result?;
        closed?;
        Ok(check)
    }

    fn check_in_tab(
        &mut self,
        target_id: &str,
        url: &str,
        selector: &str,
        screenshot: &Path,
    ) -> Result<PageCheck, String> {
        let attached =
            self.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }))?;
        let session = attached["sessionId"].as_str().ok_or("attachToTarget: no sessionId")?.to_owned();
        let s = Some(session.as_str());
        for method in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(s, method, json!({}))?;
        }
        self.call(s, "Page.setLifecycleEventsEnabled", json!({ "enabled": true }))?;
        // The window's size is not quite the viewport's in headless mode.
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": WINDOW.0, "height": WINDOW.1, "deviceScaleFactor": 1, "mobile": false }),
        )?;

        let nav = self.call(s, "Page.navigate", json!({ "url": url }))?;
        if let Some(error) = nav["errorText"].as_str() {
            return Err(format!("load {url}: {error}"));
        }
        let loader = nav["loaderId"].as_str().ok_or("navigate: no loaderId")?.to_owned();
        self.wait_for(&session, |m| {
            m["method"] == "Page.lifecycleEvent"
                && m["params"]["name"] == "load"
                && m["params"]["loaderId"] == loader.as_str()
        })?;

        // DevTools' Runtime.evaluate is not subject to the page's CSP, so
        // this runs even under `default-src 'none'`.
        let selector_literal = serde_json::to_string(selector).map_err(|e| e.to_string())?;
        let measured = self.call(
            s,
            "Runtime.evaluate",
            json!({
                "expression": format!("({MEASURE_JS})({selector_literal}, {TOLERANCE_PX})"),
                "awaitPromise": true,
                "returnByValue": true,
            }),
        )?;
        if let Some(details) = measured.get("exceptionDetails") {
            return Err(format!("measuring labels failed: {}", exception_text(details)));
        }
        let value = &measured["result"]["value"];
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        let overlaps = value["overlaps"]
            .as_array()
            .ok_or("measuring labels: no result")?
            .iter()
            .map(|pair| (text(&pair[0]), text(&pair[1])))
            .collect();
        let cut_off = value["cutOff"].as_array().map(|a| a.iter().map(text).collect()).unwrap_or_default();
        let label_count = value["count"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or("measuring labels: no count")?;

        self.screenshot(&session, screenshot, MAX_SHOT_HEIGHT, 1.0)?;
        self.screenshot(&session, &top_of(screenshot), TOP_SHOT.0, TOP_SHOT.1)?;
        // Everything the page logged came before the screenshot's answer.
        let console_errors = self.errors_of(&session);
        Ok(PageCheck { console_errors, overlaps, cut_off, label_count, screenshot: screenshot.to_owned() })
    }

    fn screenshot(&mut self, session: &str, path: &Path, max_height: f64, scale: f64) -> Result<(), String> {
        let s = Some(session);
        let metrics = self.call(s, "Page.getLayoutMetrics", json!({}))?;
        let size = &metrics["cssContentSize"];
        let width = size["width"].as_f64().unwrap_or(f64::from(WINDOW.0)).ceil();
        let height = size["height"].as_f64().unwrap_or(f64::from(WINDOW.1)).ceil().min(max_height);
        let shot = self.call(
            s,
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": scale },
            }),
        )?;
        let png = base64_decode(shot["data"].as_str().ok_or("captureScreenshot: no data")?)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        }
        fs::write(path, png).map_err(|e| format!("write {}: {e}", path.display()))
    }

    /// The errors among the events of one tab, in the order they came.
    fn errors_of(&self, session: &str) -> Vec<String> {
        let ours = self.events.iter().filter(|m| m["sessionId"] == session);
        ours.filter_map(|m| {
            let p = &m["params"];
            match m["method"].as_str()? {
                "Runtime.consoleAPICalled" if matches!(p["type"].as_str(), Some("error" | "assert")) => {
                    let args: Vec<String> = p["args"].as_array()?.iter().map(remote_object_text).collect();
                    Some(format!("console.{}: {}", p["type"].as_str()?, args.join(" ")))
                }
                "Runtime.exceptionThrown" => {
                    Some(format!("uncaught exception: {}", exception_text(&p["exceptionDetails"])))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    let e = &p["entry"];
                    let mut line = format!("{}: {}", e["source"].as_str()?, e["text"].as_str()?);
                    if let Some(url) = e["url"].as_str().filter(|u| !u.is_empty()) {
                        line.push_str(&format!(" ({url})"));
                    }
                    Some(line)
                }
                "Inspector.targetCrashed" => Some("the page's renderer crashed".to_owned()),
                _ => None,
            }
        })
        .collect()
    }

    /// Closes the browser, politely and then by force; as dropping does.
    pub(crate) fn close(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(mut commands) = self.commands.take() {
            // Browser.close, then EOF on its command pipe: either makes
            // Chromium exit cleanly.
            let _ = commands.write_all(b"{\"id\":0,\"method\":\"Browser.close\"}\0");
            let _ = commands.flush();
        }
        let deadline = Instant::now() + EXIT_GRACE;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) => thread::sleep(Duration::from_millis(20)),
            }
        }
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        // Helpers may still be writing for a moment after a kill.
        for _ in 0..5 {
            if fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends one command (to the browser, or to a tab's `session`) and
    /// waits for its answer, keeping the events that come meanwhile.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).map_err(|e| e.to_string())?;
        bytes.push(0);
        let sent = match self.commands.as_mut() {
            Some(c) => c.write_all(&bytes).and_then(|()| c.flush()).map_err(|e| e.to_string()),
            None => Err("browser already closed".to_owned()),
        };
        if let Err(e) = sent {
            return Err(self.died(&format!("{method}: {e}")));
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut message = self.receive(deadline, method)?;
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(message["result"].take());
            }
            self.events.push(message);
        }
    }

    /// Waits for an event of `session` that `wanted` accepts (perhaps one
    /// already received); fails early if the tab crashes.
    fn wait_for(&mut self, session: &str, wanted: impl Fn(&Value) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = 0;
        loop {
            for m in &self.events[seen..] {
                if m["sessionId"] == session {
                    if wanted(m) {
                        return Ok(());
                    }
                    if m["method"] == "Inspector.targetCrashed" {
                        return Err("the page's renderer crashed".into());
                    }
                }
            }
            seen = self.events.len();
            let message = self.receive(deadline, "page load")?;
            self.events.push(message);
        }
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => {
                Err(format!("{waiting_for}: no answer from the browser in {}s", TIMEOUT.as_secs()))
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.died(waiting_for)),
        }
    }

    /// An error message for a browser that went away, with its exit
    /// status and the end of its log.
    fn died(&mut self, context: &str) -> String {
        thread::sleep(Duration::from_millis(100));
        let status = match self.child.try_wait() {
            Ok(Some(status)) => status.to_string(),
            _ => "still running".to_owned(),
        };
        format!(
            "{context}: the browser closed its pipe ({status}); end of its log:\n{}",
            log_tail(&self.profile.join("stderr.log"))
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Where the top of the page is captured: `shot.png` → `shot-top.png`.
pub(crate) fn top_of(screenshot: &Path) -> PathBuf {
    let stem = screenshot.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    screenshot.with_file_name(format!("{stem}-top.png"))
}

/// Profiles are `$TMPDIR/browser-check-PID-N`, PID being the test's.
const PROFILE_PREFIX: &str = "browser-check-";

/// Deletes the profiles of test processes that died without cleaning up
/// (killed, or aborted); their browsers exited when the pipe closed.
fn remove_stale_profiles() {
    let Ok(entries) = fs::read_dir(env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PROFILE_PREFIX)?.split('-').next()) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Reads NUL-ended JSON messages until the browser closes its end.
fn read_messages(output: ChildStdout, tx: &mpsc::Sender<Value>) {
    let mut reader = BufReader::new(output);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(0, &mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(message) = serde_json::from_slice(&buf)
                    && tx.send(message).is_err()
                {
                    return;
                }
            }
        }
    }
}

fn log_tail(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut f) = File::open(path) {
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        let _ = f.seek(SeekFrom::Start(len.saturating_sub(4000)));
        let mut bytes = Vec::new();
        let _ = f.read_to_end(&mut bytes);
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    text
}

fn file_url(path: &Path) -> Result<String, String> {
    let path = fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let path = path.to_str().ok_or_else(|| format!("{}: not UTF-8", path.display()))?;
    let mut url = String::from("file://");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(url)
}

fn remote_object_text(arg: &Value) -> String {
    match &arg["value"] {
        Value::String(s) => s.clone(),
        Value::Null => arg["description"].as_str().unwrap_or("undefined").to_owned(),
        v => v.to_string(),
    }
}

fn exception_text(details: &Value) -> String {
    details["exception"]["description"]
        .as_str()
        .or_else(|| details["text"].as_str())
        .unwrap_or("unknown exception")
        .to_owned()
}

fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return Err(format!("screenshot: bad base64 byte {c:#04x}")),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Runs in the page: waits for fonts and two frames, then measures the
/// visible elements matching `selector`. Returns `{count, overlaps:
/// [[a, b]...], cutOff: [a...]}`, naming elements by their text.
const MEASURE_JS: &str = r#"async (selector, tol) => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const name = (el, i) => {
    const text = (el.textContent || "").replace(/\s+/g, " ").trim();
    return text !== "" ? text : `<${el.tagName.toLowerCase()}> #${i}`;
  };
  const boxes = [];
  const cutOff = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    // Not rendered: display:none, visibility:hidden, inside a closed
    // <details> (content-visibility:hidden, which still has boxes).
    if (!el.checkVisibility({ visibilityProperty: true })) return;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return;
    const box = { name: name(el, i), r };
    boxes.push(box);
    const svg = el.parentElement && el.parentElement.closest("svg");
    if (svg) {
      const s = svg.getBoundingClientRect();
      if (r.left < s.left - tol || r.top < s.top - tol || r.right > s.right + tol || r.bottom > s.bottom + tol) {
        cutOff.push(box.name);
      }
    }
  });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > tol && h > tol) overlaps.push([boxes[i].name, boxes[j].name]);
    }
  }
  return { count: boxes.length, overlaps, cutOff };
}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVsbG8h").unwrap(), b"hello!");
        assert_eq!(base64_decode("aA==").unwrap(), b"h");
        assert!(base64_decode("a*b").is_err());
    }

    #[test]
    fn file_urls_are_escaped() {
        let dir = env::temp_dir().join(format!("browser check url {}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a#b%.html");
        fs::write(&file, "").unwrap();
        let url = file_url(&file).unwrap();
        assert!(url.starts_with("file:///"), "{url}");
        assert!(url.contains("/browser%20check%20url%20") && url.ends_with("/a%23b%25.html"), "{url}");
        assert!(file_url(&dir.join("missing.html")).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
