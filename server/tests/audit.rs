//! The audit page's server function and the CSV export.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{TestApp, call};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn support_sees_its_tenants_entries_filtered_by_action(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    let other = app.create_tenant("Other", "other").await;
    app.user("boss@other.test", other, Role::Admin).await;
    app.sign_in(Role::Staff).await;
    app.create_group("Audited", "", "auto_approve").await;
    let support = app.user("support@demo.test", demo, Role::Support).await;

    let all: Vec<serde_json::Value> = call(
        &support.client,
        &app.url,
        "list_audit",
        &[("action", ""), ("from", ""), ("to", "")],
    )
    .await
    .json()
    .await
    .unwrap();
    let created: Vec<serde_json::Value> = call(
        &support.client,
        &app.url,
        "list_audit",
        &[
            ("action", "group.create"),
            ("from", "2000-01-01"),
            ("to", "2999-12-31"),
        ],
    )
    .await
    .json()
    .await
    .unwrap();

    assert!(
        all.iter().all(|e| e["actor"] != "boss@other.test"),
        "other tenants' entries stay out"
    );
    assert_eq!(all.len(), 3, "two sign-ins and one group: {all:?}");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["actor"], "staff@demo.test");
    assert_eq!(created[0]["outcome"], "success");
    let bad = call(
        &support.client,
        &app.url,
        "list_audit",
        &[("action", ""), ("from", "last week"), ("to", "")],
    )
    .await;
    assert_eq!(bad.status(), 422);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_csv_export_streams_the_filtered_entries(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    app.create_group("=cmd|' /C calc'!A0", "", "auto_approve")
        .await;

    let response = app
        .http
        .get(format!("{}/api/audit.csv?action=group.create", app.url))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "at,actor,action,target,outcome,detail");
    assert_eq!(lines.len(), 2, "{body}");
    assert!(
        lines[1].contains(",admin@demo.test,group.create,"),
        "{body}"
    );
    app.stop().await;
}
