//! Integers a JavaScript front end reads exactly: a JSON number when the magnitude is at most
//! [`MAX_SAFE_INTEGER`] (2^53 − 1), else a decimal string; either form is read back, floats
//! never. Used with `#[serde(with = "js_int")]` (and `js_int::option`) on any integer field.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest integer magnitude a JavaScript `number` holds exactly: 2^53 − 1.
pub const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

/// The integer of any field, widened.
struct Int(i128);

impl Serialize for Int {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(self.0) {
            Ok(small) if self.0.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs() => {
                serializer.serialize_i64(small)
            }
            _ => serializer.collect_str(&self.0),
        }
    }
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = Int;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, as a JSON number or a decimal string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
        Ok(Int(i128::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
        Ok(Int(i128::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let decimal = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        match v.parse::<i128>() {
            Ok(x) if decimal => Ok(Int(x)),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Int, D::Error> {
        deserializer.deserialize_any(IntVisitor)
    }
}

fn narrow<T: TryFrom<i128>, E: de::Error>(x: i128) -> Result<T, E> {
    T::try_from(x).map_err(|_| E::custom(format_args!("integer {x} out of range")))
}

/// Writes `x` as a JSON number within ±[`MAX_SAFE_INTEGER`], else as a decimal string.
pub(super) fn serialize<T, S>(x: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Copy + Into<i128>,
    S: Serializer,
{
    Int((*x).into()).serialize(serializer)
}

/// Reads a JSON number or a decimal string, then narrows it to the field's type.
pub(super) fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: TryFrom<i128>,
    D: Deserializer<'de>,
{
    narrow(Int::deserialize(deserializer)?.0)
}

/// The same for an optional integer (`null` when absent).
pub(super) mod option {
    use super::{Deserialize, Deserializer, Int, Serialize, Serializer, narrow};

    pub(in super::super) fn serialize<T, S>(x: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: Copy + Into<i128>,
        S: Serializer,
    {
        x.map(|v| Int(v.into())).serialize(serializer)
    }

    pub(in super::super) fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: TryFrom<i128>,
        D: Deserializer<'de>,
    {
        Option::<Int>::deserialize(deserializer)?
            .map(|i| narrow(i.0))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(x: i128) -> String {
        serde_json::to_string(&Probe { x }).expect("serializes")
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Probe {
        #[serde(with = "super")]
        x: i128,
    }

    #[test]
    fn integers_beyond_two_to_the_53_are_strings() {
        assert_eq!(text(MAX_SAFE_INTEGER), r#"{"x":9007199254740991}"#);
        assert_eq!(text(-MAX_SAFE_INTEGER), r#"{"x":-9007199254740991}"#);
        assert_eq!(text(MAX_SAFE_INTEGER + 1), r#"{"x":"9007199254740992"}"#);
        assert_eq!(text(i128::MIN), format!(r#"{{"x":"{}"}}"#, i128::MIN));
    }

    #[test]
    fn both_forms_are_read() {
        for (json, x) in [
            (r#"{"x":5}"#, 5),
            (r#"{"x":"5"}"#, 5),
            (r#"{"x":"-9007199254740992"}"#, -MAX_SAFE_INTEGER - 1),
            (r#"{"x":18446744073709551615}"#, i128::from(u64::MAX)),
        ] {
            let p: Probe = serde_json::from_str(json).expect(json);
            assert_eq!(p.x, x, "{json}");
        }
        for bad in [
            r#"{"x":1.5}"#,
            r#"{"x":"+5"}"#,
            r#"{"x":" 5"}"#,
            r#"{"x":""}"#,
            r#"{"x":"-"}"#,
        ] {
            assert!(serde_json::from_str::<Probe>(bad).is_err(), "{bad}");
        }
    }
}
