//! The platform admin's Webhook events page: set-aside events listed with their reason, and
//! replayed (audited).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{TestApp, call};
use serde_json::{Value, json};
use sqlx::PgPool;

fn suspension(pnid: &str) -> String {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "group_status_update",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "1", "phone_number_id": pnid},
            "groups": [{"timestamp": "1700000000", "type": "group_suspend", "group_id": "G-LATE"}]}}]}]})
    .to_string()
}

async fn outcome(app: &TestApp) -> Option<String> {
    sqlx::query_scalar!("select outcome from webhook_event")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_platform_admin_sees_a_quarantined_event_and_replays_it_once_its_number_is_known(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[]).await;
    let admin = app.platform_admin("root@platform.test").await;
    assert_eq!(
        app.post_signed_webhook(suspension("7790").as_bytes())
            .await
            .status(),
        200
    );
    app.eventually("quarantined", || async {
        outcome(&app).await.as_deref() == Some("quarantined")
    })
    .await;

    let listed: Vec<Value> = call(&admin.client, &app.url, "list_set_aside_events", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["outcome"], "quarantined");
    assert_eq!(listed[0]["phone_number_id"], "7790");
    let id = listed[0]["id"].as_i64().unwrap().to_string();

    // The number is onboarded (with its group), then the event is replayed from the page.
    let tenant = app.demo_tenant().await;
    sqlx::query!(
        r#"with n as (
             insert into business_number (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
             values ($1, '7790', '77', '15550000077', true) returning tenant_id, business_number_id)
           insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state)
           select tenant_id, business_number_id, 'G-LATE', 'Late', 'active' from n"#,
        tenant.0,
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let replayed = call(
        &admin.client,
        &app.url,
        "replay_set_aside_event",
        &[("id", &id)],
    )
    .await;
    assert!(replayed.status().is_success(), "{}", replayed.status());

    app.eventually("applied", || async {
        outcome(&app).await.as_deref() == Some("applied")
    })
    .await;
    let audited = sqlx::query!(
        r#"select actor_user_id, target from audit_log where action = 'webhook.replay'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited.actor_user_id, Some(admin.user_id.0));
    assert_eq!(audited.target.as_deref(), Some(id.as_str()));

    // Nothing is set aside any more, so replaying it again is refused in words.
    let again = call(
        &admin.client,
        &app.url,
        "replay_set_aside_event",
        &[("id", &id)],
    )
    .await;
    assert_eq!(again.status(), 422);
    let listed: Vec<Value> = call(&admin.client, &app.url, "list_set_aside_events", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.is_empty());
    app.stop().await;
}
