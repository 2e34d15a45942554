//! Lenient readers for Graph responses (SPEC §8: booleans and numbers may be strings).

use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolLike {
    Bool(bool),
    Text(String),
    Number(i64),
}

/// A boolean given as `true`, `"true"` or `1`; anything unreadable is `false`.
pub fn bool_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Option::<BoolLike>::deserialize(deserializer)? {
        Some(BoolLike::Bool(value)) => value,
        Some(BoolLike::Text(text)) => text.trim().eq_ignore_ascii_case("true"),
        Some(BoolLike::Number(n)) => n != 0,
        None => false,
    })
}

/// An optional boolean given as a bool or a string; unreadable text is `None`.
pub fn opt_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<BoolLike>::deserialize(deserializer)? {
        Some(BoolLike::Bool(value)) => Some(value),
        Some(BoolLike::Text(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        Some(BoolLike::Number(n)) => Some(n != 0),
        None => None,
    })
}
