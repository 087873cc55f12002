//! [`Name`]: a short text that many records repeat — a subject, a measure,
//! a claimant's or a cited document's id, a date — kept once per load.
//!
//! A store of 100,000 claims names a few thousand subjects, a few dozen
//! claimants and measures and a few hundred documents; as `String`s each
//! claim held six small allocations of its own for them (32 bytes each
//! with malloc's header, plus 24 inline). A `Name` is a shared `str` (16
//! bytes inline); while [`interning`] runs on a thread, every name parsed
//! there that the thread has met before in the same pass is the earlier
//! one, so the store holds each distinct name about once.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::string_like;

/// A shared, immutable string: reads as a `&str` (it derefs to one), and
/// serializes, deserializes and compares as its text. Clones share it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Arc<str>);

impl Name {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::from("")
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Name {
        Name(Arc::from(s.as_str()))
    }
}

impl From<Name> for String {
    fn from(n: Name) -> String {
        n.0.to_string()
    }
}

impl From<&Name> for String {
    fn from(n: &Name) -> String {
        n.0.to_string()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        **self == *other.0
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        string_like::deserialize_with(deserializer, intern)
    }
}

string_like::schema_as_string!(Name);

type Seen = foldhash::HashSet<Arc<str>>;

/// The names met on this thread during the last pass of [`interning`]
/// (its number), and whether a pass is running.
struct Interner {
    active: bool,
    pass: u64,
    seen: Seen,
}

thread_local! {
    static INTERNER: RefCell<Interner> =
        RefCell::new(Interner { active: false, pass: 0, seen: Seen::default() });
}

/// Runs `f` with the names it deserializes on this thread shared with the
/// ones met before in the same `pass` (a number the caller takes once per
/// load, such as the store's load number). A thread keeps the names of
/// the last pass it served until it serves another one, so a load's
/// distinct names stay alive at most until the next load on that thread.
pub(crate) fn interning<T>(pass: u64, f: impl FnOnce() -> T) -> T {
    INTERNER.with_borrow_mut(|i| {
        if i.pass != pass {
            i.seen = Seen::default();
            i.pass = pass;
        }
        i.active = true;
    });
    /// Ends the pass when `f` returns or unwinds (the language server
    /// catches a panic and goes on on the same thread).
    struct Off;
    impl Drop for Off {
        fn drop(&mut self) {
            INTERNER.with_borrow_mut(|i| i.active = false);
        }
    }
    let _off = Off;
    f()
}

/// A name for this text: the one met before in this thread's pass, if
/// any, else a new one (remembered when a pass is on).
fn intern(s: &str) -> Name {
    INTERNER.with_borrow_mut(|i| {
        if !i.active {
            return Name::from(s);
        }
        if let Some(known) = i.seen.get(s) {
            return Name(Arc::clone(known));
        }
        let name: Arc<str> = Arc::from(s);
        i.seen.insert(Arc::clone(&name));
        Name(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_compares_as_its_text() {
        let n = Name::from("killed");
        assert_eq!(n, "killed");
        assert_eq!(n.as_str(), "killed");
        assert_eq!(format!("{n} {n:?}"), "killed \"killed\"");
        assert_eq!(serde_json::to_string(&n).expect("json"), "\"killed\"");
        let back: Name = serde_json::from_str("\"a\\u0062\"").expect("json");
        assert_eq!(back, "ab");
        let mut sorted = vec![Name::from("b"), Name::from("a")];
        sorted.sort();
        assert_eq!(sorted, ["a", "b"]);
    }

    #[test]
    fn a_pass_shares_the_names_it_meets_and_only_then() {
        let parse = |s: &str| -> Name { serde_json::from_str(s).expect("json") };
        let (a, b) = interning(u64::MAX - 1, || (parse("\"x\""), parse("\"x\"")));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        let c = interning(u64::MAX - 1, || parse("\"x\""));
        assert!(Arc::ptr_eq(&a.0, &c.0), "the same pass shares across calls");
        let d = interning(u64::MAX - 2, || parse("\"x\""));
        assert!(!Arc::ptr_eq(&a.0, &d.0), "a new pass starts afresh");
        let (e, f) = (parse("\"x\""), parse("\"x\""));
        assert!(!Arc::ptr_eq(&e.0, &f.0), "no sharing outside a pass");
    }

    #[test]
    fn a_pass_that_panics_ends() {
        let parse = |text: &str| -> Name { ron::from_str(text).expect("a name") };
        let caught = std::panic::catch_unwind(|| interning(u64::MAX - 3, || panic!("a rule failed")));
        assert!(caught.is_err());
        let (a, b) = (parse("\"y\""), parse("\"y\""));
        assert!(!Arc::ptr_eq(&a.0, &b.0), "no sharing after the pass unwound");
    }
}
