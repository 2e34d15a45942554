//! The sandbox answers like the Graph API (SPEC §1.4, §2.1, §8), including its errors.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{DEMO_PNID, TestApp};
use serde_json::{Value, json};
use sqlx::PgPool;

async fn post_create(app: &TestApp, pnid: &str, token: Option<&str>, body: Value) -> (u16, Value) {
    let mut request = app
        .http
        .post(format!("{}/sandbox/graph/v25.0/{pnid}/groups", app.url))
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn assert_meta_error(body: &Value, code: i64) {
    let error = &body["error"];
    assert_eq!(error["code"], code, "{body}");
    assert_eq!(error["type"], "OAuthException");
    assert_eq!(error["error_data"]["messaging_product"], "whatsapp");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with(&format!("(#{code})"))
    );
    assert!(error["fbtrace_id"].is_string());
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn create_answers_a_request_id_and_later_a_signed_webhook_shaped_like_the_spec(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;

    let (status, body) = post_create(
        &app,
        DEMO_PNID,
        Some("t"),
        json!({"messaging_product": "whatsapp", "subject": "Hikers", "join_approval_mode": "approval_required"}),
    )
    .await;

    assert_eq!(status, 200);
    assert_eq!(body["messaging_product"], "whatsapp");
    let request_id = body["request_id"].as_str().unwrap();
    let queued = sqlx::query_scalar!("select body from sandbox.outbound_webhook")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let webhook: Value = serde_json::from_slice(&queued).unwrap();
    assert_eq!(webhook["object"], "whatsapp_business_account");
    let change = &webhook["entry"][0]["changes"][0];
    assert_eq!(change["field"], "group_lifecycle_update");
    assert_eq!(change["value"]["messaging_product"], "whatsapp");
    assert_eq!(change["value"]["metadata"]["phone_number_id"], DEMO_PNID);
    let event = &change["value"]["groups"][0];
    assert_eq!(event["type"], "group_create");
    assert_eq!(event["request_id"], request_id);
    assert_eq!(event["subject"], "Hikers");
    assert_eq!(event["join_approval_mode"], "approval_required");
    assert!(
        event["timestamp"].is_string(),
        "timestamps are strings, as in SPEC §4"
    );
    assert!(event["group_id"].is_string());
    assert!(
        event["invite_link"]
            .as_str()
            .unwrap()
            .starts_with("https://chat.whatsapp.com/")
    );
    let keys: Vec<&String> = event.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7, "exactly the SPEC §4.1 keys: {keys:?}");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bad_create_requests_get_meta_error_envelopes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let long = "s".repeat(129);
    let cases = [
        (
            json!({"messaging_product": "whatsapp", "subject": long}),
            400,
            100,
        ),
        (
            json!({"messaging_product": "whatsapp", "subject": "  "}),
            400,
            131008,
        ),
        (
            json!({"messaging_product": "whatsapp", "subject": "x", "description": "d".repeat(2049)}),
            400,
            100,
        ),
        (
            json!({"messaging_product": "whatsapp", "subject": "x", "join_approval_mode": "open"}),
            400,
            100,
        ),
        (json!({"subject": "x"}), 400, 131008),
        (
            json!({"messaging_product": "whatsapp", "subject": 5}),
            400,
            100,
        ),
    ];
    for (body, status, code) in cases {
        let (got_status, got) = post_create(&app, DEMO_PNID, Some("t"), body).await;
        assert_eq!(got_status, status, "{got}");
        assert_meta_error(&got, code);
    }
    let groups = sqlx::query_scalar!(r#"select count(*) as "n!" from sandbox.wa_group"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(groups, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn unknown_numbers_missing_tokens_and_ineligible_numbers_are_refused(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let body = json!({"messaging_product": "whatsapp", "subject": "x"});

    let (status, unknown) = post_create(&app, "123", Some("t"), body.clone()).await;
    assert_eq!(status, 400);
    assert_meta_error(&unknown, 100);

    let (status, no_token) = post_create(&app, DEMO_PNID, None, body.clone()).await;
    assert_eq!(status, 403);
    assert_meta_error(&no_token, 200);

    server::sandbox::register_number(
        &app.pool,
        &server::sandbox::SandboxNumber {
            phone_number_id: "300",
            waba_id: "301",
            display_phone_number: "15550100009",
            eligible: false,
        },
    )
    .await
    .unwrap();
    let (status, ineligible) = post_create(&app, "300", Some("t"), body).await;
    assert_eq!(status, 400);
    assert_meta_error(&ineligible, 131215);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_number_at_the_group_cap_cannot_create_more(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sqlx::query!(
        r#"insert into sandbox.wa_group (wa_group_id, phone_number_id, subject, join_approval_mode, invite_link)
           select 'g' || n, $1, 'seeded', 'auto_approve', 'https://chat.whatsapp.com/seed' || n
           from generate_series(1, 10000) n"#,
        DEMO_PNID
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let (status, body) = post_create(
        &app,
        DEMO_PNID,
        Some("t"),
        json!({"messaging_product": "whatsapp", "subject": "one more"}),
    )
    .await;

    assert_eq!(status, 400);
    assert_meta_error(&body, 131211);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn meta_refusals_reach_the_person_explained_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(app::tenants::Role::Staff).await;
    sqlx::query!("update sandbox.phone_number set is_official_business_account = false")
        .execute(&app.pool)
        .await
        .unwrap();

    let response = app.create_group("Not allowed", "", "auto_approve").await;

    assert_eq!(response.status(), 502);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["Upstream"]["code"], 131215);
    assert!(
        error["Upstream"]["message"]
            .as_str()
            .unwrap()
            .contains("Official Business Account")
    );
    assert_eq!(app.group_count().await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn webhooks_the_app_does_not_accept_are_retried(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let deliveries_before =
        sqlx::query_scalar!(r#"select count(*) as "n!" from sandbox.outbound_webhook"#)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(deliveries_before, 0);
    sqlx::query!(
        "insert into sandbox.outbound_webhook (body) values ($1)",
        b"{\"object\":\"whatsapp_business_account\",\"entry\":[]}".as_slice()
    )
    .execute(&app.pool)
    .await
    .unwrap();
    // An accepted body is delivered once and marked delivered.
    app.eventually("the webhook is delivered", || async {
        sqlx::query_scalar!(
            "select delivered_at is not null as \"d!\" from sandbox.outbound_webhook"
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    })
    .await;

    // A body the app refuses (not an envelope) stays undelivered and is retried later.
    sqlx::query!(
        "insert into sandbox.outbound_webhook (body) values ($1)",
        b"not json".as_slice()
    )
    .execute(&app.pool)
    .await
    .unwrap();
    app.eventually("the refused webhook is rescheduled", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from sandbox.outbound_webhook
               where delivered_at is null and attempts >= 1 and due_at > now() and last_error = 'answered HTTP 400'"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_sandbox_runs_alone_and_sends_webhooks_to_the_configured_callback(pool: PgPool) {
    // The app, which will receive the standalone sandbox's webhooks.
    let app = TestApp::spawn(pool.clone(), &[]).await;
    let callback = format!("{}/webhooks/whatsapp", app.url);
    let config = server::config::Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some("postgres://unused".to_owned()),
        "GROUPDESK_SANDBOX" => Some("true".to_owned()),
        "META_APP_SECRET" => Some("test-app-secret".to_owned()),
        "SANDBOX_CALLBACK_URL" => Some(callback.clone()),
        "SANDBOX_WEBHOOK_DELAY_MS" => Some("10".to_owned()),
        "SANDBOX_FAULTS" => Some("latency_ms=1".to_owned()),
        _ => None,
    })
    .unwrap();
    server::serve::prepare(&config, &pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let alone = server::serve::start_sandbox_only(config, listener, pool.clone())
        .await
        .unwrap();

    let response = app
        .http
        .post(format!(
            "{}/sandbox/graph/v25.0/{DEMO_PNID}/groups",
            alone.public_url
        ))
        .bearer_auth("t")
        .json(&json!({"messaging_product": "whatsapp", "subject": "Standalone"}))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    app.eventually("the app received the webhook", || async {
        app.stored_events().await == 1
    })
    .await;
    let latency = sqlx::query_scalar!("select latency_ms from sandbox.behaviour")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(latency, 1, "SANDBOX_FAULTS is applied at start");
    alone.shutdown.cancel();
    alone.handle.await.unwrap();
    app.stop().await;
}
