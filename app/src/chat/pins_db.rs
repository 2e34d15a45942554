//! Queries of pins: the board of a group, the message to pin, and how a pin message's outcome
//! settles the pin (taken: active, dropping the oldest beyond three; failed: rolled back).

use super::domain::participant_label;
use super::pins::{PIN_CAP, PinState, PinView};
use super::text;
use crate::AppError;
use crate::ids::GroupId;
use crate::tenants::TenantMember;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// The group's pins that have not expired, the newest pinned message first.
pub async fn board(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<Vec<PinView>, AppError> {
    let rows = sqlx::query!(
        r#"select p.message_id, p.state, p.pinned_at as "pinned_at: DateTime<Utc>",
                  p.expires_at as "expires_at: DateTime<Utc>", m.direction, m.sender_name,
                  m.sender_wa_id, m.sender_user_id, u.display_name as "staff_name?",
                  m.message_type, m.body, m.sent_at as "sent_at: DateTime<Utc>"
           from message_pin p
           join message m on m.message_id = p.message_id
           left join app_user u on u.app_user_id = m.sent_by
           where p.tenant_id = $1 and p.group_id = $2 and p.expires_at > now()
           order by m.sent_at desc, m.received_at desc, m.message_id desc"#,
        member.tenant_id().0,
        group_id.0
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let state = PinState::parse(&row.state)?;
            let sender = if row.direction == "outbound" {
                row.staff_name
                    .unwrap_or_else(|| text::FORMER_STAFF.to_owned())
            } else {
                participant_label(
                    row.sender_name.as_deref(),
                    row.sender_wa_id.as_deref(),
                    row.sender_user_id.as_deref(),
                )
            };
            Some(PinView {
                message_id: row.message_id,
                sender,
                body: row.body,
                message_type: row.message_type,
                message_sent_at: row.sent_at,
                pinned_at: row.pinned_at,
                expires_at: row.expires_at,
                state,
            })
        })
        .collect())
}

/// A message of the group that WhatsApp knows, to pin or unpin.
pub struct Pinnable {
    /// Its wamid.
    pub wamid: String,
    /// Its text, quoted by the pin's line in the chat.
    pub body: Option<String>,
}

/// The message `message_id` of the member's group, if it can be pinned: a clear error when it is
/// not in the group, or WhatsApp does not know it yet.
pub async fn pinnable(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    group_id: GroupId,
    message_id: Uuid,
) -> Result<Pinnable, AppError> {
    let row = sqlx::query!(
        r#"select wamid, body, message_type, direction, send_state from message
           where tenant_id = $1 and group_id = $2 and message_id = $3"#,
        member.tenant_id().0,
        group_id.0,
        message_id
    )
    .fetch_optional(db)
    .await?
    .filter(|row| row.message_type != "pin")
    .ok_or_else(|| AppError::validation("message_id", text::PIN_UNKNOWN_MESSAGE))?;
    let known = row.direction == "inbound"
        || matches!(row.send_state.as_deref(), Some("accepted" | "sent"));
    match row.wamid {
        Some(wamid) if known => Ok(Pinnable {
            wamid,
            body: row.body,
        }),
        _ => Err(AppError::Conflict {
            message: text::PIN_NOT_PINNABLE.to_owned(),
        }),
    }
}

/// Forgets the group's expired pins (WhatsApp has unpinned them by itself).
pub async fn forget_expired(tx: &mut PgConnection, group_id: GroupId) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from message_pin where group_id = $1 and expires_at <= now()",
        group_id.0
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// Settles the pins that the `pin` message `message_id` is about, after its send state changed:
/// taken (accepted or sent) makes a pin active (dropping the pins beyond [`PIN_CAP`], oldest
/// first) or removes an unpinned one; failed rolls a pin back, or makes an unpinned one active
/// again. Other messages and other states change nothing. Returns whether a pin changed.
pub async fn settle(tx: &mut PgConnection, message_id: Uuid) -> Result<bool, sqlx::Error> {
    let Some(message) = sqlx::query!(
        "select group_id, send_state from message where message_id = $1 and message_type = 'pin'",
        message_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    let group_id = GroupId(message.group_id);
    let changed = match message.send_state.as_deref() {
        Some("accepted" | "sent") => {
            let pinned = sqlx::query!(
                r#"update message_pin set state = 'active', pinned_at = now(),
                     expires_at = now() + make_interval(days => days)
                   where pin_message_id = $1 and state = 'pending'"#,
                message_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let unpinned = sqlx::query!(
                "delete from message_pin where unpin_message_id = $1",
                message_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if pinned > 0 {
                keep_newest(tx, group_id).await?;
            }
            pinned + unpinned
        }
        Some("failed") => {
            let rolled_back = sqlx::query!(
                "delete from message_pin where pin_message_id = $1",
                message_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let kept = sqlx::query!(
                r#"update message_pin set state = 'active', unpin_message_id = null
                   where unpin_message_id = $1"#,
                message_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if kept > 0 {
                keep_newest(tx, group_id).await?;
            }
            rolled_back + kept
        }
        _ => 0,
    };
    Ok(changed > 0)
}

/// Does what WhatsApp does: of the active pins, only the [`PIN_CAP`] pinned last stay; expired
/// pins go too.
async fn keep_newest(tx: &mut PgConnection, group_id: GroupId) -> Result<(), sqlx::Error> {
    forget_expired(tx, group_id).await?;
    sqlx::query!(
        r#"delete from message_pin where group_id = $1 and state = 'active' and message_id not in (
             select message_id from message_pin where group_id = $1 and state = 'active'
             order by pinned_at desc limit $2)"#,
        group_id.0,
        i64::try_from(PIN_CAP).unwrap_or(3)
    )
    .execute(tx)
    .await?;
    Ok(())
}
