//! [`Seal`]: the `hash` a record is sealed with, as written in its file.
//!
//! A well-formed hash (`sha256:` and 64 lowercase hex digits, 71 bytes of
//! text) is kept as the 32 bytes it spells, inline; anything else is kept
//! as written, for `check` to report. Its text is the same either way.

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::string_like;

/// The hash a record is sealed with: reads and compares as its text
/// (`sha256:…`), which [`fmt::Display`] writes and [`Seal::text`] gives.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Seal(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `sha256:` and these 32 bytes in lowercase hex.
    Sha256([u8; 32]),
    /// Anything else, as written.
    Other(Box<str>),
}

/// The prefix of every hash.
pub(crate) const PREFIX: &str = "sha256:";
const HEX: &[u8; 16] = b"0123456789abcdef";

impl Seal {
    /// The seal of these digest bytes: `sha256:` and their lowercase hex.
    pub fn sha256(digest: [u8; 32]) -> Seal {
        Seal(Repr::Sha256(digest))
    }

    /// The digest, when the text is `sha256:` and 64 lowercase hex digits.
    pub fn digest(&self) -> Option<&[u8; 32]> {
        match &self.0 {
            Repr::Sha256(d) => Some(d),
            Repr::Other(_) => None,
        }
    }

    /// The text, as written in the file.
    pub fn text(&self) -> String {
        self.to_string()
    }
}

/// The 32 bytes that `sha256:` and 64 lowercase hex digits spell.
pub(crate) fn digest_of(text: &str) -> Option<[u8; 32]> {
    let hex = text.strip_prefix(PREFIX)?.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        *o = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

impl From<&str> for Seal {
    fn from(text: &str) -> Seal {
        match digest_of(text) {
            Some(d) => Seal(Repr::Sha256(d)),
            None => Seal(Repr::Other(text.into())),
        }
    }
}

impl From<String> for Seal {
    fn from(text: String) -> Seal {
        match digest_of(&text) {
            Some(d) => Seal(Repr::Sha256(d)),
            None => Seal(Repr::Other(text.into_boxed_str())),
        }
    }
}

impl fmt::Display for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Sha256(d) => {
                let mut text = [0u8; 71];
                text[..PREFIX.len()].copy_from_slice(PREFIX.as_bytes());
                for (i, b) in d.iter().enumerate() {
                    text[PREFIX.len() + 2 * i] = HEX[usize::from(b >> 4)];
                    text[PREFIX.len() + 2 * i + 1] = HEX[usize::from(b & 15)];
                }
                f.pad(std::str::from_utf8(&text).expect("ASCII"))
            }
            Repr::Other(t) => f.pad(t),
        }
    }
}

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq<str> for Seal {
    fn eq(&self, other: &str) -> bool {
        match &self.0 {
            Repr::Sha256(d) => digest_of(other).is_some_and(|o| o == *d),
            Repr::Other(t) => **t == *other,
        }
    }
}

impl PartialEq<&str> for Seal {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for Seal {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

impl<'de> Deserialize<'de> for Seal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Seal, D::Error> {
        string_like::deserialize_with(deserializer, |text| Seal::from(text))
    }
}

string_like::schema_as_string!(Seal);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_its_text_whatever_it_is() {
        let good = format!("sha256:{}", "0123456789abcdef".repeat(4));
        for text in [
            good.as_str(),
            "sha256:00",
            "",
            "sha256:",
            "SHA256:ab",
            &good.to_uppercase(),
            &good.replace("sha256:", "sha256: "),
        ] {
            let seal = Seal::from(text);
            assert_eq!(seal.to_string(), text);
            assert_eq!(seal, text);
            assert_eq!(format!("{seal:?}"), format!("{text:?}"));
            assert_eq!(Seal::from(text.to_owned()), seal);
        }
        assert!(Seal::from(good.as_str()).digest().is_some(), "a well-formed hash is its digest");
        assert!(Seal::from(good.to_uppercase().as_str()).digest().is_none(), "upper case is kept as written");
        let seal = Seal::from(good.as_str());
        assert_ne!(seal, "sha256:00");
        let upper = good.replacen('a', "A", 1);
        assert_ne!(seal, upper.as_str(), "compared as text");
    }
}
