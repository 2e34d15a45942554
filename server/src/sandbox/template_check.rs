//! Checks a `template` send against the WABA's templates (SPEC §1.5, §3.1, §3.6): unknown or not
//! approved → `132001`; an authentication template to a group → `131051` (not supported in
//! groups); parameters that do not match the template's placeholders → `132000`; a text
//! parameter with a line break, a tab or four spaces → `132018`.

use super::SandboxState;
use super::error::MetaError;
use super::lookup::Number;
use super::templates::{self, StoredTemplate};
use axum::http::StatusCode;
use serde_json::Value;

/// The checked template's category (`MARKETING`, `UTILITY`, ...), for pricing.
pub async fn check(
    state: &SandboxState,
    number: &Number,
    template: &Value,
    to_group: bool,
) -> Result<String, MetaError> {
    let name = template.get("name").and_then(Value::as_str).unwrap_or("");
    let language = template
        .pointer("/language/code")
        .and_then(Value::as_str)
        .unwrap_or("");
    let stored = templates::find(state, &number.waba_id, name, language)
        .await?
        .ok_or_else(|| {
            does_not_exist(format!(
                "template name ({name}) does not exist in {language}"
            ))
        })?;
    if stored.status != "APPROVED" {
        return Err(does_not_exist(format!(
            "template {name} ({language}) is {} and cannot be sent",
            stored.status
        )));
    }
    if to_group && stored.category == "AUTHENTICATION" {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131051,
            "Unsupported message type",
            "Authentication templates cannot be sent to groups.",
        ));
    }
    let given = match template.get("components") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(components)) => components.clone(),
        Some(_) => {
            return Err(MetaError::invalid_parameter(
                "Param template.components must be an array.",
            ));
        }
    };
    check_parameters(&stored, &given)?;
    Ok(stored.category)
}

fn does_not_exist(details: String) -> MetaError {
    MetaError::new(
        StatusCode::NOT_FOUND,
        132001,
        "Template name does not exist in the translation",
        details,
    )
}

fn mismatch(part: &str, expected: usize, received: usize) -> MetaError {
    MetaError::new(
        StatusCode::BAD_REQUEST,
        132000,
        "Number of parameters does not match the expected number of params",
        format!(
            "{part}: number of localizable_params ({received}) does not match the expected number of params ({expected})"
        ),
    )
}

/// What each part of the template needs: `(part, placeholders)`; media headers need one
/// parameter of their type, buttons with a placeholder in their URL one each.
fn expected(stored: &StoredTemplate) -> Vec<(String, Vec<String>)> {
    let mut parts = Vec::new();
    for component in stored.components.as_array().into_iter().flatten() {
        let kind = component
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let text = component.get("text").and_then(Value::as_str).unwrap_or("");
        match kind.as_str() {
            "header" => {
                let format = component
                    .get("format")
                    .and_then(Value::as_str)
                    .unwrap_or("TEXT");
                if format.eq_ignore_ascii_case("TEXT") {
                    parts.push(("header".to_owned(), placeholders(text)));
                } else {
                    parts.push(("header".to_owned(), vec![format.to_ascii_lowercase()]));
                }
            }
            "body" => parts.push(("body".to_owned(), placeholders(text))),
            "buttons" => {
                let buttons = component.get("buttons").and_then(Value::as_array);
                for (index, button) in buttons.into_iter().flatten().enumerate() {
                    let url = button.get("url").and_then(Value::as_str).unwrap_or("");
                    if url.contains("{{") {
                        parts.push((format!("button {index}"), placeholders(url)));
                    }
                }
            }
            _ => {}
        }
    }
    parts
}

fn check_parameters(stored: &StoredTemplate, given: &[Value]) -> Result<(), MetaError> {
    let named = stored.parameter_format == "NAMED";
    for (part, keys) in expected(stored) {
        let parameters: Vec<&Value> = given
            .iter()
            .filter(|component| part_of(component) == part)
            .flat_map(|component| {
                component
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
            })
            .collect();
        if parameters.len() != keys.len() {
            return Err(mismatch(&part, keys.len(), parameters.len()));
        }
        for parameter in parameters {
            check_parameter(parameter, &part, named.then_some(&keys))?;
        }
    }
    Ok(())
}

/// `header`, `body`, or `button <index>` for a component of the send.
fn part_of(component: &Value) -> String {
    let kind = component
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    if kind == "button" {
        let index = match component.get("index") {
            Some(Value::String(index)) => index.clone(),
            Some(index) => index.to_string(),
            None => String::new(),
        };
        format!("button {index}")
    } else {
        kind
    }
}

fn check_parameter(
    parameter: &Value,
    part: &str,
    named: Option<&Vec<String>>,
) -> Result<(), MetaError> {
    if let Some(keys) = named {
        let name = parameter
            .get("parameter_name")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !keys.iter().any(|key| key == name) {
            return Err(MetaError::new(
                StatusCode::BAD_REQUEST,
                132000,
                "Number of parameters does not match the expected number of params",
                format!("{part}: parameter_name ({name}) is not a parameter of the template"),
            ));
        }
    }
    let kind = parameter.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "text" => {
            let text = parameter.get("text").and_then(Value::as_str).unwrap_or("");
            if text.trim().is_empty() {
                return Err(super::body::missing(
                    "text",
                    &format!("{part}: a text parameter needs a non-empty text."),
                ));
            }
            if part == "body" && (text.contains(['\n', '\t']) || text.contains("    ")) {
                return Err(MetaError::new(
                    StatusCode::BAD_REQUEST,
                    132018,
                    "There was an issue with the parameters in your template.",
                    "Param text cannot have new-line/tab characters or more than 4 consecutive spaces",
                ));
            }
            Ok(())
        }
        "currency" | "date_time" | "group_id" | "image" | "video" | "document" | "payload"
        | "coupon_code" => {
            if parameter.get(kind).is_some_and(|value| !value.is_null()) {
                Ok(())
            } else {
                Err(super::body::missing(
                    kind,
                    &format!("{part}: a {kind} parameter needs its {kind} object."),
                ))
            }
        }
        other => Err(MetaError::invalid_parameter(format!(
            "{part}: parameter type ({other}) is not valid."
        ))),
    }
}

/// The distinct placeholders of a template text, `{{1}}` or `{{name}}`, in order of first
/// appearance.
fn placeholders(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let key = after[..close].trim();
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if valid && !keys.iter().any(|known| known == key) {
            keys.push(key.to_owned());
        }
        rest = &after[close + 2..];
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_counted_once_each() {
        assert_eq!(placeholders("{{1}} and {{2}}, {{1}}"), ["1", "2"]);
        assert_eq!(placeholders("At {{ shop }}: {{offer}}"), ["shop", "offer"]);
        assert!(placeholders("No {{fields here}}").is_empty());
    }
}
