//! Removing participants (SPEC §2.10, §2.11, §8 rule 7).

use super::body::JsonBody;
use super::error::MetaError;
use super::groups::webhook_error;
use super::lookup::{Group, internal};
use super::{SandboxState, deliver, ids};
use app::ids::phone_digits;
use axum::Json;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;

/// Most participants one removal may name.
const REMOVE_MAX: usize = 8;

/// The user a `user` input names: a phone number (with or without `+`), a wa_id or a BSUID.
pub async fn find_user(state: &SandboxState, input: &str) -> Result<Option<String>, MetaError> {
    let wa_id = phone_digits(input);
    sqlx::query_scalar!(
        "select user_key from sandbox.wa_user where wa_id = $1 or user_id = $2",
        wa_id,
        input
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)
}

/// `DELETE /<GROUP_ID>/participants`: removes, blocks link rejoins, reports by webhook.
pub async fn remove(
    state: &SandboxState,
    group: &Group,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    let body = JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    if group.suspended {
        return Err(super::lookup::group_suspended());
    }
    let Some(Value::Array(items)) = body.get("participants") else {
        return Err(super::body::missing(
            "participants",
            "Param participants must be a non-empty array.",
        ));
    };
    if items.is_empty() || items.len() > REMOVE_MAX {
        return Err(MetaError::invalid_parameter(
            "Param participants must have 1 to 8 items.",
        ));
    }
    let mut inputs = Vec::new();
    for item in items {
        let Some(user) = item.get("user").and_then(Value::as_str) else {
            return Err(MetaError::invalid_parameter(
                "Each participant must be {\"user\": \"<phone or ID>\"}.",
            ));
        };
        inputs.push(user.to_owned());
    }
    let mut seen = HashSet::new();
    for input in &inputs {
        let key = match find_user(state, input).await? {
            Some(key) => key,
            None => phone_digits(input).unwrap_or_else(|| input.clone()),
        };
        if !seen.insert(key) {
            return Err(MetaError::new(
                StatusCode::BAD_REQUEST,
                131202,
                "Duplicate participant",
                "The participants array contains duplicates.",
            ));
        }
    }

    let request_id = ids::request_id();
    let mut removed = Vec::new();
    let mut failed = Vec::new();
    let mut tx = state.pool.begin().await.map_err(internal)?;
    for input in inputs {
        let user = find_user(state, &input).await?;
        let deleted = match &user {
            Some(user_key) => sqlx::query!(
                "delete from sandbox.participant where wa_group_id = $1 and user_key = $2",
                group.wa_group_id,
                user_key
            )
            .execute(&mut *tx)
            .await
            .map_err(internal)?
            .rows_affected(),
            None => 0,
        };
        match (deleted, user) {
            (1, Some(user_key)) => {
                sqlx::query!(
                    "insert into sandbox.removed_user (wa_group_id, user_key) values ($1, $2) on conflict do nothing",
                    group.wa_group_id,
                    user_key
                )
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
                removed.push(json!({ "input": input }));
            }
            _ => failed.push(json!({
                "input": input,
                "errors": [webhook_error(131212, "Participant is not a part of the group", "The user is not in this group.")],
            })),
        }
    }
    let mut event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group.wa_group_id,
        "type": "group_participants_remove",
        "request_id": request_id,
        "initiated_by": "business",
    });
    if !removed.is_empty() {
        event["removed_participants"] = json!(removed);
    }
    if removed.is_empty() {
        // All failed: as in SPEC's example, the items carry only their input and the reason
        // is the top-level error.
        for item in &mut failed {
            if let Some(object) = item.as_object_mut() {
                object.remove("errors");
            }
        }
        event["failed_participants"] = json!(failed);
        event["errors"] = json!([webhook_error(
            131212,
            "Participant is not a part of the group",
            "None of the users is in this group.",
        )]);
    } else if !failed.is_empty() {
        event["failed_participants"] = json!(failed);
        event["errors"] = json!([webhook_error(
            131201,
            "Not All Participants Remove Succeeded",
            "Failed to remove some participants from the group",
        )]);
    }
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "request_id": request_id }),
    ))
}

/// `POST /<GROUP_ID>/participants`: listed only in Meta's OpenAPI; nobody is added directly.
pub fn add() -> MetaError {
    MetaError::invalid_parameter(
        "Participants cannot be added directly. Share the group's invite link instead.",
    )
}
