//! A claim's value (SPEC section 3): a count, bounded or approximate, a
//! date, an actor or free text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::MeasureKind;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Value {
    Exact(u64),
    AtLeast(u64),
    AtMost(u64),
    Between(u64, u64),
    About(u64),
    Date(String),
    Actor(String),
    /// A joint attribution: all of these actors together (two or more
    /// distinct source ids; anything else is `bad-value`).
    Actors(Vec<String>),
    Text(String),
}

impl Value {
    /// The kind of measure this value can be asserted of.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Value::Exact(_) | Value::AtLeast(_) | Value::AtMost(_) | Value::Between(..) | Value::About(_) => {
                MeasureKind::Count
            }
            Value::Date(_) => MeasureKind::Date,
            Value::Actor(_) | Value::Actors(_) => MeasureKind::Actor,
            Value::Text(_) => MeasureKind::Text,
        }
    }

    /// The variant name, as written in RON.
    pub fn variant(&self) -> &'static str {
        match self {
            Value::Exact(_) => "Exact",
            Value::AtLeast(_) => "AtLeast",
            Value::AtMost(_) => "AtMost",
            Value::Between(..) => "Between",
            Value::About(_) => "About",
            Value::Date(_) => "Date",
            Value::Actor(_) => "Actor",
            Value::Actors(_) => "Actors",
            Value::Text(_) => "Text",
        }
    }

    /// The value as a reader would say it: `at least 143`, `137–145`.
    pub fn display(&self) -> String {
        match self {
            Value::Exact(n) => n.to_string(),
            Value::AtLeast(n) => format!("at least {n}"),
            Value::AtMost(n) => format!("at most {n}"),
            Value::Between(lo, hi) => format!("{lo}–{hi}"),
            Value::About(n) => format!("about {n}"),
            Value::Date(d) => d.clone(),
            Value::Actor(a) => a.clone(),
            Value::Actors(all) => all.join(" + "),
            Value::Text(t) => format!("{t:?}"),
        }
    }

    /// The actors of an Actor or Actors value (`Actor(x)` is the set
    /// {x}); empty for other values.
    pub fn actors(&self) -> &[String] {
        match self {
            Value::Actor(a) => std::slice::from_ref(a),
            Value::Actors(all) => all,
            _ => &[],
        }
    }

    /// The canonical JSON form of SPEC section 5 (`{"AtLeast":143}`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a Value always serializes to JSON")
    }
}
