//! Events set aside (unknown number, never matched, unreadable, parked after failures): listed
//! for operators and replayable once the cause is fixed.

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};

/// One event that was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The stored event's ID.
    pub id: i64,
    /// `quarantined`, `unmatched`, `unreadable` or `parked`.
    pub outcome: String,
    /// The phone number ID it was for (an ID, not a phone number).
    pub phone_number_id: Option<String>,
    /// How often it was tried.
    pub attempts: i32,
    /// The last reason it failed.
    pub last_error: Option<String>,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
}

/// The newest events set aside, at most `limit`.
pub async fn list(pool: &PgPool, limit: i64) -> Result<Vec<SetAside>, sqlx::Error> {
    sqlx::query_as!(
        SetAside,
        r#"select webhook_event_id as id, outcome as "outcome!", phone_number_id, attempts, last_error,
                  received_at as "received_at: DateTime<Utc>"
           from webhook_event
           where outcome in ('unmatched', 'quarantined', 'unreadable', 'parked')
           order by received_at desc limit $1"#,
        limit
    )
    .fetch_all(pool)
    .await
}

/// Puts set-aside events back in the queue: one by ID, or every one with `outcome`.
/// Returns how many were requeued.
pub async fn replay(
    db: impl PgExecutor<'_>,
    id: Option<i64>,
    outcome: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        r#"update webhook_event
           set processed_at = null, outcome = null, attempts = 0, next_attempt_at = now(), last_error = null
           where outcome in ('unmatched', 'quarantined', 'unreadable', 'parked')
             and ($1::bigint is null or webhook_event_id = $1)
             and ($2::text is null or outcome = $2)"#,
        id,
        outcome
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
