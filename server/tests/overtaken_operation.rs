//! An outcome webhook that overtakes the filing of its operation (SPEC §1.8: any order). GroupDesk
//! files an operation just after WhatsApp answers the call, so a quick webhook can arrive first:
//! it waits for the operation and then resolves it. One whose operation never comes (a change
//! made outside GroupDesk) is applied after that short wait, not set aside.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{DEMO_PNID, TestApp};
use serde_json::json;
use sqlx::PgPool;

/// An app whose sandbox sends its webhooks nowhere, so the test plays WhatsApp's answers itself;
/// a staff member signed in; and an active group: GroupDesk's group ID and WhatsApp's.
async fn active_group(pool: PgPool) -> (TestApp, String, String) {
    let silent = (
        "SANDBOX_CALLBACK_URL",
        "http://127.0.0.1:9/webhooks/whatsapp",
    );
    let app = TestApp::spawn(pool, &[silent]).await;
    app.sign_in(Role::Staff).await;
    let create = app
        .create_group("Overtaken", "Old words", "auto_approve")
        .await;
    assert_eq!(create.status(), 200);
    let request_id: String = sqlx::query_scalar("select request_id from operation")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (wa_group_id, link): (String, Option<String>) =
        sqlx::query_as("select wa_group_id, invite_link from sandbox.wa_group")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let body = common::create_succeeded(DEMO_PNID, &request_id, &wa_group_id, &link.unwrap());
    app.post_signed_webhook(body.to_string().as_bytes()).await;
    app.eventually("the group is active", || async {
        let state: String = sqlx::query_scalar("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        state == "active"
    })
    .await;
    let group_id: uuid::Uuid = sqlx::query_scalar("select group_id from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (app, group_id.to_string(), wa_group_id)
}

fn renamed(wa_group_id: &str, request_id: &str) -> String {
    json!({"object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "group_settings_update", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": DEMO_PNID},
            "groups": [{"timestamp": "1761000100", "group_id": wa_group_id,
                "type": "group_settings_update", "request_id": request_id,
                "group_subject": {"text": "Renamed", "update_successful": true}}]}}]}]})
    .to_string()
}

async fn subject(app: &TestApp) -> String {
    sqlx::query_scalar("select subject from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_settings_outcome_that_overtakes_its_operation_waits_and_resolves_it(pool: PgPool) {
    let (app, group_id, wa_group_id) = active_group(pool).await;
    let response = app
        .server_fn(
            "update_group_settings",
            &[
                ("group_id", &group_id),
                ("subject", "Renamed"),
                ("description", "Old words"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    // Take the operation back out, as if its filing had not committed yet.
    let (operation_id, request_id): (uuid::Uuid, String) = sqlx::query_as(
        "select operation_id, request_id from operation where kind = 'group_settings_update'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("create table held as select * from operation where operation_id = $1")
        .bind(operation_id)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("delete from operation where operation_id = $1")
        .bind(operation_id)
        .execute(&app.pool)
        .await
        .unwrap();

    app.post_signed_webhook(renamed(&wa_group_id, &request_id).as_bytes())
        .await;
    app.eventually("the outcome was tried and deferred", || async {
        let attempts: i32 = sqlx::query_scalar(
            "select attempts from webhook_event order by webhook_event_id desc limit 1",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        attempts >= 1
    })
    .await;
    assert_eq!(
        subject(&app).await,
        "Overtaken",
        "nothing applied while it waits"
    );

    // The filing commits: the waiting outcome now resolves the operation.
    sqlx::query("insert into operation select * from held")
        .execute(&app.pool)
        .await
        .unwrap();
    app.eventually("the operation is resolved", || async {
        let state: String =
            sqlx::query_scalar("select state from operation where kind = 'group_settings_update'")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        state == "succeeded"
    })
    .await;
    assert_eq!(subject(&app).await, "Renamed");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_settings_change_made_outside_groupdesk_is_applied_after_the_wait(pool: PgPool) {
    let (app, _, wa_group_id) = active_group(pool).await;

    app.post_signed_webhook(renamed(&wa_group_id, "another-apps-request").as_bytes())
        .await;
    app.eventually("the outside change is applied", || async {
        subject(&app).await == "Renamed"
    })
    .await;
    let outcome: Option<String> = sqlx::query_scalar(
        "select outcome from webhook_event order by webhook_event_id desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(outcome.as_deref(), Some("applied"), "not set aside");
    app.stop().await;
}
