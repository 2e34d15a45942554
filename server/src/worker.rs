//! The background worker that applies stored webhook events and publishes live updates.

use app::state::AppState;
use app::webhooks::apply::{Processed, process_next};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// How many workers each server process runs. One keeps events in arrival order, which decides
/// between events that carry the same WhatsApp timestamp (for example a join request created and
/// approved in the same second); several workers could apply those in either order.
pub const CONCURRENCY: usize = 1;
/// How often an idle worker looks for deferred events that became due.
const IDLE_POLL: Duration = Duration::from_millis(200);

/// Runs until `shutdown` is cancelled. Several workers (in several processes) may run at once.
pub async fn run(app: AppState, wake: Arc<Notify>, shutdown: CancellationToken) {
    loop {
        match process_next(&app.pool).await {
            Ok(Processed::Applied(events)) => {
                tracing::debug!(live_events = events.len(), "webhook event applied");
                // There may be more: let an idle worker help.
                wake.notify_one();
            }
            Ok(Processed::Deferred) => {}
            Ok(Processed::SetAside(outcome)) => {
                tracing::warn!(outcome, "webhook event set aside");
            }
            Ok(Processed::Idle) => {
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep(IDLE_POLL) => {}
                    () = shutdown.cancelled() => return,
                }
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
