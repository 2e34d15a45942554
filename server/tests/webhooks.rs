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
