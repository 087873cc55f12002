//! One fetch of a URL: ureq with its own redirects, status errors and
//! decompression turned off, so that this module decides each of them.
//!
//! - Redirects are followed by hand, at most [`MAX_REDIRECTS`], only to
//!   http and https (a `Location: file:///etc/passwd` is refused), and a
//!   URL met twice is a loop. Every hop's exchange is kept for the WARC.
//! - The whole fetch, every hop and every body read included, has one
//!   deadline (`--timeout`): a server that stalls mid-body times out.
//! - A body is read raw (its content encoding still on, as the WARC keeps
//!   it) and then decoded, both bounded by `archive_max_bytes`.
//! - Proxies come from `HTTPS_PROXY` (https URLs) or `HTTP_PROXY` (http),
//!   upper or lower case, unless `NO_PROXY` names the host.
//! - Certificates are checked against the roots rustls-native-certs finds:
//!   the system's, or those that `SSL_CERT_FILE` and `SSL_CERT_DIR` name,
//!   as OpenSSL reads them; the file `SSL_CERT_FILE` names is read here too,
//!   so its certificates are trusted whatever the platform loader does.

use std::io::Read;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use super::decode::{Decoded, decode};

/// The most redirects one fetch follows (docs/reference.md section 6).
pub(crate) const MAX_REDIRECTS: usize = 10;

/// The `User-Agent` of every request.
pub(crate) const USER_AGENT: &str =
    concat!("claimtrail/", env!("CARGO_PKG_VERSION"), " (evidence capture; +https://github.com/claimtrail)");

/// What a fetch may do.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// For the whole fetch: connections, redirects and every body read.
    pub timeout: Duration,
    /// The largest body, raw and after its content encoding is removed.
    pub max_bytes: u64,
}

/// One request and its response, as the WARC keeps them.
#[derive(Debug, Clone)]
pub(crate) struct Exchange {
    /// The URL asked for.
    pub url: String,
    /// When the request was sent (UTC).
    pub date: DateTime<Utc>,
    /// The request line and headers as sent, CRLF-separated, ending with
    /// the empty line.
    pub request: Vec<u8>,
    /// The status line and headers as received (ureq gives header names in
    /// lower case; a `Transfer-Encoding` header is left out, because the
    /// body below is kept without its chunked framing), ending with the
    /// empty line.
    pub response_head: Vec<u8>,
    /// The body as received, its content encoding (gzip, br) still on.
    pub body: Vec<u8>,
    pub status: u16,
}

/// A successful fetch.
#[derive(Debug, Clone)]
pub(crate) struct Fetched {
    /// Every hop, the redirects first and the final response last.
    pub hops: Vec<Exchange>,
    /// The URL of the final response.
    pub url: String,
    pub status: u16,
    /// The final response's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The final body with its content encoding removed.
    pub body: Vec<u8>,
    /// When the fetch began (UTC).
    pub began: DateTime<Utc>,
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failed {
    /// HTTP 404 or 410: the page is gone.
    Gone { status: u16, url: String },
    /// Anything else: the reason in words.
    Unreachable(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Gone { status, url } => write!(f, "{url} answered HTTP {status}: the page is gone"),
            Failed::Unreachable(why) => f.write_str(why),
        }
    }
}

