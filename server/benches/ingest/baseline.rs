//! The baseline: this machine's raw rate of single-row durable inserts of the same rows.
//!
//! Each insert is its own transaction into a table shaped like `webhook_event` (same columns,
//! defaults, identity and indexes), of the very row the server stores for the body (split into
//! its event by the same code). A temporary table would not do: PostgreSQL does not write
//! temporary tables to the WAL, so their commits are not durable and cost no flush.

use crate::load::{Outcome, PREPARED_PER_SECOND, closed_loop_with};
use crate::payload::{Bodies, Prepared};
use anyhow::Context;
use app::webhooks::store::{EventRow, split};
use sqlx::{Connection, PgConnection, PgPool};
use std::time::Duration;

/// Creates the baseline table, a copy of `webhook_event`'s shape.
pub async fn prepare(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query("drop table if exists bench_baseline")
        .execute(pool)
        .await
        .context("could not drop the baseline table")?;
    sqlx::query("create table bench_baseline (like webhook_event including all)")
        .execute(pool)
        .await
        .context("could not create the baseline table")?;
    Ok(())
}

/// Inserts rows closed-loop from `concurrency` connections of their own for `duration`.
pub async fn run(
    database_url: &str,
    bodies: &Bodies,
    concurrency: usize,
    duration: Duration,
) -> anyhow::Result<Outcome> {
    let mut connections = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        connections.push(
            PgConnection::connect(database_url)
                .await
                .context("could not open a baseline connection")?,
        );
    }
    // The rows are made before the phase, as the server's bodies are.
    let bodies = bodies.clone();
    let rows = Prepared::new(
        (PREPARED_PER_SECOND * duration.as_secs_f64()) as u64,
        move |seq| row_of(&bodies, seq),
    );
    let outcome = closed_loop_with(connections, duration, move |mut connection, seq| {
        let row = rows.get(seq);
        async move {
            let Some(row) = row else {
                return (connection, Err("a baseline body had no event".to_owned()));
            };
            let result = sqlx::query(
                "insert into bench_baseline (dedup_key, raw_body, phone_number_id, lane)
                 values ($1, $2, $3, $4)
                 on conflict (dedup_key) do nothing
                 returning webhook_event_id",
            )
            .bind(&row.dedup_key)
            .bind(&row.body)
            .bind(&row.phone_number_id)
            .bind(row.lane)
            .fetch_optional(&mut connection)
            .await;
            let result = match result {
                Ok(Some(_)) => Ok(()),
                Ok(None) => Err("a baseline row was a duplicate".to_owned()),
                Err(error) => Err(format!("baseline insert failed: {error}")),
            };
            (connection, result)
        }
    })
    .await;
    Ok(outcome)
}

/// The row the server stores for the `seq`-th body (one event, so one row).
fn row_of(bodies: &Bodies, seq: u64) -> Option<EventRow> {
    let signed = bodies.make(seq);
    serde_json::from_slice(&signed.body)
        .map(|value| split(&value))
        .unwrap_or_default()
        .into_iter()
        .next()
}
