//! The webhook endpoint: handshake, signature, size and shape checks, storage and dedup.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{DEMO_PNID, TestApp, create_succeeded};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_handshake_echoes_the_challenge_only_for_the_right_token(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let url = format!("{}/webhooks/whatsapp", app.url);

    let ok = app
        .http
        .get(&url)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", "test-verify-token"),
            ("hub.challenge", "1158201444"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");

    let wrong = app
        .http
        .get(&url)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", "guess"),
            ("hub.challenge", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_validly_signed_webhook_is_stored_before_the_200(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let body = create_succeeded(
        DEMO_PNID,
        "unknown-request",
        "G1",
        "https://chat.whatsapp.com/abc",
    )
    .to_string();

    let response = app.post_signed_webhook(body.as_bytes()).await;

    assert_eq!(response.status(), 200);
    assert_eq!(app.stored_events().await, 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bad_signatures_are_refused_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let body = create_succeeded(DEMO_PNID, "r1", "G1", "https://chat.whatsapp.com/abc").to_string();
    let good = app_signature(&app, body.as_bytes());
    let tampered = body.replace("Book club", "Book clubs");
    let wrong_secret = app::webhooks::signature::sign(b"another-secret", body.as_bytes());

    let cases = [
        (
            "tampered body",
            app.post_webhook(tampered.as_bytes(), Some(&good))
                .await
                .status(),
        ),
        (
            "no header",
            app.post_webhook(body.as_bytes(), None).await.status(),
        ),
        (
            "wrong secret",
            app.post_webhook(body.as_bytes(), Some(&wrong_secret))
                .await
                .status(),
        ),
        (
            "malformed header",
            app.post_webhook(body.as_bytes(), Some("sha256=nothex"))
                .await
                .status(),
        ),
    ];

    for (case, status) in cases {
        assert!(status == 401 || status == 403, "{case}: {status}");
    }
    assert_eq!(app.stored_events().await, 0);
    app.stop().await;
}

fn app_signature(app: &TestApp, body: &[u8]) -> String {
    use secrecy::ExposeSecret;
    app::webhooks::signature::sign(app.config.app_secret.expose_secret().as_bytes(), body)
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn non_json_and_non_envelope_bodies_get_a_400_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;

    for body in [&b"this is not json"[..], b"{\"hello\": 1}", b"[]", b""] {
        let response = app.post_signed_webhook(body).await;
        assert_eq!(
            response.status(),
            400,
            "{:?}",
            String::from_utf8_lossy(body)
        );
        let reason: serde_json::Value = response.json().await.unwrap();
        assert!(reason["error"].as_str().unwrap().contains("envelope"));
    }
    assert_eq!(app.stored_events().await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_body_over_the_limit_gets_a_413_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let huge = format!(
        r#"{{"object":"whatsapp_business_account","entry":[],"pad":"{}"}}"#,
        "x".repeat(70_000)
    );

    let response = app.post_signed_webhook(huge.as_bytes()).await;

    assert_eq!(response.status(), 413);
    assert_eq!(app.stored_events().await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_event_for_an_unknown_number_is_quarantined_not_dropped(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let body = create_succeeded("999999", "r1", "G1", "https://chat.whatsapp.com/abc").to_string();

    assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);

    app.eventually("the event is quarantined", || async {
        sqlx::query_scalar!("select outcome from webhook_event")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            .as_deref()
            == Some("quarantined")
    })
    .await;
    app.stop().await;
}

/// A `group_status_update` suspending `group` on number `pnid`.
fn suspension(pnid: &str, group: &str) -> String {
    serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "group_status_update",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "1", "phone_number_id": pnid},
            "groups": [{"timestamp": "1700000000", "type": "group_suspend", "group_id": group}]}}]}]})
    .to_string()
}

async fn outcome(app: &TestApp) -> Option<String> {
    sqlx::query_scalar!("select outcome from webhook_event")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// An active group "G-LATE" on a second sandbox number of the demo tenant.
async fn group_on_new_number(app: &TestApp, pnid: &str) {
    let tenant = app.demo_tenant().await;
    sqlx::query!(
        r#"with n as (
             insert into business_number (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
             values ($1, $2, '77', '15550000077', true) returning tenant_id, business_number_id)
           insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state)
           select tenant_id, business_number_id, 'G-LATE', 'Late', 'active' from n"#,
        tenant.0,
        pnid
    )
    .execute(&app.pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_quarantined_event_is_applied_when_replayed_after_its_number_is_onboarded(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    assert_eq!(
        app.post_signed_webhook(suspension("7777", "G-LATE").as_bytes())
            .await
            .status(),
        200
    );
    app.eventually("quarantined", || async {
        outcome(&app).await.as_deref() == Some("quarantined")
    })
    .await;

    group_on_new_number(&app, "7777").await;
    let requeued = app::webhooks::set_aside::replay(&app.pool, None, Some("quarantined"))
        .await
        .unwrap();

    assert_eq!(requeued, 1);
    app.eventually("applied", || async {
        outcome(&app).await.as_deref() == Some("applied")
    })
    .await;
    let suspended =
        sqlx::query_scalar!("select suspended from whatsapp_group where wa_group_id = 'G-LATE'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(suspended);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_event_that_keeps_failing_is_parked_and_can_be_replayed(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    group_on_new_number(&app, "7778").await;
    // Break applying: the table the event writes to is gone for now.
    sqlx::query!("alter table whatsapp_group rename column suspension_changed_at to broken")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.post_signed_webhook(suspension("7778", "G-LATE").as_bytes())
            .await
            .status(),
        200
    );
    app.eventually("the failure is recorded", || async {
        sqlx::query_scalar!("select attempts from webhook_event")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            >= 1
    })
    .await;
    // Skip the backoff: this is the last allowed attempt.
    sqlx::query!(
        "update webhook_event set attempts = $1 - 1, next_attempt_at = now()",
        app::webhooks::apply::MAX_ATTEMPTS
    )
    .execute(&app.pool)
    .await
    .unwrap();
    app.eventually("parked", || async {
        outcome(&app).await.as_deref() == Some("parked")
    })
    .await;
    let error = sqlx::query_scalar!("select last_error from webhook_event")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(error.unwrap().contains("suspension_changed_at"));

    sqlx::query!("alter table whatsapp_group rename column broken to suspension_changed_at")
        .execute(&app.pool)
        .await
        .unwrap();
    app::webhooks::set_aside::replay(&app.pool, None, Some("parked"))
        .await
        .unwrap();
    app.eventually("applied after the fix", || async {
        outcome(&app).await.as_deref() == Some("applied")
    })
    .await;
    let listed = app::webhooks::set_aside::list(&app.pool, 10).await.unwrap();
    assert!(listed.is_empty());
    app.stop().await;
}
