//! Group messages: sends, pins and media.

use super::*;

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
