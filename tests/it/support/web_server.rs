//! A web server that a test starts on 127.0.0.1 (a free port, never any
//! other address), serving what the test's handler answers for each path,
//! over plain HTTP or over TLS with a self-signed certificate made by
//! rcgen, or as an HTTP proxy (a CONNECT tunnel ends at it, and it
//! answers the request inside as the origin). It serves until dropped; each connection is one request, on a
//! thread of its own, and a stalled answer stalls for at most
//! [`STALL`].

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a stalled answer waits before it gives up.
pub(crate) const STALL: Duration = Duration::from_secs(8);

/// One answer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Sent with `Transfer-Encoding: chunked`, in chunks of 7 bytes.
    pub chunked: bool,
    /// Send this many bytes of the body, then stall.
    pub stall_after: Option<usize>,
}

impl Reply {
    pub(crate) fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Reply::default()
        }
    }

    pub(crate) fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: format!("status {status}\n").into(),
            ..Reply::default()
        }
    }

    pub(crate) fn redirect(status: u16, location: &str) -> Reply {
        Reply { status, headers: vec![("Location".into(), location.into())], ..Reply::default() }
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What the handler is told: the path (with its query) and how many times
/// it was asked before.
pub(crate) type Handler = dyn Fn(&str, usize) -> Reply + Send + Sync;

pub(crate) struct Server {
    pub port: u16,
    tls: bool,
    stop: Arc<AtomicBool>,
    /// The PEM of the self-signed certificate, when over TLS.
    pub certificate: Option<String>,
}

impl Server {
    /// A plain HTTP server.
    pub(crate) fn http(handler: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        Server::start(Arc::new(handler), None)
    }

    /// An HTTPS server for `localhost` and 127.0.0.1, with a new
    /// self-signed certificate.
    pub(crate) fn https(handler: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("rcgen makes a certificate");
        let der = cert.cert.der().clone();
        let key = rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der())
            .expect("a private key");
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![der], key)
            .expect("a server config");
        let mut server = Server::start(Arc::new(handler), Some(Arc::new(config)));
        server.certificate = Some(cert.cert.pem());
        server
    }

    fn start(handler: Arc<Handler>, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let port = listener.local_addr().expect("an address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let hits = Arc::new(std::sync::Mutex::new(std::collections::HashMap::<String, usize>::new()));
        let is_tls = tls.is_some();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, hits, tls) = (handler.clone(), hits.clone(), tls.clone());
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(STALL));
                    let _ = stream.set_write_timeout(Some(STALL));
                    match tls {
                        Some(config) => {
                            let Ok(conn) = rustls::ServerConnection::new(config) else { return };
                            serve(rustls::StreamOwned::new(conn, stream), &*handler, &hits);
                        }
                        None => serve(stream, &*handler, &hits),
                    }
                });
            }
        });
        Server { port, tls: is_tls, stop, certificate: None }
    }

    /// The URL of `path` on this server.
    pub(crate) fn url(&self, path: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve<S: Read + Write>(
    stream: S,
    handler: &Handler,
    hits: &std::sync::Mutex<std::collections::HashMap<String, usize>>,
) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    if !skip_headers(&mut reader) {
        return;
    }
    // As a proxy: a CONNECT tunnel ends here, and the request inside it is
    // answered as the origin would.
    if line.starts_with("CONNECT ") {
        if reader.get_mut().write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").is_err() {
            return;
        }
        line.clear();
        if reader.read_line(&mut line).is_err() || !skip_headers(&mut reader) {
            return;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let n = {
        let mut hits = hits.lock().expect("the hit counter");
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n - 1
    };
    let reply = handler(&path, n);
    let mut stream = reader.into_inner();
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.chunked {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        let _ = stream.write_all(head.as_bytes());
        for chunk in reply.body.chunks(7) {
            let _ = stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes());
            let _ = stream.write_all(chunk);
            let _ = stream.write_all(b"\r\n");
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    } else {
        head.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
        let _ = stream.write_all(head.as_bytes());
        match reply.stall_after {
            Some(n) => {
                let _ = stream.write_all(&reply.body[..n.min(reply.body.len())]);
                let _ = stream.flush();
                std::thread::sleep(STALL);
            }
            None => {
                let _ = stream.write_all(&reply.body);
            }
        }
    }
    let _ = stream.flush();
}

/// Reads the headers up to the empty line; false when the stream ends.
fn skip_headers(reader: &mut impl BufRead) -> bool {
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return false,
            Ok(_) if header == "\r\n" || header == "\n" => return true,
            Ok(_) => {}
        }
    }
}
