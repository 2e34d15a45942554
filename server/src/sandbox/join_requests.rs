//! Join requests: list, approve, reject (SPEC §2.12–§2.14, §8 rules 5, 6).

use super::body::JsonBody;
use super::error::MetaError;
use super::groups::{PARTICIPANT_CAP, identity, page, paging, webhook_error};
use super::lookup::{self, Group, internal};
use super::{SandboxState, deliver};
use axum::Json;
use serde_json::{Value, json};
use std::collections::HashMap;

/// `GET /<GROUP_ID>/join_requests`.
pub async fn list(
    state: &SandboxState,
    group: &Group,
    query: &HashMap<String, String>,
    base_url: &str,
) -> Result<Json<Value>, MetaError> {
    let (offset, limit) = page(query, 1024)?;
    let rows = sqlx::query!(
        r#"select r.join_request_id, u.wa_id, u.user_id, u.username,
                  extract(epoch from r.created_at)::bigint as "created!"
           from sandbox.join_request r join sandbox.wa_user u using (user_key)
           where r.wa_group_id = $1 order by r.created_at, r.join_request_id offset $2 limit $3"#,
        group.wa_group_id,
        offset,
        limit + 1
    )
    .fetch_all(&state.pool)
    .await
    .map_err(internal)?;
    let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
    let data: Vec<Value> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|row| {
            let mut item = identity(row.wa_id, row.user_id, row.username);
            item["join_request_id"] = json!(row.join_request_id);
            item["creation_timestamp"] = json!(row.created);
            item
        })
        .collect();
    let count = i64::try_from(data.len()).unwrap_or(0);
    Ok(Json(
        json!({ "data": data, "paging": paging(base_url, offset, limit, count, more) }),
    ))
}

fn ids(bytes: &[u8]) -> Result<Vec<String>, MetaError> {
    let body = JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    let Some(Value::Array(items)) = body.get("join_requests") else {
        return Err(super::body::missing(
            "join_requests",
            "Param join_requests must be a non-empty array.",
        ));
    };
    let ids: Option<Vec<String>> = items
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect();
    match ids {
        Some(ids) if !ids.is_empty() => Ok(ids),
        _ => Err(MetaError::invalid_parameter(
            "Param join_requests must be a non-empty array of IDs.",
        )),
    }
}

fn gone(id: &str) -> Value {
    json!({
        "join_request_id": id,
        "errors": [webhook_error(131213, "Group join request does not exist", "The join request does not exist or has expired.")],
    })
}

/// `POST /<GROUP_ID>/join_requests`: each approval adds the user and sends `group_participants_add`.
pub async fn approve(
    state: &SandboxState,
    group: &Group,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    let ids = ids(bytes)?;
    if group.suspended {
        return Err(lookup::group_suspended());
    }
    let mut approved = Vec::new();
    let mut failed = Vec::new();
    let mut events = Vec::new();
    let mut tx = state.pool.begin().await.map_err(internal)?;
    for id in ids {
        let request = sqlx::query!(
            r#"select r.user_key, u.wa_id, u.user_id from sandbox.join_request r
               join sandbox.wa_user u using (user_key)
               where r.join_request_id = $1 and r.wa_group_id = $2 for update"#,
            id,
            group.wa_group_id
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(internal)?;
        let Some(request) = request else {
            failed.push(gone(&id));
            continue;
        };
        let count = sqlx::query_scalar!(
            r#"select count(*) as "n!" from sandbox.participant where wa_group_id = $1"#,
            group.wa_group_id
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(internal)?;
        if count >= PARTICIPANT_CAP {
            failed.push(json!({
                "join_request_id": id,
                "errors": [webhook_error(131204, "Participant overlimit", "The group already has 8 participants.")],
            }));
            continue;
        }
        sqlx::query!(
            "delete from sandbox.join_request where join_request_id = $1",
            id
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        sqlx::query!(
            "insert into sandbox.participant (wa_group_id, user_key, joined_via) values ($1, $2, 'join_request') on conflict do nothing",
            group.wa_group_id,
            request.user_key
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        let mut added = json!({ "input": request.user_key });
        if let Some(wa_id) = &request.wa_id {
            added["wa_id"] = json!(wa_id);
        }
        if let Some(user_id) = &request.user_id {
            added["user_id"] = json!(user_id);
        }
        events.push(json!({
            "timestamp": deliver::timestamp(),
            "group_id": group.wa_group_id,
            "type": "group_participants_add",
            "reason": "invite_link",
            "added_participants": [added],
        }));
        approved.push(id);
    }
    for event in events {
        let envelope =
            deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
        deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
            .await
            .map_err(internal)?;
    }
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    let mut answer = json!({ "messaging_product": "whatsapp", "approved_join_requests": approved });
    if !failed.is_empty() {
        answer["failed_join_requests"] = json!(failed);
        answer["errors"] = json!([webhook_error(
            131201,
            "Request partially succeeded",
            "Not every join request was approved."
        )]);
    }
    Ok(Json(answer))
}

/// `DELETE /<GROUP_ID>/join_requests`: rejects; no webhook follows.
pub async fn reject(
    state: &SandboxState,
    group: &Group,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    let ids = ids(bytes)?;
    let mut rejected = Vec::new();
    let mut failed = Vec::new();
    for id in ids {
        let deleted = sqlx::query!(
            "delete from sandbox.join_request where join_request_id = $1 and wa_group_id = $2",
            id,
            group.wa_group_id
        )
        .execute(&state.pool)
        .await
        .map_err(internal)?
        .rows_affected();
        if deleted == 1 {
            rejected.push(id);
        } else {
            failed.push(gone(&id));
        }
    }
    let mut answer = json!({ "messaging_product": "whatsapp", "rejected_join_requests": rejected });
    if !failed.is_empty() {
        answer["failed_join_requests"] = json!(failed);
        answer["errors"] = json!([webhook_error(
            131201,
            "Request partially succeeded",
            "Not every join request was rejected."
        )]);
    }
    Ok(Json(answer))
}
