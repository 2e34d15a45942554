//! The outbox: Meta's refusals, timeouts, injected faults, pacing and a send cut off midway.

use super::*;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_refused_send_shows_metas_reason_and_can_be_sent_again_by_hand(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    // Nobody joined yet: WhatsApp refuses sends to a group of one (131020).
    let group = active_group(&app, "Lonely", 0).await;
    let id = send_ok(&app, &group.id, "Anyone?").await;
    app.eventually("the send fails", || async {
        delivery(&app, &group.id, &id).await.starts_with("failed")
    })
    .await;
    let page = chat(&app, &group.id).await;
    let failure = page["messages"][0]["delivery"]["failure"].as_str().unwrap();
    assert_eq!(
        failure,
        format!("{} (Meta error 131020)", app::graph::explain(131020))
    );

    let link = sqlx::query_scalar!(
        "select invite_link from whatsapp_group where group_id = $1::text::uuid",
        group.id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .unwrap();
    app.join(&link, "15550080001").await;
    app.eventually("the participant is known", || async {
        sqlx::query_scalar!(r#"select count(*) as "n!" from participant"#)
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == 1
    })
    .await;
    let response = app.server_fn("retry_message", &[("message_id", &id)]).await;
    assert_eq!(response.status(), 200);
    app.eventually("the retry is delivered", || async {
        delivery(&app, &group.id, &id).await == "sent 1/1/1"
    })
    .await;
    // Only a failed message may be sent again.
    let (status, message) =
        error_message(app.server_fn("retry_message", &[("message_id", &id)]).await).await;
    assert_eq!(
        (status, message.as_str()),
        (409, app::chat::text::NOT_RETRYABLE)
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_timed_out_send_is_not_resent_and_its_statuses_settle_it(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("OUTBOX_SEND_TIMEOUT_MS", "300")]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Timeouts", 1).await;
    // Every send acts, then answers after GroupDesk stopped waiting.
    behave(
        &app,
        json!({ "timeout_rate": 1.0, "timeout_delay_ms": 3000 }),
    )
    .await;

    let id = send_ok(&app, &group.id, "Did it arrive?").await;

    app.eventually("its statuses settle it", || async {
        delivery(&app, &group.id, &id).await == "sent 1/1/1"
    })
    .await;
    let accepted = sqlx::query_scalar!(
        "select wamid from sandbox.message where wa_group_id = $1 and direction = 'outbound'",
        group.wa_group_id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(accepted.len(), 1, "sent exactly once");
    let wamid = sqlx::query_scalar!(
        "select wamid from message where message_id = $1::text::uuid",
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(wamid.as_deref(), Some(accepted[0].as_str()));
    app.stop().await;
}

/// Waits up to a minute: under faults the outbox backs off for seconds at a time.
async fn settles(app: &TestApp, what: &str, mut check: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = app;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn under_faults_every_message_is_delivered_exactly_once_or_failed_with_its_reason(
    pool: PgPool,
) {
    const MESSAGES: usize = 30;
    let app = TestApp::spawn(pool, &[("OUTBOX_SEND_TIMEOUT_MS", "1500")]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Faults", 2).await;
    behave(
        &app,
        json!({ "error_5xx_rate": 0.2, "throughput_rate": 0.2, "timeout_rate": 0.2,
                "timeout_delay_ms": 4000 }),
    )
    .await;

    let mut ids = Vec::new();
    for n in 0..MESSAGES {
        ids.push(send_ok(&app, &group.id, &format!("message {n}")).await);
    }

    settles(&app, "every message is settled and delivered", async || {
        let open = sqlx::query_scalar!(
            r#"select count(*) as "n!" from message m where m.direction = 'outbound' and (
                 m.send_state in ('queued', 'sending', 'accepted', 'unknown')
                 or (m.send_state = 'sent' and (select count(*) from message_receipt r
                      where r.message_id = m.message_id and r.delivered_at is not null) < 2))"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        open == 0
    })
    .await;

    // The faults did happen: some sends needed more than one attempt.
    let attempts = sqlx::query_scalar!(
        r#"select sum(send_attempts)::bigint as "n!" from message where direction = 'outbound'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(attempts > MESSAGES as i64, "{attempts} attempts");
    let ours = sqlx::query!(
        r#"select body as "body!", send_state as "state!", wamid, failure_code from message
           where direction = 'outbound' order by body"#
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let accepted = sqlx::query!(
        r#"select wamid, content->>'body' as "body!" from sandbox.message
           where wa_group_id = $1 and direction = 'outbound'"#,
        group.wa_group_id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    // None lost: every message is sent or failed with Meta's reason.
    assert_eq!(ours.len(), MESSAGES);
    for message in &ours {
        match message.state.as_str() {
            "sent" => {}
            "failed" => assert!(message.failure_code.is_some(), "{}", message.body),
            other => panic!("{} ended {other}", message.body),
        }
    }
    // None doubled: WhatsApp accepted each sent message exactly once, under its wamid.
    let mut bodies: Vec<&str> = accepted.iter().map(|row| row.body.as_str()).collect();
    bodies.sort_unstable();
    let mut sent: Vec<&str> = ours
        .iter()
        .filter(|m| m.state == "sent")
        .map(|m| m.body.as_str())
        .collect();
    sent.sort_unstable();
    assert_eq!(bodies, sent, "the sandbox accepted each sent message once");
    for message in ours.iter().filter(|m| m.state == "sent") {
        let matching = accepted
            .iter()
            .filter(|row| Some(&row.wamid) == message.wamid.as_ref())
            .count();
        assert_eq!(matching, 1, "{}", message.body);
    }
    assert!(!sent.is_empty());
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_outbox_paces_a_number_at_its_configured_rate(pool: PgPool) {
    const RATE: usize = 5;
    let app = TestApp::spawn(pool, &[("OUTBOX_RATE_PER_SECOND", "5")]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Paced", 1).await;
    for n in 0..RATE * 3 {
        send_ok(&app, &group.id, &format!("paced {n}")).await;
    }
    settles(&app, "every message is accepted", async || {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from sandbox.message where wa_group_id = $1"#,
            group.wa_group_id
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == (RATE * 3) as i64
    })
    .await;

    // When the sandbox took each send: no one-second window holds more than the rate (one more
    // allows for a send that spent longer in transit than the next one).
    let accepted: Vec<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar!(
        r#"select created_at as "at: chrono::DateTime<chrono::Utc>" from sandbox.message
           where wa_group_id = $1 order by created_at"#,
        group.wa_group_id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let busiest = accepted
        .iter()
        .map(|start| {
            accepted
                .iter()
                .filter(|at| **at >= *start && **at - *start < chrono::TimeDelta::seconds(1))
                .count()
        })
        .max()
        .unwrap();
    assert!(busiest <= RATE + 1, "{busiest} sends in one second");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_send_cut_off_midway_is_never_resent_and_an_unconfirmed_one_ends_failed(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Crashes", 1).await;
    // A worker died while sending (its claim is hours old), and a timed-out send was never
    // confirmed by any status in 16 minutes.
    let ids: Vec<(String, uuid::Uuid)> = sqlx::query!(
        r#"insert into message (tenant_id, group_id, direction, message_type, body, content,
                                sent_at, send_state, send_state_at)
           select tenant_id, group_id, 'outbound', 'text', v.b,
                  jsonb_build_object('type', 'text', 'text', jsonb_build_object('body', v.b)),
                  now(), v.s, now() - interval '16 minutes'
           from whatsapp_group, (values ('cut off', 'sending'), ('unconfirmed', 'unknown')) v(b, s)
           where group_id = $1::text::uuid
           returning message_id, body as "body!""#,
        group.id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|row| (row.body, row.message_id))
    .collect();
    let cut_off = ids.iter().find(|(body, _)| body == "cut off").unwrap().1;
    let unconfirmed = ids
        .iter()
        .find(|(body, _)| body == "unconfirmed")
        .unwrap()
        .1;
    sqlx::query!(
        r#"insert into outbox (message_id, tenant_id, business_number_id, content, attempts, claimed_at)
           select m.message_id, m.tenant_id, g.business_number_id, m.content, 1, now() - interval '2 hours'
           from message m join whatsapp_group g using (group_id) where m.message_id = $1"#,
        cut_off
    )
    .execute(&app.pool)
    .await
    .unwrap();

    app.eventually("the sweep settles both", || async {
        delivery(&app, &group.id, &cut_off.to_string()).await == "unknown 0/0/0"
            && delivery(&app, &group.id, &unconfirmed.to_string())
                .await
                .starts_with("failed")
    })
    .await;
    let page = chat(&app, &group.id).await;
    let failed = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["body"] == "unconfirmed")
        .unwrap();
    assert_eq!(
        failed["delivery"]["failure"],
        app::chat::text::NOT_CONFIRMED,
        "a person can tell it may not have arrived, and send it again"
    );
    // Neither was sent (again) by the outbox.
    let accepted = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.message where wa_group_id = $1"#,
        group.wa_group_id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(accepted, 0);
    app.stop().await;
}
