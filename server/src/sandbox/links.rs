//! Invite links (SPEC §2.6–§2.8, §8 rule 10).

use super::error::MetaError;
use super::lookup::{Group, internal};
use super::{SandboxState, ids};
use axum::Json;
use serde_json::{Value, json};

/// `GET /<GROUP_ID>/invite_link`.
pub fn get(group: &Group) -> Result<Json<Value>, MetaError> {
    let link = group.invite_link.as_ref().ok_or_else(|| {
        MetaError::invalid_parameter("This group has no invite link: it was deleted.")
    })?;
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "invite_link": link }),
    ))
}

/// `POST /<GROUP_ID>/invite_link`: a new link; every earlier one stops working.
pub async fn reset(
    state: &SandboxState,
    group: &Group,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    super::body::JsonBody::parse(bytes)?.require_whatsapp()?;
    if group.suspended {
        return Err(super::lookup::group_suspended());
    }
    let link = ids::invite_link();
    sqlx::query!(
        "update sandbox.wa_group set invite_link = $2 where wa_group_id = $1",
        group.wa_group_id,
        link
    )
    .execute(&state.pool)
    .await
    .map_err(internal)?;
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "invite_link": link }),
    ))
}

/// `DELETE /<GROUP_ID>/invite_link`: nobody can join through a link any more.
pub async fn delete(state: &SandboxState, group: &Group) -> Result<Json<Value>, MetaError> {
    sqlx::query!(
        "update sandbox.wa_group set invite_link = null where wa_group_id = $1",
        group.wa_group_id
    )
    .execute(&state.pool)
    .await
    .map_err(internal)?;
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "success": true }),
    ))
}
