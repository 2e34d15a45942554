//! The capacity cockpit: groups used out of 10,000 per number, operations waiting for WhatsApp
//! (stale ones counted), recent failures explained, and the number's facts read on demand.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{TestApp, call};
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

async fn overview(app: &TestApp) -> Value {
    let response = app.server_fn("capacity_overview", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn each_number_shows_its_groups_waiting_operations_and_failures(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let number = Uuid::parse_str(&app.demo_number_id().await).unwrap();
    // 3 active groups, 1 failed and 1 deleted: only the 3 count against the cap.
    sqlx::query(
        "insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state, failure_reason)
         select tenant_id, business_number_id, case when s = 'failed' then null else 'g' || i end,
                'Group ' || i, s, case when s = 'failed' then 'refused' end
           from business_number,
                unnest(array['active', 'active', 'active', 'failed', 'deleted']) with ordinality as t(s, i)
          where business_number_id = $1",
    )
    .bind(number)
    .execute(&app.pool)
    .await
    .unwrap();
    let operation = |state: &str, age_minutes: i32, detail: Option<Value>| {
        sqlx::query(
            "insert into operation (tenant_id, business_number_id, group_id, kind, request_id, state,
                                    error_detail, created_at, resolved_at)
             select n.tenant_id, n.business_number_id,
                    (select group_id from whatsapp_group where subject = 'Group 1'),
                    'participants_remove', gen_random_uuid()::text, $2, $4,
                    now() - $3 * interval '1 minute',
                    case when $2 = 'pending' then null else now() end
               from business_number n where n.business_number_id = $1",
        )
        .bind(number)
        .bind(state.to_owned())
        .bind(age_minutes)
        .bind(detail)
        .execute(&app.pool)
    };
    operation("pending", 1, None).await.unwrap();
    operation("pending", 30, None).await.unwrap();
    operation(
        "partially_failed",
        5,
        Some(json!([{"input": "US.1", "errors": [{"code": 131203, "title": "x"}]}])),
    )
    .await
    .unwrap();

    let cockpit = overview(&app).await;
    let demo = cockpit
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["id"] == number.to_string())
        .unwrap();
    assert_eq!(demo["groups_used"], 3);
    assert_eq!(demo["pending_operations"], 2);
    assert_eq!(demo["stale_operations"], 1);
    let failures = demo["recent_failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["group"], "Group 1");
    assert_eq!(failures[0]["state"], "partially_failed");
    let problem = failures[0]["problems"][0].as_str().unwrap();
    assert!(problem.contains("131203"), "{problem}");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn facts_are_read_from_whatsapp_for_the_tenants_own_numbers_only(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let number = app.demo_number_id().await;
    let response = app
        .server_fn("check_number_facts", &[("number_id", &number)])
        .await;
    assert_eq!(response.status(), 200);
    let facts: Value = response.json().await.unwrap();
    assert_eq!(facts["official_business_account"], true);
    assert!(facts["throughput"].is_string(), "{facts}");

    let other = app.create_tenant("Other", "other").await;
    let olga = app.user("olga@example.org", other, Role::Admin).await;
    let response = call(
        &olga.client,
        &app.url,
        "check_number_facts",
        &[("number_id", &number)],
    )
    .await;
    assert_eq!(
        response.status(),
        404,
        "another tenant's number is not found"
    );
    let response = call(&olga.client, &app.url, "capacity_overview", &[]).await;
    let cockpit: Value = response.json().await.unwrap();
    assert!(
        cockpit
            .as_array()
            .unwrap()
            .iter()
            .all(|entry| entry["id"] != number),
        "another tenant's cockpit leaves the demo number out"
    );
    app.stop().await;
}
