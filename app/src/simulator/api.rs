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

/// The sandbox control client and the sandbox groups of the caller's tenant's numbers: the
/// sandbox plays WhatsApp for every tenant, so each call is limited to the caller's own groups.
#[cfg(feature = "ssr")]
async fn scoped() -> Result<(crate::simulator::SandboxControl, Vec<SimGroup>), AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let state = expect_context::<AppState>();
    let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
    let control = state.sandbox_control.clone().ok_or(AppError::NotFound)?;
    let numbers: Vec<String> = sqlx::query_scalar!(
        "select phone_number_id from business_number where tenant_id = $1 and sandbox",
        member.tenant_id().0
    )
    .fetch_all(&state.pool)
    .await?;
    if numbers.is_empty() {
        return Ok((control, Vec::new()));
    }
    let path = format!("/groups?phone_number_ids={}", numbers.join(","));
    let answer = control
        .call(reqwest::Method::GET, &path, serde_json::json!({}))
        .await?;
    let groups = serde_json::from_value(answer["groups"].clone()).map_err(AppError::internal)?;
    Ok((control, groups))
}

/// The control client, if `group_id` is one of the caller's tenant's sandbox groups.
#[cfg(feature = "ssr")]
async fn control_for(group_id: &str) -> Result<crate::simulator::SandboxControl, AppError> {
    let (control, groups) = scoped().await?;
    if groups.iter().any(|group| group.group_id == group_id) {
        Ok(control)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(feature = "ssr")]
fn user(phone: &str, name: &str) -> Result<serde_json::Value, AppError> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if !(6..=20).contains(&digits.len()) {
        return Err(AppError::validation("phone", super::text::PHONE_INVALID));
    }
    Ok(serde_json::json!({ "wa_id": digits, "name": name.trim() }))
}

/// The sandbox groups of the caller's tenant.
#[server(prefix = "/api", endpoint = "sandbox_overview")]
pub async fn sandbox_overview() -> Result<Vec<SimGroup>, AppError> {
    let result = async { Ok(scoped().await?.1) }.await;
    result.map_err(AppError::into_server_fn_error)
}

/// A simulated user opens an invite link of one of the tenant's groups: joins, or asks to join.
#[server(prefix = "/api", endpoint = "sim_join")]
pub async fn sim_join(
    invite_link: String,
    phone: String,
    name: String,
) -> Result<String, AppError> {
    let result = async {
        let body = serde_json::json!({ "invite_link": invite_link, "user": user(&phone, &name)? });
        let (control, groups) = scoped().await?;
        let known = groups
            .iter()
            .any(|group| group.invite_link.as_deref() == Some(invite_link.as_str()));
        if !known {
            return Err(AppError::validation(
                "invite_link",
                super::text::LINK_UNKNOWN,
            ));
        }
        let answer = control.call(reqwest::Method::POST, "/join", body).await?;
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
        let mut body = serde_json::json!({ "user": user(&phone, "")?, "type": kind, "text": text });
        // Media messages carry the text as their caption (audio has none).
        if matches!(kind.as_str(), "image" | "video" | "document") && !text.trim().is_empty() {
            body["caption"] = serde_json::json!(text.trim());
        }
        let path = format!("/groups/{group_id}/messages");
        control_for(&group_id)
            .await?
            .call(reqwest::Method::POST, &path, body)
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
        let path = format!("/groups/{group_id}/leave");
        control_for(&group_id)
            .await?
            .call(reqwest::Method::POST, &path, body)
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
        let path = format!("/groups/{group_id}/{action}");
        control_for(&group_id)
            .await?
            .call(reqwest::Method::POST, &path, serde_json::json!({}))
            .await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// WhatsApp gets a group that GroupDesk did not create (another app made it on one of the
/// tenant's sandbox numbers): no webhook reaches GroupDesk; "Sync from WhatsApp" finds it.
#[server(prefix = "/api", endpoint = "sim_create_elsewhere")]
pub async fn sim_create_elsewhere(
    number_id: String,
    subject: String,
    #[server(default)] phone: String,
) -> Result<(), AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let control = state.sandbox_control.clone().ok_or(AppError::NotFound)?;
        let number = number_id.trim().parse::<uuid::Uuid>().ok();
        let pnid = sqlx::query_scalar!(
            r#"select phone_number_id from business_number
               where tenant_id = $1 and business_number_id = $2 and sandbox and disabled_at is null"#,
            member.tenant_id().0,
            number
        )
        .fetch_optional(&state.pool)
        .await?
        .ok_or_else(|| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
        if subject.trim().is_empty() {
            return Err(AppError::validation("subject", super::text::SUBJECT_EMPTY));
        }
        let participants = if phone.trim().is_empty() {
            Vec::new()
        } else {
            vec![user(&phone, "")?]
        };
        let body = serde_json::json!({ "subject": subject.trim(), "participants": participants });
        control
            .call(reqwest::Method::POST, &format!("/numbers/{pnid}/groups"), body)
            .await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
