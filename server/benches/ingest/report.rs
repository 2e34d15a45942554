//! The printed report: settings, one row per phase, the live latency, and the targets.

use crate::live::LiveOutcome;
use crate::load::{Outcome, quantile_ms};
use crate::setup::{Drained, Settings};

/// The targets.
const TARGET_RATIO: f64 = 1.0;
const TARGET_ACK_P99_MS: f64 = 25.0;
const TARGET_LIVE_P99_MS: f64 = 50.0;

/// One measured phase.
pub struct Row {
    name: String,
    offered: Option<f64>,
    achieved: f64,
    p50: f64,
    p99: f64,
    max: f64,
    pub failures: u64,
    first_failure: Option<String>,
    drained: Option<Drained>,
}

impl Row {
    /// A row for `outcome`; `drained` says how the worker caught up afterwards.
    pub fn new(
        name: String,
        offered: Option<f64>,
        outcome: &Outcome,
        drained: Option<Drained>,
    ) -> Self {
        Self {
            name,
            offered,
            achieved: outcome.rate(),
            p50: outcome.quantile_ms(0.50),
            p99: outcome.quantile_ms(0.99),
            max: outcome.quantile_ms(1.0),
            failures: outcome.failures,
            first_failure: outcome.first_failure.clone(),
            drained,
        }
    }
}

/// What the targets are checked against.
pub struct Targets {
    /// Ingest at saturation over the baseline.
    pub ratio: f64,
    pub ack_p99_at_2000: f64,
    /// `None`: beyond the wait, some events never arrived.
    pub live_p99: Option<f64>,
}

/// The database settings, so a reader can tell whether commits were durable.
pub fn settings(settings: &Settings) {
    println!();
    println!(
        "GroupDesk benchmark (issue #5): PostgreSQL {}, synchronous_commit = {}, fsync = {}, wal_sync_method = {}, {} CPUs",
        settings.version,
        settings.synchronous_commit,
        settings.fsync,
        settings.wal_sync_method,
        std::thread::available_parallelism().map_or(0, usize::from),
    );
    // Other work on the machine moves every figure; say how busy it was.
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "load average before the run (1, 5, 15 min): {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    if settings.synchronous_commit != "on" || settings.fsync != "on" {
        println!(
            "WARNING: commits are not durable on this database; the figures are not comparable"
        );
    }
}

/// The phase table.
pub fn table(rows: &[Row]) {
    println!();
    println!(
        "{:<44} {:>9} {:>10} {:>8} {:>8} {:>8} {:>6} {:>8} {:>8} {:>8}",
        "phase",
        "offered/s",
        "achieved/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "failed",
        "backlog",
        "apply/s",
        "left"
    );
    for row in rows {
        let offered = row
            .offered
            .map_or("-".to_owned(), |rate| format!("{rate:.0}"));
        let dash = || "-".to_owned();
        let (backlog, apply, left) = row.drained.map_or((dash(), dash(), dash()), |d| {
            let rate = (d.backlog - d.left) as f64 / d.took.as_secs_f64().max(f64::EPSILON);
            (
                d.backlog.to_string(),
                format!("{rate:.0}"),
                d.left.to_string(),
            )
        });
        println!(
            "{:<44} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>6} {:>8} {:>8} {:>8}",
            row.name,
            offered,
            row.achieved,
            row.p50,
            row.p99,
            row.max,
            row.failures,
            backlog,
            apply,
            left
        );
        if let Some(failure) = &row.first_failure {
            println!("    first failure: {failure}");
        }
    }
    println!(
        "latency: ingest = HTTP ack, from the scheduled send time; baseline = one insert's commit.\n\
         backlog = stored events the worker had not applied when the phase ended; apply/s = the\n\
         worker's rate while draining it (up to 15 s); left = not applied by then (discarded, so\n\
         the next phase starts with an empty webhook_event)."
    );
}

/// The live (SSE) latency.
pub fn live(live: &LiveOutcome, streams: usize, rate: f64) {
    println!();
    println!(
        "live: webhook in -> SSE event out, {streams} streams, {rate:.0} webhooks/s, {} webhooks, {} deliveries",
        live.sent,
        live.delivery.len()
    );
    let show = |q| live_quantile_ms(live, q).map_or(format!("> {:?}", live.patience), ms);
    println!(
        "      p50 {}, p99 {}, max {}; not delivered within {:?} of the last webhook: {}; resync: {}",
        show(0.50),
        show(0.99),
        show(1.0),
        live.patience,
        live.missing,
        live.resyncs
    );
}

/// The `q`-quantile of every expected delivery, counting undelivered ones as slower than all;
/// `None` when it falls among those.
pub fn live_quantile_ms(live: &LiveOutcome, q: f64) -> Option<f64> {
    let total = live.delivery.len() + live.missing as usize;
    let rank = ((q * total as f64).ceil() as usize).clamp(1, total.max(1));
    (rank <= live.delivery.len()).then(|| quantile_ms(&live.delivery[..rank], 1.0))
}

fn ms(value: f64) -> String {
    format!("{value:.2} ms")
}

/// PASS or MISS for each of the targets.
pub fn targets(targets: &Targets) {
    let verdict = |pass: bool| if pass { "PASS" } else { "MISS" };
    println!();
    println!("targets:");
    println!(
        "  ingest saturation / baseline = {:.2}x   (target >= {TARGET_RATIO:.1}x)   {}",
        targets.ratio,
        verdict(targets.ratio >= TARGET_RATIO)
    );
    println!(
        "  ack p99 at 2000/s = {:.2} ms   (target <= {TARGET_ACK_P99_MS} ms)   {}",
        targets.ack_p99_at_2000,
        verdict(targets.ack_p99_at_2000 <= TARGET_ACK_P99_MS)
    );
    println!(
        "  live p99 at 1000/s, 100 streams = {}   (target <= {TARGET_LIVE_P99_MS} ms)   {}",
        targets.live_p99.map_or("beyond the wait".to_owned(), ms),
        verdict(
            targets
                .live_p99
                .is_some_and(|p99| p99 <= TARGET_LIVE_P99_MS)
        )
    );
    println!();
}
