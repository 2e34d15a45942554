//! Applies stored webhook events to GroupDesk's state, one event per transaction, idempotently.

use super::payload::{Envelope, FieldChange, LifecycleEvent, LifecycleType, Metadata};
use crate::graph::explain;
use crate::ids::{GroupId, TenantId};
use crate::live::{Change, LiveEvent};
use sqlx::{PgConnection, PgPool};

/// How often an event whose operation is not yet known is retried before it is set aside.
pub const MAX_ATTEMPTS: i32 = 8;

/// What processing one stored event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Processed {
    /// Nothing was due.
    Idle,
    /// The event was applied (or had nothing to apply); these live events are now due.
    Applied(Vec<LiveEvent>),
    /// The event refers to something not known yet; it is retried later.
    Deferred,
    /// The event was set aside with this outcome.
    SetAside(&'static str),
}

enum Outcome {
    Done,
    NotReady,
    UnknownNumber,
}

/// Takes the oldest due event (skipping ones other workers hold) and applies it.
pub async fn process_next(pool: &PgPool) -> Result<Processed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query!(
        r#"select webhook_event_id, raw_body, attempts from webhook_event
           where processed_at is null and next_attempt_at <= now()
           order by webhook_event_id
           limit 1
           for update skip locked"#
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Processed::Idle);
    };

    let Ok(envelope) = serde_json::from_slice::<Envelope>(&row.raw_body) else {
        finish(&mut tx, row.webhook_event_id, "unreadable").await?;
        tx.commit().await?;
        return Ok(Processed::SetAside("unreadable"));
    };

    let mut live = Vec::new();
    let mut outcome = Outcome::Done;
    'changes: for change in envelope.entry.iter().flat_map(|entry| entry.changes.iter()) {
        let Ok(parsed) = change.parse() else {
            continue;
        };
        if let FieldChange::GroupLifecycle { metadata, groups } = parsed {
            for event in &groups {
                match apply_lifecycle(&mut tx, &metadata, event).await? {
                    Applied::Changed(event) => live.push(event),
                    Applied::Nothing => {}
                    Applied::NotReady => outcome = Outcome::NotReady,
                    Applied::UnknownNumber => {
                        outcome = Outcome::UnknownNumber;
                        break 'changes;
                    }
                }
            }
        }
    }

    match outcome {
        Outcome::Done => {
            finish(&mut tx, row.webhook_event_id, "applied").await?;
            tx.commit().await?;
            Ok(Processed::Applied(live))
        }
        Outcome::UnknownNumber => {
            // Nothing of this event may be applied: undo, then set it aside in a fresh transaction.
            tx.rollback().await?;
            let mut tx = pool.begin().await?;
            finish(&mut tx, row.webhook_event_id, "quarantined").await?;
            tx.commit().await?;
            Ok(Processed::SetAside("quarantined"))
        }
        Outcome::NotReady => {
            tx.rollback().await?;
            let mut tx = pool.begin().await?;
            let attempts = row.attempts + 1;
            if attempts >= MAX_ATTEMPTS {
                finish(&mut tx, row.webhook_event_id, "unmatched").await?;
                tx.commit().await?;
                return Ok(Processed::SetAside("unmatched"));
            }
            sqlx::query!(
                r#"update webhook_event
                   set attempts = $2,
                       next_attempt_at = now() + make_interval(secs => $3),
                       last_error = 'the operation this event answers is not known yet'
                   where webhook_event_id = $1"#,
                row.webhook_event_id,
                attempts,
                backoff_seconds(attempts),
            )
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Processed::Deferred)
        }
    }
}

/// Seconds to wait before attempt `n` (1-based): 0.2 s doubling, at most 60 s.
fn backoff_seconds(attempt: i32) -> f64 {
    (0.2 * 2_f64.powi(attempt - 1)).min(60.0)
}

async fn finish(
    tx: &mut PgConnection,
    webhook_event_id: i64,
    outcome: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update webhook_event set processed_at = now(), outcome = $2 where webhook_event_id = $1",
        webhook_event_id,
        outcome
    )
    .execute(tx)
    .await?;
    Ok(())
}

enum Applied {
    Changed(LiveEvent),
    Nothing,
    NotReady,
    UnknownNumber,
}

async fn apply_lifecycle(
    tx: &mut PgConnection,
    metadata: &Metadata,
    event: &LifecycleEvent,
) -> Result<Applied, sqlx::Error> {
    let number = sqlx::query!(
        "select business_number_id from business_number where phone_number_id = $1",
        metadata.phone_number_id.as_str()
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(number) = number else {
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

    let operation = sqlx::query!(
        r#"select group_id as "group_id: GroupId", tenant_id as "tenant_id: TenantId", state
           from operation
           where business_number_id = $1 and request_id = $2 and kind = $3
           for update"#,
        number.business_number_id,
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
        number.business_number_id,
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
