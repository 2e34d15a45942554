//! Browser-visible latency: a webhook goes in, the SSE event comes out on every open stream.
//!
//! Live events carry only `{"kind":"group","group_id":...}`, so the k-th event a stream
//! receives is matched with the k-th webhook sent (by its scheduled send time). Events are
//! applied in storage order, which can differ from send order by a few places; that shuffles
//! which event is matched but barely moves the percentiles.

use crate::load::{Outcome, Target, open_loop};
use crate::payload::Bodies;
use anyhow::{Context, bail};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// What the live phase measured.
pub struct LiveOutcome {
    /// Ack latencies of the webhooks posted during the phase.
    pub ack: Outcome,
    /// Webhook-in to SSE-event-out, over all streams and events, sorted.
    pub delivery: Vec<Duration>,
    /// Deliveries that had not happened when the wait ended (`patience` after the last send).
    pub missing: u64,
    /// How long the streams were given after the last webhook.
    pub patience: Duration,
    /// `resync` events: a stream fell behind the live bus.
    pub resyncs: u64,
    /// Webhooks posted.
    pub sent: u64,
}

/// What one stream saw.
struct Seen {
    arrivals: Vec<Instant>,
    resyncs: u64,
}

/// The shape of the live phase.
pub struct Plan {
    /// Open SSE streams.
    pub streams: usize,
    /// Webhooks per second, each causing one live event.
    pub rate: f64,
    /// How long webhooks are offered.
    pub duration: Duration,
    /// How long to wait after the last webhook for the streams to catch up.
    pub patience: Duration,
}

/// Opens the plan's SSE streams as `browser` (signed in), then posts webhooks at its rate and
/// waits for every event to arrive on every stream.
pub async fn run(
    browser: &reqwest::Client,
    base_url: &str,
    target: &Target,
    bodies: &Bodies,
    plan: &Plan,
) -> anyhow::Result<LiveOutcome> {
    let expected = (plan.rate * plan.duration.as_secs_f64()).round() as usize;
    let stop = CancellationToken::new();
    let mut readers = JoinSet::new();
    for _ in 0..plan.streams {
        let response = browser
            .get(format!("{base_url}/api/live"))
            .header("accept", "text/event-stream")
            .send()
            .await
            .context("could not open a live stream")?;
        if response.status() != reqwest::StatusCode::OK {
            bail!("the live stream answered {}", response.status());
        }
        readers.spawn(read(response, expected, stop.clone()));
    }

    let (ack, scheduled) = open_loop(target, bodies, plan.rate, plan.duration).await;
    let sent = scheduled.len() as u64;

    let mut delivery = Vec::new();
    let mut missing = 0_u64;
    let mut resyncs = 0_u64;
    let deadline = Instant::now() + plan.patience;
    let stopper = tokio::spawn(async move {
        tokio::time::sleep_until(deadline).await;
        stop.cancel();
    });
    while let Some(joined) = readers.join_next().await {
        let seen = joined.context("a live stream reader failed")??;
        resyncs += seen.resyncs;
        missing += expected.saturating_sub(seen.arrivals.len()) as u64;
        for (arrival, sent_at) in seen.arrivals.iter().zip(&scheduled) {
            delivery.push(arrival.saturating_duration_since(*sent_at));
        }
    }
    stopper.abort();
    delivery.sort_unstable();
    Ok(LiveOutcome {
        ack,
        delivery,
        missing,
        patience: plan.patience,
        resyncs,
        sent,
    })
}

/// Reads `data:` lines until `expected` group events came or `stop`, timing each arrival.
async fn read(
    mut response: reqwest::Response,
    expected: usize,
    stop: CancellationToken,
) -> anyhow::Result<Seen> {
    let mut seen = Seen {
        arrivals: Vec::with_capacity(expected),
        resyncs: 0,
    };
    let mut pending = Vec::new();
    while seen.arrivals.len() < expected {
        let chunk = tokio::select! {
            chunk = response.chunk() => chunk.context("a live stream broke")?,
            () = stop.cancelled() => break,
        };
        let Some(chunk) = chunk else {
            bail!("a live stream ended early");
        };
        let now = Instant::now();
        pending.extend_from_slice(&chunk);
        while let Some(end) = pending.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let Some(data) = line.strip_prefix(b"data:") else {
                continue;
            };
            if data.windows(8).any(|window| window == b"\"resync\"") {
                seen.resyncs += 1;
            } else {
                seen.arrivals.push(now);
            }
        }
    }
    Ok(seen)
}
