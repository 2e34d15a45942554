//! Group lifecycle, info and active groups (SPEC §2.1–§2.4, §8 rules 2, 3, 9); settings are in
//! `settings.rs`.

use super::body::{self, JsonBody};
use super::error::MetaError;
use super::lookup::{self, Group, Number, internal};
use super::{SandboxState, deliver, ids};
use axum::Json;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// Most groups one number may have (SPEC §2.0).
pub const GROUP_CAP: i64 = 10_000;
/// Most participants a group may have, the business not counted (SPEC §2.0, §9 question 12).
pub const PARTICIPANT_CAP: i64 = 8;

/// `POST /<PNID>/groups`: creates a group and schedules its `group_create` webhook.
pub async fn create(
    state: &SandboxState,
    number: &Number,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    number.require_eligible()?;
    let body = JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    let subject = body::subject(&body.string("subject")?.unwrap_or_default())?;
    let description = body::description(&body.string("description")?.unwrap_or_default())?;
    let mode = body
        .string("join_approval_mode")?
        .unwrap_or_else(|| "auto_approve".to_owned());
    approval_mode(&mode)?;

    let mut tx = state.pool.begin().await.map_err(internal)?;
    // Serialize creates per number so the cap holds under concurrency.
    sqlx::query!(
        "select phone_number_id from sandbox.phone_number where phone_number_id = $1 for update",
        number.phone_number_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(internal)?;
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from sandbox.wa_group
           where phone_number_id = $1 and deleted_at is null"#,
        number.phone_number_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(internal)?;
    if count >= GROUP_CAP {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131211,
            "Group create limit reached",
            "This phone number has reached its maximum number of groups.",
        ));
    }

    let group_id = ids::group_id(&number.display_phone_number);
    let invite_link = ids::invite_link();
    let request_id = ids::request_id();
    sqlx::query!(
        r#"insert into sandbox.wa_group
             (wa_group_id, phone_number_id, subject, description, join_approval_mode, invite_link)
           values ($1, $2, $3, $4, $5, $6)"#,
        group_id,
        number.phone_number_id,
        subject,
        description,
        mode,
        invite_link,
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group_id,
        "type": "group_create",
        "request_id": request_id,
        "subject": subject,
        "invite_link": invite_link,
        "join_approval_mode": mode,
    });
    let envelope = deliver::groups_envelope(number, "group_lifecycle_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "request_id": request_id }),
    ))
}

/// `DELETE /<GROUP_ID>`: removes everyone and the group; `group_delete` follows (SPEC §2.2).
pub async fn delete(state: &SandboxState, group: &Group) -> Result<Json<Value>, MetaError> {
    let request_id = ids::request_id();
    let mut tx = state.pool.begin().await.map_err(internal)?;
    sqlx::query!(
        "update sandbox.wa_group set deleted_at = now() where wa_group_id = $1",
        group.wa_group_id
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    sqlx::query!(
        "delete from sandbox.participant where wa_group_id = $1",
        group.wa_group_id
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    sqlx::query!(
        "delete from sandbox.join_request where wa_group_id = $1",
        group.wa_group_id
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group.wa_group_id,
        "type": "group_delete",
        "request_id": request_id,
    });
    let envelope = deliver::groups_envelope(&group.number, "group_lifecycle_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    // SPEC §2.2 and open question 1: `{success: true}`, with the request ID added.
    Ok(Json(json!({ "success": true, "request_id": request_id })))
}

/// The participants of a group as Graph lists them.
pub async fn participants(
    state: &SandboxState,
    wa_group_id: &str,
) -> Result<Vec<Value>, MetaError> {
    let rows = sqlx::query!(
        r#"select u.wa_id, u.user_id, u.username from sandbox.participant p
           join sandbox.wa_user u using (user_key)
           where p.wa_group_id = $1 order by p.joined_at"#,
        wa_group_id
    )
    .fetch_all(&state.pool)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|row| identity(row.wa_id, row.user_id, row.username))
        .collect())
}

/// `{wa_id?, user_id?, username?}` with absent keys left out.
pub fn identity(wa_id: Option<String>, user_id: Option<String>, username: Option<String>) -> Value {
    let mut object = serde_json::Map::new();
    if let Some(wa_id) = wa_id {
        object.insert("wa_id".to_owned(), json!(wa_id));
    }
    if let Some(user_id) = user_id {
        object.insert("user_id".to_owned(), json!(user_id));
    }
    if let Some(username) = username {
        object.insert("username".to_owned(), json!(username));
    }
    Value::Object(object)
}

