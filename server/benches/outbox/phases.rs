//! The measured phases: sends straight to the sandbox (the baseline) and sends through the
//! outbox at a tier's rate, with what the sandbox saw and the CPU the process spent.

use crate::setup::Server;
use anyhow::{Context, bail};
use app::graph::types::{MessageContent, TextBody};
use app::graph::{HttpGraphClient, MessagesApi, NumberAccess};
use app::ids::PhoneNumberId;
use chrono::{DateTime, Utc};
use secrecy::SecretString;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;
use uuid::Uuid;

/// Participants who join the benchmark group (a send needs at least one besides the business).
const PARTICIPANTS: usize = 3;
/// How long a phase waits for the webhooks its sends caused (three statuses per participant).
const QUIET_PATIENCE: Duration = Duration::from_secs(300);
/// Direct sends in flight at once: as many as the outbox allows itself.
const DIRECT_IN_FLIGHT: usize = 64;

/// The benchmark group and what sending to it needs.
pub struct Rig {
    pool: PgPool,
    graph: HttpGraphClient,
    wa_group_id: String,
    group_id: Uuid,
    tenant_id: Uuid,
    number_id: Uuid,
}

/// What one phase measured.
pub struct Pacing {
    /// Sends the sandbox received.
    pub sent: usize,
    /// Sends that did not reach it (refused, failed or unknown).
    pub failed: usize,
    /// Sends per second between the first and the last arrival.
    pub achieved: f64,
    /// The most arrivals within any one second.
    pub max_window: usize,
    /// CPU time the whole process spent, until the phase's webhooks were applied.
    pub cpu: Duration,
}

impl Rig {
    /// Lets simulated users join `wa_group_id` (active, made by `server`).
    pub async fn new(server: &Server, wa_group_id: &str) -> anyhow::Result<Self> {
        let row = sqlx::query_as::<_, (Uuid, Uuid, Uuid, String)>(
            "select g.group_id, g.tenant_id, g.business_number_id, g.invite_link
             from whatsapp_group g where g.wa_group_id = $1",
        )
        .bind(wa_group_id)
        .fetch_one(&server.pool)
        .await
        .context("the benchmark group has no invite link")?;
        let (group_id, tenant_id, number_id, link) = row;
        let http = reqwest::Client::new();
        for n in 0..PARTICIPANTS {
            let response = http
                .post(format!("{}/sandbox/control/join", server.url))
                .json(&serde_json::json!({
                    "invite_link": link,
                    "user": { "wa_id": format!("1555009{n:04}"), "name": format!("Bench user {n}") }
                }))
                .send()
                .await
                .context("could not reach the sandbox control API")?;
            if !response.status().is_success() {
                bail!("a simulated user could not join: {}", response.status());
            }
        }
        Ok(Self {
            graph: HttpGraphClient::new(&format!("{}/sandbox/graph", server.url), "v25.0")
                .map_err(|error| anyhow::anyhow!("{error}"))?,
            pool: server.pool.clone(),
            wa_group_id: wa_group_id.to_owned(),
            group_id,
            tenant_id,
            number_id,
        })
    }

    /// Posts `count` texts straight to the sandbox, `DIRECT_IN_FLIGHT` at a time.
    pub async fn direct(&self, count: i64) -> anyhow::Result<Pacing> {
        let tag = format!("direct-{}", Uuid::new_v4());
        quiesce(&self.pool).await;
        let cpu = cpu_time()?;
        let access = Arc::new(NumberAccess {
            phone_number_id: PhoneNumberId::from(crate::payload::DEMO_PNID),
            token: SecretString::from("bench-token"),
        });
        let gate = Arc::new(Semaphore::new(DIRECT_IN_FLIGHT));
        let graph = Arc::new(self.graph.clone());
        let mut sends = JoinSet::new();
        for seq in 0..count {
            let permit = gate.clone().acquire_owned().await?;
            let (graph, access, group) = (graph.clone(), access.clone(), self.wa_group_id.clone());
            let content = text(&tag, seq);
            sends.spawn(async move {
                let sent = graph.send_to_group(&access, &group, &content).await.is_ok();
                drop(permit);
                sent
            });
        }
        let mut failed = 0;
        while let Some(sent) = sends.join_next().await {
            if !sent? {
                failed += 1;
            }
        }
        quiesce(&self.pool).await;
        let cpu = cpu_time()?.saturating_sub(cpu);
        self.measure(&tag, failed, cpu).await
    }

