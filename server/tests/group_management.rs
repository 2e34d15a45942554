//! Managing a group through the server functions the group page uses: removing participants,
//! deleting, resetting the invite link and changing settings, each against the sandbox, with
//! its outcome from the webhook, its audit entry and its refusals.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;

/// An active group created through the UI's server function: (GroupDesk ID, WhatsApp ID, link).
async fn active_group(app: &TestApp, subject: &str, mode: &str) -> (String, String, String) {
    app.create_group(subject, "Old words", mode).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from whatsapp_group where subject = $1 and state = 'active'"#,
            subject
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (
        row.group_id.to_string(),
        row.wa_group_id.unwrap(),
        row.invite_link.unwrap(),
    )
}

async fn participants(app: &TestApp) -> i64 {
    sqlx::query_scalar!(r#"select count(*) as "n!" from participant where left_at is null"#)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn operation_state(app: &TestApp, kind: &str) -> String {
    sqlx::query_scalar!(
        "select state from operation where kind = $1 order by created_at desc limit 1",
        kind
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn wait_resolved(app: &TestApp, kind: &str) {
    app.eventually("the operation is resolved", || async {
        operation_state(app, kind).await != "pending"
    })
    .await;
}

async fn ledger_entry(app: &TestApp, group_id: &str, kind: &str) -> Value {
    let ledger: Value = app
        .server_fn("list_operations", &[("group_id", group_id)])
        .await
        .json()
        .await
        .unwrap();
    ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == kind)
        .cloned()
        .unwrap()
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<(String, Value)> {
    sqlx::query!(
        "select outcome, detail from audit_log where action = $1 order by audit_log_id",
        action
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|row| (row.outcome, row.detail))
    .collect()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_removal_is_resolved_per_person_including_a_partial_failure(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Support).await;
    app.create_user(
        "staff@demo.test",
        Some((app.demo_tenant().await, Role::Staff)),
    )
    .await;
    let staff = common::browser();
    app.login(&staff, "staff@demo.test").await;
    let form = [
        ("subject", "Removals"),
        ("description", ""),
        ("join_approval_mode", "auto_approve"),
        ("number_id", &app.demo_number_id().await),
    ];
    common::call(&staff, &app.url, "create_group", &form).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "active"
    })
    .await;
    let row = sqlx::query!("select group_id, invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (group_id, link) = (row.group_id.to_string(), row.invite_link.unwrap());
    app.join(&link, "15550120001").await;
    app.join(&link, "15550120002").await;
    app.eventually("both join", || async { participants(&app).await == 2 })
        .await;
    // WhatsApp no longer has the second user, and its webhook has not told GroupDesk yet.
    sqlx::query!("delete from sandbox.participant where user_key = '15550120002'")
        .execute(&app.pool)
        .await
        .unwrap();

    let response = app
        .server_fn(
            "remove_participants",
            &[
                ("group_id", &group_id),
                ("participants", "15550120001,15550120002"),
            ],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    wait_resolved(&app, "participants_remove").await;
    let removal = ledger_entry(&app, &group_id, "participants_remove").await;
    assert_eq!(removal["state"], "partially_failed");
    let items = removal["items"].as_array().unwrap();
    assert_eq!(items[0]["label"], "15550120001");
    assert_eq!(items[0]["state"], "done");
    assert_eq!(items[1]["label"], "15550120002");
    assert_eq!(items[1]["state"], "failed");
    assert!(
        items[1]["reason"]
            .as_str()
            .unwrap()
            .contains("not in the group")
    );
    let left =
        sqlx::query_scalar!("select left_reason from participant where wa_id = '15550120001'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(left.as_deref(), Some("removed"));
    let (status, refusal) = app.join(&link, "15550120001").await;
    assert_eq!(status, 403, "a removed user cannot rejoin: {refusal}");
    let audit = audit_details(&app, "group.remove_participants").await;
    assert_eq!(audit, [("success".to_owned(), json!({ "count": 2 }))]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_removal_names_one_to_eight_current_participants(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group_id, _, link) = active_group(&app, "Limits", "auto_approve").await;
    app.join(&link, "15550130001").await;
    app.eventually("the user joins", || async { participants(&app).await == 1 })
        .await;
    let nine: Vec<String> = (1..=9).map(|n| format!("1555013000{n}")).collect();

    for (participants, expected) in [
        (nine.join(","), "at most 8"),
        (String::new(), "at least one"),
        ("15550139999".to_owned(), "no longer in the group"),
    ] {
        let response = app
            .server_fn(
                "remove_participants",
                &[("group_id", &group_id), ("participants", &participants)],
            )
            .await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains(expected));
    }
    let operations = sqlx::query_scalar!(
        r#"select count(*) as "n!" from operation where kind = 'participants_remove'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(operations, 0, "nothing was asked of WhatsApp");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_suspended_group_refuses_changes_with_a_clear_reason(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group_id, wa_group_id, link) = active_group(&app, "Suspended", "auto_approve").await;
    app.join(&link, "15550140001").await;
    app.control(
        Method::POST,
        &format!("/groups/{wa_group_id}/suspend"),
        json!({}),
    )
    .await;
    app.eventually("the suspension arrives", || async {
        sqlx::query_scalar!("select suspended from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
    })
    .await;

    let calls: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "remove_participants",
            vec![("group_id", &group_id), ("participants", "15550140001")],
        ),
        ("reset_invite_link", vec![("group_id", &group_id)]),
        (
            "update_group_settings",
            vec![
                ("group_id", &group_id),
                ("subject", "New name"),
                ("description", "Old words"),
            ],
        ),
    ];
    for (name, form) in calls {
        let response = app.server_fn(name, &form).await;
        assert_eq!(response.status(), 409, "{name}");
        assert!(
            response.text().await.unwrap().contains("suspended"),
            "{name}"
        );
    }
    let link_now = sqlx::query_scalar!("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(link_now.as_deref(), Some(link.as_str()));
    let refused = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where outcome = 'failure' and action like 'group.%'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(refused, 3, "each refusal is audited");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_group_is_deleted_only_with_its_subject_typed_and_ends_deleted(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group_id, _, _) = active_group(&app, "Farewell", "auto_approve").await;

    let wrong = app
        .server_fn(
            "delete_group",
            &[("group_id", &group_id), ("confirm_subject", "farewell")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let response = app
        .server_fn(
            "delete_group",
            &[("group_id", &group_id), ("confirm_subject", " Farewell ")],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    wait_resolved(&app, "group_delete").await;
    assert_eq!(operation_state(&app, "group_delete").await, "succeeded");
    let detail: Value = app
        .server_fn("group_detail", &[("group_id", &group_id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["group"]["state"], "deleted");
    let list: Value = app
        .server_fn("list_groups", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["groups"].as_array().unwrap().len(),
        0,
        "the list hides it"
    );
    let audit = audit_details(&app, "group.delete").await;
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[0].0, "failure");
    assert_eq!(audit[1].0, "success");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_reset_link_replaces_the_old_one_which_stops_working(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Support).await;
    app.create_user(
        "staff@demo.test",
        Some((app.demo_tenant().await, Role::Staff)),
    )
    .await;
    let staff = common::browser();
    app.login(&staff, "staff@demo.test").await;
    let form = [
        ("subject", "Links"),
        ("description", ""),
        ("join_approval_mode", "auto_approve"),
        ("number_id", &app.demo_number_id().await),
    ];
    common::call(&staff, &app.url, "create_group", &form).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "active"
    })
    .await;
    let row = sqlx::query!("select group_id, invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (group_id, old) = (row.group_id.to_string(), row.invite_link.unwrap());

    let response = app
        .server_fn("reset_invite_link", &[("group_id", &group_id)])
        .await;

    assert_eq!(response.status(), 200);
    let new: String = response.json().await.unwrap();
    assert_ne!(new, old);
    let stored = sqlx::query_scalar!("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some(new.as_str()));
    assert_eq!(app.join(&old, "15550150001").await.0, 404);
    assert_eq!(app.join(&new, "15550150001").await.0, 200);
    let qr: Value = app
        .server_fn("invite_qr", &[("group_id", &group_id)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(qr["link"], new.as_str());
    assert!(qr["svg"].as_str().unwrap().starts_with("<svg"));
    assert!(
        qr["png_data_url"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,iVBORw0KGgo")
    );
    assert_eq!(audit_details(&app, "group.reset_link").await.len(), 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn settings_change_through_the_webhook_setting_by_setting(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group_id, _, _) = active_group(&app, "Settings", "auto_approve").await;

    let unchanged = app
        .server_fn(
            "update_group_settings",
            &[
                ("group_id", &group_id),
                ("subject", "Settings"),
                ("description", "Old words"),
            ],
        )
        .await;
    assert_eq!(unchanged.status(), 422);
    let response = app
        .server_fn(
            "update_group_settings",
            &[
                ("group_id", &group_id),
                ("subject", "Settings renamed"),
                ("description", "New words"),
            ],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    wait_resolved(&app, "group_settings_update").await;
    let row = sqlx::query!("select subject, description from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        (row.subject.as_str(), row.description.as_str()),
        ("Settings renamed", "New words")
    );
    let change = ledger_entry(&app, &group_id, "group_settings_update").await;
    assert_eq!(change["state"], "succeeded");
    let states: Vec<&str> = change["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["done", "done"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_partly_failed_settings_change_applies_only_what_succeeded(pool: PgPool) {
    // The sandbox's own webhooks go nowhere, so the test plays WhatsApp's answer itself.
    let app = TestApp::spawn(
        pool,
        &[(
            "SANDBOX_CALLBACK_URL",
            "http://127.0.0.1:9/webhooks/whatsapp",
        )],
    )
    .await;
    app.sign_in(Role::Staff).await;
    let create = app
        .create_group("Partial", "Old words", "auto_approve")
        .await;
    assert_eq!(create.status(), 200);
    let request_id = sqlx::query_scalar!("select request_id from operation")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let sandbox = sqlx::query!("select wa_group_id, invite_link from sandbox.wa_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let wa_group_id = sandbox.wa_group_id;
    let body = common::create_succeeded(
        common::DEMO_PNID,
        &request_id,
        &wa_group_id,
        &sandbox.invite_link.unwrap(),
    );
    app.post_signed_webhook(body.to_string().as_bytes()).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "active"
    })
    .await;
    let group_id = sqlx::query_scalar!("select group_id from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
        .to_string();
    let response = app
        .server_fn(
            "update_group_settings",
            &[
                ("group_id", &group_id),
                ("subject", "Renamed"),
                ("description", "New words"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let request_id = sqlx::query_scalar!(
        "select request_id from operation where kind = 'group_settings_update'"
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();

    let outcome = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "group_settings_update", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
            "groups": [{"timestamp": "1761000100", "group_id": wa_group_id,
                "type": "group_settings_update", "request_id": request_id,
                "group_subject": {"text": "Renamed", "update_successful": false,
                    "errors": [{"code": 131207, "message": "suspended", "title": "Group suspended"}]},
                "group_description": {"text": "New words", "update_successful": true},
                "errors": [{"code": 131201, "message": "partial", "title": "Partial"}]}]}}]}]
    });
    app.post_signed_webhook(outcome.to_string().as_bytes())
        .await;

    wait_resolved(&app, "group_settings_update").await;
    let row = sqlx::query!("select subject, description from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(row.subject, "Partial", "the failed subject is not applied");
    assert_eq!(row.description, "New words");
    let change = ledger_entry(&app, &group_id, "group_settings_update").await;
    assert_eq!(change["state"], "partially_failed");
    let items = change["items"].as_array().unwrap();
    assert_eq!(items[0]["state"], "failed");
    assert!(items[0]["reason"].as_str().unwrap().contains("suspended"));
    assert_eq!(items[1]["state"], "done");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_operation_filed_without_a_request_id_is_resolved_by_its_webhook(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group_id, wa_group_id, _) = active_group(&app, "Unnumbered", "auto_approve").await;
    // As if WhatsApp had answered the delete with `{success: true}` only (SPEC §2.2).
    sqlx::query!(
        r#"update whatsapp_group set state = 'deleting' where group_id = $1::text::uuid"#,
        group_id
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query!(
        r#"insert into operation (tenant_id, business_number_id, group_id, kind, request_id)
           select tenant_id, business_number_id, group_id, 'group_delete', 'local-0001'
           from whatsapp_group where group_id = $1::text::uuid"#,
        group_id
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let outcome = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "group_lifecycle_update", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
            "groups": [{"timestamp": "1761000200", "group_id": wa_group_id,
                "type": "group_delete", "request_id": "meta-request-1"}]}}]}]
    });
    let response = app
        .post_signed_webhook(outcome.to_string().as_bytes())
        .await;
    assert_eq!(response.status(), 200);

    wait_resolved(&app, "group_delete").await;
    let operation =
        sqlx::query!("select state, request_id from operation where kind = 'group_delete'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (operation.state.as_str(), operation.request_id.as_str()),
        ("succeeded", "meta-request-1")
    );
    let state = sqlx::query_scalar!("select state from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(state, "deleted");
    app.stop().await;
}
