//! Groups: info and paging, delete, settings and pictures, and the invite link.

use super::*;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn group_info_and_active_groups_page_through_the_number(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (first, _) = app.sandbox_group("auto_approve").await;
    let (second, _) = app.sandbox_group("approval_required").await;

    let info = graph
        .group_info(&demo_access(), &second, &GroupField::ALL)
        .await
        .unwrap();
    assert_eq!(info.id, second);
    assert_eq!(info.subject.as_deref(), Some("Contract"));
    assert_eq!(
        info.join_approval_mode.as_deref(),
        Some("approval_required")
    );
    assert_eq!(info.total_participant_count, Some(0));
    assert_eq!(info.suspended, Some(false));
    assert!(info.creation_timestamp.is_some());

    let page = PageRequest {
        limit: Some(1),
        ..PageRequest::default()
    };
    let one = graph.active_groups(&demo_access(), &page).await.unwrap();
    assert_eq!(one.items.len(), 1);
    assert_eq!(one.items[0].id, first);
    let after = one.paging.next_cursor().expect("a next page").to_owned();
    let two = graph
        .active_groups(
            &demo_access(),
            &PageRequest {
                limit: Some(1),
                after: Some(after),
                before: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(two.items[0].id, second);
    assert!(two.paging.next_cursor().is_none(), "no next: the last page");

    let bad_cursor = PageRequest {
        after: Some("garbage".into()),
        ..PageRequest::default()
    };
    assert_eq!(
        code(
            graph
                .active_groups(&demo_access(), &bad_cursor)
                .await
                .unwrap_err()
        ),
        131059
    );
    let bad_limit = PageRequest {
        limit: Some(1025),
        ..PageRequest::default()
    };
    assert_eq!(
        code(
            graph
                .active_groups(&demo_access(), &bad_limit)
                .await
                .unwrap_err()
        ),
        100
    );
    assert_eq!(
        code(
            graph
                .group_info(&demo_access(), "nope", &GroupField::ALL)
                .await
                .unwrap_err()
        ),
        100
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_deleted_group_answers_131041_and_its_webhook_carries_a_request_id(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("auto_approve").await;

    let deleted = graph.delete_group(&demo_access(), &group).await.unwrap();

    assert!(deleted.success);
    let request_id = deleted.request_id.expect("the sandbox adds a request id");
    let webhook = &app.queued("group_lifecycle_update", "group_delete").await[0];
    assert_eq!(
        webhook["entry"][0]["changes"][0]["value"]["groups"][0]["request_id"],
        request_id
    );
    assert_eq!(
        code(
            graph
                .group_info(&demo_access(), &group, &[GroupField::Subject])
                .await
                .unwrap_err()
        ),
        131041
    );
    assert_eq!(
        code(
            graph
                .delete_group(&demo_access(), &group)
                .await
                .unwrap_err()
        ),
        131041
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn settings_and_pictures_are_checked_and_reported_per_setting(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("auto_approve").await;

    let update = SettingsUpdate {
        subject: Some("Renamed".into()),
        description: Some("New".into()),
        join_approval_mode: None,
    };
    assert!(
        graph
            .update_settings(&demo_access(), &group, &update)
            .await
            .unwrap()
            .is_some()
    );
    let info = graph
        .group_info(&demo_access(), &group, &[GroupField::Subject])
        .await
        .unwrap();
    assert_eq!(info.subject.as_deref(), Some("Renamed"));

    let empty = SettingsUpdate {
        subject: Some("  ".into()),
        description: None,
        join_approval_mode: None,
    };
    assert_eq!(
        code(
            graph
                .update_settings(&demo_access(), &group, &empty)
                .await
                .unwrap_err()
        ),
        131008
    );
    let long = SettingsUpdate {
        subject: Some("s".repeat(129)),
        description: None,
        join_approval_mode: None,
    };
    assert_eq!(
        code(
            graph
                .update_settings(&demo_access(), &group, &long)
                .await
                .unwrap_err()
        ),
        100
    );

    let square = server::sandbox::jpeg::header_only(640, 640);
    assert!(
        graph
            .update_picture(&demo_access(), &group, square)
            .await
            .unwrap()
            .is_some()
    );
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    assert_eq!(
        code(
            graph
                .update_picture(&demo_access(), &group, png)
                .await
                .unwrap_err()
        ),
        100
    );
    let small = server::sandbox::jpeg::header_only(100, 100);
    graph
        .update_picture(&demo_access(), &group, small)
        .await
        .unwrap();
    let wide = server::sandbox::jpeg::header_only(400, 300);
    graph
        .update_picture(&demo_access(), &group, wide)
        .await
        .unwrap();

    let outcomes = app
        .queued("group_settings_update", "group_settings_update")
        .await;
    let codes: Vec<_> = outcomes
        .iter()
        .map(|body| {
            body["entry"][0]["changes"][0]["value"]["groups"][0]["profile_picture"]["errors"][0]
                    ["code"]
                    .clone()
        })
        .collect();
    assert_eq!(
        codes[2..],
        [json!(131210), json!(131209)],
        "content problems come in the webhook"
    );
    app.stop().await;
}

/// SPEC §2.5 lists no field for who can join; the lenient reading (create takes
/// `join_approval_mode`, BSPs pass it on updates) is that a settings update may carry it. The
/// sandbox takes it, checks it like create does, and its webhook carries no object for it (§4.3
/// names only picture, subject and description).
#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_settings_update_may_change_who_can_join(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("auto_approve").await;
    let update = SettingsUpdate {
        join_approval_mode: Some("approval_required".into()),
        ..SettingsUpdate::default()
    };

    let request_id = graph
        .update_settings(&demo_access(), &group, &update)
        .await
        .unwrap();

    assert!(request_id.is_some());
    let info = graph
        .group_info(&demo_access(), &group, &[GroupField::JoinApprovalMode])
        .await
        .unwrap();
    assert_eq!(
        info.join_approval_mode.as_deref(),
        Some("approval_required")
    );
    let webhooks = app
        .queued("group_settings_update", "group_settings_update")
        .await;
    let event = &webhooks.last().unwrap()["entry"][0]["changes"][0]["value"]["groups"][0];
    assert!(event.get("join_approval_mode").is_none(), "{event}");
    assert!(event.get("errors").is_none(), "{event}");
    let wrong = SettingsUpdate {
        join_approval_mode: Some("everyone".into()),
        ..SettingsUpdate::default()
    };
    assert_eq!(
        code(
            graph
                .update_settings(&demo_access(), &group, &wrong)
                .await
                .unwrap_err()
        ),
        100
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_reset_invite_link_stops_the_old_one_and_a_deleted_link_stops_all(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, first) = app.sandbox_group("auto_approve").await;

    assert_eq!(
        graph.invite_link(&demo_access(), &group).await.unwrap(),
        first
    );
    let second = graph
        .reset_invite_link(&demo_access(), &group)
        .await
        .unwrap();
    assert_ne!(second, first);

    assert_eq!(
        app.join(&first, "15550001001").await.0,
        404,
        "the old link no longer works"
    );
    assert_eq!(app.join(&second, "15550001001").await.1["result"], "joined");

    assert!(
        graph
            .delete_invite_link(&demo_access(), &group)
            .await
            .unwrap()
    );
    assert_eq!(app.join(&second, "15550001002").await.0, 404);
    assert_eq!(
        code(graph.invite_link(&demo_access(), &group).await.unwrap_err()),
        100
    );
    app.stop().await;
}
