//! Server functions of the Sandbox page. They drive the sandbox's control API.

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A sandbox user in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimUser {
    /// Phone number or BSUID.
    pub user: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
}

/// A pending join request in the sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimRequest {
    /// Meta-style request ID.
    pub join_request_id: String,
    /// Who asked.
    pub user: String,
}

/// A group as the sandbox (WhatsApp) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimGroup {
    /// Meta-style group ID.
    pub group_id: String,
    /// Name.
    pub subject: String,
    /// Current link, if any.
    pub invite_link: Option<String>,
    /// Approval mode.
    pub join_approval_mode: String,
    /// Suspended by "WhatsApp".
    pub suspended: bool,
    /// Participants.
    pub participants: Vec<SimUser>,
    /// Pending join requests.
    pub join_requests: Vec<SimRequest>,
}

#[cfg(feature = "ssr")]
async fn control() -> Result<crate::simulator::SandboxControl, AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    crate::tenants::require_member(
        &state,
        &[crate::tenants::Role::Admin, crate::tenants::Role::Staff],
    )
    .await?;
    state.sandbox_control.clone().ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn user(phone: &str, name: &str) -> Result<serde_json::Value, AppError> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if !(6..=20).contains(&digits.len()) {
        return Err(AppError::validation("phone", super::text::PHONE_INVALID));
    }
    Ok(serde_json::json!({ "wa_id": digits, "name": name.trim() }))
}

/// Whether this server runs the sandbox (the navigation shows the Sandbox page only then).
#[server(prefix = "/api", endpoint = "sandbox_enabled")]
pub async fn sandbox_enabled() -> Result<bool, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let state = expect_context::<AppState>();
    require_member(&state, Role::ALL)
        .await
        .map_err(AppError::into_server_fn_error)?;
    Ok(state.sandbox_control.is_some())
}

/// Every group the sandbox knows.
#[server(prefix = "/api", endpoint = "sandbox_overview")]
pub async fn sandbox_overview() -> Result<Vec<SimGroup>, AppError> {
    let result = async {
        let answer = control()
            .await?
            .call(reqwest::Method::GET, "/groups", serde_json::json!({}))
            .await?;
        serde_json::from_value(answer["groups"].clone()).map_err(AppError::internal)
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// A simulated user opens an invite link: joins, or asks to join.
#[server(prefix = "/api", endpoint = "sim_join")]
pub async fn sim_join(
    invite_link: String,
    phone: String,
    name: String,
) -> Result<String, AppError> {
    let result = async {
        let body = serde_json::json!({ "invite_link": invite_link, "user": user(&phone, &name)? });
        let answer = control()
            .await?
            .call(reqwest::Method::POST, "/join", body)
            .await?;
        Ok(answer["result"].as_str().unwrap_or_default().to_owned())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// A participant posts a text message (or an unsupported type, to see the placeholder).
#[server(prefix = "/api", endpoint = "sim_message")]
pub async fn sim_message(
    group_id: String,
    phone: String,
    text: String,
    kind: String,
) -> Result<(), AppError> {
    let result = async {
        if kind == "text" && text.trim().is_empty() {
            return Err(AppError::validation("text", super::text::MESSAGE_EMPTY));
        }
        let body = serde_json::json!({ "user": user(&phone, "")?, "type": kind, "text": text });
        control()
            .await?
            .call(
                reqwest::Method::POST,
                &format!("/groups/{group_id}/messages"),
                body,
            )
            .await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// A participant leaves the group.
#[server(prefix = "/api", endpoint = "sim_leave")]
pub async fn sim_leave(group_id: String, phone: String) -> Result<(), AppError> {
    let result = async {
        let body = serde_json::json!({ "user": user(&phone, "")? });
        control()
            .await?
            .call(
                reqwest::Method::POST,
                &format!("/groups/{group_id}/leave"),
                body,
            )
            .await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// WhatsApp suspends a group, or clears its suspension.
#[server(prefix = "/api", endpoint = "sim_suspension")]
pub async fn sim_suspension(group_id: String, suspend: String) -> Result<(), AppError> {
    let result = async {
        let action = if suspend == "true" {
            "suspend"
        } else {
            "clear_suspension"
        };
        control()
            .await?
            .call(
                reqwest::Method::POST,
                &format!("/groups/{group_id}/{action}"),
                serde_json::json!({}),
            )
            .await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