/// Fetches `url`, following redirects.
pub(crate) fn fetch(url: &str, options: Options) -> Result<Fetched, Failed> {
    let began = Utc::now();
    let deadline = Instant::now() + options.timeout;
    let tls = tls_config();
    let mut hops: Vec<Exchange> = Vec::new();
    let mut current = parse_http_url(url, None)?;
    loop {
        let (exchange, location, content_type) = one_hop(&current, deadline, options, &tls)?;
        let status = exchange.status;
        hops.push(exchange);
        if is_redirect(status) {
            let Some(location) = location else {
                return Err(Failed::Unreachable(format!(
                    "{current} answered HTTP {status}, a redirect without a Location header"
                )));
            };
            let next = parse_http_url(&location, Some(&current))?;
            if hops.len() > MAX_REDIRECTS {
                return Err(Failed::Unreachable(format!(
                    "more than {MAX_REDIRECTS} redirects (the last to {next})"
                )));
            }
            if hops.iter().any(|h| h.url == next.as_str()) {
                return Err(Failed::Unreachable(format!("a redirect loop: {current} leads back to {next}")));
            }
            current = next;
            continue;
        }
        if status == 404 || status == 410 {
            return Err(Failed::Gone { status, url: current.to_string() });
        }
        if status >= 400 {
            return Err(Failed::Unreachable(format!("{current} answered HTTP {status}")));
        }
        if !(200..300).contains(&status) {
            return Err(Failed::Unreachable(format!("{current} answered HTTP {status}, not a page")));
        }
        let last = hops.last().expect("a hop was just pushed");
        let body =
            match decode(&last.body, content_encoding(&last.response_head).as_deref(), options.max_bytes) {
                Decoded::Body(b) => b,
                Decoded::TooBig => {
                    return Err(Failed::Unreachable(format!(
                        "the body of {current} is over archive_max_bytes ({} bytes) once decoded",
                        options.max_bytes
                    )));
                }
                Decoded::Bad(why) => {
                    return Err(Failed::Unreachable(format!("the body of {current}: {why}")));
                }
            };
        return Ok(Fetched { url: current.to_string(), status, content_type, body, hops, began });
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// `text` as an http or https URL, resolved against `base` (a relative
/// `Location`); anything else is refused.
fn parse_http_url(text: &str, base: Option<&url::Url>) -> Result<url::Url, Failed> {
    let parsed = match base {
        Some(b) => b.join(text.trim()),
        None => url::Url::parse(text.trim()),
    }
    .map_err(|e| Failed::Unreachable(format!("`{text}` is not a URL: {e}")))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some() => Ok(parsed),
        "http" | "https" => Err(Failed::Unreachable(format!("`{text}` names no host"))),
        other => Err(Failed::Unreachable(match base {
            Some(b) => {
                format!("{b} redirects to `{parsed}`, a {other}: URL; only http and https are followed")
            }
            None => format!("`{parsed}` is a {other}: URL; only http and https are fetched"),
        })),
    }
}

/// One request, its response and its whole body (bounded); the response's
/// `Location` and `Content-Type`.
fn one_hop(
    url: &url::Url,
    deadline: Instant,
    options: Options,
    tls: &TlsConfig,
) -> Result<(Exchange, Option<String>, Option<String>), Failed> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(timed_out(options));
    }
    let date = Utc::now();
    let headers = [("User-Agent", USER_AGENT), ("Accept", "*/*"), ("Accept-Encoding", "gzip, br")];
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .save_redirect_history(false)
        .timeout_global(Some(left))
        .tls_config(tls.clone())
        .proxy(proxy_for(url))
        .user_agent(USER_AGENT)
        .accept("*/*")
        .accept_encoding("gzip, br")
        .build()
        .into();
    let mut request = agent.get(url.as_str());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let mut response = request.call().map_err(|e| failure(url, &e, deadline, options))?;
    let status = response.status().as_u16();
    let mut head =
        format!("HTTP/1.1 {status} {}\r\n", response.status().canonical_reason().unwrap_or("")).into_bytes();
    for (name, value) in response.headers() {
        if name == http_name("transfer-encoding") {
            continue;
        }
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    let header = |n: &str| response.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let location = header("location");
    let content_type = header("content-type");
    let mut body = Vec::new();
    let reader = response.body_mut().with_config().limit(u64::MAX).reader();
    match reader.take(options.max_bytes.saturating_add(1)).read_to_end(&mut body) {
        Ok(_) if body.len() as u64 > options.max_bytes => {
            return Err(Failed::Unreachable(format!(
                "the body of {url} is over archive_max_bytes ({} bytes)",
                options.max_bytes
            )));
        }
        Ok(_) => {}
        Err(e) => {
            if Instant::now() >= deadline {
                return Err(timed_out(options));
            }
            return Err(Failed::Unreachable(format!("reading the body of {url} failed: {e}")));
        }
    }
    let mut sent = format!("GET {} HTTP/1.1\r\nHost: {}\r\n", request_target(url), host_header(url));
    for (name, value) in headers {
        sent.push_str(&format!("{name}: {value}\r\n"));
    }
    sent.push_str("\r\n");
    let exchange = Exchange {
        url: url.to_string(),
        date,
        request: sent.into_bytes(),
        response_head: head,
        body,
        status,
    };
    Ok((exchange, location, content_type))
}

fn http_name(name: &'static str) -> ureq::http::HeaderName {
    ureq::http::HeaderName::from_static(name)
}

/// The path and query of a request line.
fn request_target(url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// The `Host` header: the host, and the port when it is not the scheme's.
fn host_header(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    }
}

/// The `Content-Encoding` of a response head, if any.
fn content_encoding(head: &[u8]) -> Option<String> {
    String::from_utf8_lossy(head).lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-encoding").then(|| value.trim().to_ascii_lowercase())
    })
}

fn timed_out(options: Options) -> Failed {
    Failed::Unreachable(format!(
        "timed out: the fetch took more than {} s (--timeout)",
        options.timeout.as_secs_f64()
    ))
}

