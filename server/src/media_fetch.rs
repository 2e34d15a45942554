//! The media download worker: fetches participants' files from WhatsApp into the media store, a
//! few at a time, off the webhook's transaction (see `app::chat::media_fetch`).

use app::chat::media_fetch::{self, Fetched};
use app::state::AppState;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

/// How many downloads run at once in one process.
const CONCURRENCY: usize = 4;
/// How often an idle worker looks for files to download.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// Runs until `shutdown` is cancelled. Several workers (in several processes) may run at once:
/// claims use `FOR UPDATE SKIP LOCKED`.
pub async fn run(app: AppState, shutdown: CancellationToken) {
    let slots = Arc::new(Semaphore::new(CONCURRENCY));
    while !shutdown.is_cancelled() {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => permit,
            () = shutdown.cancelled() => break,
        };
        let Ok(permit) = permit else { break };
        let due = match media_fetch::claim_due(&app.pool, 1).await {
            Ok(due) => due,
            Err(error) => {
                tracing::error!(error = %error, "media claim failed; retrying");
                Vec::new()
            }
        };
        let Some(due) = due.into_iter().next() else {
            drop(permit);
            tokio::select! {
                () = tokio::time::sleep(IDLE_POLL) => {}
                () = shutdown.cancelled() => {}
            }
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            let fetched = media_fetch::fetch(&app, &due).await;
            match &fetched {
                Fetched::Stored { size, .. } => {
                    tracing::info!(media.id = %due.media_id, bytes = size, "media downloaded");
                }
                Fetched::Retry { reason } | Fetched::Failed { reason } => {
                    tracing::warn!(media.id = %due.media_id, attempt = due.attempts, reason, "media download failed");
                }
            }
            if let Err(error) = media_fetch::record(&app.pool, &due, &fetched).await {
                // The claim stays; it expires and the download is tried again.
                tracing::error!(error = %error, media.id = %due.media_id, "could not record a download");
            }
            drop(permit);
        });
    }
    // Let downloads in flight record their outcome, for a while.
    let _ = tokio::time::timeout(
        Duration::from_secs(5),
        slots.acquire_many(CONCURRENCY as u32),
    )
    .await;
}
