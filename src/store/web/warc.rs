//! A WARC 1.1 capture of a fetch (docs/reference.md section 2.1, "Captures"): a
//! `warcinfo` record naming claimtrail and its version, then, for each hop
//! (each redirect, then the final response), a `response` record and the
//! `request` record that is `WARC-Concurrent-To` it. Each record is its own
//! gzip member, as `.warc.gz` readers expect, so a reader can seek to any
//! record. Digests are SHA-256 in base32 (`sha256:` + 52 characters), the
//! encoding WARC writers use by convention (warcio, Heritrix); the block
//! digest covers the HTTP message, the payload digest its body as
//! received (content encoding on, chunked framing off).

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use super::fetch::{Exchange, Fetched};

/// The WARC file of `fetched`, named `filename` in its `warcinfo`;
/// `random` fills record ids (16 bytes each, made into v4 UUIDs).
pub(crate) fn capture(fetched: &Fetched, filename: &str, mut random: impl FnMut() -> [u8; 16]) -> Vec<u8> {
    let mut out = Vec::new();
    let info_id = record_id(random());
    let info = format!(
        "software: claimtrail/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
        env!("CARGO_PKG_VERSION")
    );
    let info_headers = vec![
        ("WARC-Type", "warcinfo".to_owned()),
        ("WARC-Record-ID", info_id.clone()),
        ("WARC-Date", warc_date(fetched.began)),
        ("WARC-Filename", filename.to_owned()),
        ("Content-Type", "application/warc-fields".to_owned()),
    ];
    out.extend(gzip(&record(info_headers, info.as_bytes())));
    for hop in &fetched.hops {
        let response_id = record_id(random());
        let request_id = record_id(random());
        out.extend(gzip(&response(hop, &response_id, &info_id)));
        out.extend(gzip(&request(hop, &request_id, &response_id, &info_id)));
    }
    out
}

fn response(hop: &Exchange, id: &str, info_id: &str) -> Vec<u8> {
    let mut block = hop.response_head.clone();
    block.extend_from_slice(&hop.body);
    let headers = vec![
        ("WARC-Type", "response".to_owned()),
        ("WARC-Record-ID", id.to_owned()),
        ("WARC-Warcinfo-ID", info_id.to_owned()),
        ("WARC-Target-URI", hop.url.clone()),
        ("WARC-Date", warc_date(hop.date)),
        ("WARC-Payload-Digest", digest(&hop.body)),
        ("Content-Type", "application/http;msgtype=response".to_owned()),
    ];
    record(headers, &block)
}

fn request(hop: &Exchange, id: &str, response_id: &str, info_id: &str) -> Vec<u8> {
    let headers = vec![
        ("WARC-Type", "request".to_owned()),
        ("WARC-Record-ID", id.to_owned()),
        ("WARC-Warcinfo-ID", info_id.to_owned()),
        ("WARC-Concurrent-To", response_id.to_owned()),
        ("WARC-Target-URI", hop.url.clone()),
        ("WARC-Date", warc_date(hop.date)),
        ("Content-Type", "application/http;msgtype=request".to_owned()),
    ];
    record(headers, &hop.request)
}

/// One record: the version line, the named headers, the block digest and
/// length, the block, and the two CRLFs that end a record.
fn record(headers: Vec<(&str, String)>, block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {}\r\n", one_line(&value)).as_bytes());
    }
    out.extend_from_slice(format!("WARC-Block-Digest: {}\r\n", digest(block)).as_bytes());
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A header value kept on its line (a URL never holds a line break, but a
/// record must not be broken by one).
fn one_line(value: &str) -> String {
    value.replace(['\r', '\n'], " ")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("writing to a Vec cannot fail");
    e.finish().expect("writing to a Vec cannot fail")
}

/// `WARC-Date`: UTC, to the second (WARC 1.1 allows finer; readers take
/// this one).
fn warc_date(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `sha256:` and the digest in base32 (RFC 4648, with padding).
pub(crate) fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", base32(&Sha256::digest(bytes)))
}

/// RFC 4648 base32, upper case, padded.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(ALPHABET[((bits >> (35 - 5 * i)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `<urn:uuid:...>` of a version 4 (random) UUID made from `bytes`.
fn record_id(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<urn:uuid:{}-{}-{}-{}-{}>", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_of_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(input.as_bytes()), expected, "{input}");
        }
        assert_eq!(digest(b"").len(), "sha256:".len() + 56);
    }

    #[test]
    fn record_ids_are_v4_uuids() {
        let id = record_id([0xff; 16]);
        assert_eq!(id, "<urn:uuid:ffffffff-ffff-4fff-bfff-ffffffffffff>");
    }

    #[test]
    fn records_end_and_count_their_blocks() {
        let r = record(vec![("WARC-Type", "resource".to_owned())], b"abc");
        let text = String::from_utf8(r).unwrap();
        assert!(text.starts_with("WARC/1.1\r\nWARC-Type: resource\r\nWARC-Block-Digest: sha256:"), "{text}");
        assert!(text.ends_with("Content-Length: 3\r\n\r\nabc\r\n\r\n"), "{text}");
    }
}
