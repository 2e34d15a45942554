//! Removing participants, a suspended group, deleting a group and resetting its link.

use super::*;

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
