//! `group_status_update`: WhatsApp suspends a group or clears the suspension (SPEC §4.4).

use super::{Applied, Target, changed, event_time, target};
use crate::webhooks::payload::{GroupStatusType, Metadata, StatusEvent};
use sqlx::PgConnection;

/// Sets the suspension flag, unless a newer status change was applied already.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    event: &StatusEvent,
) -> Result<Applied, sqlx::Error> {
    let Target {
        group_id,
        tenant_id,
        ..
    } = match target(tx, lookups, metadata, event.group_id.as_ref()).await? {
        Ok(target) => target,
        Err(applied) => return Ok(applied),
    };
    let suspended = match event.kind {
        GroupStatusType::GroupSuspend => true,
        GroupStatusType::GroupSuspendCleared => false,
        GroupStatusType::Other(_) => return Ok(Applied::Nothing),
    };
    let at = event_time(event.timestamp);
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
