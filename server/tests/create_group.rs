//! The walking skeleton: a group is created through the server function, the sandbox answers
//! asynchronously with a signed webhook, and the group becomes active with its invite link.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{DEMO_PNID, TestApp, create_succeeded};
use sqlx::PgPool;

async fn group_state(app: &TestApp) -> Option<(String, Option<String>)> {
    sqlx::query!("select state, invite_link from whatsapp_group")
        .fetch_optional(&app.pool)
        .await
        .unwrap()
        .map(|row| (row.state, row.invite_link))
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn creating_a_group_makes_it_active_with_an_invite_link(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;

    let response = app
        .create_group("  Book club  ", "Monthly reads", "approval_required")
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.eventually("the group becomes active", || async {
        matches!(group_state(&app).await, Some((state, _)) if state == "active")
    })
    .await;
    let row = sqlx::query!(
        "select subject, description, join_approval_mode, invite_link, wa_group_id from whatsapp_group"
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(row.subject, "Book club");
    assert_eq!(row.description, "Monthly reads");
    assert_eq!(row.join_approval_mode, "approval_required");
    assert!(
        row.invite_link
            .unwrap()
            .starts_with("https://chat.whatsapp.com/")
    );
    assert!(row.wa_group_id.is_some());
    let operation = sqlx::query_scalar!("select state from operation")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(operation, "succeeded");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_list_shows_the_group_to_its_tenant(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    app.create_group("Runners", "", "auto_approve").await;

    let response = app.server_fn("list_groups", &[]).await;

    assert_eq!(response.status(), 200);
    let groups: serde_json::Value = response.json().await.unwrap();
    assert_eq!(groups["groups"][0]["subject"], "Runners");
    assert_eq!(groups["groups"][0]["participants"], 0);
    assert_eq!(groups["next_cursor"], serde_json::Value::Null);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bad_input_gets_a_clear_error_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let long_subject = "a".repeat(129);
    let long_description = "d".repeat(2049);
    let number = app.demo_number_id().await;

    let cases = [
        ("", "", "auto_approve", number.as_str(), "subject"),
        ("   ", "", "auto_approve", number.as_str(), "subject"),
        (
            long_subject.as_str(),
            "",
            "auto_approve",
            number.as_str(),
            "subject",
        ),
        (
            "Ok",
            long_description.as_str(),
            "auto_approve",
            number.as_str(),
            "description",
        ),
        ("Ok", "", "everyone", number.as_str(), "join_approval_mode"),
        ("Ok", "", "auto_approve", "not-a-uuid", "number_id"),
        (
            "Ok",
            "",
            "auto_approve",
            "7f1e0a3c-0000-4000-8000-000000000000",
            "number_id",
        ),
    ];
    for (subject, description, mode, number_id, field) in cases {
        let response = app
            .server_fn(
                "create_group",
                &[
                    ("subject", subject),
                    ("description", description),
                    ("join_approval_mode", mode),
                    ("number_id", number_id),
                ],
            )
            .await;
        assert_eq!(response.status(), 422, "case {field}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["Validation"]["field"], field);
        assert!(!error["Validation"]["message"].as_str().unwrap().is_empty());
    }

    assert_eq!(app.group_count().await, 0);
    let sandbox_groups = sqlx::query_scalar!(r#"select count(*) as "n!" from sandbox.wa_group"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sandbox_groups, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_same_event_delivered_twice_changes_state_once(pool: PgPool) {
    // The sandbox's own webhook is held back, so only the test's deliveries arrive.
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    app.sign_in(Role::Staff).await;
    app.create_group("Choir", "", "auto_approve").await;
    let request_id = sqlx::query_scalar!("select request_id from operation")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let body = create_succeeded(
        DEMO_PNID,
        &request_id,
        "GROUP-1",
        "https://chat.whatsapp.com/first",
    )
    .to_string();

    assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);
    assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);
    assert_eq!(
        app.stored_events().await,
        1,
        "a redelivered body is stored once"
    );
    app.eventually("the group becomes active", || async {
        matches!(group_state(&app).await, Some((state, _)) if state == "active")
    })
    .await;
    let before = sqlx::query!("select updated_at, invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // The same event (same request ID, type and group), serialized differently and with a changed
    // link: its dedup key is the event's, not the body's, so it is not stored again.
    let again = create_succeeded(
        DEMO_PNID,
        &request_id,
        "GROUP-1",
        "https://chat.whatsapp.com/second",
    );
    let again = serde_json::to_string_pretty(&again).unwrap();
    assert_eq!(
        app.post_signed_webhook(again.as_bytes()).await.status(),
        200
    );
    assert_eq!(
        app.stored_events().await,
        1,
        "a redelivered event is stored once"
    );

    let after = sqlx::query!("select updated_at, invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(after.updated_at, before.updated_at);
    assert_eq!(
        after.invite_link.as_deref(),
        Some("https://chat.whatsapp.com/first")
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_outcome_that_arrives_before_its_operation_is_applied_once_the_operation_exists(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    app.sign_in(Role::Staff).await;
    let early = create_succeeded(
        DEMO_PNID,
        "late-request",
        "GROUP-9",
        "https://chat.whatsapp.com/early",
    )
    .to_string();
    assert_eq!(
        app.post_signed_webhook(early.as_bytes()).await.status(),
        200
    );
    app.eventually("the event is deferred", || async {
        sqlx::query_scalar!("select attempts from webhook_event")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            > 0
    })
    .await;

    // Now the create call's answer is recorded, with the request ID the event carried.
    app.create_group("Late", "", "auto_approve").await;
    sqlx::query!("update operation set request_id = 'late-request'")
        .execute(&app.pool)
        .await
        .unwrap();

    app.eventually("the group becomes active", || async {
        matches!(group_state(&app).await, Some((state, _)) if state == "active")
    })
    .await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn health_and_readiness_answer(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    for path in ["/healthz", "/readyz"] {
        let response = app
            .http
            .get(format!("{}{path}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers().contains_key("x-request-id"),
            "{path} has a request id"
        );
    }
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_groups_page_renders_on_the_server(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    app.create_group("Gardeners", "", "auto_approve").await;

    let page = app
        .http
        .get(format!("{}/groups", app.url))
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Gardeners"));
    assert!(html.contains("Create a group"));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn shutdown_ends_open_live_streams(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let stream = app
        .http
        .get(format!("{}/api/live", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");

    app.stop().await;
    drop(stream);
}