    /// Queues `count` texts at once and lets the outbox send them at the number's pace with
    /// throughput tier `tier`.
    pub async fn outbox(&self, count: i64, tier: Option<&str>) -> anyhow::Result<Pacing> {
        let tag = format!("outbox-{}", Uuid::new_v4());
        sqlx::query(
            "update business_number set throughput_level = $2 where business_number_id = $1",
        )
        .bind(self.number_id)
        .bind(tier)
        .execute(&self.pool)
        .await?;
        quiesce(&self.pool).await;
        let cpu = cpu_time()?;
        let mut tx = self.pool.begin().await?;
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "insert into message (tenant_id, group_id, direction, message_type, body, content,
                                  sent_at, send_state, send_state_at)
             select $1, $2, 'outbound', 'text', $3 || ' ' || n,
                    jsonb_build_object('type', 'text', 'text', jsonb_build_object('body', $3 || ' ' || n)),
                    now(), 'queued', now()
             from generate_series(0, $4 - 1) n
             returning message_id",
        )
        .bind(self.tenant_id)
        .bind(self.group_id)
        .bind(&tag)
        .bind(count)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(
            "insert into outbox (message_id, tenant_id, business_number_id, content)
             select m.message_id, m.tenant_id, $2, m.content from message m where m.message_id = any($1)",
        )
        .bind(&ids)
        .bind(self.number_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;

        let rate = if tier == Some("HIGH") { 1_000.0 } else { 80.0 };
        let patience = Duration::from_secs_f64(count as f64 / rate * 3.0 + 30.0);
        let deadline = Instant::now() + patience;
        loop {
            let open: i64 = sqlx::query_scalar(
                "select count(*) from message where message_id = any($1)
                 and send_state in ('queued', 'sending')",
            )
            .bind(&ids)
            .fetch_one(&self.pool)
            .await?;
            if open == 0 {
                break;
            }
            if Instant::now() > deadline {
                eprintln!("bench: {open} messages still unsent after {patience:?}; giving up");
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        quiesce(&self.pool).await;
        let cpu = cpu_time()?.saturating_sub(cpu);
        let failed: i64 = sqlx::query_scalar(
            "select count(*) from message where message_id = any($1)
             and send_state not in ('accepted', 'sent')",
        )
        .bind(&ids)
        .fetch_one(&self.pool)
        .await?;
        self.measure(&tag, failed as usize, cpu).await
    }

    /// What the sandbox received of the sends tagged `tag`.
    async fn measure(&self, tag: &str, failed: usize, cpu: Duration) -> anyhow::Result<Pacing> {
        let arrivals: Vec<DateTime<Utc>> = sqlx::query_scalar(
            "select created_at from sandbox.message
             where wa_group_id = $1 and direction = 'outbound'
               and content ->> 'body' like $2 || ' %'
             order by created_at",
        )
        .bind(&self.wa_group_id)
        .bind(tag)
        .fetch_all(&self.pool)
        .await?;
        Ok(Pacing {
            sent: arrivals.len(),
            failed,
            achieved: achieved(&arrivals),
            max_window: max_in_one_second(&arrivals),
            cpu,
        })
    }
}

fn text(tag: &str, seq: i64) -> MessageContent {
    MessageContent::Text {
        text: TextBody {
            body: format!("{tag} {seq}"),
            preview_url: false,
        },
    }
}

/// Waits until the sandbox delivered its webhooks and GroupDesk applied them (at most
/// [`QUIET_PATIENCE`]).
pub async fn quiesce(pool: &PgPool) {
    let deadline = Instant::now() + QUIET_PATIENCE;
    while Instant::now() < deadline {
        let open: Result<i64, _> = sqlx::query_scalar(
            "select (select count(*) from sandbox.outbound_webhook where delivered_at is null)
                  + (select count(*) from webhook_event where processed_at is null)",
        )
        .fetch_one(pool)
        .await;
        if matches!(open, Ok(0)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("bench: webhooks still pending after {QUIET_PATIENCE:?}; measuring anyway");
}

/// Sends per second from the first arrival to the last.
fn achieved(arrivals: &[DateTime<Utc>]) -> f64 {
    match (arrivals.first(), arrivals.last()) {
        (Some(first), Some(last)) if arrivals.len() > 1 => {
            let span = (*last - *first).num_microseconds().unwrap_or(i64::MAX) as f64 / 1e6;
            (arrivals.len() - 1) as f64 / span
        }
        _ => f64::NAN,
    }
}

/// The most arrivals within any half-open window of one second (`arrivals` sorted).
fn max_in_one_second(arrivals: &[DateTime<Utc>]) -> usize {
    let mut best = 0;
    let mut start = 0;
    for (end, at) in arrivals.iter().enumerate() {
        while *at - arrivals[start] >= chrono::TimeDelta::seconds(1) {
            start += 1;
        }
        best = best.max(end - start + 1);
    }
    best
}

/// User plus system CPU time of this process so far.
fn cpu_time() -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").context("no /proc/self/stat")?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .context("unexpected /proc/self/stat")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    let ticks: u64 = fields
        .get(11..13)
        .context("unexpected /proc/self/stat")?
        .iter()
        .map(|field| field.parse::<u64>().unwrap_or(0))
        .sum();
    // Linux reports them in USER_HZ, 100 per second on every mainstream architecture.
    Ok(Duration::from_millis(ticks * 10))
}
