//! Sending media: a stored upload becomes a message in the outbox (one transaction, like text),
//! and the outbox worker uploads the file to WhatsApp once before sending the message that names
//! it. An upload that fails is retried and paced like a send; the message is never doubled.

use super::domain::SendState;
use super::media::{Accepted, MediaKind};
use super::outbox::Outcome;
use super::send_outcome::{failed, retry};
use super::service::{Queued, after_commit, enqueue, sendable};
use crate::AppError;
use crate::audit::{Entry, actions};
use crate::graph::types::{MediaRef, MessageContent};
use crate::graph::{GraphApi, GraphError, NumberAccess};
use crate::ids::GroupId;
use crate::state::AppState;
use crate::tenants::TenantMember;
use std::time::Duration;
use uuid::Uuid;

/// A file that arrived whole and was stored.
#[derive(Debug, Clone)]
pub struct StoredUpload {
    /// GroupDesk's ID of the file (also in its storage key).
    pub media_id: Uuid,
    /// The group it is for.
    pub group_id: GroupId,
    /// Its checked type.
    pub accepted: Accepted,
    /// The caption, if any.
    pub caption: Option<String>,
    /// The file's name, cleaned.
    pub file_name: Option<String>,
    /// Where it is stored.
    pub storage_key: String,
    /// Its size in bytes.
    pub byte_size: u64,
    /// Its hex SHA-256.
    pub sha256: String,
}

/// Refuses, before any byte is stored, a group the member cannot send to now.
pub async fn check_target(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<(), AppError> {
    let target = super::db::send_target(&state.pool, member, group_id).await?;
    sendable(target.cannot_send)
}

/// The content sent to WhatsApp, without the media ID (the worker adds it once uploaded).
fn content_of(upload: &StoredUpload) -> MessageContent {
    let media = MediaRef {
        id: None,
        link: None,
        caption: upload.caption.clone(),
        filename: (upload.accepted.kind == MediaKind::Document)
            .then(|| upload.file_name.clone())
            .flatten(),
    };
    match upload.accepted.kind {
        MediaKind::Image => MessageContent::Image { image: media },
        MediaKind::Video => MessageContent::Video { video: media },
        MediaKind::Audio => MessageContent::Audio { audio: media },
        MediaKind::Document => MessageContent::Document { document: media },
    }
}

/// Queues a stored file as a message of the group: message, media row, outbox row, audit entry
/// and live event in one transaction. Returns the message ID.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %upload.group_id))]
pub async fn send_media(
    state: &AppState,
    member: &TenantMember,
    upload: &StoredUpload,
) -> Result<Uuid, AppError> {
    let kind = upload.accepted.kind.as_str();
    let content = serde_json::to_value(content_of(upload)).map_err(AppError::internal)?;
    let mut tx = state.pool.begin().await?;
    let target = super::db::send_target(&mut *tx, member, upload.group_id).await?;
    sendable(target.cannot_send)?;
    let message_id = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, direction, sent_by, message_type, body, content,
                                sent_at, send_state, send_state_at)
           values ($1, $2, 'outbound', $3, $4, $5, $6, now(), $7, now())
           returning message_id"#,
        member.tenant_id().0,
        upload.group_id.0,
        member.user_id().0,
        kind,
        upload.caption.as_deref(),
        content,
        SendState::Queued.as_str(),
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"insert into media (media_id, tenant_id, group_id, message_id, kind, mime_type, byte_size,
                              sha256, file_name, storage_key, state)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'stored')"#,
        upload.media_id,
        member.tenant_id().0,
        upload.group_id.0,
        message_id,
        kind,
        upload.accepted.mime_type,
        i64::try_from(upload.byte_size).map_err(AppError::internal)?,
        upload.sha256,
        upload.file_name.as_deref(),
        upload.storage_key,
    )
    .execute(&mut *tx)
    .await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::MESSAGE_SEND,
    )
    .target(message_id)
    .detail(serde_json::json!({
        "group_id": upload.group_id, "type": kind, "media_id": upload.media_id,
        "bytes": upload.byte_size,
    }));
    let queued = Queued {
        message_id,
        group_id: upload.group_id,
        number: target.business_number_id,
        content: &content,
    };
    enqueue(&mut tx, member, &queued, &entry).await?;
    tx.commit().await?;
    after_commit(state).await?;
    Ok(message_id)
}

