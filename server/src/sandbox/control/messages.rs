//! Simulated participants post, leave and read.

use super::super::groups::webhook_error;
use super::super::{SandboxState, deliver, ids, statuses};
use super::{Refusal, UserInput, db, ensure_user, group, refuse, user_row};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
pub(super) struct MessageInput {
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
pub(super) async fn post_message(
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
            if input.kind == "document" {
                media["filename"] = json!("sample.pdf");
            }
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

/// A 24×24 green PNG: a real image, so browsers show simulated photos.
const SAMPLE_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x18, 0x08, 0x02, 0x00, 0x00, 0x00, 0x6F, 0x15, 0xAA,
    0xAF, 0x00, 0x00, 0x00, 0x1F, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x50, 0xBD, 0x9C, 0x46,
    0x15, 0xC4, 0x30, 0x6A, 0xD0, 0xA8, 0x41, 0xA3, 0x06, 0x8D, 0x1A, 0x34, 0x6A, 0xD0, 0xA8, 0x41,
    0x03, 0x6F, 0x10, 0x00, 0xCC, 0x72, 0x13, 0xAE, 0x6B, 0x08, 0x19, 0x1E, 0x00, 0x00, 0x00, 0x00,
    0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Tiny but valid sample files for simulated media messages.
fn sample_media(kind: &str) -> (&'static str, Vec<u8>) {
    match kind {
        "image" => ("image/png", SAMPLE_PNG.to_vec()),
        "video" => ("video/mp4", b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec()),
        "audio" => ("audio/ogg", b"OggS\0\x02\0\0\0\0\0\0\0\0".to_vec()),
        _ => (
            "application/pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec(),
        ),
    }
}

#[derive(Deserialize)]
pub(super) struct UserOnly {
    user: UserInput,
}

/// A participant leaves: `group_participants_remove` initiated by the participant (SPEC §8 rule 8).
pub(super) async fn leave(
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
pub(super) async fn read(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
    Json(input): Json<UserOnly>,
) -> Result<Json<Value>, Refusal> {
    let group = group(&state, &group_id).await?;
    let user_key = member_key(&state, &group_id, &input.user).await?;
    let count = statuses::read_all(&state, &group, &user_key).await?;
    Ok(Json(json!({ "read": count })))
}
