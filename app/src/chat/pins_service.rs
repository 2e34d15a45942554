//! Pinning and unpinning: each is an outbound `pin` message stored with its outbox row and the
//! pin's new state in one transaction; the outbox sends it and its outcome settles the pin
//! ([`super::pins_db::settle`]).

use super::domain::SendState;
use super::pins::PinDays;
use super::service::{Queued, after_commit, enqueue, sendable};
use super::{pins_db, text};
use crate::AppError;
use crate::audit::{Entry, actions};
use crate::graph::types::{MessageContent, Pin, PinKind};
use crate::ids::GroupId;
use crate::state::AppState;
use crate::tenants::TenantMember;
use sqlx::PgConnection;
use uuid::Uuid;

/// Queues a pin of the message `message_id` of the member's group for `days`.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn pin(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    message_id: Uuid,
    days: PinDays,
) -> Result<Uuid, AppError> {
    let mut tx = state.pool.begin().await?;
    let target = super::db::send_target(&mut *tx, member, group_id).await?;
    let parent = pins_db::pinnable(&mut *tx, member, group_id, message_id).await?;
    sendable(target.cannot_send)?;
    pins_db::forget_expired(&mut tx, group_id).await?;
    let pin = Pin {
        kind: PinKind::Pin,
        message_id: parent.wamid,
        expiration_days: Some(days.get()),
    };
    let pin_message_id = insert_pin_message(&mut tx, member, group_id, &pin, parent.body).await?;
    let inserted = sqlx::query!(
        r#"insert into message_pin (tenant_id, group_id, message_id, pin_message_id, days, state,
                                    expires_at)
           values ($1, $2, $3, $4, $5, 'pending', now() + make_interval(days => $5))
           on conflict (group_id, message_id) do nothing"#,
        member.tenant_id().0,
        group_id.0,
        message_id,
        pin_message_id,
        i32::try_from(days.get()).unwrap_or(1),
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(AppError::Conflict {
            message: text::PIN_ALREADY.to_owned(),
        });
    }
    let detail =
        serde_json::json!({ "group_id": group_id, "message_id": message_id, "days": days.get() });
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::MESSAGE_PIN,
    )
    .target(pin_message_id)
    .detail(detail);
    queue(
        &mut tx,
        member,
        group_id,
        target.business_number_id,
        pin_message_id,
        &pin,
        &entry,
    )
    .await?;
    tx.commit().await?;
    after_commit(state).await?;
    Ok(pin_message_id)
}

/// Queues an unpin of the pinned message `message_id` of the member's group.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn unpin(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    message_id: Uuid,
) -> Result<Uuid, AppError> {
    let mut tx = state.pool.begin().await?;
    let target = super::db::send_target(&mut *tx, member, group_id).await?;
    let parent = pins_db::pinnable(&mut *tx, member, group_id, message_id).await?;
    sendable(target.cannot_send)?;
    let current = sqlx::query_scalar!(
        r#"select state from message_pin
           where tenant_id = $1 and group_id = $2 and message_id = $3 and expires_at > now()
           for update"#,
        member.tenant_id().0,
        group_id.0,
        message_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match current.as_deref() {
        Some("active") => {}
        Some("pending") => {
            return Err(AppError::Conflict {
                message: text::PIN_STILL_PENDING.to_owned(),
            });
        }
        _ => {
            return Err(AppError::Conflict {
                message: text::PIN_NOT_PINNED.to_owned(),
            });
        }
    }
    let pin = Pin {
        kind: PinKind::Unpin,
        message_id: parent.wamid,
        expiration_days: None,
    };
    let unpin_message_id = insert_pin_message(&mut tx, member, group_id, &pin, parent.body).await?;
    sqlx::query!(
        r#"update message_pin set state = 'unpinning', unpin_message_id = $3
           where group_id = $1 and message_id = $2"#,
        group_id.0,
        message_id,
        unpin_message_id
    )
    .execute(&mut *tx)
    .await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::MESSAGE_UNPIN,
    )
    .target(unpin_message_id)
    .detail(serde_json::json!({ "group_id": group_id, "message_id": message_id }));
    queue(
        &mut tx,
        member,
        group_id,
        target.business_number_id,
        unpin_message_id,
        &pin,
        &entry,
    )
    .await?;
    tx.commit().await?;
    after_commit(state).await?;
    Ok(unpin_message_id)
}

/// Stores the outbound `pin` message; its body quotes the (un)pinned message for the chat's line.
async fn insert_pin_message(
    tx: &mut PgConnection,
    member: &TenantMember,
    group_id: GroupId,
    pin: &Pin,
    quoted: Option<String>,
) -> Result<Uuid, AppError> {
    let content = content(pin)?;
    let id = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, direction, sent_by, message_type, body, content,
                                sent_at, send_state, send_state_at)
           values ($1, $2, 'outbound', $3, 'pin', $4, $5, now(), $6, now())
           returning message_id"#,
        member.tenant_id().0,
        group_id.0,
        member.user_id().0,
        quoted,
        content,
        SendState::Queued.as_str(),
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

fn content(pin: &Pin) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(MessageContent::Pin { pin: pin.clone() }).map_err(AppError::internal)
}

/// Files the outbox row, the audit entry and the live event of a pin message.
async fn queue(
    tx: &mut PgConnection,
    member: &TenantMember,
    group_id: GroupId,
    number: Uuid,
    message_id: Uuid,
    pin: &Pin,
    entry: &Entry<'_>,
) -> Result<(), AppError> {
    let content = content(pin)?;
    let queued = Queued {
        message_id,
        group_id,
        number,
        content: &content,
    };
    enqueue(tx, member, &queued, entry).await
}
