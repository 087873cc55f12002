//! A body's content encoding removed (`gzip`, `x-gzip`, `br`, `deflate`,
//! `identity`), bounded: the decoded body may not pass the limit, so a
//! small gzip bomb costs at most the limit plus one buffer, never more.

use std::io::Read;

/// What decoding gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Body(Vec<u8>),
    /// The decoded body passes the limit.
    TooBig,
    /// Not decodable: the reason.
    Bad(String),
}

/// `raw` with the `Content-Encoding` `encoding` (a comma-separated list,
/// applied in order) removed, at most `max` bytes.
pub(crate) fn decode(raw: &[u8], encoding: Option<&str>, max: u64) -> Decoded {
    let codings: Vec<String> = encoding
        .unwrap_or_default()
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut body = raw.to_vec();
    // The last coding applied is removed first.
    for coding in codings.iter().rev() {
        let reader: Box<dyn Read + '_> = match coding.as_str() {
            "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(&body[..])),
            "deflate" => Box::new(flate2::read::ZlibDecoder::new(&body[..])),
            "br" => Box::new(brotli_decompressor::Decompressor::new(&body[..], 64 * 1024)),
            other => return Decoded::Bad(format!("the content encoding `{other}` is not supported")),
        };
        let mut out = Vec::new();
        let read = reader.take(max.saturating_add(1)).read_to_end(&mut out);
        match read {
            Ok(_) if out.len() as u64 > max => return Decoded::TooBig,
            Ok(_) => {}
            Err(e) => return Decoded::Bad(format!("its {coding} encoding is broken: {e}")),
        }
        body = out;
    }
    if body.len() as u64 > max {
        return Decoded::TooBig;
    }
    Decoded::Body(body)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    /// A br stream of one stored (uncompressed) meta-block, written by
    /// hand per RFC 7932: brotli-decompressor has no encoder.
    fn brotli(bytes: &[u8]) -> Vec<u8> {
        assert!(!bytes.is_empty() && bytes.len() <= 65536);
        // WBITS 16 (one 0 bit), ISLAST 0, MNIBBLES 4 (00), MLEN-1 in 16
        // bits, ISUNCOMPRESSED 1, padding to the byte.
        let header: u32 = (((bytes.len() - 1) as u32) << 4) | (1 << 20);
        let mut out = header.to_le_bytes()[..3].to_vec();
        out.extend_from_slice(bytes);
        out.push(0x03); // ISLAST 1, ISLASTEMPTY 1
        out
    }

    #[test]
    fn removes_encodings_within_the_limit() {
        let page = b"<p>at least 143 people</p>".repeat(10);
        assert_eq!(decode(&page, None, 1000), Decoded::Body(page.clone()));
        assert_eq!(decode(&page, Some("identity"), 1000), Decoded::Body(page.clone()));
        assert_eq!(decode(&gzip(&page), Some("gzip"), 1000), Decoded::Body(page.clone()));
        assert_eq!(decode(&gzip(&gzip(&page)), Some("gzip, gzip"), 1000), Decoded::Body(page.clone()));
        assert_eq!(decode(&brotli(&page), Some("br"), 1000), Decoded::Body(page.clone()));
        assert_eq!(decode(&brotli(&page), Some("br"), 100), Decoded::TooBig);
        assert_eq!(decode(&page, None, 10), Decoded::TooBig);
        assert!(matches!(decode(b"not gzip", Some("gzip"), 1000), Decoded::Bad(_)));
        assert!(matches!(decode(&page, Some("compress"), 1000), Decoded::Bad(_)));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        let bomb = gzip(&vec![0u8; 20 * 1024 * 1024]);
        assert!(bomb.len() < 100 * 1024);
        assert_eq!(decode(&bomb, Some("gzip"), 1024 * 1024), Decoded::TooBig);
    }
}
