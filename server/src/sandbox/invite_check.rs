//! The group parameter of a 1:1 template send (SPEC §2.9): the invite template reaches a user
//! with a link to one of the sending number's groups.

use super::SandboxState;
use super::error::MetaError;
use super::lookup::{self, Number};
use axum::http::StatusCode;
use serde_json::Value;

/// The group parameter of a 1:1 template (SPEC §2.9): it must name a group of the sending number
/// (else `131041`), and the Template Library's invite template takes nothing else in its body
/// (else `132000`): WhatsApp puts that group's invite link in its place.
pub async fn check(
    state: &SandboxState,
    number: &Number,
    content: &Value,
) -> Result<(), MetaError> {
    let body_parameters: Vec<Value> = content
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|component| component.get("type").and_then(Value::as_str) == Some("body"))
        .filter_map(|component| component.get("parameters").and_then(Value::as_array))
        .flatten()
        .cloned()
        .collect();
    for parameter in &body_parameters {
        let Some(group_id) = parameter.get("group_id").and_then(Value::as_str) else {
            continue;
        };
        match lookup::group(state, group_id).await? {
            Some(group) if group.number.phone_number_id == number.phone_number_id => {}
            _ => return Err(lookup::group_unknown()),
        }
    }
    let name = content.get("name").and_then(Value::as_str).unwrap_or("");
    let language = content
        .pointer("/language/code")
        .and_then(Value::as_str)
        .unwrap_or("");
    let stored = super::templates::find(state, &number.waba_id, name, language).await?;
    let invite = stored.is_some_and(|template| {
        template.library_template_name.as_deref() == Some("group_invite_link")
    });
    if invite
        && !body_parameters
            .iter()
            .all(|parameter| parameter.get("type").and_then(Value::as_str) == Some("group_id"))
    {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            132000,
            "Number of parameters does not match the expected number of params",
            "body: the group invite template takes one parameter of type group_id",
        ));
    }
    Ok(())
}
