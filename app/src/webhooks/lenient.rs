//! Lenient deserializers: Meta sends numbers and booleans sometimes as strings (SPEC §8), and
//! lists sometimes as `null`.

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

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolOrString {
    Bool(bool),
    Text(String),
}

/// An optional boolean given as a bool or as `"true"`/`"false"`; anything else reads as `None`.
pub fn opt_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    let value = Option::<BoolOrString>::deserialize(deserializer)?;
    Ok(match value {
        Some(BoolOrString::Bool(b)) => Some(b),
        Some(BoolOrString::Text(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        None => None,
    })
}

/// A boolean given as `true` or `"true"`; anything else, or nothing, reads as `false`.
pub fn bool_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(opt_bool(deserializer)?.unwrap_or(false))
}

/// An optional decimal given as a number or a numeric string; anything else reads as `None`.
pub fn opt_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let value = Option::<NumberOrString>::deserialize(deserializer)?;
    let number = match value {
        #[expect(
            clippy::cast_precision_loss,
            reason = "coordinates never need more than 53 bits"
        )]
        Some(NumberOrString::Number(n)) => Some(n as f64),
        Some(NumberOrString::Float(f)) => Some(f),
        Some(NumberOrString::Text(text)) => text.trim().parse().ok(),
        None => None,
    };
    Ok(number.filter(|f| f.is_finite()))
}

/// A list that may be missing or `null`; both read as empty.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
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

    #[derive(Deserialize)]
    struct BoolProbe {
        #[serde(default, deserialize_with = "super::opt_bool")]
        value: Option<bool>,
    }

    fn read_bool(json: &str) -> Option<bool> {
        serde_json::from_str::<BoolProbe>(json).unwrap().value
    }

    #[derive(Deserialize)]
    struct FloatProbe {
        #[serde(default, deserialize_with = "super::opt_f64")]
        value: Option<f64>,
    }

    fn read_f64(json: &str) -> Option<f64> {
        serde_json::from_str::<FloatProbe>(json).unwrap().value
    }

    #[derive(Deserialize)]
    struct ListProbe {
        #[serde(default, deserialize_with = "super::list")]
        value: Vec<u8>,
    }

    fn read_list(json: &str) -> Vec<u8> {
        serde_json::from_str::<ListProbe>(json).unwrap().value
    }

    #[test]
    fn booleans_and_boolean_strings_are_read_and_placeholders_are_none() {
        assert_eq!(read_bool(r#"{"value": true}"#), Some(true));
        assert_eq!(read_bool(r#"{"value": "false"}"#), Some(false));
        assert_eq!(read_bool(r#"{"value": " TRUE "}"#), Some(true));
        assert_eq!(read_bool(r#"{"value": "IS_BILLABLE"}"#), None);
        assert_eq!(read_bool(r#"{"value": null}"#), None);
        assert_eq!(read_bool(r#"{}"#), None);
    }

    #[test]
    fn decimals_are_read_from_numbers_and_strings() {
        assert_eq!(read_f64(r#"{"value": 52.5}"#), Some(52.5));
        assert_eq!(read_f64(r#"{"value": 13}"#), Some(13.0));
        assert_eq!(read_f64(r#"{"value": "-0.25"}"#), Some(-0.25));
        assert_eq!(read_f64(r#"{"value": "LATITUDE"}"#), None);
    }

    #[test]
    fn a_missing_or_null_list_reads_as_empty() {
        assert_eq!(read_list(r#"{"value": [1, 2]}"#), vec![1, 2]);
        assert!(read_list(r#"{"value": null}"#).is_empty());
        assert!(read_list(r#"{}"#).is_empty());
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