/// The media object of a media message.
fn media_ref(content: &mut MessageContent) -> Option<&mut MediaRef> {
    match content {
        MessageContent::Image { image: media }
        | MessageContent::Video { video: media }
        | MessageContent::Audio { audio: media }
        | MessageContent::Document { document: media } => Some(media),
        _ => None,
    }
}

/// Makes a media message sendable: uploads its file to WhatsApp unless that was done before (the
/// media ID is kept, so a retried send uploads nothing), and names it in the content. An upload
/// may be repeated safely (at worst WhatsApp keeps an unused copy), so every failure that may
/// pass is retried.
pub(super) async fn with_uploaded(
    state: &AppState,
    client: &dyn GraphApi,
    access: &NumberAccess,
    media_id: Uuid,
    mut content: MessageContent,
    attempts: i32,
    timeout: Duration,
) -> Result<MessageContent, Outcome> {
    let Some(target) = media_ref(&mut content) else {
        return Err(failed(None, "unreadable content"));
    };
    let row = sqlx::query!(
        "select wa_media_id, storage_key, mime_type, file_name from media where media_id = $1",
        media_id
    )
    .fetch_optional(&state.pool)
    .await;
    let row = match row {
        Ok(Some(row)) => row,
        Ok(None) => return Err(failed(None, MEDIA_MISSING)),
        Err(error) => {
            tracing::error!(error = %error, "could not read a media row");
            return Err(retry(None, attempts, false));
        }
    };
    if let Some(id) = row.wa_media_id {
        target.id = Some(id);
        return Ok(content);
    }
    let Some(key) = row.storage_key else {
        return Err(failed(None, MEDIA_MISSING));
    };
    let bytes = match state.media.get(&key).await {
        Ok(bytes) => bytes,
        Err(object_store::Error::NotFound { .. }) => return Err(failed(None, MEDIA_MISSING)),
        Err(error) => {
            tracing::error!(error = %error, "could not read a file from the media store");
            return Err(retry(None, attempts, false));
        }
    };
    let name = row.file_name.unwrap_or_else(|| "file".to_owned());
    let uploaded = tokio::time::timeout(
        timeout,
        client.upload_media(access, bytes, &row.mime_type, &name),
    )
    .await
    .unwrap_or(Err(GraphError::Timeout));
    let wa_media_id = match uploaded {
        Ok(id) => id,
        Err(error) if error.is_rate_limit() => {
            return Err(retry(Some(error.code()), attempts, true));
        }
        // Lost answers included: uploading again cannot double the message.
        Err(error) if error.is_retryable() || error.may_have_acted() => {
            let code = Some(error.code()).filter(|code| *code != 0);
            return Err(retry(code, attempts, false));
        }
        Err(GraphError::Api { code, details, .. }) => return Err(failed(Some(code), &details)),
        Err(error) => return Err(failed(None, &error.to_string())),
    };
    let saved = sqlx::query!(
        "update media set wa_media_id = $2, uploaded_at = now() where media_id = $1",
        media_id,
        wa_media_id
    )
    .execute(&state.pool)
    .await;
    if let Err(error) = saved {
        // The send goes on; a later retry would upload once more, which is harmless.
        tracing::error!(error = %error, "could not keep the WhatsApp media ID");
    }
    target.id = Some(wa_media_id);
    Ok(content)
}

/// `failure_detail` of a media message whose file is gone from the store.
pub const MEDIA_MISSING: &str = "media_missing";
