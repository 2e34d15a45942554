//! Queries of the chat. Each takes the caller's [`TenantMember`] and filters by its tenant.

use super::domain::{ChatGroup, ChatMessage, Delivery, ReceiptView, SendState, participant_label};
use super::media::{MediaKind, MediaState, MediaView};
use super::text;
use crate::AppError;
use crate::graph::explain;
use crate::ids::GroupId;
use crate::tenants::{Role, TenantMember};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// What sending needs to know about a group.
pub struct SendTarget {
    /// The group's business number.
    pub business_number_id: Uuid,
    /// Why nothing can be sent now, if so.
    pub cannot_send: Option<&'static str>,
}

/// The group of the member's tenant, and whether it can take messages now.
pub async fn send_target(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<SendTarget, AppError> {
    let row = sqlx::query!(
        r#"select g.business_number_id, g.state, g.suspended, n.disabled_at is not null as "disabled!"
           from whatsapp_group g join business_number n using (tenant_id, business_number_id)
           where g.tenant_id = $1 and g.group_id = $2 and g.state <> 'deleted'"#,
        member.tenant_id().0,
        group_id.0
    )
    .fetch_optional(db)
    .await?
    .ok_or(AppError::NotFound)?;
    let cannot_send = if row.state != "active" {
        Some(text::GROUP_NOT_ACTIVE)
    } else if row.suspended {
        Some(text::GROUP_SUSPENDED)
    } else if row.disabled {
        Some(text::NUMBER_DISABLED)
    } else {
        None
    };
    Ok(SendTarget {
        business_number_id: row.business_number_id,
        cannot_send,
    })
}

/// The group as the chat needs it.
pub async fn chat_group(
    pool: &PgPool,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<ChatGroup, AppError> {
    let target = send_target(pool, member, group_id).await?;
    Ok(ChatGroup {
        cannot_send: target.cannot_send.map(str::to_owned),
        may_send: matches!(member.role(), Role::Admin | Role::Staff),
    })
}

/// The newest `limit` messages of a group, oldest first, and whether older ones exist; only
/// those whose text contains `search` (any case) when it is given. The search walks the group's
/// messages newest first (`message_group_sent_idx`); a group holds at most 8 participants' talk,
/// so no text index is kept, which would slow every stored message down.
pub async fn newest(
    pool: &PgPool,
    member: &TenantMember,
    group_id: GroupId,
    limit: i64,
    search: Option<&str>,
) -> Result<(Vec<ChatMessage>, bool), AppError> {
    let pattern = search.map(|search| format!("%{}%", crate::groups::list_db::escape_like(search)));
    let rows = sqlx::query!(
        r#"select m.message_id, m.direction, m.sender_name, m.sender_wa_id, m.sender_user_id,
                  u.display_name as "staff_name?", m.message_type, m.body,
                  case when m.direction = 'outbound' and m.message_type = 'template'
                       then m.content->'template'->>'name' end as template_name,
                  m.sent_at as "sent_at: DateTime<Utc>", m.send_state, m.failure_code,
                  m.failure_detail, m.recipient_count,
                  (select count(*) from message_receipt r where r.message_id = m.message_id
                     and coalesce(r.delivered_at, r.read_at) is not null) as "delivered!",
                  (select count(*) from message_receipt r where r.message_id = m.message_id
                     and r.read_at is not null) as "read!",
                  (select count(*) from message_receipt r where r.message_id = m.message_id) as "receipts!",
                  md.media_id as "media_id?", md.kind as "media_kind?", md.mime_type as "media_mime?",
                  md.file_name as "media_file_name?", md.byte_size as "media_size?",
                  md.state as "media_state?",
                  (m.wamid is not null and m.message_type <> 'pin'
                     and (m.direction = 'inbound' or m.send_state in ('accepted', 'sent'))) as "pinnable!",
                  exists(select 1 from message_pin p where p.message_id = m.message_id
                     and p.expires_at > now()) as "pinned!",
                  case when m.message_type = 'pin' then m.content -> 'pin' end as pin
           from message m left join app_user u on u.app_user_id = m.sent_by
           left join media md on md.message_id = m.message_id
           where m.tenant_id = $1 and m.group_id = $2
             and ($4::text is null or m.body ilike $4)
           order by m.sent_at desc, m.received_at desc, m.message_id desc
           limit $3"#,
        member.tenant_id().0,
        group_id.0,
        limit + 1,
        pattern,
    )
    .fetch_all(pool)
    .await?;
    let has_older = rows.len() as i64 > limit;
    let mut messages: Vec<ChatMessage> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|row| {
            let outbound = row.direction == "outbound";
            let sender = if outbound {
                row.staff_name
                    .unwrap_or_else(|| text::FORMER_STAFF.to_owned())
            } else {
                participant_label(
                    row.sender_name.as_deref(),
                    row.sender_wa_id.as_deref(),
                    row.sender_user_id.as_deref(),
                )
            };
            let delivery = row
                .send_state
                .as_deref()
                .and_then(SendState::parse)
                .map(|state| Delivery {
                    state,
                    delivered: row.delivered,
                    read: row.read,
                    recipients: i64::from(row.recipient_count.unwrap_or(0)).max(row.receipts),
                    failure: (state == SendState::Failed)
                        .then(|| failure_text(row.failure_code, row.failure_detail.as_deref())),
                });
            let media = row
                .media_id
                .zip(row.media_kind.as_deref().and_then(MediaKind::parse))
                .zip(row.media_state.as_deref().and_then(MediaState::parse))
                .map(|((id, kind), state)| MediaView {
                    id,
                    kind,
                    mime_type: row.media_mime.clone().unwrap_or_default(),
                    file_name: row.media_file_name.clone(),
                    byte_size: row.media_size,
                    state,
                });
            ChatMessage {
                id: row.message_id,
                outbound,
                sender,
                pin: (row.message_type == "pin")
                    .then(|| super::pins::PinNote::from_content(row.pin.as_ref())),
                message_type: row.message_type,
                body: row.body,
                template: row.template_name,
                sent_at: row.sent_at,
                delivery,
                media,
                pinnable: row.pinnable,
                pinned: row.pinned,
            }
        })
        .collect();
    messages.reverse();
    Ok((messages, has_older))
}

/// `failure_detail` of a message whose timed-out send WhatsApp never confirmed.
pub const NOT_CONFIRMED: &str = "not_confirmed";
/// `failure_detail` of a message whose group stopped being active before it was sent.
pub const GROUP_NOT_ACTIVE: &str = "group_not_active";
/// `failure_detail` of a message whose business number was disabled before it was sent.
pub const NUMBER_DISABLED: &str = "number_disabled";

/// Why a message failed, for a person: Meta's code explained, or why GroupDesk gave up.
pub fn failure_text(code: Option<i64>, detail: Option<&str>) -> String {
    match code {
        Some(code) if code > 0 => format!("{} (Meta error {code})", explain(code)),
        _ if detail == Some(NOT_CONFIRMED) => text::NOT_CONFIRMED.to_owned(),
        _ if detail == Some(GROUP_NOT_ACTIVE) => text::GROUP_NOT_ACTIVE.to_owned(),
        _ if detail == Some(NUMBER_DISABLED) => text::NUMBER_DISABLED.to_owned(),
        _ if detail == Some(super::media_send::MEDIA_MISSING) => text::MEDIA_MISSING.to_owned(),
        _ => text::GAVE_UP.to_owned(),
    }
}

/// Per-participant receipts of one of our messages.
pub async fn receipts(
    pool: &PgPool,
    member: &TenantMember,
    message_id: Uuid,
) -> Result<Vec<ReceiptView>, AppError> {
    let exists = sqlx::query_scalar!(
        r#"select exists(select 1 from message where tenant_id = $1 and message_id = $2
             and direction = 'outbound') as "e!""#,
        member.tenant_id().0,
        message_id
    )
    .fetch_one(pool)
    .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let rows = sqlx::query!(
        r#"select wa_id, user_id, delivered_at as "delivered_at: DateTime<Utc>",
                  read_at as "read_at: DateTime<Utc>"
           from message_receipt where tenant_id = $1 and message_id = $2
           order by participant_key"#,
        member.tenant_id().0,
        message_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ReceiptView {
            participant: participant_label(None, row.wa_id.as_deref(), row.user_id.as_deref()),
            read: row.read_at.is_some(),
            delivered_at: row.delivered_at,
            read_at: row.read_at,
        })
        .collect())
}
