//! Contract tests: the Graph client against the sandbox, for every call, each with an error case.
//! Both sides follow SPEC.md; the assertions quote it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::types::{
    GroupField, MessageContent, PageRequest, Pin, PinKind, SettingsUpdate, TextBody,
};
use app::graph::{GraphError, GroupsApi, MediaApi, MessagesApi, NumbersApi};
use common::sandbox::demo_access;
use common::{DEMO_PNID, TestApp};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sqlx::PgPool;

fn code(error: GraphError) -> i64 {
    error.code()
}

fn text(body: &str) -> MessageContent {
    MessageContent::Text {
        text: TextBody {
            body: body.into(),
            preview_url: false,
        },
    }
}

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

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn group_sends_check_members_suspension_and_type(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;

    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), &group, &text("hi"))
                .await
                .unwrap_err()
        ),
        131020
    );
    app.join(&link, "15550007001").await;
    let sent = graph
        .send_to_group(&demo_access(), &group, &text("hi"))
        .await
        .unwrap();
    assert!(sent.wamid().unwrap().starts_with("wamid."));
    assert_eq!(sent.messages[0].group_id.as_deref(), Some(group.as_str()));
    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), &group, &text(" "))
                .await
                .unwrap_err()
        ),
        131008
    );
    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), "unknown-group", &text("x"))
                .await
                .unwrap_err()
        ),
        131041
    );

    let interactive = app
        .http
        .post(format!(
            "{}/sandbox/graph/v25.0/{DEMO_PNID}/messages",
            app.url
        ))
        .bearer_auth("t")
        .json(
            &json!({"messaging_product": "whatsapp", "recipient_type": "group", "to": group,
            "type": "interactive", "interactive": {}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(interactive.status(), 400);
    let body: serde_json::Value = interactive.json().await.unwrap();
    assert_eq!(body["error"]["code"], 131051);

    app.control(Method::POST, &format!("/groups/{group}/suspend"), json!({}))
        .await;
    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), &group, &text("hi"))
                .await
                .unwrap_err()
        ),
        131207
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn at_most_three_pins_are_kept_and_the_oldest_drops(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550008001").await;
    let mut wamids = Vec::new();
    for n in 0..4 {
        let sent = graph
            .send_to_group(&demo_access(), &group, &text(&format!("m{n}")))
            .await
            .unwrap();
        wamids.push(sent.wamid().unwrap().to_owned());
    }
    let pin = |id: &str, days: Option<u32>| MessageContent::Pin {
        pin: Pin {
            kind: PinKind::Pin,
            message_id: id.to_owned(),
            expiration_days: days,
        },
    };

    for id in &wamids {
        let answer = graph
            .send_to_group(&demo_access(), &group, &pin(id, Some(7)))
            .await
            .unwrap();
        assert!(
            answer.messages[0].group_id.is_none(),
            "pin answers carry no group_id (SPEC §3.5)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let pinned: Vec<String> =
        sqlx::query_scalar!("select wamid from sandbox.pin order by pinned_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(pinned, wamids[1..].to_vec());
    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), &group, &pin("wamid.unknown", Some(7)))
                .await
                .unwrap_err()
        ),
        100
    );
    assert_eq!(
        code(
            graph
                .send_to_group(&demo_access(), &group, &pin(&wamids[0], Some(31)))
                .await
                .unwrap_err()
        ),
        100
    );
    let unpin = MessageContent::Pin {
        pin: Pin {
            kind: PinKind::Unpin,
            message_id: wamids[3].clone(),
            expiration_days: None,
        },
    };
    graph
        .send_to_group(&demo_access(), &group, &unpin)
        .await
        .unwrap();
    let left = sqlx::query_scalar!(r#"select count(*) as "n!" from sandbox.pin"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 2);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn media_uploads_download_and_refuse_wrong_types_and_sizes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let jpeg = server::sandbox::jpeg::header_only(300, 300);

    let id = graph
        .upload_media(&demo_access(), jpeg.clone(), "image/jpeg", "a.jpg")
        .await
        .unwrap();
    let info = graph.media_info(&demo_access(), &id).await.unwrap();
    assert_eq!(info.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(
        graph
            .download_media(&demo_access(), &info.url)
            .await
            .unwrap(),
        jpeg
    );

    let exe = graph
        .upload_media(
            &demo_access(),
            vec![0; 10],
            "application/x-msdownload",
            "a.exe",
        )
        .await;
    assert_eq!(code(exe.unwrap_err()), 131053);
    let huge = graph
        .upload_media(
            &demo_access(),
            vec![0; 5 * 1024 * 1024 + 1],
            "image/png",
            "a.png",
        )
        .await;
    assert_eq!(code(huge.unwrap_err()), 131053);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn onboarding_calls_read_facts_subscribe_and_exchange_codes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();

    let facts = graph.phone_number(&demo_access()).await.unwrap();
    assert_eq!(facts.is_official_business_account, Some(true));
    assert_eq!(facts.platform_type.as_deref(), Some("CLOUD_API"));
    assert_eq!(facts.throughput.unwrap().level, "STANDARD");

    assert!(
        graph
            .subscribe_app("200000000000001", &SecretString::from("t"))
            .await
            .unwrap()
    );
    assert_eq!(
        code(
            graph
                .subscribe_app("999", &SecretString::from("t"))
                .await
                .unwrap_err()
        ),
        100
    );

    let (status, signup) = app
        .control(reqwest::Method::POST, "/signup", serde_json::json!({}))
        .await;
    assert_eq!(status, 200);
    let signup_code = SecretString::from(signup["code"].as_str().unwrap().to_owned());
    // The oauth2 crate posts a form; Meta's documented call is a GET (both are accepted).
    let token = graph
        .exchange_code("app", &SecretString::from("secret"), &signup_code)
        .await
        .unwrap();
    assert!(token.expose_secret().starts_with("sandbox-es-"));
    let again = graph
        .exchange_code("app", &SecretString::from("secret"), &signup_code)
        .await;
    assert_eq!(code(again.unwrap_err()), 100, "a code works once");
    let wrong = graph
        .exchange_code(
            "app",
            &SecretString::from("secret"),
            &SecretString::from("old"),
        )
        .await;
    assert_eq!(code(wrong.unwrap_err()), 100);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_invite_template_goes_one_to_one_and_tokens_are_checked(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("auto_approve").await;

    let sent = graph
        .send_invite_template(
            &demo_access(),
            "+1 555 000 9001",
            "group_invite_link",
            "en_US",
            &group,
        )
        .await
        .unwrap();
    assert!(sent.wamid().is_some());
    let bad = graph
        .send_invite_template(&demo_access(), "12", "group_invite_link", "en_US", &group)
        .await;
    assert_eq!(code(bad.unwrap_err()), 100);

    app.control(
        Method::POST,
        "/numbers",
        json!({"phone_number_id": DEMO_PNID, "waba_id": "200000000000001",
               "display_phone_number": "15550100001", "access_token": "the-real-one"}),
    )
    .await;
    assert_eq!(
        code(graph.invite_link(&demo_access(), &group).await.unwrap_err()),
        190
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn injected_faults_reach_the_client_as_meta_errors(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550010001").await;
    let (_, mut behaviour) = app.control(Method::GET, "/behaviour", json!({})).await;

    behaviour["throughput_rate"] = json!(1.0);
    behaviour["group_rate_limit_rate"] = json!(1.0);
    assert_eq!(
        app.control(Method::PUT, "/behaviour", behaviour.clone())
            .await
            .0,
        200
    );
    let throttled = graph
        .send_to_group(&demo_access(), &group, &text("hi"))
        .await
        .unwrap_err();
    assert_eq!(code(throttled.clone()), 130429);
    assert!(throttled.is_rate_limit());
    let limited = graph
        .reset_invite_link(&demo_access(), &group)
        .await
        .unwrap_err();
    assert_eq!(code(limited), 131208);

    behaviour["throughput_rate"] = json!(0.0);
    behaviour["group_rate_limit_rate"] = json!(0.0);
    behaviour["error_5xx_rate"] = json!(1.0);
    app.control(Method::PUT, "/behaviour", behaviour.clone())
        .await;
    let failed = graph.invite_link(&demo_access(), &group).await.unwrap_err();
    assert!(failed.is_retryable());
    assert_eq!(code(failed), 131000);

    behaviour["error_5xx_rate"] = json!(2.0);
    assert_eq!(
        app.control(Method::PUT, "/behaviour", behaviour).await.0,
        422
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn calls_on_unknown_objects_get_meta_errors(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("approval_required").await;
    let nobody = app::graph::NumberAccess {
        phone_number_id: app::ids::PhoneNumberId::from("555"),
        token: SecretString::from("t"),
    };

    assert_eq!(
        code(
            graph
                .delete_invite_link(&demo_access(), "no-such-group")
                .await
                .unwrap_err()
        ),
        131041
    );
    assert_eq!(
        code(
            graph
                .join_requests(&demo_access(), "no-such-group", &PageRequest::default())
                .await
                .unwrap_err()
        ),
        131041
    );
    let stale = PageRequest {
        after: Some("stale".into()),
        ..PageRequest::default()
    };
    assert_eq!(
        code(
            graph
                .join_requests(&demo_access(), &group, &stale)
                .await
                .unwrap_err()
        ),
        131059
    );
    let rejected = graph
        .reject_join_requests(&demo_access(), &group, &["gone".into()])
        .await
        .unwrap();
    assert_eq!(
        rejected.failed_join_requests[0].errors[0].code,
        Some(131213)
    );
    assert_eq!(
        code(graph.media_info(&demo_access(), "123").await.unwrap_err()),
        100
    );
    let missing = format!("{}/sandbox/media/123", app.url);
    assert_eq!(
        code(
            graph
                .download_media(&demo_access(), &missing)
                .await
                .unwrap_err()
        ),
        100
    );
    assert_eq!(code(graph.phone_number(&nobody).await.unwrap_err()), 100);
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
