//! The invitation worker: sends the invite template to each queued number of invitation jobs,
//! paced per business number like the chat outbox (its token bucket and rate), pausing a number
//! when Meta says to slow down (130429, 131208). A lost answer is never resent.

use crate::outbox::{OutboxSettings, Pacing, pause};
use app::chat::outbox::Outcome;
use app::invites::sender::{self, ClaimedInvite};
use app::state::AppState;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How many numbers one claim takes.
const BATCH: i64 = 50;
/// How many sends may wait for Meta's answer at once.
const IN_FLIGHT: usize = 16;
/// How often an idle worker looks for numbers that became due.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// How often numbers whose worker died mid-send are settled.
const SWEEP_EVERY: Duration = Duration::from_secs(5);

/// Runs until `shutdown` is cancelled. Several workers may run at once (`SKIP LOCKED`).
pub async fn run(app: AppState, settings: OutboxSettings, shutdown: CancellationToken) {
    let mut pacing = Pacing::default();
    let in_flight = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut last_sweep: Option<Instant> = None;
    while !shutdown.is_cancelled() {
        if last_sweep.is_none_or(|at| at.elapsed() >= SWEEP_EVERY) {
            if let Err(error) = sender::sweep(&app.pool, settings.stale_claim()).await {
                tracing::error!(error = %error, "invitation sweep failed");
            }
            last_sweep = Some(Instant::now());
        }
        let batch = match sender::claim_due(&app.pool, BATCH).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::error!(error = %error, "invitation claim failed; retrying");
                wait(Duration::from_secs(1), &shutdown).await;
                continue;
            }
        };
        if batch.is_empty() {
            wait(IDLE_POLL, &shutdown).await;
            continue;
        }
        let mut rest = batch.into_iter();
        while let Some(claimed) = rest.next() {
            let number = claimed.business_number_id;
            let paused = pacing.paused_until(number);
            if let Some(until) = paused {
                release(&app, &[claimed], until - Instant::now()).await;
                continue;
            }
            let bucket = pacing.bucket(
                number,
                settings.rate_for(claimed.throughput_level.as_deref()),
            );
            let permit = tokio::select! {
                permit = async {
                    bucket.until_ready().await;
                    in_flight.clone().acquire_owned().await
                } => permit,
                () = shutdown.cancelled() => {
                    let unsent: Vec<ClaimedInvite> = std::iter::once(claimed).chain(rest).collect();
                    release(&app, &unsent, Duration::ZERO).await;
                    break;
                }
            };
            let Ok(permit) = permit else { break };
            let (app, pauses) = (app.clone(), pacing.pauses());
            let timeout = settings.send_timeout;
            tokio::spawn(async move {
                let outcome = sender::send(&app, &claimed, timeout).await;
                if let Outcome::Retry {
                    after,
                    slow_down: true,
                    code,
                } = &outcome
                {
                    tracing::warn!(code = ?code, pause_ms = after.as_millis(), "meta asked to slow down; pausing invitations of the number");
                    pause(&pauses, claimed.business_number_id, Instant::now() + *after);
                }
                if let Err(error) = sender::record(&app.pool, &claimed, &outcome).await {
                    // The claim stays; the sweep settles it as unknown (never as a resend).
                    tracing::error!(error = %error, invite.id = %claimed.invite_recipient_id, "could not record an invitation");
                }
                drop(permit);
            });
        }
    }
    let _ = tokio::time::timeout(
        Duration::from_secs(5),
        in_flight.acquire_many(u32::try_from(IN_FLIGHT).unwrap_or(u32::MAX)),
    )
    .await;
}

async fn wait(duration: Duration, shutdown: &CancellationToken) {
    tokio::select! {
        () = tokio::time::sleep(duration) => {}
        () = shutdown.cancelled() => {}
    }
}

async fn release(app: &AppState, claimed: &[ClaimedInvite], after: Duration) {
    if let Err(error) = sender::release(&app.pool, claimed, after).await {
        tracing::error!(error = %error, "could not put invitations back in the queue");
    }
}
