//! `messages` → `statuses` of 1:1 messages: what became of invitations sent by template
//! (issue #6, SPEC §2.9). `delivered` and `read` move a number forward; `failed` keeps Meta's code.
//! Statuses of other 1:1 messages are not GroupDesk's and change nothing.

use super::{Applied, changed, number_id};
use crate::ids::{GroupId, TenantId};
use crate::webhooks::payload::{DeliveryStatus, MessageStatus, Metadata};
use sqlx::PgConnection;
use uuid::Uuid;

/// Applies every 1:1 status of one change.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    statuses: &[MessageStatus],
) -> Result<Vec<Applied>, sqlx::Error> {
    let direct: Vec<&MessageStatus> = statuses
        .iter()
        .filter(|status| status.group_id().is_none())
        .collect();
    if direct.is_empty() {
        return Ok(Vec::new());
    }
    let Some(number) = number_id(tx, lookups, metadata).await? else {
        return Ok(Vec::new());
    };
    let mut results = Vec::new();
    for status in direct {
        let (state, rank) = match status.status {
            DeliveryStatus::Delivered => ("delivered", 2),
            DeliveryStatus::Read => ("read", 3),
            DeliveryStatus::Failed => ("failed", 4),
            _ => continue,
        };
        let code = status
            .errors
            .as_ref()
            .and_then(|errors| errors.first())
            .and_then(|error| error.code);
        let row: Option<(Uuid, Uuid)> = sqlx::query_as(
            r#"update invite_recipient r set state = $3,
                 failure_code = case when $3 = 'failed' then $5 else r.failure_code end,
                 updated_at = now()
               from invite_job j
               where r.invite_job_id = j.invite_job_id and j.business_number_id = $1
                 and r.wamid = $2 and r.state <> 'failed'
                 and (case r.state when 'sent' then 1 when 'delivered' then 2 when 'read' then 3
                                   else 0 end) < $4
               returning j.group_id, j.tenant_id"#,
        )
        .bind(number)
        .bind(status.id.as_str())
        .bind(state)
        .bind(rank)
        .bind(code)
        .fetch_optional(&mut *tx)
        .await?;
        results.push(match row {
            Some((group_id, tenant_id)) => changed(GroupId(group_id), TenantId(tenant_id)),
            None => Applied::Nothing,
        });
    }
    Ok(results)
}
