//! The "Sync from WhatsApp" worker: runs each due sync job a page at a time (see
//! `app::sync::runner`). Progress is stored after every group, so a restart resumes the run.

use crate::config::ConfigError;
use app::state::AppState;
use app::sync::runner::{self, Stepped};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often an idle worker looks for runs that are due.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// `SYNC_PAGE_SIZE`: groups per page of `GET /<PNID>/groups` (1 to 1024, default 100).
pub fn page_size(get: &impl Fn(&str) -> Option<String>) -> Result<u32, ConfigError> {
    let size = crate::config::number(get, "SYNC_PAGE_SIZE", 100)?;
    u32::try_from(size)
        .ok()
        .filter(|size| (1..=runner::MAX_PAGE_SIZE).contains(size))
        .ok_or_else(|| ConfigError::Invalid {
            var: "SYNC_PAGE_SIZE",
            reason: format!("expected 1 to {} groups, got {size}", runner::MAX_PAGE_SIZE),
        })
}

/// Runs until `shutdown` is cancelled. Workers in several processes share the runs (a run is
/// claimed with a lease; a claim of a worker that died expires).
pub async fn run(app: AppState, page_size: u32, shutdown: CancellationToken) {
    while !shutdown.is_cancelled() {
        let claimed = match runner::claim(&app.pool).await {
            Ok(claimed) => claimed,
            Err(error) => {
                tracing::error!(error = %error, "sync claim failed; retrying");
                None
            }
        };
        let Some(job) = claimed else {
            tokio::select! {
                () = tokio::time::sleep(IDLE_POLL) => {}
                () = shutdown.cancelled() => {}
            }
            continue;
        };
        // A step ends at a page boundary or after a recorded group; stopping between steps
        // loses nothing.
        match runner::step(&app, &job, page_size).await {
            Ok(Stepped::Progress | Stepped::Waiting | Stepped::Finished) => {}
            Err(error) => {
                // The claim stays until its lease ends; then the run is tried again.
                tracing::error!(error = ?error, sync_job.id = %job.id, "sync step failed");
            }
        }
    }
}
