//! The outbox worker: sends queued group messages, paced per business number with a token bucket
//! (`governor`), pausing a number when Meta says to slow down (130429, 131208).

use crate::config::ConfigError;
use app::chat::outbox::{self, Claimed, Outcome};
use app::state::AppState;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// Messages per second of a number whose throughput tier is `HIGH` (SPEC §1.7).
pub const HIGH_RATE: u32 = 1_000;
/// How many sends one claim takes.
const BATCH: i64 = 100;
/// How many sends may wait for Meta's answer at once.
const IN_FLIGHT: u32 = 64;
/// How often an idle worker looks for sends that became due.
const IDLE_POLL: Duration = Duration::from_millis(200);
/// How often stale claims and long-unknown messages are settled.
const SWEEP_EVERY: Duration = Duration::from_secs(5);

/// How the outbox paces and waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxSettings {
    /// `OUTBOX_RATE_PER_SECOND`: sends per second from a number whose tier is `STANDARD` or
    /// unknown (default 80, Meta's default throughput).
    pub rate_per_second: NonZeroU32,
    /// `OUTBOX_SEND_TIMEOUT_MS`: how long a send may wait for Meta's answer before its outcome
    /// counts as unknown.
    pub send_timeout: Duration,
}

impl OutboxSettings {
    /// Reads the settings through `get`.
    pub fn read(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let rate = crate::config::number(get, "OUTBOX_RATE_PER_SECOND", 80)?;
        let rate_per_second = u32::try_from(rate)
            .ok()
            .filter(|rate| (1..=HIGH_RATE).contains(rate))
            .and_then(NonZeroU32::new)
            .ok_or_else(|| ConfigError::Invalid {
                var: "OUTBOX_RATE_PER_SECOND",
                reason: format!("expected 1 to {HIGH_RATE} messages per second, got {rate}"),
            })?;
        let timeout = crate::config::number(get, "OUTBOX_SEND_TIMEOUT_MS", 20_000)?;
        if !(100..=120_000).contains(&timeout) {
            return Err(ConfigError::Invalid {
                var: "OUTBOX_SEND_TIMEOUT_MS",
                reason: format!("expected 100 to 120000 milliseconds, got {timeout}"),
            });
        }
        Ok(Self {
            rate_per_second,
            send_timeout: Duration::from_millis(timeout),
        })
    }

    /// The pace of a number with throughput tier `tier`.
    pub fn rate_for(&self, tier: Option<&str>) -> NonZeroU32 {
        match tier {
            Some("HIGH") => NonZeroU32::new(HIGH_RATE).unwrap_or(self.rate_per_second),
            _ => self.rate_per_second,
        }
    }

    /// A claim older than this belongs to a worker that died mid-send.
    pub(crate) fn stale_claim(&self) -> Duration {
        self.send_timeout * 2 + Duration::from_secs(60)
    }
}

/// One token bucket per number, with the rate it was made for. A burst of one: sends are spread
/// evenly, so no one-second window holds more than the rate.
fn limiter(rate: NonZeroU32) -> DefaultDirectRateLimiter {
    let quota = Quota::per_second(rate).allow_burst(NonZeroU32::MIN);
    RateLimiter::direct(quota)
}

/// Numbers Meta told to slow down, and until when.
pub(crate) type Pauses = Arc<Mutex<HashMap<Uuid, Instant>>>;

/// Per-number pacing of a worker that sends for business numbers (the chat outbox, invitations):
/// a token bucket per number, made again when the number's rate changes, and the pauses Meta
/// asked for (130429, 131208).
#[derive(Default)]
pub(crate) struct Pacing {
    limiters: HashMap<Uuid, (NonZeroU32, Arc<DefaultDirectRateLimiter>)>,
    pauses: Pauses,
}

impl Pacing {
    /// Until when `number` must wait, if Meta asked it to slow down.
    pub(crate) fn paused_until(&self, number: Uuid) -> Option<Instant> {
        let pauses = self.pauses.lock().unwrap_or_else(PoisonError::into_inner);
        pauses
            .get(&number)
            .copied()
            .filter(|until| *until > Instant::now())
    }

    /// The bucket `number`'s next send waits for, at `rate` per second.
    pub(crate) fn bucket(
        &mut self,
        number: Uuid,
        rate: NonZeroU32,
    ) -> Arc<DefaultDirectRateLimiter> {
        let entry = self
            .limiters
            .entry(number)
            .or_insert_with(|| (rate, Arc::new(limiter(rate))));
        if entry.0 != rate {
            *entry = (rate, Arc::new(limiter(rate)));
        }
        entry.1.clone()
    }

