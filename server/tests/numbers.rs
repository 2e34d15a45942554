//! Onboarding business numbers against the sandbox: the token is checked first, the number's
//! eligibility decides, nothing is saved on failure, and the token never comes back out.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use serde_json::{Value, json};
use sqlx::PgPool;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

const PNID: &str = "300000000000001";
const WABA: &str = "400000000000001";
const TOKEN: &str = "EAAG-onboarding-secret-token-4711";
const OTHER_TOKEN: &str = "EAAG-rotated-secret-token-0815";
const WRONG_TOKEN: &str = "EAAG-wrong-token-never-valid";

/// Everything the server logged in this process, at every level.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || Capture(sink.clone()))
            .try_init()
            .ok();
        logs
    })
    .clone()
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Registers a sandbox number that accepts only `TOKEN`.
async fn sandbox_number(app: &TestApp, pnid: &str, eligible: bool) {
    let (status, _) = app
        .control(
            reqwest::Method::POST,
            "/numbers",
            json!({ "phone_number_id": pnid, "waba_id": WABA, "display_phone_number": "15550100077",
                    "eligible": eligible, "access_token": TOKEN }),
        )
        .await;
    assert_eq!(status, 200);
}

async fn onboard(app: &TestApp, pnid: &str, token: &str) -> (u16, String) {
    let response = app
        .server_fn(
            "onboard_number",
            &[
                ("phone_number_id", pnid),
                ("waba_id", WABA),
                ("access_token", token),
                ("sandbox", "on"),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn stored_numbers(app: &TestApp, pnid: &str) -> i64 {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from business_number where phone_number_id = $1"#,
        pnid
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn subscribed(app: &TestApp, pnid: &str) -> bool {
    sqlx::query_scalar!(
        "select subscribed from sandbox.phone_number where phone_number_id = $1",
        pnid
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn audit_outcomes(app: &TestApp, action: &str) -> Vec<String> {
    sqlx::query_scalar!(
        "select outcome from audit_log where action = $1 order by audit_log_id",
        action
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn number_id(app: &TestApp, pnid: &str) -> String {
    sqlx::query_scalar!(
        "select business_number_id from business_number where phone_number_id = $1",
        pnid
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .to_string()
}

async fn create_group_on(app: &TestApp, number: &str) -> reqwest::Response {
    app.server_fn(
        "create_group",
        &[
            ("subject", "Onboarded group"),
            ("description", ""),
            ("join_approval_mode", "auto_approve"),
            ("number_id", number),
        ],
    )
    .await
}

// One test binary; its tests are grouped by what they cover.
#[path = "numbers/signup.rs"]
mod signup;
#[path = "numbers/tokens.rs"]
mod tokens;
