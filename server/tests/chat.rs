//! Group chat: sending through the outbox, receipts from status webhooks, bad input, and the
//! outbox under injected faults (issue #7).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;
use std::time::Duration;

use common::chat::Group;

/// An active group made through the app, with `members` simulated participants.
async fn active_group(app: &TestApp, subject: &str, members: usize) -> Group {
    common::chat::active_group(app, subject, members, "1555007").await
}

/// Sets the sandbox's behaviour: the defaults, changed by `changes`.
async fn behave(app: &TestApp, changes: Value) {
    let mut behaviour = json!({
        "auto_read": true, "error_5xx_rate": 0.0, "throughput_rate": 0.0,
        "group_rate_limit_rate": 0.0, "timeout_rate": 0.0, "latency_ms": 0,
        "timeout_delay_ms": 25000, "duplicate_webhook_rate": 0.0, "reorder_webhooks": false
    });
    for (key, value) in changes.as_object().unwrap() {
        behaviour[key] = value.clone();
    }
    let (status, body) = app.control(Method::PUT, "/behaviour", behaviour).await;
    assert_eq!(status, 200, "{body}");
}

async fn send(app: &TestApp, group: &str, body: &str) -> reqwest::Response {
    app.server_fn("send_message", &[("group_id", group), ("body", body)])
        .await
}

