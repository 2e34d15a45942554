//! Losing nothing: the server process is killed (SIGKILL) during a burst of signed webhooks that
//! the sandbox delivers with retries; after a restart every event is applied exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use reqwest::Method;
use serde_json::{Value, json};
use server::config::Config;
use sqlx::PgPool;
use std::time::Duration;
use tokio::process::{Child, Command};

const SECRET: &str = "reliability-secret";
const MESSAGES: usize = 150;

/// The URL of the test's own database, on the server `DATABASE_URL` names.
fn database_url(pool: &PgPool) -> String {
    let admin = std::env::var("DATABASE_URL").unwrap();
    let name = pool.connect_options().get_database().unwrap().to_owned();
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the real server binary and waits until it answers.
async fn start_server(database_url: &str, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("GROUPDESK_SANDBOX", "true")
        .env("GROUPDESK_ADDR", format!("127.0.0.1:{port}"))
        .env("META_APP_SECRET", SECRET)
        .env(
            "GROUPDESK_TOKEN_KEY",
            "dGVzdC10b2tlbi1rZXktMzItYnl0ZXMtbG9uZy4uLi4=",
        )
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    for _ in 0..200 {
        if http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok()
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

async fn control(http: &reqwest::Client, base: &str, path: &str, body: Value) -> Value {
    http.request(Method::POST, format!("{base}/sandbox/control{path}"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn eventually(what: &str, seconds: u64, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_killed_server_loses_and_doubles_nothing(pool: PgPool) {
    let url = database_url(&pool);
    let port = free_port();
    let app_url = format!("http://127.0.0.1:{port}");
    let mut child = start_server(&url, port).await;

    // The sandbox runs here, apart from the server, and delivers to it with retries.
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "GROUPDESK_SANDBOX" => Some("true".to_owned()),
        "META_APP_SECRET" => Some(SECRET.to_owned()),
        "SANDBOX_CALLBACK_URL" => Some(format!("{app_url}/webhooks/whatsapp")),
        "SANDBOX_WEBHOOK_DELAY_MS" => Some("5".to_owned()),
        "GROUPDESK_TOKEN_KEY" => Some("dGVzdC10b2tlbi1rZXktMzItYnl0ZXMtbG9uZy4uLi4=".to_owned()),
        _ => None,
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sandbox = server::serve::start_sandbox_only(config, listener, pool.clone())
        .await
        .unwrap();
    let http = reqwest::Client::new();

    // A group WhatsApp knows, that GroupDesk knows too, with one participant.
    let created: Value = http
        .post(format!(
            "{}/sandbox/graph/v25.0/100000000000001/groups",
            sandbox.public_url
        ))
        .bearer_auth("t")
        .json(&json!({"messaging_product": "whatsapp", "subject": "Burst"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(created["request_id"].is_string());
    let row = sqlx::query!("select wa_group_id, invite_link from sandbox.wa_group")
        .fetch_one(&pool)
        .await
        .unwrap();
    sqlx::query!(
        r#"insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state, invite_link)
           select tenant_id, business_number_id, $1, 'Burst', 'active', $2 from business_number
           where phone_number_id = '100000000000001'"#,
        row.wa_group_id,
        row.invite_link
    )
    .execute(&pool)
    .await
    .unwrap();
    let link = row.invite_link.unwrap();
    control(
        &http,
        &sandbox.public_url,
        "/join",
        json!({"invite_link": link, "user": {"wa_id": "15550120001"}}),
    )
    .await;

    // A burst of messages; the server is killed while it is being delivered.
    let group = row.wa_group_id;
    for n in 0..MESSAGES {
        let body = json!({"user": {"wa_id": "15550120001"}, "type": "text", "text": format!("message {n}")});
        control(
            &http,
            &sandbox.public_url,
            &format!("/groups/{group}/messages"),
            body,
        )
        .await;
        if n == MESSAGES / 3 {
            child.kill().await.unwrap();
        }
    }
    let stored_before_restart = sqlx::query_scalar!(r#"select count(*) as "n!" from message"#)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        stored_before_restart < i64::try_from(MESSAGES).unwrap(),
        "the kill happened mid-burst"
    );
    let _restarted = start_server(&url, port).await;

    eventually("the sandbox delivered everything", 60, async || {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from sandbox.outbound_webhook where delivered_at is null"#
        )
        .fetch_one(&pool)
        .await
        .unwrap()
            == 0
    })
    .await;
    eventually("the server applied everything", 30, async || {
        sqlx::query_scalar!(r#"select count(*) as "n!" from message"#)
            .fetch_one(&pool)
            .await
            .unwrap()
            == i64::try_from(MESSAGES).unwrap()
    })
    .await;

    // Exactly once: one row per WhatsApp message, one stored event per delivered body.
    let doubled = sqlx::query_scalar!(
        r#"select count(*) as "n!" from (select wamid from message group by wamid having count(*) > 1) d"#
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(doubled, 0);
    let sandbox_messages = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.message m
           where m.direction = 'inbound' and exists (select 1 from message a where a.wamid = m.wamid)"#
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        sandbox_messages,
        i64::try_from(MESSAGES).unwrap(),
        "every WhatsApp message reached GroupDesk"
    );
    sandbox.shutdown.cancel();
    sandbox.handle.await.unwrap();
}
