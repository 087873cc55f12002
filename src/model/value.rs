//! A claim's value (docs/reference.md section 3): a count, bounded or approximate, a
//! date, an actor or free text; and the figures a count is written with
//! (docs/reference.md section 7.1), which `value-not-in-quote` and `coverage` look for in text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::MeasureKind;

/// What a claim asserts (docs/reference.md section 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Value {
    /// Exactly this count.
    Exact(u64),
    /// This count or more.
    AtLeast(u64),
    /// This count or fewer.
    AtMost(u64),
    /// A count within these bounds, both included.
    Between(u64, u64),
    /// About this count, within the measure's tolerance.
    About(u64),
    /// A date (a partial date, as written).
    Date(String),
    /// One actor: a source id.
    Actor(String),
    /// A joint attribution: all of these actors together (two or more
    /// distinct source ids; anything else is `bad-value`).
    Actors(Vec<String>),
    /// A text, never compared.
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

    /// The figures a text must mention to carry this value (docs/reference.md section 7.1), in
    /// order: one for `Exact`, `About`, `AtLeast` and `AtMost`, both ends
    /// of `Between`, none for values that are not counts.
    pub fn figures(&self) -> ValueFigures {
        let one = |figure| ValueFigures { list: [Some(figure), None] };
        match *self {
            Value::Exact(n) | Value::About(n) => one(ValueFigure { n, or: None }),
            // "more than 60" carries AtLeast(61); "fewer than 11" AtMost(10).
            Value::AtLeast(n) => one(ValueFigure { n, or: n.checked_sub(1) }),
            Value::AtMost(n) => one(ValueFigure { n, or: n.checked_add(1) }),
            Value::Between(lo, hi) => ValueFigures {
                list: [Some(ValueFigure { n: lo, or: None }), Some(ValueFigure { n: hi, or: None })],
            },
            Value::Date(_) | Value::Actor(_) | Value::Actors(_) | Value::Text(_) => {
                ValueFigures { list: [None, None] }
            }
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

    /// The canonical JSON form of docs/reference.md section 5 (`{"AtLeast":143}`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a Value always serializes to JSON")
    }
}

/// One figure of a count value: the number a text writes it as, or, for a
/// bound, the number next to it (`AtLeast(61)` is "more than 60").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueFigure {
    /// The number itself, as the value holds it.
    pub n: u64,
    /// The other number that carries it, if any.
    pub or: Option<u64>,
}

impl ValueFigure {
    /// Whether a text's number `x` carries this figure.
    pub fn is(&self, x: u64) -> bool {
        x == self.n || self.or == Some(x)
    }
}

/// The figures of a value: at most two, kept inline (`check` asks for them
/// once per claim).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueFigures {
    list: [Option<ValueFigure>; 2],
}

impl ValueFigures {
    pub fn iter(&self) -> impl Iterator<Item = ValueFigure> + '_ {
        self.list.iter().flatten().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.list[0].is_none()
    }

    /// Whether a text's number `x` carries any of the figures.
    pub fn has(&self, x: u64) -> bool {
        self.iter().any(|f| f.is(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_values() {
        let figures = |v: Value| v.figures().iter().map(|f| (f.n, f.or)).collect::<Vec<_>>();
        assert_eq!(figures(Value::Exact(143)), [(143, None)]);
        assert_eq!(figures(Value::About(800)), [(800, None)]);
        assert_eq!(figures(Value::AtLeast(61)), [(61, Some(60))]);
        assert_eq!(figures(Value::AtLeast(0)), [(0, None)]);
        assert_eq!(figures(Value::AtMost(10)), [(10, Some(11))]);
        assert_eq!(figures(Value::AtMost(u64::MAX)), [(u64::MAX, None)]);
        assert_eq!(figures(Value::Between(137, 145)), [(137, None), (145, None)]);
        assert!(Value::Date("2024".into()).figures().is_empty());
        assert!(Value::Text("143".into()).figures().is_empty());
        assert!(Value::AtLeast(61).figures().has(60) && !Value::AtLeast(61).figures().has(62));
    }
}
