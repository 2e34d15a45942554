//! `group_lifecycle_update`: the outcomes of create and delete requests (SPEC §4.1).

use super::Applied;
use crate::graph::explain;
use crate::ids::{GroupId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::webhooks::payload::{LifecycleEvent, LifecycleType, Metadata};
use sqlx::PgConnection;

/// Applies a create or delete outcome to its operation and group.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    event: &LifecycleEvent,
) -> Result<Applied, sqlx::Error> {
    let Some(business_number_id) = super::number_id(tx, lookups, metadata).await? else {
        return Ok(Applied::UnknownNumber);
    };
    let Some(request_id) = &event.request_id else {
        return Ok(Applied::Nothing);
    };
    let kind = match event.kind {
        LifecycleType::GroupCreate => "group_create",
        LifecycleType::GroupDelete => "group_delete",
        LifecycleType::Other(_) => return Ok(Applied::Nothing),
    };
    let failed = event
        .errors
        .as_ref()
        .is_some_and(|errors| !errors.is_empty());
    let error_detail = event
        .errors
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;

    if let Some(wa_group_id) = &event.group_id {
        super::adopt::local_operation(
            tx,
            business_number_id,
            kind,
            wa_group_id.as_str(),
            request_id,
        )
        .await?;
    }
    let operation = sqlx::query!(
        r#"select group_id as "group_id: GroupId", tenant_id as "tenant_id: TenantId", state
           from operation
           where business_number_id = $1 and request_id = $2 and kind = $3
           for update"#,
        business_number_id,
        request_id.as_str(),
        kind
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(operation) = operation else {
        return Ok(Applied::NotReady);
    };
    if operation.state != "pending" {
        return Ok(Applied::Nothing);
    }
    sqlx::query!(
        r#"update operation set state = $4, error_detail = $5, resolved_at = now()
           where business_number_id = $1 and request_id = $2 and kind = $3"#,
        business_number_id,
        request_id.as_str(),
        kind,
        if failed { "failed" } else { "succeeded" },
        error_detail,
    )
    .execute(&mut *tx)
    .await?;
    let Some(group_id) = operation.group_id else {
        return Ok(Applied::Nothing);
    };

    match (&event.kind, failed) {
        (LifecycleType::GroupCreate, false) => {
            sqlx::query!(
                r#"update whatsapp_group
                   set state = 'active', wa_group_id = $2, invite_link = $3, updated_at = now()
                   where group_id = $1 and state = 'creating'"#,
                group_id.0,
                event.group_id.as_ref().map(|id| id.as_str()),
                event.invite_link,
            )
            .execute(&mut *tx)
            .await?;
        }
        (LifecycleType::GroupCreate, true) => {
            sqlx::query!(
                r#"update whatsapp_group set state = 'failed', failure_reason = $2, updated_at = now()
                   where group_id = $1 and state = 'creating'"#,
                group_id.0,
                failure_reason(event),
            )
            .execute(&mut *tx)
            .await?;
        }
        (LifecycleType::GroupDelete, false) => {
            sqlx::query!(
                r#"update whatsapp_group set state = 'deleted', updated_at = now()
                   where group_id = $1 and state <> 'deleted'"#,
                group_id.0,
            )
            .execute(&mut *tx)
            .await?;
        }
        (LifecycleType::GroupDelete, true) => {
            sqlx::query!(
                r#"update whatsapp_group set state = 'active', updated_at = now()
                   where group_id = $1 and state = 'deleting'"#,
                group_id.0,
            )
            .execute(&mut *tx)
            .await?;
        }
        (LifecycleType::Other(_), _) => return Ok(Applied::Nothing),
    }
    Ok(Applied::Changed(LiveEvent {
        tenant_id: operation.tenant_id,
        change: Change::Group { group_id },
    }))
}

/// The reason a person reads: our explanation of the first error's code, else Meta's own words.
fn failure_reason(event: &LifecycleEvent) -> String {
    let first = event.errors.as_ref().and_then(|errors| errors.first());
    match first {
        Some(error) => match error.code {
            Some(code) => format!("{} (Meta error {code})", explain(code)),
            None => error
                .message
                .clone()
                .or_else(|| error.title.clone())
                .unwrap_or_else(|| explain(-1).to_owned()),
        },
        None => explain(-1).to_owned(),
    }
}
