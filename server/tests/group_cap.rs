//! The 10,000-group cap per number (SPEC §2.0): GroupDesk refuses before asking WhatsApp when it
//! already counts 10,000 groups on the number, and explains WhatsApp's own refusal (131211) when
//! groups made elsewhere fill the number.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{DEMO_PNID, TestApp};
use reqwest::Method;
use serde_json::json;
use sqlx::PgPool;

async fn sandbox_groups(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from sandbox.wa_group where phone_number_id = $1")
        .bind(DEMO_PNID)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_number_with_10000_groups_in_groupdesk_is_refused_before_whatsapp_is_asked(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    sqlx::query(
        "insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state)
         select n.tenant_id, n.business_number_id, 'seeded-' || g, 'Seeded ' || g, 'active'
         from business_number n, generate_series(1, 10000) as g",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let before = sandbox_groups(&app).await;

    let response = app.create_group("One too many", "", "auto_approve").await;

    assert_eq!(response.status(), 409);
    let body = response.text().await.unwrap();
    assert!(body.contains("limit of 10,000 groups"), "{body}");
    assert_eq!(sandbox_groups(&app).await, before, "WhatsApp was not asked");
    assert_eq!(app.group_count().await, 10_000, "nothing was stored");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn whatsapps_refusal_at_the_cap_is_explained_and_nothing_is_stored(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (status, filled) = app
        .control(
            Method::POST,
            &format!("/numbers/{DEMO_PNID}/filler"),
            json!({ "up_to": 10000 }),
        )
        .await;
    assert_eq!(status, 200, "{filled}");
    assert_eq!(sandbox_groups(&app).await, 10_000);

    let response = app.create_group("Past the cap", "", "auto_approve").await;

    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    assert_eq!(status, 502, "WhatsApp refused: {body}");
    assert!(body.contains("limit of 10,000 groups"), "{body}");
    assert!(body.contains("131211"), "{body}");
    assert_eq!(app.group_count().await, 0);

    let (status, emptied) = app
        .control(
            Method::DELETE,
            &format!("/numbers/{DEMO_PNID}/filler"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{emptied}");
    assert_eq!(emptied["removed"], 10_000);
    let response = app.create_group("Room again", "", "auto_approve").await;
    assert_eq!(response.status(), 200);
    app.stop().await;
}
