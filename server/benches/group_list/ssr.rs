//! The groups page's server-side rendering at scale (issue #6): `GET /groups` with the whole
//! body read (every resource resolved and streamed), as a staff member of the seeded tenant
//! (100,000 groups), against the same page for a member of the demo tenant, which has no groups,
//! as the baseline in the same run.

use crate::setup::Server;
use anyhow::{Context, anyhow, bail};
use app::auth::domain::{DisplayName, Email, NewPassword};
use app::ids::TenantId;
use app::tenants::Role;
use std::time::{Duration, Instant};

const EMAIL: &str = "bench-list-staff@bench.test";
const PASSWORD: &str = "bench list correct horse battery staple";

/// p50/p95 of the page for the seeded tenant and for the empty one.
pub struct SsrTimes {
    pub seeded: Vec<Duration>,
    pub empty: Vec<Duration>,
    /// Bytes of the seeded tenant's page.
    pub bytes: usize,
}

/// Starts the server on the seeded database and times `runs` renders of each page, alternating.
pub async fn measure(
    database_url: &str,
    tenant: TenantId,
    runs: usize,
) -> anyhow::Result<SsrTimes> {
    let server = Server::start(database_url).await?;
    let seeded = member_of(&server, tenant).await?;
    let mut times = SsrTimes {
        seeded: Vec::with_capacity(runs),
        empty: Vec::with_capacity(runs),
        bytes: 0,
    };
    for _ in 0..5 {
        render(&seeded, &server.url).await?;
        render(&server.browser, &server.url).await?;
    }
    for _ in 0..runs {
        let (took, bytes) = render(&seeded, &server.url).await?;
        times.seeded.push(took);
        times.bytes = bytes;
        times
            .empty
            .push(render(&server.browser, &server.url).await?.0);
    }
    server.stop().await;
    Ok(times)
}

/// One render: the time until the last byte of the page, and its size.
async fn render(browser: &reqwest::Client, url: &str) -> anyhow::Result<(Duration, usize)> {
    let start = Instant::now();
    let response = browser
        .get(format!("{url}/groups"))
        .send()
        .await
        .context("could not get /groups")?;
    if !response.status().is_success() {
        bail!("GET /groups answered {}", response.status());
    }
    let body = response.bytes().await?;
    Ok((start.elapsed(), body.len()))
}

/// A browser signed in as a staff member of `tenant`.
async fn member_of(server: &Server, tenant: TenantId) -> anyhow::Result<reqwest::Client> {
    let email = Email::parse(EMAIL).map_err(|error| anyhow!("{error:?}"))?;
    let name = DisplayName::parse("Bench list staff").map_err(|error| anyhow!("{error:?}"))?;
    let password = NewPassword::parse(PASSWORD).map_err(|error| anyhow!("{error:?}"))?;
    let hash = app::auth::password::hash(&password)
        .await
        .map_err(|error| anyhow!("could not hash the password: {error:?}"))?;
    let mut tx = server.pool.begin().await?;
    let user = app::auth::db::create_user(&mut tx, &email, &name, &hash, false).await?;
    app::auth::db::add_membership(&mut *tx, user, tenant, Role::Staff).await?;
    tx.commit().await?;
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = browser
        .post(format!("{}/api/login", server.url))
        .header("accept", "application/json")
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await?;
    if !(response.status().is_success() || response.status().is_redirection()) {
        bail!("login failed: {}", response.status());
    }
    Ok(browser)
}
