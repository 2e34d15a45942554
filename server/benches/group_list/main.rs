//! `make bench`: the groups list at scale (issue #6).
//!
//! Seeds one tenant with 10 numbers × 10,000 groups (plus another tenant's 10,000, participants
//! and join requests) into the database named by `DATABASE_URL` (a fresh one: `make bench`
//! passes `.ci/db fresh groupdesk_bench_list`), then times the list's own queries
//! (`app::groups::list_db::page_query`, exactly what the `list_groups` server function runs)
//! for each scenario: on `whatsapp_group` with its indexes, and as the baseline on an unindexed
//! copy of the same rows, in the same run. Prints p50/p95 per scenario and the ratio. Exits
//! non-zero only when a query fails, never on a missed target.
//!
//! Then the groups page itself: the real server renders `GET /groups` (every resource resolved)
//! for a staff member of the seeded tenant, against the same page for a member of the demo
//! tenant (no groups) as the baseline in the same run.
//!
//! `BENCH_LIST_RUNS` sets the runs per scenario and table (default 200), and the renders per page.

#[allow(dead_code)]
#[path = "../ingest/payload.rs"]
mod payload;
mod seed;
#[allow(dead_code)]
#[path = "../ingest/setup.rs"]
mod setup;
mod ssr;

use anyhow::Context;
use app::groups::list_db::{GROUP_TABLE, page_query, read_page};
use app::groups::list_filter::GroupFilter;
use app::ids::TenantId;
use sqlx::PgPool;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The unindexed copy the baseline reads.
const BASELINE_TABLE: &str = "group_list_baseline";
/// The p95 target of a page or a search, in milliseconds.
const TARGET_P95_MS: f64 = 10.0;

/// The server binary's allocator (`server/src/main.rs`), so the server runs here as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let url = std::env::var("DATABASE_URL")
        .context("DATABASE_URL must name a fresh database (make bench sets it)")?;
    let runs: usize = std::env::var("BENCH_LIST_RUNS")
        .ok()
        .map(|value| value.parse())
        .transpose()
        .context("BENCH_LIST_RUNS must be a whole number")?
        .unwrap_or(200);
    let pool = PgPool::connect(&url).await?;
    server::serve::MIGRATOR.run(&pool).await?;
    eprintln!("bench: seeding 10 numbers × 10,000 groups (and a neighbour tenant)…");
    let seeded = seed::seed(&pool, BASELINE_TABLE).await?;
    println!(
        "\nGroups list: {} groups in the tenant ({} numbers), {} in all; {runs} runs per cell",
        seeded.tenant_groups,
        seeded.numbers.len(),
        seeded.all_groups
    );
    println!(
        "Baseline: the same queries on `{BASELINE_TABLE}`, an unindexed copy of the rows (same run)\n"
    );
    println!(
        "{:<34} {:>10} {:>10} {:>12} {:>12} {:>8} {:>7}",
        "scenario", "p50 ms", "p95 ms", "base p50 ms", "base p95 ms", "ratio", "target"
    );
    let mut worst = 0.0_f64;
    for (name, filters) in scenarios(&seeded) {
        let ours = time(&pool, GROUP_TABLE, seeded.tenant, &filters, runs).await?;
        let base = time(&pool, BASELINE_TABLE, seeded.tenant, &filters, runs).await?;
        let (p50, p95) = (quantile(&ours, 0.5), quantile(&ours, 0.95));
        let (b50, b95) = (quantile(&base, 0.5), quantile(&base, 0.95));
        worst = worst.max(p95);
        println!(
            "{name:<34} {p50:>10.2} {p95:>10.2} {b50:>12.2} {b95:>12.2} {:>7.1}× {:>7}",
            b95 / p95,
            if p95 <= TARGET_P95_MS { "PASS" } else { "MISS" }
        );
    }
    println!(
        "\nTarget: page and search p95 ≤ {TARGET_P95_MS} ms: {} (worst p95 {worst:.2} ms)",
        if worst <= TARGET_P95_MS {
            "PASS"
        } else {
            "MISS"
        }
    );
    print_ssr(&ssr::measure(&url, seeded.tenant, runs).await?);
    Ok(())
}

