//! Applies stored webhook events to GroupDesk's state idempotently: a batch of one lane per
//! transaction, each event in its own savepoint.

mod adopt;
mod invites;
mod lifecycle;
mod lookups;
mod messages;
mod participants;
mod queue;
mod receipts;
mod settings;
mod status;

use super::payload::{Envelope, FieldChange};
use crate::ids::{GroupId, TenantId};
use crate::live::{Change, LiveEvent};
use lookups::{Lookups, Target, group_of, number_id, target};
use sqlx::{Connection, PgConnection, PgPool};

/// How often an event whose operation is not yet known is retried before it is set aside.
pub const MAX_ATTEMPTS: i32 = 8;
/// For how many attempts (about 3 s of backoff) an outcome waits for an operation that GroupDesk
/// has not filed yet, before it is taken as a change made outside GroupDesk.
const PATIENT_ATTEMPTS: i32 = 4;
/// The most events one transaction applies. Each runs in its own savepoint; PostgreSQL keeps up
/// to 64 subtransactions per transaction in shared memory, so stay below that.
const BATCH: i64 = 50;

/// What processing one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Processed {
    /// Events applied (or with nothing to apply).
    pub applied: usize,
    /// Events that refer to something not known yet, or failed; retried later.
    pub deferred: usize,
    /// Events set aside, with their outcome.
    pub set_aside: Vec<&'static str>,
    /// The live events published with the batch.
    pub live: Vec<LiveEvent>,
}

impl Processed {
    /// Nothing was due.
    pub fn is_idle(&self) -> bool {
        self.applied == 0 && self.deferred == 0 && self.set_aside.is_empty()
    }

    fn note(&mut self, set_aside: Option<&'static str>) {
        match set_aside {
            Some(outcome) => self.set_aside.push(outcome),
            None => self.deferred += 1,
        }
    }
}

enum Outcome {
    Done,
    NotReady,
    UnknownNumber,
}

/// Takes the lane with the oldest due event that no other worker holds (in any process) and
/// applies its oldest due events in order, in one transaction: all together when they apply
/// cleanly (the common case), else each event in a savepoint, so a failing one is undone and
/// retried (or set aside) alone while the others commit. The events of
/// one group share a lane, so they are applied one at a time in arrival order; different lanes
/// are applied in parallel.
pub async fn process_batch(pool: &PgPool) -> Result<Processed, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(rows) = queue::claim(&mut tx, BATCH).await? else {
        return Ok(Processed::default());
    };

    let mut processed = Processed::default();
    let mut lookups = Lookups::default();
    let bodies: Vec<(&[u8], i32)> = rows
        .iter()
        .map(|row| (row.raw_body.as_slice(), row.attempts))
        .collect();
    let applied = match apply_together(&mut tx, &mut lookups, &bodies).await? {
        Some(live) => {
            processed.live = live;
            rows.iter().map(|row| row.webhook_event_id).collect()
        }
        None => {
            lookups.clear();
            let rows = rows
                .into_iter()
                .map(|row| (row.webhook_event_id, row.raw_body, row.attempts));
            apply_one_by_one(&mut tx, &mut lookups, rows, &mut processed).await?
        }
    };
    processed.applied = applied.len();
    finish(&mut tx, &applied, "applied").await?;
    crate::live::store::publish_all(&mut tx, &processed.live).await?;
    tx.commit().await?;
    if !processed.live.is_empty() {
        crate::live::store::notify(pool).await?;
    }
    Ok(processed)
}

/// The common case, in one savepoint for the whole batch: every event reads and applies
/// cleanly. Returns their live events, or `None` (with nothing applied) when any event does not,
/// so that [`apply_one_by_one`] sorts them out.
async fn apply_together(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
    bodies: &[(&[u8], i32)],
) -> Result<Option<Vec<LiveEvent>>, sqlx::Error> {
    let mut savepoint = tx.begin().await?;
    let mut live = Vec::new();
    for &(body, attempts) in bodies {
        lookups.patient = attempts < PATIENT_ATTEMPTS;
        let Ok(envelope) = serde_json::from_slice::<Envelope>(body) else {
            savepoint.rollback().await?;
            return Ok(None);
        };
        match apply_all(&mut savepoint, lookups, &envelope).await {
            Ok((events, Outcome::Done)) => live.extend(events),
            Ok(_) | Err(_) => {
                savepoint.rollback().await?;
                return Ok(None);
            }
        }
    }
    savepoint.commit().await?;
    Ok(Some(live))
}

