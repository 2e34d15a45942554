//! `make bench`: signed webhook ingest and live-update latency (issue #5).
//!
//! Starts the real server in-process (`serve::start` on port 0) against the database named by
//! `DATABASE_URL` (a fresh one: `make bench` passes `.ci/db fresh groupdesk_bench`), and talks to
//! it over HTTP and SQL only. Prints a report; exits non-zero only when something failed
//! (a refused or failed request, a broken live stream), not when a target is missed.
//!
//! `BENCH_SECONDS` sets the length of each measured phase (default 5).

mod baseline;
mod live;
mod load;
mod payload;
mod report;
mod setup;

use anyhow::Context;
use load::Target;
use payload::Bodies;
use std::process::ExitCode;
use std::time::Duration;

/// The fixed offered rates of the ingest phases, per second.
const RATES: [u32; 3] = [500, 2_000, 5_000];

/// The offered rate the ack-latency target applies to.
const ACK_TARGET_RATE: u32 = 2_000;

/// Database connections of the baseline: the server's own pool size (`serve::connect`), so
/// both sides may have as many commits in flight.
const BASELINE_CONNECTIONS: usize = 20;

/// HTTP connections of the saturation phase: enough to keep the server's pool busy while
/// requests are on the wire or being verified (with only 20 the HTTP round trip idles it).
const SATURATION_CONNECTIONS: usize = 200;

/// Open SSE streams and the webhook rate of the live phase.
const LIVE_STREAMS: usize = 100;
const LIVE_RATE: f64 = 1_000.0;

/// The server binary's allocator (`server/src/main.rs`), so the server runs here as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("bench: some requests failed (see above)");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every phase and prints the report; `Ok(false)` when some operation failed.
async fn run() -> anyhow::Result<bool> {
    let database_url = std::env::var("DATABASE_URL")
        .context("DATABASE_URL must name a fresh database (make bench sets it)")?;
    let phase = Duration::from_secs_f64(
        std::env::var("BENCH_SECONDS")
            .ok()
            .map(|value| value.parse::<f64>())
            .transpose()
            .context("BENCH_SECONDS must be a number of seconds")?
            .unwrap_or(5.0),
    );

    let server = setup::Server::start(&database_url).await?;
    let settings = setup::settings(&server.pool).await?;
    report::settings(&settings);
    let group = server.active_group().await?;
    let target = Target::new(&server.url)?;
    let mut rows = Vec::new();

    eprintln!("bench: live: {LIVE_STREAMS} streams, {LIVE_RATE}/s for {phase:?}");
    let live = live::run(
        &server.browser,
        &server.url,
        &target,
        &Bodies::new(setup::APP_SECRET.as_bytes(), &group, "live"),
        &live::Plan {
            streams: LIVE_STREAMS,
            rate: LIVE_RATE,
            duration: phase,
            patience: Duration::from_secs(30),
        },
    )
    .await?;
    let drained = server.drain().await?;
    rows.push(report::Row::new(
        format!("ingest during live @ {LIVE_RATE}/s"),
        Some(LIVE_RATE),
        &live.ack,
        Some(drained),
    ));

    eprintln!("bench: baseline: {BASELINE_CONNECTIONS} connections for {phase:?}");
    baseline::prepare(&server.pool).await?;
    let base = baseline::run(
        &database_url,
        &Bodies::new(setup::APP_SECRET.as_bytes(), &group, "baseline"),
        BASELINE_CONNECTIONS,
        phase,
    )
    .await?;
    let baseline_rate = base.rate();
    rows.push(report::Row::new(
        format!("baseline: single-row inserts ({BASELINE_CONNECTIONS} conns)"),
        None,
        &base,
        None,
    ));

    let mut ack_p99_at_2000 = f64::NAN;
    for rate in RATES {
        eprintln!("bench: ingest at {rate}/s for {phase:?}");
        let bodies = Bodies::new(setup::APP_SECRET.as_bytes(), &group, &format!("r{rate}"));
        let (outcome, _) = load::open_loop(&target, &bodies, f64::from(rate), phase).await;
        let drained = server.drain().await?;
        if rate == ACK_TARGET_RATE {
            ack_p99_at_2000 = outcome.quantile_ms(0.99);
        }
        rows.push(report::Row::new(
            format!("ingest @ {rate}/s"),
            Some(f64::from(rate)),
            &outcome,
            Some(drained),
        ));
    }

    eprintln!("bench: ingest saturation: {SATURATION_CONNECTIONS} connections for {phase:?}");
    let bodies = Bodies::new(setup::APP_SECRET.as_bytes(), &group, "saturation");
    let saturation = load::closed_loop(&target, &bodies, SATURATION_CONNECTIONS, phase).await;
    let drained = server.drain().await?;
    let saturation_rate = saturation.rate();
    rows.push(report::Row::new(
        format!("ingest saturation ({SATURATION_CONNECTIONS} HTTP conns)"),
        None,
        &saturation,
        Some(drained),
    ));

    report::table(&rows);
    report::live(&live, LIVE_STREAMS, LIVE_RATE);
    report::targets(&report::Targets {
        ratio: saturation_rate / baseline_rate,
        ack_p99_at_2000,
        live_p99: report::live_quantile_ms(&live, 0.99),
    });
    server.stop().await;

    let failures: u64 = rows.iter().map(|row| row.failures).sum();
    Ok(failures == 0)
}
