//! Settings changes resolved setting by setting, a partial failure, and an operation without a request ID.

use super::*;

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
