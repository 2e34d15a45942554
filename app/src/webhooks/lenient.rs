//! Lenient deserializers: Meta sends numbers and booleans sometimes as strings (SPEC §8).

use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrString {
    Number(i64),
    Float(f64),
    Text(String),
}

/// An optional integer given as a number or a numeric string; anything else reads as `None`.
pub fn opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Option::<NumberOrString>::deserialize(deserializer)?;
    Ok(match value {
        Some(NumberOrString::Number(n)) => Some(n),
        #[expect(
            clippy::cast_possible_truncation,
            reason = "timestamps and codes are whole"
        )]
        Some(NumberOrString::Float(f)) if f.is_finite() => Some(f as i64),
        Some(NumberOrString::Text(text)) => text.trim().parse().ok(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "super::opt_i64")]
        value: Option<i64>,
    }

    fn read(json: &str) -> Option<i64> {
        serde_json::from_str::<Probe>(json).unwrap().value
    }

    #[test]
    fn numbers_and_numeric_strings_are_read_and_placeholders_are_none() {
        assert_eq!(read(r#"{"value": 1700000000}"#), Some(1_700_000_000));
        assert_eq!(read(r#"{"value": "1700000000"}"#), Some(1_700_000_000));
        assert_eq!(read(r#"{"value": "TIMESTAMP"}"#), None);
        assert_eq!(read(r#"{"value": null}"#), None);
        assert_eq!(read(r#"{}"#), None);
    }
}