/// Sends a text and returns GroupDesk's message ID.
async fn send_ok(app: &TestApp, group: &str, body: &str) -> String {
    let response = send(app, group, body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The chat as the page loads it.
async fn chat(app: &TestApp, group: &str) -> Value {
    let response = app
        .server_fn("chat_messages", &[("group_id", group), ("pages", "1")])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The delivery summary of one message, as `state delivered/read/recipients`.
async fn delivery(app: &TestApp, group: &str, message: &str) -> String {
    let page = chat(app, group).await;
    let found = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == message)
        .cloned()
        .unwrap();
    let d = &found["delivery"];
    format!(
        "{} {}/{}/{}",
        d["state"].as_str().unwrap(),
        d["delivered"],
        d["read"],
        d["recipients"]
    )
}

async fn error_message(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let message = body
        .get("Validation")
        .map(|v| v["message"].clone())
        .or_else(|| body.get("Conflict").map(|v| v["message"].clone()))
        .map(|v| v.as_str().unwrap().to_owned())
        .unwrap_or_else(|| body.to_string());
    (status, message)
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_text_goes_sent_then_delivered_then_read_by_n_of_m(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Receipts", 2).await;
    behave(&app, json!({ "auto_read": false })).await;

    let id = send_ok(&app, &group.id, "  Hello group  ").await;

    app.eventually("delivered to both", || async {
        delivery(&app, &group.id, &id).await == "sent 2/0/2"
    })
    .await;
    let page = chat(&app, &group.id).await;
    let message = &page["messages"][0];
    assert_eq!(message["body"], "Hello group");
    assert_eq!(message["outbound"], true);
    assert_eq!(message["sender"], "Test person");
    // What the sandbox received is what was typed, once.
    let sent: Vec<Value> = sqlx::query_scalar!(
        "select content from sandbox.message where wa_group_id = $1 and direction = 'outbound'",
        group.wa_group_id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(sent, [json!({ "body": "Hello group" })]);

    let (status, _) = app
        .control(
            Method::POST,
            &format!("/groups/{}/read", group.wa_group_id),
            json!({ "user": { "wa_id": group.members[0] } }),
        )
        .await;
    assert_eq!(status, 200);
    app.eventually("read by one of two", || async {
        delivery(&app, &group.id, &id).await == "sent 2/1/2"
    })
    .await;
    app.control(
        Method::POST,
        &format!("/groups/{}/read", group.wa_group_id),
        json!({ "user": { "wa_id": group.members[1] } }),
    )
    .await;
    app.eventually("read by both", || async {
        delivery(&app, &group.id, &id).await == "sent 2/2/2"
    })
    .await;

    // Per participant: masked numbers, state and time; pricing facts are stored.
    let response = app
        .server_fn("message_receipts", &[("message_id", &id)])
        .await;
    assert_eq!(response.status(), 200);
    let receipts: Vec<Value> = response.json().await.unwrap();
    assert_eq!(receipts.len(), 2);
    for receipt in &receipts {
        let who = receipt["participant"].as_str().unwrap();
        assert!(who.starts_with("+•••"), "{who}");
        assert!(!who.contains("1555007"), "a full number is never shown");
        assert_eq!(receipt["read"], true);
        assert!(receipt["read_at"].is_string() && receipt["delivered_at"].is_string());
    }
    let pricing = sqlx::query!(
        "select pricing_category, pricing_type, pricing_model, billable from message_receipt"
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(
        pricing
            .iter()
            .all(|p| p.pricing_category.as_deref() == Some("group_service")
                && p.pricing_type.as_deref() == Some("free_group_customer_service")
                && p.pricing_model.as_deref() == Some("PMP")
                && p.billable == Some(false))
    );
    let audited = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action = 'message.send' and target = $1"#,
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn inbound_messages_show_their_sender_and_unsupported_types_as_a_placeholder(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Inbound", 1).await;
    let owned = app;
    let app = &owned;
    let post = |kind: &'static str, text: Option<&'static str>| {
        let path = format!("/groups/{}/messages", group.wa_group_id);
        let user = json!({ "wa_id": group.members[0], "name": "Carla" });
        async move {
            let (status, _) = app
                .control(
                    Method::POST,
                    &path,
                    json!({ "user": user, "type": kind, "text": text }),
                )
                .await;
            assert_eq!(status, 200);
        }
    };
    post("text", Some("Hi there")).await;
    post("poll", None).await;
    app.eventually("both arrive", || async {
        chat(app, &group.id).await["messages"]
            .as_array()
            .unwrap()
            .len()
            == 2
    })
    .await;

    let page = chat(app, &group.id).await;
    let texts: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_type"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"text") && texts.contains(&"unsupported"));
    for message in page["messages"].as_array().unwrap() {
        assert_eq!(message["outbound"], false);
        assert!(message["delivery"].is_null());
        // The sender's profile name is shown; the number never is.
        assert_eq!(message["sender"], "Carla");
        assert!(!message.to_string().contains(&group.members[0]));
    }
    let placeholder = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["message_type"] == "unsupported")
        .unwrap();
    assert!(placeholder["body"].is_null());
    assert_eq!(page["group"]["may_send"], true);
    assert_eq!(page["has_older"], false);
    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let response = common::call(
        &support.client,
        &app.url,
        "chat_messages",
        &[("group_id", &group.id), ("pages", "1")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let seen: Value = response.json().await.unwrap();
    assert_eq!(seen["messages"], page["messages"]);
    assert_eq!(seen["group"]["may_send"], false, "support reads only");
    owned.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bad_input_gets_a_clear_error_and_sends_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Rules", 1).await;

    let (status, message) = error_message(send(&app, &group.id, "  \n ").await).await;
    assert_eq!(
        (status, message.as_str()),
        (422, app::chat::text::BODY_EMPTY)
    );
    let (status, message) = error_message(send(&app, &group.id, &"x".repeat(4097)).await).await;
    assert_eq!(
        (status, message.as_str()),
        (422, app::chat::text::BODY_TOO_LONG)
    );
    let response = send(&app, &uuid::Uuid::new_v4().to_string(), "hi").await;
    assert_eq!(response.status(), 404);
    // Support may read the chat but not send.
    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let response = common::call(
        &support.client,
        &app.url,
        "send_message",
        &[("group_id", &group.id), ("body", "hi")],
    )
    .await;
    assert_eq!(response.status(), 403);

    // A group WhatsApp has not confirmed yet.
    let creating = sqlx::query_scalar!(
        r#"insert into whatsapp_group (tenant_id, business_number_id, subject)
           select tenant_id, business_number_id, 'Not yet' from business_number limit 1
           returning group_id"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (status, message) = error_message(send(&app, &creating.to_string(), "hi").await).await;
    assert_eq!(
        (status, message.as_str()),
        (409, app::chat::text::GROUP_NOT_ACTIVE)
    );

    // A group WhatsApp suspended.
    let (status, _) = app
        .control(
            Method::POST,
            &format!("/groups/{}/suspend", group.wa_group_id),
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    app.eventually("the suspension arrives", || async {
        sqlx::query_scalar!(
            "select suspended from whatsapp_group where wa_group_id = $1",
            group.wa_group_id
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    })
    .await;
    let (status, message) = error_message(send(&app, &group.id, "hi").await).await;
    assert_eq!(
        (status, message.as_str()),
        (409, app::chat::text::GROUP_SUSPENDED)
    );

    let stored = sqlx::query_scalar!(r#"select count(*) as "n!" from message"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing was queued");
    app.stop().await;
}

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
async fn history_pages_back_from_the_newest_message(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Long history", 0).await;
    sqlx::query!(
        r#"insert into message (tenant_id, group_id, wamid, direction, sender_wa_id, message_type,
                                body, sent_at)
           select tenant_id, group_id, 'wamid.' || n, 'inbound', '15550060001', 'text', 'm' || n,
                  now() - make_interval(mins => 60 - n)
           from whatsapp_group, generate_series(1, 60) n where group_id = $1::text::uuid"#,
        group.id
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let page = |pages: &'static str| {
        let id = group.id.clone();
        let app = &app;
        async move {
            let response = app
                .server_fn("chat_messages", &[("group_id", &id), ("pages", pages)])
                .await;
            assert_eq!(response.status(), 200);
            response.json::<Value>().await.unwrap()
        }
    };

    let first = page("1").await;
    let bodies: Vec<&str> = first["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 50);
    assert_eq!(
        (bodies[0], bodies[49]),
        ("m11", "m60"),
        "newest at the bottom"
    );
    assert_eq!(first["has_older"], true);
    assert_eq!(first["messages"][0]["sender"], "+•••••••0001");

    let both = page("2").await;
    assert_eq!(both["messages"].as_array().unwrap().len(), 60);
    assert_eq!(both["messages"][0]["body"], "m1");
    assert_eq!(both["has_older"], false);
    app.stop().await;
}

/// A `messages` webhook with one status of a group message, as WhatsApp sends it.
fn status_webhook(wamid: &str, group: &str, status: &str, participant: &str, at: i64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
            "statuses": [{"id": wamid, "status": status, "timestamp": at.to_string(),
                "recipient_id": group, "recipient_type": "group",
                "recipient_participant_id": participant,
                "pricing": {"billable": true, "pricing_model": "PMP", "type": "regular",
                            "category": "group_marketing"}}]}}]}]
    }))
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn late_duplicate_and_out_of_order_statuses_count_each_participant_once(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Order", 2).await;
    behave(&app, json!({ "auto_read": false })).await;
    let id = send_ok(&app, &group.id, "Counting").await;
    app.eventually("delivered to both", || async {
        delivery(&app, &group.id, &id).await == "sent 2/0/2"
    })
    .await;
    let wamid = sqlx::query_scalar!(
        r#"select wamid as "wamid!" from message where message_id = $1::text::uuid"#,
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let member = &group.members[0];

    // Read twice, then a delivered that arrives after the read.
    for (status, at) in [
        ("read", 1_900_000_100),
        ("read", 1_900_000_200),
        ("delivered", 1_900_000_050),
    ] {
        let body = status_webhook(&wamid, &group.wa_group_id, status, member, at);
        assert_eq!(app.post_signed_webhook(&body).await.status(), 200);
    }
    app.eventually("every webhook is applied", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event where processed_at is null"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 0
    })
    .await;

    assert_eq!(delivery(&app, &group.id, &id).await, "sent 2/1/2");
    let receipt = sqlx::query!(
        r#"select read_at as "read_at: chrono::DateTime<chrono::Utc>", pricing_category
           from message_receipt where participant_key = $1"#,
        member
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        receipt.read_at.unwrap().timestamp(),
        1_900_000_100,
        "the first read counts"
    );
    assert_eq!(receipt.pricing_category.as_deref(), Some("group_marketing"));
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
