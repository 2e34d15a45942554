//! Reading request bodies the way Graph does: JSON objects with typed fields.

use super::error::MetaError;
use axum::http::StatusCode;
use serde_json::{Map, Value};

/// A JSON object body.
pub struct JsonBody(pub Map<String, Value>);

impl JsonBody {
    /// Parses a JSON object, or answers 100.
    pub fn parse(bytes: &[u8]) -> Result<Self, MetaError> {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(MetaError::invalid_parameter(
                "The request body must be a JSON object.",
            )),
        }
    }

    /// `messaging_product` must be `whatsapp` (SPEC §1.3).
    pub fn require_whatsapp(&self) -> Result<(), MetaError> {
        if self.0.get("messaging_product").and_then(Value::as_str) == Some("whatsapp") {
            Ok(())
        } else {
            Err(missing(
                "messaging_product",
                "Param messaging_product must be 'whatsapp'.",
            ))
        }
    }

    /// An optional string field; another type is a parameter error.
    pub fn string(&self, name: &str) -> Result<Option<String>, MetaError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(MetaError::invalid_parameter(format!(
                "Param {name} must be a string."
            ))),
        }
    }

    /// A field that must be present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }
}

/// 131008: a required parameter is missing.
pub fn missing(name: &str, details: &str) -> MetaError {
    let _ = name;
    MetaError::new(
        StatusCode::BAD_REQUEST,
        131008,
        "Required parameter is missing",
        details,
    )
}

/// Checks a subject: trimmed, 1 to 128 characters (SPEC §2.1, §2.5).
pub fn subject(raw: &str) -> Result<String, MetaError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(missing(
            "subject",
            "Param subject is required and must not be empty.",
        ));
    }
    if trimmed.chars().count() > 128 {
        return Err(MetaError::invalid_parameter(
            "Param subject must be at most 128 characters long.",
        ));
    }
    Ok(trimmed.to_owned())
}

/// Checks a description: at most 2048 characters.
pub fn description(raw: &str) -> Result<String, MetaError> {
    if raw.chars().count() > 2048 {
        return Err(MetaError::invalid_parameter(
            "Param description must be at most 2048 characters long.",
        ));
    }
    Ok(raw.to_owned())
}
