//! The server under test: started in-process on port 0, with a signed-in staff member of the
//! demo tenant and one active group.

use anyhow::{Context, anyhow, bail};
use app::auth::domain::{DisplayName, Email, NewPassword};
use app::tenants::Role;
use server::config::Config;
use server::serve::{self, Running};
use sqlx::PgPool;
use std::collections::HashMap;
use std::time::Duration;
use tokio::time::Instant;

/// The app secret webhooks are signed with.
pub const APP_SECRET: &str = "bench-app-secret";

const EMAIL: &str = "bench-staff@demo.test";
const PASSWORD: &str = "bench correct horse battery staple";

/// How long the worker may take to apply the backlog a phase left behind; whatever is left
/// then is discarded (and reported), or a slow worker would make `make bench` take hours.
const DRAIN_LIMIT: Duration = Duration::from_secs(15);

/// The database settings that decide what a commit costs.
pub struct Settings {
    pub version: String,
    pub synchronous_commit: String,
    pub fsync: String,
    pub wal_sync_method: String,
}

/// Reads [`Settings`] from the server's database.
pub async fn settings(pool: &PgPool) -> anyhow::Result<Settings> {
    let show = |name: &'static str| async move {
        sqlx::query_scalar::<_, String>(&format!("show {name}"))
            .fetch_one(pool)
            .await
            .with_context(|| format!("could not read {name}"))
    };
    Ok(Settings {
        version: show("server_version").await?,
        synchronous_commit: show("synchronous_commit").await?,
        fsync: show("fsync").await?,
        wal_sync_method: show("wal_sync_method").await?,
    })
}

/// How the worker caught up after a phase.
#[derive(Clone, Copy)]
pub struct Drained {
    /// Stored events not yet applied when the phase ended.
    pub backlog: i64,
    /// Events still not applied when the drain gave up (discarded).
    pub left: i64,
    /// How long the drain waited.
    pub took: Duration,
}

/// A running server and a browser signed in to it.
pub struct Server {
    pub pool: PgPool,
    pub url: String,
    /// A cookie-keeping client signed in as a staff member of the demo tenant.
    pub browser: reqwest::Client,
    running: Running,
}

impl Server {
    /// Migrates and seeds the database, starts the server and signs a staff member in.
    pub async fn start(database_url: &str) -> anyhow::Result<Self> {
        let settings: HashMap<&str, &str> = [
            ("DATABASE_URL", database_url),
            ("GROUPDESK_SANDBOX", "true"),
            ("GROUPDESK_ADDR", "127.0.0.1:0"),
            ("SANDBOX_WEBHOOK_DELAY_MS", "20"),
            ("META_APP_SECRET", APP_SECRET),
            ("WEBHOOK_VERIFY_TOKEN", "bench-verify-token"),
            ("WEBHOOK_MAX_BODY_BYTES", "65536"),
            (
                "GROUPDESK_TOKEN_KEY",
                "YmVuY2gtdG9rZW4ta2V5LTMyLWJ5dGVzLWxvbmcuLi4=",
            ),
        ]
        .into_iter()
        .collect();
        let config =
            Config::from_lookup(|name| settings.get(name).map(|value| (*value).to_owned()))
                .map_err(|error| anyhow!("bad benchmark configuration: {error}"))?;
        let pool = serve::connect(&config).await?;
        serve::prepare(&config, &pool).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("could not bind a port")?;
        let running = serve::start(config, listener, pool.clone()).await?;
        let url = format!("http://{}", running.addr);
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(usize::MAX)
            .tcp_nodelay(true)
            .build()
            .context("could not build the browser client")?;
        let server = Self {
            pool,
            url,
            browser,
            running,
        };
        server.sign_in().await?;
        Ok(server)
    }

    async fn sign_in(&self) -> anyhow::Result<()> {
        let tenant = app::tenants::db::demo_tenant_id(&self.pool)
            .await?
            .context("the demo tenant was not seeded")?;
        let email = Email::parse(EMAIL).map_err(|error| anyhow!("{error:?}"))?;
        let name = DisplayName::parse("Bench staff").map_err(|error| anyhow!("{error:?}"))?;
        let password = NewPassword::parse(PASSWORD).map_err(|error| anyhow!("{error:?}"))?;
        let hash = app::auth::password::hash(&password)
            .await
            .map_err(|error| anyhow!("could not hash the password: {error:?}"))?;
        let mut tx = self.pool.begin().await?;
        let user = app::auth::db::create_user(&mut tx, &email, &name, &hash, false).await?;
        app::auth::db::add_membership(&mut *tx, user, tenant, Role::Staff).await?;
        tx.commit().await?;
        let response = self
            .server_fn("login", &[("email", EMAIL), ("password", PASSWORD)])
            .await?;
        if !(response.status().is_success() || response.status().is_redirection()) {
            bail!("login failed: {}", response.status());
        }
        Ok(())
    }

    async fn server_fn(
        &self,
        name: &str,
        form: &[(&str, &str)],
    ) -> anyhow::Result<reqwest::Response> {
        self.browser
            .post(format!("{}/api/{name}", self.url))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .with_context(|| format!("could not call {name}"))
    }

    /// Creates a group through `create_group`, waits until the sandbox made it active and
    /// returns its WhatsApp group ID.
    pub async fn active_group(&self) -> anyhow::Result<String> {
        let number: String = sqlx::query_scalar(
            "select business_number_id::text from business_number where phone_number_id = $1",
        )
        .bind(crate::payload::DEMO_PNID)
        .fetch_one(&self.pool)
        .await
        .context("the demo number was not seeded")?;
        let response = self
            .server_fn(
                "create_group",
                &[
                    ("subject", "Benchmark"),
                    ("description", "Receives the benchmark's messages"),
                    ("join_approval_mode", "auto_approve"),
                    ("number_id", &number),
                ],
            )
            .await?;
        if !response.status().is_success() {
            let status = response.status();
            bail!("create_group failed: {status} {}", response.text().await?);
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let group: Option<String> = sqlx::query_scalar(
                "select wa_group_id from whatsapp_group where state = 'active' and subject = 'Benchmark'",
            )
            .fetch_optional(&self.pool)
            .await?;
            if let Some(group) = group {
                self.drain().await?;
                return Ok(group);
            }
            if Instant::now() > deadline {
                bail!("the benchmark group did not become active within 30 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Gives the worker up to [`DRAIN_LIMIT`] to apply what the last phase stored, then
    /// empties `webhook_event` so every phase starts from the same table size.
    pub async fn drain(&self) -> anyhow::Result<Drained> {
        let start = Instant::now();
        let backlog = self.unapplied().await?;
        let mut left = backlog;
        while left > 0 && start.elapsed() < DRAIN_LIMIT {
            // Counting a large backlog costs the CPU the worker needs: look less often then.
            let pause = if left > 5_000 { 200 } else { 20 };
            tokio::time::sleep(Duration::from_millis(pause)).await;
            left = self.unapplied().await?;
        }
        let took = start.elapsed();
        sqlx::query("truncate webhook_event")
            .execute(&self.pool)
            .await
            .context("could not empty webhook_event between phases")?;
        Ok(Drained {
            backlog,
            left,
            took,
        })
    }

    async fn unapplied(&self) -> anyhow::Result<i64> {
        sqlx::query_scalar("select count(*) from webhook_event where processed_at is null")
            .fetch_one(&self.pool)
            .await
            .context("could not count unapplied events")
    }

    /// Stops the server and waits for its workers.
    pub async fn stop(self) {
        self.running.shutdown.cancel();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.running.handle).await;
    }
}