/// A ureq error in words.
fn failure(url: &url::Url, e: &ureq::Error, deadline: Instant, options: Options) -> Failed {
    let host = url.host_str().unwrap_or_default();
    match e {
        ureq::Error::Timeout(_) => timed_out(options),
        _ if Instant::now() >= deadline => timed_out(options),
        ureq::Error::HostNotFound => Failed::Unreachable(format!("no such host: `{host}` (DNS)")),
        ureq::Error::Tls(why) => Failed::Unreachable(format!("TLS with {host} failed: {why}")),
        ureq::Error::Rustls(why) => Failed::Unreachable(format!("TLS with {host} failed: {why}")),
        ureq::Error::ConnectionFailed => Failed::Unreachable(format!("cannot connect to {host}")),
        // rustls's errors reach ureq as I/O errors.
        ureq::Error::Io(why) if is_tls(why) => Failed::Unreachable(format!("TLS with {host} failed: {why}")),
        other => Failed::Unreachable(format!("fetching {url} failed: {other}")),
    }
}

/// Whether an I/O error is rustls's (an untrusted or invalid certificate,
/// a failed handshake).
fn is_tls(e: &std::io::Error) -> bool {
    let said = e.to_string().to_ascii_lowercase();
    ["certificate", "handshake", "tls"].iter().any(|w| said.contains(w))
}

/// The proxy for `url`'s scheme, from the environment, unless `NO_PROXY`
/// names its host.
fn proxy_for(url: &url::Url) -> Option<ureq::Proxy> {
    let names: &[&str] = match url.scheme() {
        "https" => &["HTTPS_PROXY", "https_proxy"],
        _ => &["HTTP_PROXY", "http_proxy"],
    };
    let value = names.iter().find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))?;
    let host = url.host_str().unwrap_or_default();
    let no_proxy = ["NO_PROXY", "no_proxy"].iter().find_map(|n| std::env::var(n).ok()).unwrap_or_default();
    if bypasses(&no_proxy, host) {
        return None;
    }
    ureq::Proxy::new(value.trim()).ok()
}

/// Whether a `NO_PROXY` list names `host`: `*`, the host itself, or a
/// domain it is in (`example.com` and `.example.com` both cover
/// `www.example.com`).
fn bypasses(no_proxy: &str, host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    no_proxy.split(',').map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).any(|entry| {
        let entry = entry.trim_start_matches("*.").trim_start_matches('.');
        let entry = entry.split(':').next().unwrap_or(entry);
        entry == "*" || host == entry || host.ends_with(&format!(".{entry}"))
    })
}

/// The roots to trust: rustls-native-certs's, and those of the file
/// `SSL_CERT_FILE` names.
fn tls_config() -> TlsConfig {
    let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .into_iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    if let Some(file) = std::env::var_os("SSL_CERT_FILE") {
        let found = rustls_native_certs::load_certs_from_paths(Some(std::path::Path::new(&file)), None);
        roots.extend(found.certs.into_iter().map(|c| Certificate::from_der(c.as_ref()).to_owned()));
    }
    TlsConfig::builder().root_certs(RootCerts::new_with_certs(&roots)).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_lists() {
        for (list, host, bypassed) in [
            ("", "example.com", false),
            ("*", "example.com", true),
            ("example.com", "example.com", true),
            ("example.com", "www.example.com", true),
            (".example.com", "www.example.com", true),
            ("example.com", "notexample.com", false),
            ("localhost, 127.0.0.1", "127.0.0.1", true),
            ("127.0.0.1:8080", "127.0.0.1", true),
        ] {
            assert_eq!(bypasses(list, host), bypassed, "{list} {host}");
        }
    }

    #[test]
    fn only_http_urls() {
        assert!(parse_http_url("https://example.com/a", None).is_ok());
        let base = url::Url::parse("http://example.com/a/b").unwrap();
        assert_eq!(parse_http_url("../c?x=1", Some(&base)).unwrap().as_str(), "http://example.com/c?x=1");
        for bad in ["file:///etc/passwd", "ftp://example.com/", "http://", "not a url"] {
            assert!(parse_http_url(bad, None).is_err(), "{bad}");
        }
        let e = parse_http_url("file:///etc/passwd", Some(&base)).unwrap_err();
        assert!(e.to_string().contains("only http and https"), "{e}");
    }

    #[test]
    fn request_lines() {
        let u = url::Url::parse("http://127.0.0.1:8080/p/q?x=1").unwrap();
        assert_eq!(request_target(&u), "/p/q?x=1");
        assert_eq!(host_header(&u), "127.0.0.1:8080");
        let u = url::Url::parse("https://example.com/").unwrap();
        assert_eq!(host_header(&u), "example.com");
    }
}
