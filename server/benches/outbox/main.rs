//! `make bench`: the chat outbox's pacing and the live fan-out of chat messages (issue #7).
//!
//! Starts the real server in-process in sandbox mode against the database named by
//! `DATABASE_URL` (a fresh one: `make bench` passes `.ci/db fresh groupdesk_bench_outbox`), with
//! one active group of three simulated participants. Then:
//! - **baseline**: the same number of sends posted straight to the sandbox's `/messages` through
//!   the Graph client (no outbox, no pacing), for the CPU a send costs without the outbox;
//! - **pacing** at 80 msg/s (the default tier) and 1,000 msg/s (tier `HIGH`): a backlog of
//!   queued messages is released to the outbox at once, and the sandbox's arrival times give
//!   the achieved rate and the most sends in any one-second window (never above the limit);
//! - **live fan-out**: inbound group messages arrive by signed webhook while browsers hold
//!   SSE streams open; the time from webhook in to event out on every stream.
//!
//! CPU is the whole process (server, sandbox and their webhooks), read from /proc/self/stat.
//! `BENCH_SECONDS` sets the length of each pacing phase (default 5).

#[allow(dead_code)]
#[path = "../ingest/live.rs"]
mod live;
#[allow(dead_code)]
#[path = "../ingest/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "../ingest/payload.rs"]
mod payload;
mod phases;
#[allow(dead_code)]
#[path = "../ingest/setup.rs"]
mod setup;

use anyhow::Context;
use load::{Target, quantile_ms};
use payload::Bodies;
use phases::{Pacing, Rig};
use std::process::ExitCode;
use std::time::Duration;

/// Open SSE streams and inbound messages per second of the fan-out phase: a busy team on one
/// tenant's chats.
const FANOUT_STREAMS: usize = 20;
const FANOUT_RATE: f64 = 50.0;

/// The server binary's allocator (`server/src/main.rs`), so the server runs here as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("bench: some sends or deliveries failed (see above)");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<bool> {
    let database_url = std::env::var("DATABASE_URL")
        .context("DATABASE_URL must name a fresh database (make bench sets it)")?;
    let seconds = std::env::var("BENCH_SECONDS")
        .ok()
        .map(|value| value.parse::<f64>())
        .transpose()
        .context("BENCH_SECONDS must be a number of seconds")?
        .unwrap_or(5.0);

    let server = setup::Server::start(&database_url).await?;
    let group = server.active_group().await?;
    let rig = Rig::new(&server, &group).await?;
    let mut ok = true;

    let mut rows = Vec::new();
    for (label, rate, tier) in [
        ("80 msg/s (STANDARD)", 80_u32, None),
        ("1,000 msg/s (HIGH)", 1_000, Some("HIGH")),
    ] {
        let count = (f64::from(rate) * seconds).round() as i64;
        eprintln!("bench: baseline: {count} direct sends to the sandbox");
        let baseline = rig.direct(count).await?;
        eprintln!("bench: outbox at {label}: {count} messages");
        let paced = rig.outbox(count, tier).await?;
        ok &= paced.failed == 0 && baseline.failed == 0;
        rows.push((label, rate, baseline, paced));
    }

    // The streams count every event of the tenant: start from a quiet system.
    phases::quiesce(&server.pool).await;
    eprintln!("bench: live fan-out: {FANOUT_STREAMS} streams, {FANOUT_RATE} msg/s");
    let fanout = live::run(
        &server.browser,
        &server.url,
        &Target::new(&server.url)?,
        &Bodies::new(setup::APP_SECRET.as_bytes(), &group, "fanout"),
        &live::Plan {
            streams: FANOUT_STREAMS,
            rate: FANOUT_RATE,
            duration: Duration::from_secs_f64(seconds),
            patience: Duration::from_secs(30),
        },
    )
    .await?;
    ok &= fanout.missing == 0;
    server.drain().await?;

    println!();
    println!("== Chat outbox pacing (issue #7): the limit must hold in every 1-s window ==");
    println!(
        "{:<22} {:>9} {:>11} {:>10} {:>11} {:>8} {:>11} {:>14} {:>7}",
        "phase",
        "messages",
        "achieved/s",
        "direct/s",
        "max in 1 s",
        "limit",
        "CPU µs/msg",
        "direct µs/msg",
        "ratio"
    );
    for (label, rate, baseline, paced) in &rows {
        let verdict = if paced.max_window <= *rate as usize {
            "holds"
        } else {
            "EXCEEDED"
        };
        println!(
            "{:<22} {:>9} {:>11.1} {:>10.1} {:>11} {:>8} {:>11.0} {:>14.0} {:>6.2}×  {verdict}",
            label,
            paced.sent,
            paced.achieved,
            baseline.achieved,
            paced.max_window,
            rate,
            paced.cpu_per_message_us(),
            baseline.cpu_per_message_us(),
            paced.cpu_per_message_us() / baseline.cpu_per_message_us(),
        );
        if paced.failed > 0 || baseline.failed > 0 {
            println!(
                "  {} outbox and {} direct sends did not reach the sandbox",
                paced.failed, baseline.failed
            );
        }
    }
    println!(
        "(achieved: sends over the span from first to last arrival at the sandbox; direct: the same \
         sends posted straight to the sandbox, 64 at a time, unpaced: this machine's ceiling; ratio: \
         CPU per outbox message over CPU per direct send, both measured in this run; CPU covers the \
         whole process, sandbox and status webhooks included)"
    );
    println!();
    println!(
        "== Live fan-out: inbound message (signed webhook) → SSE event, {FANOUT_STREAMS} streams at {FANOUT_RATE} msg/s =="
    );
    println!(
        "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms over {} deliveries; {} missing, {} resyncs",
        quantile_ms(&fanout.delivery, 0.5),
        quantile_ms(&fanout.delivery, 0.99),
        quantile_ms(&fanout.delivery, 1.0),
        fanout.delivery.len(),
        fanout.missing,
        fanout.resyncs,
    );
    server.stop().await;
    Ok(ok)
}

impl Pacing {
    fn cpu_per_message_us(&self) -> f64 {
        if self.sent == 0 {
            return f64::NAN;
        }
        self.cpu.as_secs_f64() * 1e6 / self.sent as f64
    }
}
