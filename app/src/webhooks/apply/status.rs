//! `group_status_update`: WhatsApp suspends a group or clears the suspension (SPEC §4.4).

use super::{Applied, changed, group_of, number_id};
use crate::webhooks::payload::{GroupStatusType, Metadata, StatusEvent};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Sets the suspension flag, unless a newer status change was applied already.
pub(super) async fn apply(
    tx: &mut PgConnection,
    metadata: &Metadata,
    event: &StatusEvent,
) -> Result<Applied, sqlx::Error> {
    let Some(number) = number_id(tx, metadata).await? else {
        return Ok(Applied::UnknownNumber);
    };
    let Some((group_id, tenant_id)) = group_of(tx, number, event.group_id.as_ref()).await? else {
        return Ok(Applied::NotReady);
    };
    let suspended = match event.kind {
        GroupStatusType::GroupSuspend => true,
        GroupStatusType::GroupSuspendCleared => false,
        GroupStatusType::Other(_) => return Ok(Applied::Nothing),
    };
    let at = event
        .timestamp
        .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0))
        .unwrap_or_else(Utc::now);
    let updated = sqlx::query!(
        r#"update whatsapp_group set suspended = $2, suspension_changed_at = $3, updated_at = now()
           where group_id = $1 and (suspension_changed_at is null or suspension_changed_at <= $3)"#,
        group_id.0,
        suspended,
        at as _
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(if updated == 1 {
        changed(group_id, tenant_id)
    } else {
        Applied::Nothing
    })
}
