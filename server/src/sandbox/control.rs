//! The control API: play WhatsApp users and Meta's moderators, and set faults. Not part of
//! Meta's API; only mounted in sandbox mode, under `/sandbox/control`.

use super::groups::{PARTICIPANT_CAP, webhook_error};
use super::lookup::{self, Group};
use super::{SandboxState, deliver, ids, statuses};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

/// A control-API refusal: a status and a plain reason.
pub struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<super::MetaError> for Refusal {
    fn from(error: super::MetaError) -> Self {
        Self(StatusCode::INTERNAL_SERVER_ERROR, format!("{error:?}"))
    }
}

fn refuse(status: StatusCode, reason: &str) -> Refusal {
    Refusal(status, reason.to_owned())
}

fn db(error: sqlx::Error) -> Refusal {
    tracing::error!(error = %error, "sandbox control database error");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the sandbox database failed",
    )
}

/// The control routes.
pub fn router() -> Router<SandboxState> {
    Router::new()
        .route("/users", post(upsert_user))
        .route("/numbers", post(register_number))
        .route("/join", post(join))
        .route("/join_requests/{id}/cancel", post(cancel_request))
        .route("/groups", get(groups))
        .route("/groups/{group_id}/messages", post(post_message))
        .route("/groups/{group_id}/leave", post(leave))
        .route("/groups/{group_id}/read", post(read))
        .route("/groups/{group_id}/suspend", post(suspend))
        .route(
            "/groups/{group_id}/clear_suspension",
            post(clear_suspension),
        )
        .route("/behaviour", get(behaviour).put(set_behaviour))
}

/// A simulated WhatsApp user: a phone number, a BSUID, or both.
#[derive(Debug, Deserialize)]
pub struct UserInput {
    wa_id: Option<String>,
    user_id: Option<String>,
    username: Option<String>,
    name: Option<String>,
}

async fn ensure_user(state: &SandboxState, user: &UserInput) -> Result<String, Refusal> {
    let wa_id = user
        .wa_id
        .as_ref()
        .map(|raw| raw.chars().filter(char::is_ascii_digit).collect::<String>());
    if let Some(wa_id) = &wa_id
        && !(6..=20).contains(&wa_id.len())
    {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "wa_id must be a phone number of 6 to 20 digits",
        ));
    }
    let Some(key) = wa_id.clone().or_else(|| user.user_id.clone()) else {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "a user needs a wa_id or a user_id",
        ));
    };
    sqlx::query!(
        r#"insert into sandbox.wa_user (user_key, wa_id, user_id, username, name)
           values ($1, $2, $3, $4, coalesce($5, ''))
           on conflict (user_key) do update set name = coalesce(nullif($5, ''), sandbox.wa_user.name)"#,
        key,
        wa_id,
        user.user_id,
        user.username,
        user.name,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(key)
}

async fn upsert_user(
    State(state): State<SandboxState>,
    Json(user): Json<UserInput>,
) -> Result<Json<Value>, Refusal> {
    Ok(Json(
        json!({ "user_key": ensure_user(&state, &user).await? }),
    ))
}

#[derive(Deserialize)]
struct NumberInput {
    phone_number_id: String,
    waba_id: String,
    display_phone_number: String,
    #[serde(default = "yes")]
    eligible: bool,
    access_token: Option<String>,
}

fn yes() -> bool {
    true
}

async fn register_number(
    State(state): State<SandboxState>,
    Json(input): Json<NumberInput>,
) -> Result<Json<Value>, Refusal> {
    sqlx::query!(
        r#"insert into sandbox.phone_number
             (phone_number_id, waba_id, display_phone_number, is_official_business_account, access_token)
           values ($1, $2, $3, $4, $5)
           on conflict (phone_number_id) do update set is_official_business_account = $4, access_token = $5"#,
        input.phone_number_id,
        input.waba_id,
        input.display_phone_number,
        input.eligible,
        input.access_token,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(json!({ "phone_number_id": input.phone_number_id })))
}

#[derive(Deserialize)]
struct JoinInput {
    invite_link: String,
    user: UserInput,
}

