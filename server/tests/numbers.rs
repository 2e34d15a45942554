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

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn onboarding_checks_the_token_subscribes_and_stores_it_encrypted(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, TOKEN).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["refused"], Value::Null);
    assert_eq!(answer["facts"]["official_business_account"], true);
    assert_eq!(answer["facts"]["platform_type"], "CLOUD_API");
    assert_eq!(stored_numbers(&app, PNID).await, 1);
    assert!(subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["success"]);
    // The sandbox accepts only TOKEN for this number, so a group call proves it is decrypted.
    let response = create_group_on(&app, &number_id(&app, PNID).await).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_token_is_explained_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, WRONG_TOKEN).await;

    assert_eq!(status, 502, "{body}");
    let error: app::AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(
        error,
        app::AppError::Upstream {
            code: 190,
            message: app::graph::explain(190).to_owned()
        }
    );
    assert_eq!(stored_numbers(&app, PNID).await, 0);
    assert!(!subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["failure"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_ineligible_number_is_refused_with_its_facts_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, false).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, TOKEN).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["facts"]["official_business_account"], false);
    let refused = answer["refused"].as_str().unwrap();
    assert!(refused.contains(app::numbers::text::NOT_OBA), "{refused}");
    assert!(refused.contains(app::graph::explain(131215)), "{refused}");
    assert_eq!(stored_numbers(&app, PNID).await, 0);
    assert!(!subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["failure"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_token_is_replaced_only_by_one_that_works_and_a_disabled_number_is_not_used(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;
    assert_eq!(onboard(&app, PNID, TOKEN).await.0, 200);
    let number = number_id(&app, PNID).await;
    let rotate = |token: &'static str| {
        let number = number.clone();
        let app = &app;
        async move {
            app.server_fn(
                "rotate_number_token",
                &[("number_id", &number), ("access_token", token)],
            )
            .await
            .status()
            .as_u16()
        }
    };

    assert_eq!(rotate(WRONG_TOKEN).await, 502);
    assert_eq!(create_group_on(&app, &number).await.status(), 200);
    app.control(
        reqwest::Method::POST,
        "/numbers",
        json!({ "phone_number_id": PNID, "waba_id": WABA, "display_phone_number": "15550100077",
                "eligible": true, "access_token": OTHER_TOKEN }),
    )
    .await;
    assert_eq!(rotate(OTHER_TOKEN).await, 200);
    assert_eq!(create_group_on(&app, &number).await.status(), 200);
    assert_eq!(
        audit_outcomes(&app, "number.rotate_token").await,
        ["failure", "success"]
    );

    let response = app
        .server_fn("disable_number", &[("number_id", &number)])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(create_group_on(&app, &number).await.status(), 422);
    let listed = app
        .server_fn("list_numbers", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(!listed.contains(&number), "{listed}");
    assert_eq!(audit_outcomes(&app, "number.disable").await, ["success"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_token_never_appears_in_logs_answers_pages_or_stored_rows(pool: PgPool) {
    let logs = captured_logs();
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    sandbox_number(&app, "300000000000002", false).await;
    app.sign_in(Role::Admin).await;
    let mut answers = Vec::new();

    answers.push(onboard(&app, PNID, WRONG_TOKEN).await.1);
    answers.push(onboard(&app, "300000000000002", TOKEN).await.1);
    answers.push(onboard(&app, PNID, TOKEN).await.1);
    answers.push(onboard(&app, PNID, TOKEN).await.1);
    let number = number_id(&app, PNID).await;
    for token in [WRONG_TOKEN, TOKEN] {
        let response = app
            .server_fn(
                "rotate_number_token",
                &[("number_id", &number), ("access_token", token)],
            )
            .await;
        answers.push(response.text().await.unwrap());
    }
    answers.push(create_group_on(&app, &number).await.text().await.unwrap());
    for name in ["list_business_numbers", "list_numbers"] {
        answers.push(app.server_fn(name, &[]).await.text().await.unwrap());
    }
    let page = app
        .http
        .get(format!("{}/numbers", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    answers.push(page.text().await.unwrap());
    let rows: Vec<String> = sqlx::query_scalar(
        "select row_to_json(n)::text from business_number n
         union all select row_to_json(a)::text from audit_log a",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    app.stop().await;

    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logs.contains("business number onboarded"),
        "logs are captured"
    );
    assert!(answers[2].contains("official_business_account"));
    for token in [TOKEN, WRONG_TOKEN] {
        assert!(!logs.contains(token), "a token is in the logs");
        for answer in &answers {
            assert!(!answer.contains(token), "a token is in an answer: {answer}");
        }
        for row in &rows {
            assert!(!row.contains(token), "a token is in a stored row: {row}");
        }
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_real_number_is_onboarded_and_its_stored_token_is_used_for_groups(pool: PgPool) {
    // "Meta" is this server's own sandbox, so the real-number path runs end to end.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let meta = format!("http://{}/sandbox/graph", listener.local_addr().unwrap());
    let app = TestApp::spawn_on(listener, pool, &[("GRAPH_API_BASE_URL", &meta)]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let response = app
        .server_fn(
            "onboard_number",
            &[
                ("phone_number_id", PNID),
                ("waba_id", WABA),
                ("access_token", TOKEN),
            ],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let sandbox_flag: bool = sqlx::query_scalar!(
        "select sandbox from business_number where phone_number_id = $1",
        PNID
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!sandbox_flag, "stored as a real number");
    let created = create_group_on(&app, &number_id(&app, PNID).await).await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    app.stop().await;
}

/// A number that finished the sandbox's Embedded Signup: its code, IDs and (hidden) token.
struct Signup {
    code: String,
    pnid: String,
    waba: String,
    token: String,
}

async fn sandbox_signup(app: &TestApp, eligible: bool) -> Signup {
    let (status, signup) = app
        .control(
            reqwest::Method::POST,
            "/signup",
            json!({ "eligible": eligible }),
        )
        .await;
    assert_eq!(status, 200, "{signup}");
    let pnid = signup["phone_number_id"].as_str().unwrap().to_owned();
    let token = sqlx::query_scalar!(
        r#"select access_token as "t!" from sandbox.phone_number where phone_number_id = $1"#,
        pnid
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Signup {
        code: signup["code"].as_str().unwrap().to_owned(),
        waba: signup["waba_id"].as_str().unwrap().to_owned(),
        pnid,
        token,
    }
}

async fn complete_signup(app: &TestApp, signup: &Signup) -> (u16, String) {
    let response = app
        .server_fn(
            "complete_embedded_signup",
            &[
                ("code", &signup.code),
                ("phone_number_id", &signup.pnid),
                ("waba_id", &signup.waba),
                ("sandbox", "on"),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn embedded_signup_exchanges_the_code_and_onboards_with_the_token(pool: PgPool) {
    let logs = captured_logs();
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let signup = sandbox_signup(&app, true).await;

    let (status, body) = complete_signup(&app, &signup).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["refused"], Value::Null);
    assert_eq!(answer["facts"]["official_business_account"], true);
    assert_eq!(stored_numbers(&app, &signup.pnid).await, 1);
    assert!(subscribed(&app, &signup.pnid).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["success"]);
    // The sandbox accepts only the exchanged token for this number: a group call proves that it
    // was the one stored.
    let response = create_group_on(&app, &number_id(&app, &signup.pnid).await).await;
    let group_status = response.status().as_u16();
    let group = response.text().await.unwrap();
    let rows: Vec<String> = sqlx::query_scalar(
        "select row_to_json(n)::text from business_number n
         union all select row_to_json(a)::text from audit_log a",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    app.stop().await;
    assert_eq!(group_status, 200, "{group}");
    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logs.contains("business number onboarded"),
        "logs are captured"
    );
    for secret in [&signup.token, &signup.code] {
        assert!(!logs.contains(secret.as_str()), "a secret is in the logs");
        assert!(!body.contains(secret.as_str()), "a secret is in the answer");
        for row in &rows {
            assert!(!row.contains(secret.as_str()), "a secret is stored: {row}");
        }
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_expired_used_or_wrong_code_is_refused_plainly_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let expired = sandbox_signup(&app, true).await;
    sqlx::query!(
        "update sandbox.signup_code set issued_at = now() - make_interval(secs => $2) where code = $1",
        expired.code,
        f64::from(server::sandbox::CODE_LIFETIME_SECONDS + 1),
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let used = sandbox_signup(&app, true).await;
    let first = exchange_by_get(&app, &used.code).await;
    assert_eq!(first.0, 200, "{}", first.1);
    let mut wrong = sandbox_signup(&app, true).await;
    wrong.code = "not-a-code-from-facebook".to_owned();

    for signup in [&expired, &used, &wrong] {
        let (status, body) = complete_signup(&app, signup).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains(app::numbers::text::CODE_REFUSED), "{body}");
        assert!(!body.contains(&signup.token));
        assert_eq!(stored_numbers(&app, &signup.pnid).await, 0);
        assert!(!subscribed(&app, &signup.pnid).await);
    }
    assert_eq!(
        audit_outcomes(&app, "number.onboard").await,
        ["failure", "failure", "failure"]
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn embedded_signup_refuses_an_ineligible_number_with_its_facts(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let signup = sandbox_signup(&app, false).await;

    let (status, body) = complete_signup(&app, &signup).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    let refused = answer["refused"].as_str().unwrap();
    assert!(refused.contains(app::graph::explain(131215)), "{body}");
    assert_eq!(stored_numbers(&app, &signup.pnid).await, 0);
    app.stop().await;
}

async fn exchange_by_get(app: &TestApp, code: &str) -> (u16, String) {
    let response = app
        .http
        .get(format!(
            "{}/sandbox/graph/v25.0/oauth/access_token",
            app.url
        ))
        .query(&[
            ("client_id", "groupdesk-app"),
            ("client_secret", "app-secret"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn exchange_by_form(app: &TestApp, code: &str) -> (u16, String) {
    let response = app
        .http
        .post(format!(
            "{}/sandbox/graph/v25.0/oauth/access_token",
            app.url
        ))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "groupdesk-app"),
            ("client_secret", "app-secret"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_sandbox_exchanges_a_code_once_by_get_as_in_the_spec_or_by_posted_form(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let by_get = sandbox_signup(&app, true).await;
    let by_form = sandbox_signup(&app, true).await;

    let (status, body) = exchange_by_get(&app, &by_get.code).await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["access_token"], by_get.token.as_str());
    assert_eq!(answer["token_type"], "bearer");
    let (status, body) = exchange_by_form(&app, &by_form.code).await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["access_token"], by_form.token.as_str());

    for code in [&by_get.code, &by_form.code] {
        let (status, body) = exchange_by_form(&app, code).await;
        assert_eq!(status, 400, "a code works once: {body}");
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["error"]["code"],
            100
        );
        assert_eq!(exchange_by_get(&app, code).await.0, 400);
    }
    app.stop().await;
}
