//! Load generators: open loop at a fixed offered rate, and closed loop for saturation.
//!
//! The open loop times each request from its *scheduled* send time, so a slow server cannot
//! hide its queueing delay by slowing the generator down (coordinated omission).

use crate::payload::{Bodies, Signed};
use anyhow::Context;
use app::webhooks::signature;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Bodies made ahead per second of a closed-loop phase: above any rate this machine reaches.
pub const PREPARED_PER_SECOND: f64 = 20_000.0;

/// Latencies and failures of one measured phase.
pub struct Outcome {
    /// One entry per successful operation, sorted once `finish` ran.
    pub latencies: Vec<Duration>,
    /// Operations that failed (non-200 or transport error).
    pub failures: u64,
    /// The first failure, to show what went wrong.
    pub first_failure: Option<String>,
    /// From the first scheduled send to the last completion.
    pub elapsed: Duration,
}

impl Outcome {
    fn new() -> Self {
        Self {
            latencies: Vec::new(),
            failures: 0,
            first_failure: None,
            elapsed: Duration::ZERO,
        }
    }

    fn record(&mut self, result: Result<Duration, String>) {
        match result {
            Ok(latency) => self.latencies.push(latency),
            Err(error) => {
                self.failures += 1;
                self.first_failure.get_or_insert(error);
            }
        }
    }

    fn finish(mut self, elapsed: Duration) -> Self {
        self.latencies.sort_unstable();
        self.elapsed = elapsed;
        self
    }

    /// Successful operations per second over the phase.
    pub fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    /// The `q`-quantile (nearest rank) in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        quantile_ms(&self.latencies, q)
    }
}

/// The `q`-quantile (nearest rank) of sorted `latencies`, in milliseconds.
pub fn quantile_ms(latencies: &[Duration], q: f64) -> f64 {
    if latencies.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * latencies.len() as f64).ceil() as usize).clamp(1, latencies.len());
    latencies[rank - 1].as_secs_f64() * 1000.0
}

/// Where webhooks go, over one pooled keep-alive client.
#[derive(Clone)]
pub struct Target {
    client: reqwest::Client,
    url: Arc<str>,
}

impl Target {
    /// A client for `base_url`'s webhook endpoint.
    pub fn new(base_url: &str) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(usize::MAX)
            .tcp_nodelay(true)
            .build()
            .context("could not build the HTTP client")?;
        Ok(Self {
            client,
            url: format!("{base_url}/webhooks/whatsapp").into(),
        })
    }

    /// Posts one signed body; `Ok` only for a 200.
    pub async fn post(&self, signed: Signed) -> Result<(), String> {
        let response = self
            .client
            .post(&*self.url)
            .header("content-type", "application/json")
            .header(signature::HEADER, signed.signature)
            .body(signed.body)
            .send()
            .await
            .map_err(|error| format!("request failed: {error}"))?;
        let status = response.status();
        // Read the body so the connection goes back to the pool.
        let text = response.text().await.unwrap_or_default();
        if status == reqwest::StatusCode::OK {
            Ok(())
        } else {
            Err(format!("status {status}: {text}"))
        }
    }
}

/// The most requests the open loop keeps in flight (so at most this many connections): a
/// sender with a connection limit, like Meta's. A request waiting for a slot is still timed
/// from its scheduled send time.
const MAX_IN_FLIGHT: usize = 1_000;

/// Offers `rate` requests per second for `duration`, each timed from its scheduled send time.
/// Returns the outcome and each request's scheduled time (in send order).
pub async fn open_loop(
    target: &Target,
    bodies: &Bodies,
    rate: f64,
    duration: Duration,
) -> (Outcome, Vec<Instant>) {
    let count = (rate * duration.as_secs_f64()).round() as u64;
    let prepared = bodies.prepare(count);
    let start = Instant::now() + Duration::from_millis(20);
    let mut scheduled = Vec::with_capacity(count as usize);
    let slots = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for seq in 0..count {
        let at = start + Duration::from_secs_f64(seq as f64 / rate);
        scheduled.push(at);
        // The timer ticks in milliseconds: above 1,000/s requests leave in small bursts.
        if at > Instant::now() {
            tokio::time::sleep_until(at).await;
        }
        let (target, slots) = (target.clone(), slots.clone());
        let signed = prepared.get(seq);
        tasks.spawn(async move {
            let result = match slots.acquire().await {
                Ok(_slot) => target.post(signed).await,
                Err(_) => Err("the in-flight limit was closed".to_owned()),
            };
            let done = Instant::now();
            (result.map(|()| done - at), done)
        });
    }
    let mut outcome = Outcome::new();
    let mut last = start;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((result, done)) => {
                last = last.max(done);
                outcome.record(result);
            }
            Err(error) => outcome.record(Err(format!("task failed: {error}"))),
        }
    }
    (outcome.finish(last - start), scheduled)
}

/// `concurrency` connections each send the next request as soon as the last one is answered.
pub async fn closed_loop(
    target: &Target,
    bodies: &Bodies,
    concurrency: usize,
    duration: Duration,
) -> Outcome {
    let prepared = bodies.prepare((PREPARED_PER_SECOND * duration.as_secs_f64()) as u64);
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = JoinSet::new();
    for _ in 0..concurrency {
        let (target, prepared, next) = (target.clone(), prepared.clone(), next.clone());
        tasks.spawn(async move {
            let mut results = Vec::new();
            while Instant::now() < deadline {
                let signed = prepared.get(next.fetch_add(1, Ordering::Relaxed));
                let sent = Instant::now();
                let result = target.post(signed).await;
                results.push(result.map(|()| sent.elapsed()));
            }
            results
        });
    }
    let mut outcome = Outcome::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(results) => results
                .into_iter()
                .for_each(|result| outcome.record(result)),
            Err(error) => outcome.record(Err(format!("task failed: {error}"))),
        }
    }
    outcome.finish(start.elapsed())
}

/// Runs `operation` closed-loop on `concurrency` tasks for `duration`; used for the baseline.
pub async fn closed_loop_with<S, F, Fut>(
    states: Vec<S>,
    duration: Duration,
    operation: F,
) -> Outcome
where
    S: Send + 'static,
    F: Fn(S, u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = (S, Result<(), String>)> + Send + 'static,
{
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = JoinSet::new();
    for state in states {
        let (operation, next) = (operation.clone(), next.clone());
        tasks.spawn(async move {
            let mut state = state;
            let mut results = Vec::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                let (back, result) = operation(state, next.fetch_add(1, Ordering::Relaxed)).await;
                state = back;
                results.push(result.map(|()| sent.elapsed()));
            }
            results
        });
    }
    let mut outcome = Outcome::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(results) => results
                .into_iter()
                .for_each(|result| outcome.record(result)),
            Err(error) => outcome.record(Err(format!("task failed: {error}"))),
        }
    }
    outcome.finish(start.elapsed())
}