/// A user opens an invite link (SPEC §8 rule 4): joins, or asks to join.
async fn join(
    State(state): State<SandboxState>,
    Json(input): Json<JoinInput>,
) -> Result<Json<Value>, Refusal> {
    let user_key = ensure_user(&state, &input.user).await?;
    let group_id = sqlx::query_scalar!(
        "select wa_group_id from sandbox.wa_group where invite_link = $1 and deleted_at is null",
        input.invite_link
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(db)?
    .ok_or_else(|| {
        refuse(
            StatusCode::NOT_FOUND,
            "this invite link is not valid (reset, deleted or unknown)",
        )
    })?;
    let group = group(&state, &group_id).await?;
    if group.suspended {
        return Err(refuse(StatusCode::CONFLICT, "the group is suspended"));
    }
    let removed = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.removed_user where wa_group_id = $1 and user_key = $2) as "e!""#,
        group_id,
        user_key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    if removed {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "this user was removed from the group and cannot rejoin through the link",
        ));
    }
    let user = user_row(&state, &user_key).await?;
    let mut tx = state.pool.begin().await.map_err(db)?;
    let already = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.participant where wa_group_id = $1 and user_key = $2) as "e!""#,
        group_id,
        user_key
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    if already {
        return Ok(Json(json!({ "result": "already_member" })));
    }
    let count = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.participant where wa_group_id = $1"#,
        group_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    if count >= PARTICIPANT_CAP {
        return Err(refuse(
            StatusCode::CONFLICT,
            "the group is full (8 participants)",
        ));
    }
    let (answer, event) = if group.join_approval_mode == "auto_approve" {
        sqlx::query!(
            "insert into sandbox.participant (wa_group_id, user_key, joined_via) values ($1, $2, 'invite_link')",
            group_id,
            user_key
        )
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = json!({
            "timestamp": deliver::timestamp(),
            "group_id": group_id,
            "type": "group_participants_add",
            "reason": "invite_link",
            "added_participants": [user.clone()],
        });
        (json!({ "result": "joined" }), event)
    } else {
        let request_id = ids::join_request_id(&user_key);
        let inserted = sqlx::query!(
            r#"insert into sandbox.join_request (join_request_id, wa_group_id, user_key) values ($1, $2, $3)
               on conflict (wa_group_id, user_key) do nothing"#,
            request_id,
            group_id,
            user_key
        )
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        if inserted == 0 {
            return Ok(Json(json!({ "result": "already_requested" })));
        }
        let mut event = json!({
            "timestamp": deliver::timestamp(),
            "group_id": group_id,
            "type": "group_join_request_created",
            "reason": "invite_link",
            "join_request_id": request_id,
        });
        merge(&mut event, &user);
        (
            json!({ "result": "requested", "join_request_id": request_id }),
            event,
        )
    };
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(answer))
}

fn merge(target: &mut Value, extra: &Value) {
    if let (Some(target), Some(extra)) = (target.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            target.insert(key.clone(), value.clone());
        }
    }
}

async fn group(state: &SandboxState, group_id: &str) -> Result<Group, Refusal> {
    lookup::group(state, group_id)
        .await?
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such group (or it was deleted)"))
}

/// `{wa_id?, user_id?, username?}` of a user, as webhooks name them.
async fn user_row(state: &SandboxState, user_key: &str) -> Result<Value, Refusal> {
    let row = sqlx::query!(
        "select wa_id, user_id, username from sandbox.wa_user where user_key = $1",
        user_key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    Ok(super::groups::identity(
        row.wa_id,
        row.user_id,
        row.username,
    ))
}

/// The user cancels a pending join request: `group_join_request_revoked`.
async fn cancel_request(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    let mut tx = state.pool.begin().await.map_err(db)?;
    let row = sqlx::query!(
        "delete from sandbox.join_request where join_request_id = $1 returning wa_group_id, user_key",
        id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such pending join request"))?;
    let group = group(&state, &row.wa_group_id).await?;
    let mut event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": row.wa_group_id,
        "type": "group_join_request_revoked",
        "reason": "user_cancelled",
        "join_request_id": id,
    });
    merge(&mut event, &user_row(&state, &row.user_key).await?);
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "result": "revoked" })))
}

#[derive(Deserialize)]
struct MessageInput {
    user: UserInput,
    /// `text`, `image`, `document`, ... or an unsupported type such as `poll`.
    #[serde(rename = "type", default = "text_type")]
    kind: String,
    text: Option<String>,
    caption: Option<String>,
}

fn text_type() -> String {
    "text".to_owned()
}

async fn member_key(
    state: &SandboxState,
    group_id: &str,
    user: &UserInput,
) -> Result<String, Refusal> {
    let key = ensure_user(state, user).await?;
    let member = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.participant where wa_group_id = $1 and user_key = $2) as "e!""#,
        group_id,
        key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    if member {
        Ok(key)
    } else {
        Err(refuse(
            StatusCode::CONFLICT,
            "this user is not a participant of the group",
        ))
    }
}

