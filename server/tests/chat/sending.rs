//! Sending a text and following it to read, inbound messages, bad input, and history.

use super::*;

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
