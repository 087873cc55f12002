//! Content hashes (docs/reference.md section 5).
//!
//! The canonical form of a record is RFC 8785 (JCS) JSON of its serde data
//! model, externally tagged (`{"Claim":{...}}`), without `hash`, absent
//! optionals, empty lists, or `rank: Normal`; integers are written exactly
//! as decimal digits, also above 2^53. The hash is `sha256:` + lowercase
//! hex of that JSON's UTF-8 bytes.
//!
//! How the pieces meet that definition:
//! - the model's `Serialize` impls skip what step 2 leaves out and declare
//!   fields in alphabetical order, so serde_json writes keys in JCS order
//!   (all keys are ASCII, where UTF-16 and byte order agree) straight into
//!   one buffer that is hashed, with no intermediate value;
//! - serde_json's compact writer escapes strings exactly as JCS does (`\"`,
//!   `\\`, `\b \f \n \r \t`, other C0 controls as lowercase `\u00xx`,
//!   everything else literal UTF-8) and writes u64 as plain digits.
//!
//! `tests::canonical_form_is_key_sorted` and the vectors in
//! schemas/hash-vectors.json pin this down.

use sha2::{Digest, Sha256};

use crate::model::{Record, Seal};

/// The prefix of every hash.
pub(crate) use crate::model::SEAL_PREFIX as PREFIX;

/// The canonical JSON of a record (step 1–3 of docs/reference.md section 5).
#[cfg(test)]
pub(crate) fn canonical_json(record: &Record) -> String {
    serde_json::to_string(record).expect("records always serialize to JSON")
}

/// `sha256:<hex>` of the record's canonical JSON.
pub fn record_hash(record: &Record) -> String {
    Seal::sha256(record_digest(record)).to_string()
}

/// The SHA-256 digest of the record's canonical JSON: what
/// [`record_hash`] writes in hex, without writing it.
pub(crate) fn record_digest(record: &Record) -> [u8; 32] {
    // serde_json writes in small pieces (a quote, a key, a colon); hashing
    // each piece as it comes costs more than collecting the record's
    // kilobyte first and hashing it in one call.
    thread_local! {
        /// One buffer per thread, kept from record to record.
        static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    JSON.with_borrow_mut(|json| {
        json.clear();
        serde_json::to_writer(&mut *json, record).expect("records always serialize to JSON");
        Sha256::digest(&json[..]).into()
    })
}

/// `sha256:<hex>` of raw bytes, as for snapshot files.
pub fn bytes_hash(bytes: &[u8]) -> String {
    Seal::sha256(Sha256::digest(bytes).into()).to_string()
}

/// Whether `text` is `sha256:` followed by 64 lowercase hex digits.
pub(crate) fn is_well_formed(text: &str) -> bool {
    crate::model::digest_of(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::parse::parse_record;

    fn record(text: &str) -> Record {
        parse_record(text).expect("test record parses")
    }

    /// The streamed form equals a key-sorted rendering of the same data
    /// (serde_json::Value keeps object keys in a BTreeMap): if someone
    /// reorders the model's fields, this fails.
    #[test]
    fn canonical_form_is_key_sorted() {
        let samples = [
            r#"Claim(id: "a", subject: "s", measure: "killed", value: Between(1, 18446744073709551615),
                as_of: "2024", statement: "x", claimant: "c", rank: Preferred,
                review: Review(verdict: Mixed, by: "desk", on: "2024-03-01", note: "n"),
                citations: [Citation(document: "d", quote: "q", via: ["v"], locator: "p1")],
                tags: ["t"], note: "n", revises: "sha256:00")"#,
            r#"Source(id: "s", name: "S", kind: Government, part_of: ["p"], aliases: ["a"],
                homepage: "h", country: "RU", note: "n",
                ratings: [Rating(on: "2024", reliability: B, by: "desk", note: "n")])"#,
            r#"Document(id: "d", publisher: "p", title: "t", url: "u", author: "a",
                published: "2024", updated: ["2024-04"], retrieved: "2024-05", language: "en",
                translated_from: "ru", snapshot: "s.txt", snapshot_hash: "sha256:00")"#,
        ];
        for text in samples {
            let rec = record(text);
            let sorted = serde_json::to_string(&serde_json::to_value(&rec).unwrap()).unwrap();
            assert_eq!(canonical_json(&rec), sorted);
        }
    }

    #[test]
    fn leaves_out_hash_normal_rank_and_empty_lists() {
        let rec = record(
            r#"Claim(id: "a", subject: "s", measure: "m", value: Exact(1), statement: "x",
                claimant: "c", citations: [Citation(document: "d", quote: "q", via: [])],
                rank: Normal, tags: [], hash: "sha256:ff")"#,
        );
        assert_eq!(
            canonical_json(&rec),
            r#"{"Claim":{"citations":[{"document":"d","quote":"q"}],"claimant":"c","id":"a","measure":"m","statement":"x","subject":"s","value":{"Exact":1}}}"#
        );
    }

    #[test]
    fn pins_a_digest() {
        // sha256 of the canonical JSON above, computed independently with
        // `printf %s '<json>' | sha256sum`.
        let rec = record(
            r#"Claim(id: "a", subject: "s", measure: "m", value: Exact(1), statement: "x",
                claimant: "c", citations: [Citation(document: "d", quote: "q")])"#,
        );
        assert_eq!(
            record_hash(&rec),
            "sha256:0ef97c6780da279e9d4b00feb29e55ce6bf07b6a6ecd0a4eb76e0db019c6af0b"
        );
    }

    #[test]
    fn well_formed_hashes() {
        assert!(is_well_formed(&bytes_hash(b"")));
        assert_eq!(
            bytes_hash(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(!is_well_formed("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
        assert!(!is_well_formed("md5:00"));
        assert!(!is_well_formed("sha256:00"));
    }
}

#[cfg(test)]
mod vectors {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Vector {
        name: String,
        ron: String,
        canonical: String,
        hash: String,
    }

    /// schemas/hash-vectors.json is written by tools/hash-vectors.py,
    /// independently of this code (Python's json.dumps with sorted keys).
    #[test]
    fn hash_vectors() {
        let text = include_str!("../../schemas/hash-vectors.json");
        let vectors: Vec<Vector> = serde_json::from_str(text).expect("vectors parse");
        assert!(vectors.len() >= 10);
        for v in vectors {
            let rec =
                crate::text::parse::parse_record(&v.ron).unwrap_or_else(|e| panic!("{}: {e:?}", v.name));
            assert_eq!(canonical_json(&rec), v.canonical, "{}", v.name);
            assert_eq!(record_hash(&rec), v.hash, "{}", v.name);
        }
    }
}