/// A participant posts in the group: a `messages` webhook with `group_id` (SPEC §3.4).
async fn post_message(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
    Json(input): Json<MessageInput>,
) -> Result<Json<Value>, Refusal> {
    let group = group(&state, &group_id).await?;
    let user_key = member_key(&state, &group_id, &input.user).await?;
    let sender = sqlx::query!(
        "select wa_id, user_id, username, name from sandbox.wa_user where user_key = $1",
        user_key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    let wamid = ids::wamid();
    let mut message = json!({ "group_id": group_id, "id": wamid, "timestamp": deliver::timestamp(), "type": input.kind });
    if let Some(wa_id) = &sender.wa_id {
        message["from"] = json!(wa_id);
    }
    if let Some(user_id) = &sender.user_id {
        message["from_user_id"] = json!(user_id);
    }
    let content = match input.kind.as_str() {
        "text" => {
            let body = input.text.unwrap_or_default();
            if body.trim().is_empty() {
                return Err(refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "a text message needs text",
                ));
            }
            json!({ "body": body })
        }
        "image" | "video" | "audio" | "document" => {
            let (mime, bytes) = sample_media(&input.kind);
            let media_id = ids::media_id();
            let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
            sqlx::query!(
                "insert into sandbox.media (media_id, phone_number_id, mime_type, sha256, content) values ($1, $2, $3, $4, $5)",
                media_id, group.number.phone_number_id, mime, sha, bytes
            )
            .execute(&state.pool)
            .await
            .map_err(db)?;
            let mut media = json!({ "id": media_id, "mime_type": mime, "sha256": sha });
            if let Some(caption) = input.caption {
                media["caption"] = json!(caption);
            }
            media
        }
        _ => {
            message["type"] = json!("unsupported");
            message["errors"] = json!([webhook_error(
                130501,
                "Unsupported message type",
                "Message type is not currently supported"
            )]);
            Value::Null
        }
    };
    if !content.is_null() {
        message[input.kind.as_str()] = content.clone();
    }
    let mut contact = json!({ "profile": { "name": sender.name } });
    if let Some(wa_id) = &sender.wa_id {
        contact["wa_id"] = json!(wa_id);
    }
    if let Some(user_id) = &sender.user_id {
        contact["user_id"] = json!(user_id);
    }
    let mut tx = state.pool.begin().await.map_err(db)?;
    sqlx::query!(
        r#"insert into sandbox.message (wamid, wa_group_id, direction, user_key, message_type, content)
           values ($1, $2, 'inbound', $3, $4, $5)"#,
        wamid,
        group_id,
        user_key,
        message["type"].as_str().unwrap_or("unsupported"),
        content,
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let envelope = deliver::messages_envelope(
        &group.number,
        json!({ "contacts": [contact], "messages": [message] }),
    );
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "wamid": wamid })))
}

/// Tiny but valid sample files for simulated media messages.
fn sample_media(kind: &str) -> (&'static str, Vec<u8>) {
    match kind {
        "image" => ("image/jpeg", super::jpeg::header_only(640, 640)),
        "video" => ("video/mp4", b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec()),
        "audio" => ("audio/ogg", b"OggS\0\x02\0\0\0\0\0\0\0\0".to_vec()),
        _ => (
            "application/pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec(),
        ),
    }
}

#[derive(Deserialize)]
struct UserOnly {
    user: UserInput,
}

/// A participant leaves: `group_participants_remove` initiated by the participant (SPEC §8 rule 8).
async fn leave(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
    Json(input): Json<UserOnly>,
) -> Result<Json<Value>, Refusal> {
    let group = group(&state, &group_id).await?;
    let user_key = member_key(&state, &group_id, &input.user).await?;
    let user = user_row(&state, &user_key).await?;
    let mut tx = state.pool.begin().await.map_err(db)?;
    sqlx::query!(
        "delete from sandbox.participant where wa_group_id = $1 and user_key = $2",
        group_id,
        user_key
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group_id,
        "type": "group_participants_remove",
        "removed_participants": [user],
        "initiated_by": "participant",
    });
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "result": "left" })))
}

/// A participant reads every message: per-message `read` statuses.
async fn read(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
    Json(input): Json<UserOnly>,
) -> Result<Json<Value>, Refusal> {
    let group = group(&state, &group_id).await?;
    let user_key = member_key(&state, &group_id, &input.user).await?;
    let count = statuses::read_all(&state, &group, &user_key).await?;
    Ok(Json(json!({ "read": count })))
}

async fn set_suspended(
    state: &SandboxState,
    group_id: &str,
    suspended: bool,
) -> Result<Json<Value>, Refusal> {
    let group = group(state, group_id).await?;
    let mut tx = state.pool.begin().await.map_err(db)?;
    sqlx::query!(
        "update sandbox.wa_group set suspended = $2 where wa_group_id = $1",
        group_id,
        suspended
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "type": if suspended { "group_suspend" } else { "group_suspend_cleared" },
        "group_id": group_id,
    });
    let envelope = deliver::groups_envelope(&group.number, "group_status_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "suspended": suspended })))
}

