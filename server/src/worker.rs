//! The background workers that apply stored webhook events and publish live updates.

use crate::ingest::Pressure;
use app::state::AppState;
use app::webhooks::apply::process_batch;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// How many workers each server process runs. Each holds one queue lane at a time (the events
/// of one group share a lane and are applied in arrival order), so workers in this and other
/// processes apply different groups in parallel without reordering any group's events.
///
/// Two, not more: on the 2-core reference machine four workers competed with the webhook
/// endpoint for the CPU and for lane locks (make bench, same run conditions: ack p99 at 2,000/s
/// 29.4 ms with four, 9.9 ms with two, and applying drained faster, 5,410 events/s against
/// 2,869); one worker left the backlog growing under saturation. More processes add workers.
pub const CONCURRENCY: usize = 2;
/// How often an idle worker looks for deferred events that became due.
const IDLE_POLL: Duration = Duration::from_millis(200);
/// While the webhook endpoint is busy storing ([`Pressure::busy`]), a worker waits this long
/// between looks, for at most [`MAX_GIVE_WAY`] per batch: acknowledging Meta in time comes
/// first (a late ack is redelivered), and the events it stores are applied right after.
const GIVE_WAY_STEP: Duration = Duration::from_millis(5);
/// The longest a worker gives way before applying its next batch anyway, so applying never
/// stops under a flood: at least one batch per worker per this long.
const MAX_GIVE_WAY: Duration = Duration::from_millis(100);

/// Runs until `shutdown` is cancelled. Several workers (in several processes) may run at once.
pub async fn run(
    app: AppState,
    wake: Arc<Notify>,
    pressure: Pressure,
    shutdown: CancellationToken,
) {
    loop {
        give_way(&pressure).await;
        match process_batch(&app.pool).await {
            Ok(processed) if processed.is_idle() => {
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep(IDLE_POLL) => {}
                    () = shutdown.cancelled() => return,
                }
            }
            Ok(processed) => {
                tracing::debug!(
                    applied = processed.applied,
                    deferred = processed.deferred,
                    live_events = processed.live.len(),
                    "webhook events applied"
                );
                for outcome in processed.set_aside {
                    tracing::warn!(outcome, "webhook event set aside");
                }
                // There may be more: let an idle worker help.
                wake.notify_one();
            }
            Err(error) => {
                tracing::error!(error = %error, "webhook worker failed; retrying");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    () = shutdown.cancelled() => return,
                }
            }
        }
        if shutdown.is_cancelled() {
            return;
        }
    }
}

/// Waits while the endpoint is busy, at most [`MAX_GIVE_WAY`].
async fn give_way(pressure: &Pressure) {
    let mut waited = Duration::ZERO;
    while pressure.busy() && waited < MAX_GIVE_WAY {
        tokio::time::sleep(GIVE_WAY_STEP).await;
        waited += GIVE_WAY_STEP;
    }
}