    /// The pauses, for a send running on its own task to extend.
    pub(crate) fn pauses(&self) -> Pauses {
        self.pauses.clone()
    }
}

/// Pauses `number` until `until` (Meta asked to slow down).
pub(crate) fn pause(pauses: &Pauses, number: Uuid, until: Instant) {
    pauses
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(number, until);
}

/// Runs until `shutdown` is cancelled. Several workers (in several processes) may run at once:
/// claims use `FOR UPDATE SKIP LOCKED`, though each paces only its own sends.
pub async fn run(app: AppState, settings: OutboxSettings, shutdown: CancellationToken) {
    let mut pacing = Pacing::default();
    let in_flight = Arc::new(Semaphore::new(IN_FLIGHT as usize));
    let mut last_sweep: Option<Instant> = None;
    while !shutdown.is_cancelled() {
        if last_sweep.is_none_or(|at| at.elapsed() >= SWEEP_EVERY) {
            if let Err(error) = outbox::sweep(&app.pool, settings.stale_claim()).await {
                tracing::error!(error = %error, "outbox sweep failed");
            }
            last_sweep = Some(Instant::now());
        }
        let batch = match outbox::claim_due(&app.pool, BATCH).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::error!(error = %error, "outbox claim failed; retrying");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    () = shutdown.cancelled() => {}
                }
                continue;
            }
        };
        if batch.is_empty() {
            tokio::select! {
                () = app.outbox_wake.notified() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                () = shutdown.cancelled() => {}
            }
            continue;
        }
        let mut rest = batch.into_iter();
        while let Some(claimed) = rest.next() {
            let number = claimed.business_number_id;
            if let Some(until) = pacing.paused_until(number) {
                // Meta said to slow down: this send waits for the pause, the others go on.
                release(
                    &app,
                    &[claimed],
                    until.saturating_duration_since(Instant::now()),
                )
                .await;
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
                    let unsent: Vec<Claimed> = std::iter::once(claimed).chain(rest).collect();
                    release(&app, &unsent, Duration::ZERO).await;
                    break;
                }
            };
            let Ok(permit) = permit else { break };
            let (app, pauses) = (app.clone(), pacing.pauses());
            let timeout = settings.send_timeout;
            tokio::spawn(async move {
                let outcome = outbox::send(&app, &claimed, timeout).await;
                if let Outcome::Retry {
                    after,
                    slow_down: true,
                    code,
                } = &outcome
                {
                    tracing::warn!(code = ?code, pause_ms = after.as_millis(), "meta asked to slow down; pausing the number");
                    pause(&pauses, claimed.business_number_id, Instant::now() + *after);
                }
                if let Err(error) = outbox::record(&app.pool, &claimed, &outcome).await {
                    // The claim stays; the sweep settles it as unknown (never as a resend).
                    tracing::error!(error = %error, message.id = %claimed.message_id, "could not record a send");
                }
                drop(permit);
            });
        }
    }
    // Let sends in flight record their outcome, for a while.
    let _ = tokio::time::timeout(Duration::from_secs(5), in_flight.acquire_many(IN_FLIGHT)).await;
}

async fn release(app: &AppState, claimed: &[Claimed], after: Duration) {
    if let Err(error) = outbox::release(&app.pool, claimed, after).await {
        tracing::error!(error = %error, "could not put sends back in the outbox");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<OutboxSettings, ConfigError> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        OutboxSettings::read(&|name| map.get(name).map(|value| (*value).to_owned()))
    }

    #[test]
    fn the_rate_defaults_to_80_and_high_numbers_get_1000() {
        let settings = read(&[]).unwrap();
        assert_eq!(settings.rate_per_second.get(), 80);
        assert_eq!(settings.send_timeout, Duration::from_secs(20));
        assert_eq!(settings.rate_for(None).get(), 80);
        assert_eq!(settings.rate_for(Some("STANDARD")).get(), 80);
        assert_eq!(settings.rate_for(Some("HIGH")).get(), 1_000);
        assert!(matches!(
            read(&[("OUTBOX_RATE_PER_SECOND", "0")]),
            Err(ConfigError::Invalid {
                var: "OUTBOX_RATE_PER_SECOND",
                ..
            })
        ));
        assert!(matches!(
            read(&[("OUTBOX_SEND_TIMEOUT_MS", "5")]),
            Err(ConfigError::Invalid {
                var: "OUTBOX_SEND_TIMEOUT_MS",
                ..
            })
        ));
    }
}
