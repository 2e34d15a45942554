//! The queue of stored webhook events: a worker claims the lane with the oldest due event that
//! no other worker holds (in any process) and that lane's oldest due events.

use crate::webhooks::store::LANES;
use sqlx::PgConnection;

/// The advisory-lock class of queue lanes (`pg_try_advisory_xact_lock(LANE_LOCK, lane)`).
const LANE_LOCK: i32 = 0x5744;

/// A due event of the lane being applied.
#[derive(sqlx::FromRow)]
pub(super) struct DueEvent {
    pub webhook_event_id: i64,
    pub raw_body: Vec<u8>,
    pub attempts: i32,
}

/// Locks a lane for the rest of `tx` and takes up to `batch` of its due events (locked), oldest
/// first; `None` when no lane has due events that another worker does not hold.
///
/// Finding a lane and its due events must walk `webhook_event_lane_idx` in order, whatever
/// the table's statistics say, or each batch reads the whole backlog and applying slows down
/// as the backlog grows. Statistics taken when the table was small or before a burst made
/// PostgreSQL pick a bitmap scan and a sort of every due event of the lane (70,000 events:
/// under 600 applied per second); with `lane = x`, the primary key in ID order, reading every
/// processed event before the first unprocessed one (14 ms per batch after 75,000 events,
/// against 2 ms). Hence `lane between x and x` (which the primary key cannot serve in order)
/// and no sorts or bitmap scans for these two queries; the settings are restored for the
/// applying itself.
pub(super) async fn claim(
    tx: &mut PgConnection,
    batch: i64,
) -> Result<Option<Vec<DueEvent>>, sqlx::Error> {
    batch_settings(tx, true).await?;
    let lane = sqlx::query_scalar::<_, i16>(
        "select lane from (
           select lanes.lane, head.oldest
           from (select generate_series(0, $2 - 1)::smallint as lane) lanes
           cross join lateral (
             select event.webhook_event_id as oldest from webhook_event event
             where event.lane >= lanes.lane and event.lane <= lanes.lane
               and event.processed_at is null and event.next_attempt_at <= now()
             order by event.lane, event.webhook_event_id
             limit 1
           ) head
           order by head.oldest
           offset 0 -- a fence: the lock is tried lane by lane, only until one is taken
         ) due
         where pg_try_advisory_xact_lock($1, lane)
         limit 1",
    )
    .bind(LANE_LOCK)
    .bind(i32::from(LANES))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(lane) = lane else {
        return Ok(None);
    };
    let rows = sqlx::query_as::<_, DueEvent>(
        "select webhook_event_id, raw_body, attempts from webhook_event
         where lane >= $1 and lane <= $1 and processed_at is null and next_attempt_at <= now()
         order by lane, webhook_event_id
         limit $2
         for update",
    )
    .bind(lane)
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?;
    batch_settings(tx, false).await?;
    Ok(Some(rows))
}

/// Settings for the rest of the batch's transaction, in one round trip: `queue` discourages
/// sorts and bitmap scans (see [`claim`]), the rest of the batch allows them again. JIT
/// stays off: a discouraged sort's cost estimate is huge, which would make the probe's tiny sort
/// of the lanes compile itself (hundreds of milliseconds), and applying runs only short queries
/// that JIT never speeds up. Applying need not wait for its own WAL flush: the events are already
/// durable, and a crash that loses this transaction also loses its `processed_at`, so they are
/// applied again (idempotently); the webhook endpoint's commits keep `synchronous_commit` on and
/// get the disk's flushes to themselves.
async fn batch_settings(tx: &mut PgConnection, queue: bool) -> Result<(), sqlx::Error> {
    let plans = if queue { "off" } else { "on" };
    sqlx::query(
        "select set_config('enable_sort', $1, true), set_config('enable_bitmapscan', $1, true),
                set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true)",
    )
    .bind(plans)
    .execute(tx)
    .await?;
    Ok(())
}
