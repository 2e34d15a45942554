//! Applies stored webhook events to GroupDesk's state, one event per transaction, idempotently.

mod adopt;
mod lifecycle;
mod messages;
mod participants;
mod receipts;
mod settings;
mod status;

use super::payload::{Envelope, FieldChange, Metadata};
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
    /// The event was applied (or had nothing to apply); these live events were published with it.
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

    let (live, outcome) = match apply_all(&mut tx, &envelope).await {
        Ok(applied) => applied,
        Err(error) => {
            // A failure while applying: undo, then retry later or park it for a person to look at.
            tx.rollback().await?;
            return defer(
                pool,
                row.webhook_event_id,
                row.attempts,
                &error.to_string(),
                "parked",
            )
            .await;
        }
    };

    match outcome {
        Outcome::Done => {
            for event in &live {
                crate::live::store::publish(&mut tx, event).await?;
            }
            finish(&mut tx, row.webhook_event_id, "applied").await?;
            tx.commit().await?;
            if !live.is_empty() {
                crate::live::store::notify(pool).await?;
            }
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
            defer(
                pool,
                row.webhook_event_id,
                row.attempts,
                "the operation or group this event is about is not known yet",
                "unmatched",
            )
            .await
        }
    }
}

/// Schedules another attempt with backoff, or, after [`MAX_ATTEMPTS`], sets the event aside
/// with `outcome` (visible, and replayable).
async fn defer(
    pool: &PgPool,
    webhook_event_id: i64,
    attempts: i32,
    reason: &str,
    outcome: &'static str,
) -> Result<Processed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let attempts = attempts + 1;
    sqlx::query!(
        r#"update webhook_event
           set attempts = $2, next_attempt_at = now() + make_interval(secs => $3), last_error = $4
           where webhook_event_id = $1"#,
        webhook_event_id,
        attempts,
        backoff_seconds(attempts),
        reason,
    )
    .execute(&mut *tx)
    .await?;
    if attempts >= MAX_ATTEMPTS {
        finish(&mut tx, webhook_event_id, outcome).await?;
        tx.commit().await?;
        return Ok(Processed::SetAside(outcome));
    }
    tx.commit().await?;
    Ok(Processed::Deferred)
}

/// Applies every change of an envelope inside `tx`; says whether it is done, not ready, or
/// about an unknown number.
async fn apply_all(
    tx: &mut PgConnection,
    envelope: &Envelope,
) -> Result<(Vec<LiveEvent>, Outcome), sqlx::Error> {
    let mut live = Vec::new();
    let mut outcome = Outcome::Done;
    'changes: for change in envelope.entry.iter().flat_map(|entry| entry.changes.iter()) {
        let Ok(parsed) = change.parse() else {
            continue;
        };
        let results = match parsed {
            FieldChange::GroupLifecycle { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(lifecycle::apply(&mut *tx, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupParticipants { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(participants::apply(&mut *tx, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupSettings { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(settings::apply(&mut *tx, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupStatus { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(status::apply(&mut *tx, &metadata, event).await?);
                }
                results
            }
            FieldChange::Messages {
                metadata,
                contacts,
                messages,
                statuses,
                ..
            } => {
                let mut results =
                    messages::apply(&mut *tx, &metadata, &contacts, &messages).await?;
                results.extend(receipts::apply(&mut *tx, &metadata, &statuses).await?);
                results
            }
            _ => Vec::new(),
        };
        for result in results {
            match result {
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

    Ok((live, outcome))
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

/// What applying one event did.
enum Applied {
    /// State changed; open pages should hear of it.
    Changed(LiveEvent),
    /// Nothing to do (already applied, or nothing GroupDesk keeps).
    Nothing,
    /// It refers to something not known yet (its operation or group); retry later.
    NotReady,
    /// No tenant has this number.
    UnknownNumber,
}

/// GroupDesk's ID of the business number with this phone number ID.
async fn number_id(
    tx: &mut PgConnection,
    metadata: &Metadata,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select business_number_id from business_number where phone_number_id = $1",
        metadata.phone_number_id.as_str()
    )
    .fetch_optional(tx)
    .await
}

/// The group a webhook names, on that number: `(group, tenant)`.
async fn group_of(
    tx: &mut PgConnection,
    number: uuid::Uuid,
    wa_group_id: Option<&crate::ids::WaGroupId>,
) -> Result<Option<(GroupId, TenantId)>, sqlx::Error> {
    let Some(wa_group_id) = wa_group_id else {
        return Ok(None);
    };
    let row = sqlx::query!(
        r#"select group_id as "group_id: GroupId", tenant_id as "tenant_id: TenantId"
           from whatsapp_group where business_number_id = $1 and wa_group_id = $2"#,
        number,
        wa_group_id.as_str()
    )
    .fetch_optional(tx)
    .await?;
    Ok(row.map(|row| (row.group_id, row.tenant_id)))
}

/// The group an event is about, on the business number that received it.
struct Target {
    /// GroupDesk's ID of the business number.
    number: uuid::Uuid,
    /// The group.
    group_id: GroupId,
    /// Its tenant.
    tenant_id: TenantId,
}

/// Finds the event's group, or says what to report instead: an unknown number, or a group not
/// known yet (its create outcome can arrive later).
async fn target(
    tx: &mut PgConnection,
    metadata: &Metadata,
    wa_group_id: Option<&crate::ids::WaGroupId>,
) -> Result<Result<Target, Applied>, sqlx::Error> {
    let Some(number) = number_id(tx, metadata).await? else {
        return Ok(Err(Applied::UnknownNumber));
    };
    Ok(match group_of(tx, number, wa_group_id).await? {
        Some((group_id, tenant_id)) => Ok(Target {
            number,
            group_id,
            tenant_id,
        }),
        None => Err(Applied::NotReady),
    })
}

/// When WhatsApp says something happened (Unix seconds), or now when it did not say.
fn event_time(timestamp: Option<i64>) -> chrono::DateTime<chrono::Utc> {
    timestamp
        .and_then(|seconds| chrono::DateTime::<chrono::Utc>::from_timestamp(seconds, 0))
        .unwrap_or_else(chrono::Utc::now)
}

/// The live event for a change to a group.
fn changed(group_id: GroupId, tenant_id: TenantId) -> Applied {
    Applied::Changed(LiveEvent {
        tenant_id,
        change: Change::Group { group_id },
    })
}
