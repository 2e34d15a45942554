//! Live events in PostgreSQL: written in the same transaction as the change they announce,
//! announced with `NOTIFY`, and kept a day so reconnecting browsers resume without gaps.

use super::bus::Numbered;
use super::{Change, LiveEvent};
use crate::ids::TenantId;
use sqlx::{PgConnection, PgPool};

/// The `LISTEN`/`NOTIFY` channel.
pub const CHANNEL: &str = "groupdesk_live";
/// The most events one read returns.
const BATCH: i64 = 1000;

/// Records an event in the caller's transaction. Call [`notify`] after the commit, so that the
/// commit itself does not hold `NOTIFY`'s global lock while its WAL is flushed.
pub async fn publish(conn: &mut PgConnection, event: &LiveEvent) -> Result<(), sqlx::Error> {
    let change = serde_json::to_value(&event.change)
        .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    sqlx::query!(
        "insert into live_event (tenant_id, change) values ($1, $2)",
        event.tenant_id.0,
        change
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records several events in the caller's transaction with one insert, in order (see [`publish`]).
pub async fn publish_all(conn: &mut PgConnection, events: &[LiveEvent]) -> Result<(), sqlx::Error> {
    if events.is_empty() {
        return Ok(());
    }
    let mut tenants = Vec::with_capacity(events.len());
    let mut changes = Vec::with_capacity(events.len());
    for event in events {
        tenants.push(event.tenant_id.0);
        changes.push(
            serde_json::to_value(&event.change)
                .map_err(|error| sqlx::Error::Encode(Box::new(error)))?,
        );
    }
    sqlx::query!(
        r#"insert into live_event (tenant_id, change)
           select tenant_id, change from unnest($1::uuid[], $2::jsonb[]) with ordinality as e(tenant_id, change, n)
           order by n"#,
        &tenants,
        &changes
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Wakes the relays of every server process (they also poll, so a lost wake-up only delays).
pub async fn notify(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query!("select pg_notify($1, '')", CHANNEL)
        .execute(pool)
        .await?;
    Ok(())
}

fn numbered(id: i64, tenant_id: TenantId, change: serde_json::Value) -> Option<Numbered> {
    let change: Change = serde_json::from_value(change).ok()?;
    Some(Numbered::new(id, LiveEvent { tenant_id, change }))
}

/// Every event after `after`, oldest first (at most a batch).
pub async fn after(pool: &PgPool, after: i64) -> Result<Vec<Numbered>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select live_event_id, tenant_id as "tenant_id: TenantId", change from live_event
           where live_event_id > $1 order by live_event_id limit $2"#,
        after,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| numbered(row.live_event_id, row.tenant_id, row.change))
        .collect())
}

/// One tenant's events after `after`, for a stream that reconnects with `Last-Event-ID`.
pub async fn tenant_after(
    pool: &PgPool,
    tenant_id: TenantId,
    after: i64,
) -> Result<Vec<Numbered>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select live_event_id, change from live_event
           where tenant_id = $1 and live_event_id > $2 order by live_event_id limit $3"#,
        tenant_id.0,
        after,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| numbered(row.live_event_id, tenant_id, row.change))
        .collect())
}

/// The newest event's ID (0 when there is none).
pub async fn latest(pool: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select coalesce(max(live_event_id), 0) as "id!" from live_event"#)
        .fetch_one(pool)
        .await
}

/// Forgets events older than a day.
pub async fn prune(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!("delete from live_event where created_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
