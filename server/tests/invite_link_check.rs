//! Reading the invite link from WhatsApp (SPEC §2.6): a link reset from another app replaces the
//! stored one, and a second check finds it current.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::GroupsApi;
use app::tenants::Role;
use common::TestApp;
use common::sandbox::demo_access;
use sqlx::PgPool;

async fn stored_link(app: &TestApp) -> Option<String> {
    sqlx::query_scalar("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn check(app: &TestApp, group_id: &str) -> (u16, String) {
    let response = app
        .server_fn("check_invite_link", &[("group_id", group_id)])
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_link_reset_elsewhere_is_picked_up_and_then_found_current(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = common::chat::active_group(&app, "Linked", 0, "1555019").await;
    let elsewhere = app
        .graph()
        .reset_invite_link(&demo_access(), &group.wa_group_id)
        .await
        .unwrap();
    assert_ne!(stored_link(&app).await.as_deref(), Some(elsewhere.as_str()));

    assert_eq!(check(&app, &group.id).await, (200, "true".to_owned()));
    assert_eq!(stored_link(&app).await.as_deref(), Some(elsewhere.as_str()));
    assert_eq!(check(&app, &group.id).await, (200, "false".to_owned()));

    app.graph()
        .delete_invite_link(&demo_access(), &group.wa_group_id)
        .await
        .unwrap();
    let (status, body) = check(&app, &group.id).await;
    assert_eq!(status, 502, "WhatsApp refused: {body}");
    assert!(body.contains("\"code\":100"), "{body}");
    assert_eq!(stored_link(&app).await.as_deref(), Some(elsewhere.as_str()));
    app.stop().await;
}