/// Applies `(id, body, attempts)` events one at a time, each in its own savepoint, so a failing
/// one is undone and retried (or set aside) alone while the others commit. Returns the IDs of
/// those applied.
async fn apply_one_by_one(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
    rows: impl Iterator<Item = (i64, Vec<u8>, i32)>,
    processed: &mut Processed,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut applied = Vec::new();
    for (id, raw_body, attempts) in rows {
        let Ok(envelope) = serde_json::from_slice::<Envelope>(&raw_body) else {
            finish(tx, &[id], "unreadable").await?;
            processed.set_aside.push("unreadable");
            continue;
        };
        let mut savepoint = tx.begin().await?;
        lookups.patient = attempts < PATIENT_ATTEMPTS;
        let result = apply_all(&mut savepoint, lookups, &envelope).await;
        match result {
            Ok((live, Outcome::Done)) => {
                savepoint.commit().await?;
                applied.push(id);
                processed.live.extend(live);
            }
            Ok((_, Outcome::UnknownNumber)) => {
                // Nothing of this event may be applied.
                savepoint.rollback().await?;
                lookups.clear();
                finish(tx, &[id], "quarantined").await?;
                processed.set_aside.push("quarantined");
            }
            Ok((_, Outcome::NotReady)) => {
                savepoint.rollback().await?;
                lookups.clear();
                let reason = "the operation or group this event is about is not known yet";
                let deferred = defer(tx, id, attempts, reason, "unmatched").await?;
                processed.note(deferred);
            }
            Err(error) => {
                // A failure while applying: undo, then retry later or park it for a person.
                savepoint.rollback().await?;
                lookups.clear();
                tracing::warn!(webhook_event.id = id, error = %error, "webhook event failed");
                let deferred = defer(tx, id, attempts, &error.to_string(), "parked").await?;
                processed.note(deferred);
            }
        }
    }
    Ok(applied)
}

/// Schedules another attempt with backoff, or, after [`MAX_ATTEMPTS`], sets the event aside
/// with `outcome` (visible, and replayable). Says which outcome it was set aside with, if so.
async fn defer(
    tx: &mut PgConnection,
    webhook_event_id: i64,
    attempts: i32,
    reason: &str,
    outcome: &'static str,
) -> Result<Option<&'static str>, sqlx::Error> {
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
        finish(tx, &[webhook_event_id], outcome).await?;
        return Ok(Some(outcome));
    }
    Ok(None)
}

/// Applies every change of an envelope inside `tx`; says whether it is done, not ready, or
/// about an unknown number.
async fn apply_all(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
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
                    results.push(lifecycle::apply(&mut *tx, lookups, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupParticipants { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(participants::apply(&mut *tx, lookups, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupSettings { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(settings::apply(&mut *tx, lookups, &metadata, event).await?);
                }
                results
            }
            FieldChange::GroupStatus { metadata, groups } => {
                let mut results = Vec::new();
                for event in &groups {
                    results.push(status::apply(&mut *tx, lookups, &metadata, event).await?);
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
                    messages::apply(&mut *tx, lookups, &metadata, &contacts, &messages).await?;
                results.extend(receipts::apply(&mut *tx, lookups, &metadata, &statuses).await?);
                results.extend(invites::apply(&mut *tx, lookups, &metadata, &statuses).await?);
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

async fn finish(tx: &mut PgConnection, ids: &[i64], outcome: &str) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query!(
        "update webhook_event set processed_at = now(), outcome = $2 where webhook_event_id = any($1)",
        ids,
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
