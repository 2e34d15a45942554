//! Participants: join requests, the eighth-participant cap, and removal.

use super::*;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn join_requests_are_listed_approved_and_rejected_with_per_item_errors(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("approval_required").await;
    for wa_id in ["15550002001", "15550002002"] {
        assert_eq!(app.join(&link, wa_id).await.1["result"], "requested");
    }

    let requests = graph
        .join_requests(&demo_access(), &group, &PageRequest::default())
        .await
        .unwrap();
    assert_eq!(requests.items.len(), 2);
    let ids: Vec<String> = requests
        .items
        .iter()
        .map(|r| r.join_request_id.clone())
        .collect();

    let approved = graph
        .approve_join_requests(&demo_access(), &group, &[ids[0].clone(), "unknown".into()])
        .await
        .unwrap();
    assert_eq!(approved.approved_join_requests, vec![ids[0].clone()]);
    assert_eq!(
        approved.failed_join_requests[0].errors[0].code,
        Some(131213)
    );

    let rejected = graph
        .reject_join_requests(&demo_access(), &group, &[ids[1].clone()])
        .await
        .unwrap();
    assert_eq!(rejected.rejected_join_requests, vec![ids[1].clone()]);
    let info = graph
        .group_info(&demo_access(), &group, &[GroupField::Participants])
        .await
        .unwrap();
    assert_eq!(info.participants.unwrap()[0].key(), Some("15550002001"));
    let empty: Vec<String> = Vec::new();
    assert_eq!(
        code(
            graph
                .approve_join_requests(&demo_access(), &group, &empty)
                .await
                .unwrap_err()
        ),
        100
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_ninth_participant_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (open, open_link) = app.sandbox_group("auto_approve").await;
    for n in 1..=8 {
        assert_eq!(
            app.join(&open_link, &format!("1555000300{n}")).await.1["result"],
            "joined"
        );
    }
    let (status, refusal) = app.join(&open_link, "15550003009").await;
    assert_eq!(status, 409);
    assert!(refusal["error"].as_str().unwrap().contains("full"));
    let info = graph
        .group_info(&demo_access(), &open, &[GroupField::TotalParticipantCount])
        .await
        .unwrap();
    assert_eq!(info.total_participant_count, Some(8));

    // An approval that would make a ninth fails with 131204 for that item.
    let (gated, gated_link) = app.sandbox_group("approval_required").await;
    app.join(&gated_link, "15550004000").await;
    for n in 1..=8 {
        let id = format!("1555000410{n}");
        app.join(&gated_link, &id).await;
    }
    let requests = graph
        .join_requests(&demo_access(), &gated, &PageRequest::default())
        .await
        .unwrap();
    let ids: Vec<String> = requests
        .items
        .iter()
        .map(|r| r.join_request_id.clone())
        .collect();
    let outcome = graph
        .approve_join_requests(&demo_access(), &gated, &ids)
        .await
        .unwrap();
    assert_eq!(outcome.approved_join_requests.len(), 8);
    assert_eq!(outcome.failed_join_requests[0].errors[0].code, Some(131204));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn removed_participants_cannot_rejoin_and_bad_removals_are_refused(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550005001").await;

    let request_id = graph
        .remove_participants(
            &demo_access(),
            &group,
            &["+15550005001".into(), "15550009999".into()],
        )
        .await
        .unwrap();
    assert!(request_id.is_some());
    let (status, _) = app.join(&link, "15550005001").await;
    assert_eq!(status, 403, "removed users cannot rejoin through the link");
    let outcome = &app
        .queued("group_participants_update", "group_participants_remove")
        .await[0];
    let event = &outcome["entry"][0]["changes"][0]["value"]["groups"][0];
    assert_eq!(event["removed_participants"][0]["input"], "+15550005001");
    assert_eq!(event["failed_participants"][0]["errors"][0]["code"], 131212);
    assert_eq!(event["initiated_by"], "business");

    let duplicates = vec!["15550005002".to_owned(), "+15550005002".to_owned()];
    assert_eq!(
        code(
            graph
                .remove_participants(&demo_access(), &group, &duplicates)
                .await
                .unwrap_err()
        ),
        131202
    );
    let nine: Vec<String> = (0..9).map(|n| format!("1555000600{n}")).collect();
    assert_eq!(
        code(
            graph
                .remove_participants(&demo_access(), &group, &nine)
                .await
                .unwrap_err()
        ),
        100
    );
    app.stop().await;
}
