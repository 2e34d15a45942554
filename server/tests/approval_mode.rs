//! Changing who can join with the link (issue #6: support, staff and admins may change it). SPEC
//! §2.5 lists no field for it; GroupDesk sends `join_approval_mode` in the settings update (the
//! lenient reading, as create takes it) and applies it once the settings webhook resolves the
//! operation without errors, since §4.3 has no outcome object for it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;

async fn mode(app: &TestApp) -> String {
    sqlx::query_scalar("select join_approval_mode from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn change(app: &TestApp, group_id: &str, mode: &str) -> (u16, String) {
    let response = app
        .server_fn(
            "change_approval_mode",
            &[("group_id", group_id), ("mode", mode)],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn support_turns_on_approval_and_the_next_joiner_asks_to_join(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = common::chat::active_group(&app, "Gatekept", 1, "1555017").await;
    let support = common::browser();
    app.create_user(
        "support@demo.test",
        Some((app.demo_tenant().await, Role::Support)),
    )
    .await;
    app.login(&support, "support@demo.test").await;

    let response = common::call(
        &support,
        &app.url,
        "change_approval_mode",
        &[("group_id", &group.id), ("mode", "approval_required")],
    )
    .await;
    let (status, body) = (response.status(), response.text().await.unwrap());

    assert_eq!(status, 200, "{body}");
    app.eventually("the change is confirmed", || async {
        mode(&app).await == "approval_required"
    })
    .await;
    let ledger: Value = app
        .server_fn("list_operations", &[("group_id", &group.id)])
        .await
        .json()
        .await
        .unwrap();
    let change_op = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == "group_settings_update")
        .unwrap();
    assert_eq!(change_op["state"], "succeeded", "{change_op}");
    assert_eq!(change_op["items"][0]["state"], "done");
    assert!(
        change_op["items"][0]["label"]
            .as_str()
            .unwrap()
            .contains("Only people we approve"),
        "{change_op}"
    );
    let link: String = sqlx::query_scalar("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, joined) = app.join(&link, "15550170901").await;
    assert_eq!(status, 200, "{joined}");
    app.eventually("the joiner's request arrives", || async {
        sqlx::query_scalar::<_, i64>("select count(*) from join_request where state = 'pending'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == 1
    })
    .await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_same_mode_an_unknown_mode_and_a_suspended_group_are_refused_plainly(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = common::chat::active_group(&app, "Refusing", 1, "1555018").await;

    let (status, body) = change(&app, &group.id, "auto_approve").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("already has this setting"), "{body}");
    let (status, body) = change(&app, &group.id, "everyone").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Choose who can join"), "{body}");

    app.control(
        Method::POST,
        &format!("/groups/{}/suspend", group.wa_group_id),
        json!({}),
    )
    .await;
    app.eventually("the suspension arrives", || async {
        sqlx::query_scalar::<_, bool>("select suspended from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
    })
    .await;
    let (status, body) = change(&app, &group.id, "approval_required").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("suspended"), "{body}");
    let asked: i64 =
        sqlx::query_scalar("select count(*) from operation where kind = 'group_settings_update'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(asked, 0, "nothing was asked of WhatsApp");
    assert_eq!(mode(&app).await, "auto_approve");
    app.stop().await;
}