fn print_ssr(times: &ssr::SsrTimes) {
    let (p50, p95) = (quantile(&times.seeded, 0.5), quantile(&times.seeded, 0.95));
    let (b50, b95) = (quantile(&times.empty, 0.5), quantile(&times.empty, 0.95));
    println!(
        "\nGroups page SSR (GET /groups, whole body, {} runs; {} KB): p50 {p50:.2} ms, p95 {p95:.2} ms",
        times.seeded.len(),
        times.bytes / 1024
    );
    println!(
        "Baseline: the same page for a tenant with no groups (same run): p50 {b50:.2} ms, p95 {b95:.2} ms; ratio p95 {:.2}×",
        p95 / b95
    );
}

/// Each scenario is a list of filters, one per run (cycled), so runs vary like real use.
fn scenarios(seeded: &seed::Seeded) -> Vec<(&'static str, Vec<GroupFilter>)> {
    let filter = |set: &dyn Fn(&mut GroupFilter)| {
        let mut filter = GroupFilter::default();
        set(&mut filter);
        filter
    };
    let cursors = |sort: &'static str| {
        seeded
            .sample_groups
            .iter()
            .map(|id| {
                filter(&|f| {
                    f.sort = sort.to_owned();
                    f.cursor = id.to_string();
                })
            })
            .collect::<Vec<_>>()
    };
    vec![
        ("first page, newest", vec![GroupFilter::default()]),
        ("later page, newest (cursor)", cursors("newest")),
        ("later page, by subject (cursor)", cursors("subject")),
        (
            "search a word",
            seed::WORDS
                .iter()
                .map(|word| filter(&|f| f.q = (*word).to_owned()))
                .collect(),
        ),
        (
            "search a group number",
            (0..50)
                .map(|i| filter(&|f| f.q = format!("#{}", 1_000 + i * 97)))
                .collect(),
        ),
        (
            "one number's groups",
            seeded
                .numbers
                .iter()
                .map(|id| filter(&|f| f.number = id.to_string()))
                .collect(),
        ),
        (
            "failed groups",
            vec![filter(&|f| f.state = "failed".to_owned())],
        ),
        (
            "suspended groups",
            vec![filter(&|f| f.state = "suspended".to_owned())],
        ),
        ("with join requests", vec![filter(&|f| f.pending = true)]),
        (
            "search + number + approval",
            seeded
                .numbers
                .iter()
                .map(|id| {
                    filter(&|f| {
                        f.q = "yoga".to_owned();
                        f.number = id.to_string();
                        f.approval = "approval_required".to_owned();
                    })
                })
                .collect(),
        ),
    ]
}

/// Runs the list query `runs` times (cycling through `filters`) and returns each duration.
async fn time(
    pool: &PgPool,
    table: &str,
    tenant: TenantId,
    filters: &[GroupFilter],
    runs: usize,
) -> anyhow::Result<Vec<Duration>> {
    let checked = filters
        .iter()
        .map(GroupFilter::check)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| anyhow::anyhow!("bad bench filter: {error}"))?;
    // Warm the cache and the connection's statement cache once, untimed.
    for query in &checked {
        page_query(table, tenant, query)
            .build()
            .fetch_all(pool)
            .await?;
    }
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        let query = &checked[run % checked.len()];
        let started = Instant::now();
        let rows = page_query(table, tenant, query)
            .build()
            .fetch_all(pool)
            .await?;
        read_page(&rows).map_err(|error| anyhow::anyhow!("reading a page: {error}"))?;
        times.push(started.elapsed());
    }
    Ok(times)
}

fn quantile(times: &[Duration], q: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let index = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted
        .get(index)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1_000.0)
}