/// `GET /<GROUP_ID>?fields=...`: only the requested fields (SPEC §2.3).
pub async fn info(
    state: &SandboxState,
    group: &Group,
    fields: Option<&str>,
) -> Result<Json<Value>, MetaError> {
    let mut answer = json!({ "messaging_product": "whatsapp", "id": group.wa_group_id });
    for field in fields
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        let value = match field {
            "subject" => json!(group.subject),
            "description" => json!(group.description),
            "suspended" => json!(group.suspended),
            "creation_timestamp" => json!(group.created_at),
            "join_approval_mode" => json!(group.join_approval_mode),
            "participants" => json!(participants(state, &group.wa_group_id).await?),
            "total_participant_count" => {
                json!(lookup::participant_count(state, &group.wa_group_id).await?)
            }
            "id" | "messaging_product" => continue,
            other => {
                return Err(MetaError::invalid_parameter(format!(
                    "(#100) Tried accessing nonexisting field ({other}) on node type (WhatsAppGroup)"
                )));
            }
        };
        answer[field] = value;
    }
    Ok(Json(answer))
}

/// Reads `limit` (1 to `max`, default 25) and an `after`/`before` cursor into an offset.
pub fn page(
    query: &std::collections::HashMap<String, String>,
    max: i64,
) -> Result<(i64, i64), MetaError> {
    let limit = match query.get("limit") {
        None => 25,
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|limit| (1..=max).contains(limit))
            .ok_or_else(|| {
                MetaError::invalid_parameter(format!("Param limit must be between 1 and {max}."))
            })?,
    };
    let cursor_error = || {
        MetaError::new(
            StatusCode::BAD_REQUEST,
            131059,
            "Invalid cursor",
            "The paging cursor is expired or corrupted; restart paging from the start.",
        )
    };
    let offset = match (query.get("after"), query.get("before")) {
        (Some(after), _) => ids::cursor_offset(after).ok_or_else(cursor_error)?,
        (None, Some(before)) => {
            (ids::cursor_offset(before).ok_or_else(cursor_error)? - limit).max(0)
        }
        (None, None) => 0,
    };
    Ok((offset, limit))
}

/// The `paging` block for a page at `offset` with `count` items, `more` telling if a next exists.
pub fn paging(base_url: &str, offset: i64, limit: i64, count: i64, more: bool) -> Value {
    let after = ids::cursor(offset + count);
    let before = ids::cursor(offset);
    let mut paging = json!({ "cursors": { "before": before, "after": after } });
    if more {
        paging["next"] = json!(format!("{base_url}?limit={limit}&after={after}"));
    }
    if offset > 0 {
        paging["previous"] = json!(format!("{base_url}?limit={limit}&before={before}"));
    }
    paging
}

/// `GET /<PNID>/groups`: the number's active groups, in Meta's documented shape (SPEC §2.4).
pub async fn active(
    state: &SandboxState,
    number: &Number,
    query: &std::collections::HashMap<String, String>,
    base_url: &str,
) -> Result<Json<Value>, MetaError> {
    number.require_eligible()?;
    let (offset, limit) = page(query, 1024)?;
    let rows = sqlx::query!(
        r#"select wa_group_id, subject, extract(epoch from created_at)::bigint as "created_at!"
           from sandbox.wa_group where phone_number_id = $1 and deleted_at is null
           order by created_at, wa_group_id offset $2 limit $3"#,
        number.phone_number_id,
        offset,
        limit + 1
    )
    .fetch_all(&state.pool)
    .await
    .map_err(internal)?;
    let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
    let groups: Vec<Value> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|row| json!({ "id": row.wa_group_id, "subject": row.subject, "created_at": row.created_at }))
        .collect();
    let count = i64::try_from(groups.len()).unwrap_or(0);
    Ok(Json(json!({
        "data": { "groups": groups },
        "paging": paging(base_url, offset, limit, count, more),
    })))
}

/// `auto_approve` or `approval_required`, else `100` naming the parameter.
pub(super) fn approval_mode(mode: &str) -> Result<(), MetaError> {
    if mode != "auto_approve" && mode != "approval_required" {
        return Err(MetaError::invalid_parameter(
            "Param join_approval_mode must be one of {auto_approve, approval_required}.",
        ));
    }
    Ok(())
}

/// An error object as webhooks carry them: `{code, title, message, error_data: {details}}`.
pub fn webhook_error(code: i64, title: &str, details: &str) -> Value {
    json!({
        "code": code,
        "title": title,
        "message": format!("(#{code}) {title}"),
        "error_data": { "details": details },
    })
}
