//! What [`Name`](super::Name) and [`Seal`](super::Seal) share: both are
//! written as strings in a record, read from the string without an owned
//! copy, and described in the JSON schemas exactly as a `String` is.

use std::fmt;

use serde::Deserializer;

/// Reads a string and makes the value from its text with `make`: the
/// `Deserialize` of a type written as a string.
pub(crate) fn deserialize_with<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    make: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct Visitor<T>(fn(&str) -> T);
    impl<T> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            Ok((self.0)(s))
        }
    }
    deserializer.deserialize_str(Visitor(make))
}

/// `impl JsonSchema` as `String`'s, for a type written as a string.
macro_rules! schema_as_string {
    ($t:ty) => {
        impl schemars::JsonSchema for $t {
            fn inline_schema() -> bool {
                <String as schemars::JsonSchema>::inline_schema()
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                <String as schemars::JsonSchema>::schema_name()
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                <String as schemars::JsonSchema>::schema_id()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <String as schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}
pub(crate) use schema_as_string;