/// WhatsApp suspends a group (SPEC §8 rule 14).
async fn suspend(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    set_suspended(&state, &group_id, true).await
}

/// WhatsApp clears a suspension.
async fn clear_suspension(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    set_suspended(&state, &group_id, false).await
}

/// Every live group with its participants and pending requests, for the Sandbox page.
/// `?phone_number_ids=a,b` limits the list to those numbers' groups.
#[derive(Deserialize)]
struct GroupsFilter {
    phone_number_ids: Option<String>,
}

async fn groups(
    State(state): State<SandboxState>,
    axum::extract::Query(filter): axum::extract::Query<GroupsFilter>,
) -> Result<Json<Value>, Refusal> {
    let numbers: Option<Vec<String>> = filter.phone_number_ids.map(|ids| {
        ids.split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    });
    let rows = sqlx::query!(
        r#"select g.wa_group_id, g.subject, g.join_approval_mode, g.invite_link, g.suspended,
                  coalesce((select json_agg(json_build_object('user', u.user_key, 'name', u.name) order by p.joined_at)
                            from sandbox.participant p join sandbox.wa_user u using (user_key)
                            where p.wa_group_id = g.wa_group_id), '[]'::json) as "participants!",
                  coalesce((select json_agg(json_build_object('join_request_id', r.join_request_id, 'user', r.user_key))
                            from sandbox.join_request r where r.wa_group_id = g.wa_group_id), '[]'::json) as "join_requests!"
           from sandbox.wa_group g
           where g.deleted_at is null and ($1::text[] is null or g.phone_number_id = any($1))
           order by g.created_at desc limit 500"#,
        numbers.as_deref()
    )
    .fetch_all(&state.pool)
    .await
    .map_err(db)?;
    let groups: Vec<Value> = rows
        .into_iter()
        .map(|row| {
            json!({
                "group_id": row.wa_group_id,
                "subject": row.subject,
                "join_approval_mode": row.join_approval_mode,
                "invite_link": row.invite_link,
                "suspended": row.suspended,
                "participants": row.participants,
                "join_requests": row.join_requests,
            })
        })
        .collect();
    Ok(Json(json!({ "groups": groups })))
}

/// The behaviour and fault settings.
#[derive(Debug, Deserialize, serde::Serialize)]
pub struct Behaviour {
    auto_read: bool,
    error_5xx_rate: f64,
    throughput_rate: f64,
    group_rate_limit_rate: f64,
    timeout_rate: f64,
    latency_ms: i32,
    timeout_delay_ms: i32,
    duplicate_webhook_rate: f64,
    reorder_webhooks: bool,
}

async fn behaviour(State(state): State<SandboxState>) -> Result<Json<Behaviour>, Refusal> {
    let row = sqlx::query_as!(
        Behaviour,
        r#"select auto_read, error_5xx_rate, throughput_rate, group_rate_limit_rate, timeout_rate,
                  latency_ms, timeout_delay_ms, duplicate_webhook_rate, reorder_webhooks
           from sandbox.behaviour"#
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(row))
}

async fn set_behaviour(
    State(state): State<SandboxState>,
    Json(input): Json<Behaviour>,
) -> Result<Json<Behaviour>, Refusal> {
    let rates = [
        input.error_5xx_rate,
        input.throughput_rate,
        input.group_rate_limit_rate,
        input.timeout_rate,
        input.duplicate_webhook_rate,
    ];
    if rates.iter().any(|rate| !(0.0..=1.0).contains(rate)) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "rates are fractions from 0 to 1",
        ));
    }
    if !(0..=60_000).contains(&input.latency_ms) || !(0..=600_000).contains(&input.timeout_delay_ms)
    {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "latency is 0 to 60000 ms, timeout delay 0 to 600000 ms",
        ));
    }
    sqlx::query!(
        r#"update sandbox.behaviour set auto_read = $1, error_5xx_rate = $2, throughput_rate = $3,
             group_rate_limit_rate = $4, timeout_rate = $5, latency_ms = $6, timeout_delay_ms = $7,
             duplicate_webhook_rate = $8, reorder_webhooks = $9, updated_at = now()"#,
        input.auto_read,
        input.error_5xx_rate,
        input.throughput_rate,
        input.group_rate_limit_rate,
        input.timeout_rate,
        input.latency_ms,
        input.timeout_delay_ms,
        input.duplicate_webhook_rate,
        input.reorder_webhooks,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(input))
}
