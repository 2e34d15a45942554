//! Participants, join requests and messages reach GroupDesk's state through webhooks, and staff
//! decide join requests through server functions.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::json;
use sqlx::PgPool;

/// Creates a group through the UI's server function and waits until it is active.
async fn active_group(app: &TestApp, mode: &str) -> (String, String) {
    app.create_group("Activity", "", mode).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!("select count(*) as \"n!\" from whatsapp_group where state = 'active'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == 1
    })
    .await;
    let row = sqlx::query!("select wa_group_id, invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (row.wa_group_id.unwrap(), row.invite_link.unwrap())
}

async fn count(app: &TestApp, sql_state: &str) -> i64 {
    match sql_state {
        "participants" => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from participant where left_at is null"#)
                .fetch_one(&app.pool)
                .await
                .unwrap()
        }
        "pending" => sqlx::query_scalar!(
            r#"select count(*) as "n!" from join_request where state = 'pending'"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap(),
        _ => sqlx::query_scalar!(r#"select count(*) as "n!" from message"#)
            .fetch_one(&app.pool)
            .await
            .unwrap(),
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_approved_join_request_makes_the_user_a_participant(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (_, link) = active_group(&app, "approval_required").await;
    assert_eq!(
        app.join(&link, "15550050001").await.1["result"],
        "requested"
    );
    app.eventually("the request arrives", || async {
        count(&app, "pending").await == 1
    })
    .await;
    let id = sqlx::query_scalar!("select join_request_id from join_request")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let response = app
        .server_fn(
            "approve_join_request",
            &[("join_request_id", &id.to_string())],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.eventually("the user joins", || async {
        count(&app, "participants").await == 1
    })
    .await;
    let row =
        sqlx::query!("select p.wa_id, p.joined_via, r.state from participant p, join_request r")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(row.wa_id.as_deref(), Some("15550050001"));
    assert_eq!(row.joined_via, "join_request");
    assert_eq!(row.state, "approved");
    let again = app
        .server_fn(
            "approve_join_request",
            &[("join_request_id", &id.to_string())],
        )
        .await;
    assert_eq!(
        again.status(),
        404,
        "a decided request cannot be decided again"
    );
    let unknown = app
        .server_fn("approve_join_request", &[("join_request_id", "not-an-id")])
        .await;
    assert_eq!(unknown.status(), 404);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_rejected_or_revoked_request_leaves_no_participant(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (_, link) = active_group(&app, "approval_required").await;
    app.join(&link, "15550060001").await;
    let (_, second) = app.join(&link, "15550060002").await;
    app.eventually("both requests arrive", || async {
        count(&app, "pending").await == 2
    })
    .await;

    let first =
        sqlx::query_scalar!("select join_request_id from join_request where wa_id = '15550060001'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let response = app
        .server_fn(
            "reject_join_request",
            &[("join_request_id", &first.to_string())],
        )
        .await;
    assert_eq!(response.status(), 200);
    let cancel = second["join_request_id"].as_str().unwrap();
    app.control(
        Method::POST,
        &format!("/join_requests/{cancel}/cancel"),
        json!({}),
    )
    .await;

    app.eventually("the second is revoked", || async {
        sqlx::query_scalar!("select state from join_request where wa_id = '15550060002'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "revoked"
    })
    .await;
    let states: Vec<String> = sqlx::query_scalar!("select state from join_request order by wa_id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(states, ["rejected", "revoked"]);
    assert_eq!(count(&app, "participants").await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn messages_are_stored_once_and_leaving_ends_membership(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "20")]).await;
    app.sign_in(Role::Staff).await;
    let (group, link) = active_group(&app, "auto_approve").await;
    app.join(&link, "15550070001").await;
    app.eventually("the user joins", || async {
        count(&app, "participants").await == 1
    })
    .await;
    let mut behaviour = app.control(Method::GET, "/behaviour", json!({})).await.1;
    behaviour["duplicate_webhook_rate"] = json!(1.0);
    app.control(Method::PUT, "/behaviour", behaviour).await;

    let post =
        json!({"user": {"wa_id": "15550070001", "name": "Bo"}, "type": "text", "text": "Hi"});
    app.control(Method::POST, &format!("/groups/{group}/messages"), post)
        .await;
    app.eventually("the message arrives", || async {
        count(&app, "messages").await == 1
    })
    .await;
    app.control(
        Method::POST,
        &format!("/groups/{group}/leave"),
        json!({"user": {"wa_id": "15550070001"}}),
    )
    .await;
    app.eventually("the user has left", || async {
        count(&app, "participants").await == 0
    })
    .await;

    assert_eq!(
        count(&app, "messages").await,
        1,
        "a redelivered message is stored once"
    );
    let message = sqlx::query!("select sender_name, body, direction from message")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(message.sender_name.as_deref(), Some("Bo"));
    assert_eq!(message.body.as_deref(), Some("Hi"));
    assert_eq!(message.direction, "inbound");
    let left = sqlx::query_scalar!("select left_reason from participant")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left.as_deref(), Some("left"));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_sandbox_page_functions_refuse_bad_input_clearly(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (_, link) = active_group(&app, "auto_approve").await;

    let bad_phone = app
        .server_fn(
            "sim_join",
            &[("invite_link", &link), ("phone", "12"), ("name", "x")],
        )
        .await;
    assert_eq!(bad_phone.status(), 422);
    let stale = app
        .server_fn(
            "sim_join",
            &[
                ("invite_link", "https://chat.whatsapp.com/old"),
                ("phone", "15550080001"),
                ("name", "x"),
            ],
        )
        .await;
    assert_eq!(stale.status(), 422);
    let error: serde_json::Value = stale.json().await.unwrap();
    assert!(
        error["Validation"]["message"]
            .as_str()
            .unwrap()
            .contains("invite link is not valid")
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn settings_and_suspensions_from_webhooks_reach_the_group(pool: PgPool) {
    use app::graph::GroupsApi;
    use app::graph::types::SettingsUpdate;
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, _) = active_group(&app, "auto_approve").await;
    let update = SettingsUpdate {
        subject: Some("Renamed by settings".into()),
        description: Some("New text".into()),
        join_approval_mode: None,
    };

    app.graph()
        .update_settings(&common::sandbox::demo_access(), &group, &update)
        .await
        .unwrap();
    app.control(Method::POST, &format!("/groups/{group}/suspend"), json!({}))
        .await;

    app.eventually("the change and the suspension are applied", || async {
        let row = sqlx::query!("select subject, description, suspended from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        row.subject == "Renamed by settings" && row.description == "New text" && row.suspended
    })
    .await;
    let page = app
        .server_fn("list_groups", &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(page["groups"][0]["suspended"], true);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_late_suspension_webhook_does_not_undo_a_newer_clearance(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, _) = active_group(&app, "auto_approve").await;
    let status = |kind: &str, at: &str| {
        json!({"object": "whatsapp_business_account", "entry": [{"id": "200000000000001", "changes": [{
            "field": "group_status_update",
            "value": {"messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
                "groups": [{"timestamp": at, "type": kind, "group_id": group}]}}]}]})
        .to_string()
    };

    // Cleared at t=2000 arrives first; the suspension of t=1000 arrives late.
    assert_eq!(
        app.post_signed_webhook(status("group_suspend_cleared", "2000").as_bytes())
            .await
            .status(),
        200
    );
    assert_eq!(
        app.post_signed_webhook(status("group_suspend", "1000").as_bytes())
            .await
            .status(),
        200
    );

    app.eventually("both are processed", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event where processed_at is null"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 0
    })
    .await;
    let suspended = sqlx::query_scalar!("select suspended from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        !suspended,
        "the newer clearance wins whatever the arrival order"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_partial_removal_resolves_its_operation_with_the_failed_items(pool: PgPool) {
    use app::graph::GroupsApi;
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "400")]).await;
    app.sign_in(Role::Staff).await;
    let (group, link) = active_group(&app, "auto_approve").await;
    app.join(&link, "15550110001").await;
    app.eventually("the user joins", || async {
        count(&app, "participants").await == 1
    })
    .await;

    let request_id = app
        .graph()
        .remove_participants(
            &common::sandbox::demo_access(),
            &group,
            &["15550110001".into(), "15550119999".into()],
        )
        .await
        .unwrap()
        .unwrap();
    sqlx::query!(
        r#"insert into operation (tenant_id, business_number_id, group_id, kind, request_id)
           select tenant_id, business_number_id, group_id, 'participants_remove', $1 from whatsapp_group"#,
        request_id.as_str()
    )
    .execute(&app.pool)
    .await
    .unwrap();

    app.eventually("the removal is resolved", || async {
        sqlx::query_scalar!("select state from operation where kind = 'participants_remove'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            != "pending"
    })
    .await;
    let operation = sqlx::query!(
        "select state, error_detail from operation where kind = 'participants_remove'"
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(operation.state, "partially_failed");
    assert!(
        operation
            .error_detail
            .unwrap()
            .to_string()
            .contains("15550119999")
    );
    let left = sqlx::query_scalar!("select left_reason from participant")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left.as_deref(), Some("removed"));

    let ledger: serde_json::Value = app
        .server_fn("list_operations", &[])
        .await
        .json()
        .await
        .unwrap();
    let removal = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == "participants_remove")
        .unwrap();
    assert_eq!(removal["state"], "partially_failed");
    assert!(removal["problems"][0].as_str().unwrap().contains("131212"));
    let create = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == "group_create")
        .unwrap();
    assert_eq!(create["state"], "succeeded");
    assert_eq!(create["stale"], false);
    app.stop().await;
}
