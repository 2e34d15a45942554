//! Pinned messages (issue #7, SPEC §3.5): pins go through the outbox, at most 3 stay (the one
//! pinned longest ago drops, in GroupDesk as in the sandbox), unpin, bad input, roles, a refused
//! pin rolled back, a timed-out pin settled by its statuses, and an inbound pin.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;
mod pins_support;

use app::chat::pins::{PinBoard, PinState};
use app::chat::text;
use app::tenants::Role;
use common::TestApp;
use pins_support::*;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_fourth_pin_drops_the_one_pinned_longest_ago_here_and_in_whatsapp(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Pins", 1).await;
    // In chat order: a participant's message, then three of ours.
    let m1 = posted_text(&app, &group, "Rules of the group").await;
    let m2 = sent_text(&app, &group, "Meeting on Friday").await;
    let m3 = sent_text(&app, &group, "Bring snacks").await;
    let m4 = sent_text(&app, &group, "Venue changed").await;

    // Pinned in another order than sent: m3 first, so it is the one pinned longest ago.
    for (n, message) in [&m3, &m1, &m4].into_iter().enumerate() {
        assert_eq!(pin(&app, &group.id, message, "7").await.status(), 200);
        app.eventually("the pin is active", || async {
            let board = board(&app, &group.id).await;
            board.pins.len() == n + 1 && board.pins.iter().all(|p| p.state == PinState::Active)
        })
        .await;
    }
    // Shown by the pinned message's time, newest first; m3 would drop next.
    let three = board(&app, &group.id).await;
    assert_eq!(shown(&app, &group.id).await, active(&[&m4, &m3, &m1]));
    assert_eq!(three.will_drop().unwrap().message_id.to_string(), m3);
    assert!(three.may_change && three.cannot_change.is_none());
    let expires = three.pins[0].expires_at - chrono::Utc::now();
    assert!((6..=7).contains(&expires.num_days()), "{expires}");

    assert_eq!(pin(&app, &group.id, &m2, "3").await.status(), 200);
    app.eventually("the 4th pin drops m3", || async {
        shown(&app, &group.id).await == active(&[&m4, &m2, &m1])
    })
    .await;
    assert_eq!(
        sandbox_pins(&app, &group).await,
        wamids(&app, &[&m1, &m2, &m4]).await,
        "WhatsApp keeps the same three"
    );

    // The pins are in the history as lines, not bubbles to pin, each sent.
    let response = app
        .server_fn("chat_messages", &[("group_id", &group.id), ("pages", "1")])
        .await;
    let page: Value = response.json().await.unwrap();
    let notes: Vec<&Value> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["message_type"] == "pin")
        .collect();
    assert_eq!(notes.len(), 4);
    assert_eq!(notes[3]["body"], "Meeting on Friday");
    assert_eq!(notes[3]["pin"], json!({ "unpin": false, "days": 3 }));
    assert!(notes.iter().all(|m| m["pinnable"] == false));
    let pinnable = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["pinnable"] == true)
        .count();
    assert_eq!(pinnable, 4);

    // Unpin: gone here and in WhatsApp. A dropped pin is not pinned; a pinned one cannot be
    // pinned twice.
    assert_eq!(unpin(&app, &group.id, &m2).await.status(), 200);
    app.eventually("m2 is unpinned", || async {
        shown(&app, &group.id).await == active(&[&m4, &m1])
    })
    .await;
    assert_eq!(
        sandbox_pins(&app, &group).await,
        wamids(&app, &[&m1, &m4]).await
    );
    let (status, message) = error_message(unpin(&app, &group.id, &m3).await).await;
    assert_eq!((status, message.as_str()), (409, text::PIN_NOT_PINNED));
    let (status, message) = error_message(pin(&app, &group.id, &m1, "7").await).await;
    assert_eq!((status, message.as_str()), (409, text::PIN_ALREADY));

    let audited = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action in ('message.pin', 'message.unpin')"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 5);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bad_pins_get_a_clear_error_and_only_staff_may_pin(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Pin rules", 1).await;
    let other = active_group(&app, "Other group", 0).await;
    let message = posted_text(&app, &group, "Pin me").await;

    // A message that is not in this group, or not a message ID at all.
    for unknown in [Uuid::new_v4().to_string(), "not-an-id".to_owned()] {
        let (status, text) = error_message(pin(&app, &group.id, &unknown, "7").await).await;
        assert_eq!((status, text.as_str()), (422, text::PIN_UNKNOWN_MESSAGE));
    }
    let (status, text) = error_message(pin(&app, &other.id, &message, "7").await).await;
    assert_eq!((status, text.as_str()), (422, text::PIN_UNKNOWN_MESSAGE));
    let (status, text) = error_message(unpin(&app, &other.id, &message).await).await;
    assert_eq!((status, text.as_str()), (422, text::PIN_UNKNOWN_MESSAGE));
    // Days outside 1 to 30.
    for days in ["0", "31", "-3", "a week"] {
        let (status, text) = error_message(pin(&app, &group.id, &message, days).await).await;
        assert_eq!(
            (status, text.as_str()),
            (422, text::PIN_DAYS_RANGE),
            "{days}"
        );
    }
    // One of ours WhatsApp never took has no wamid.
    let unsent = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, direction, message_type, body, content, sent_at,
                                send_state, failure_code)
           select tenant_id, group_id, 'outbound', 'text', 'Never sent', '{}', now(), 'failed', 131000
           from whatsapp_group where group_id = $1::text::uuid returning message_id"#,
        group.id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (status, text) = error_message(pin(&app, &group.id, &unsent.to_string(), "7").await).await;
    assert_eq!((status, text.as_str()), (409, text::PIN_NOT_PINNABLE));

    // Support sees the pins but may not change them.
    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let as_support = |name: &'static str, form: Vec<(&'static str, String)>| {
        let (client, url) = (support.client.clone(), app.url.clone());
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            common::call(&client, &url, name, &form).await
        }
    };
    let pin_form = vec![
        ("group_id", group.id.clone()),
        ("message_id", message.clone()),
        ("days", "7".to_owned()),
    ];
    assert_eq!(as_support("pin_message", pin_form).await.status(), 403);
    let unpin_form = vec![
        ("group_id", group.id.clone()),
        ("message_id", message.clone()),
    ];
    assert_eq!(as_support("unpin_message", unpin_form).await.status(), 403);
    let response = as_support("chat_pins", vec![("group_id", group.id.clone())]).await;
    assert_eq!(response.status(), 200);
    let seen: PinBoard = response.json().await.unwrap();
    assert!(!seen.may_change && seen.pins.is_empty());

    // A suspended group takes no pins.
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
    let (status, text) = error_message(pin(&app, &group.id, &message, "7").await).await;
    assert_eq!((status, text.as_str()), (409, text::GROUP_SUSPENDED));
    assert_eq!(
        board(&app, &group.id).await.cannot_change.as_deref(),
        Some(text::GROUP_SUSPENDED)
    );

    let queued =
        sqlx::query_scalar!(r#"select count(*) as "n!" from message where message_type = 'pin'"#)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(queued, 0, "nothing was queued");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_refused_pin_is_rolled_back_with_metas_reason_and_not_sent_again(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Refused pin", 1).await;
    // A message GroupDesk has but WhatsApp does not know: WhatsApp refuses to pin it.
    let stranger = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, wamid, direction, sender_wa_id, message_type,
                                body, sent_at)
           select tenant_id, group_id, 'wamid.UNKNOWN', 'inbound', '15550080000', 'text', 'Ghost', now()
           from whatsapp_group where group_id = $1::text::uuid returning message_id"#,
        group.id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .to_string();
    let response = pin(&app, &group.id, &stranger, "7").await;
    assert_eq!(response.status(), 200);
    let pin_message: String = response.json().await.unwrap();
    // Pending at first, unless the outbox already sent it and WhatsApp already refused it.
    let pending = !board(&app, &group.id).await.pins.is_empty();
    assert!(
        pending || state_of(&app, &pin_message).await.as_deref() == Some("failed"),
        "pending at first"
    );
    app.eventually("the pin fails", || async {
        state_of(&app, &pin_message).await.as_deref() == Some("failed")
    })
    .await;
    assert!(board(&app, &group.id).await.pins.is_empty(), "rolled back");
    let failure = sqlx::query!(
        "select failure_code, failure_detail from message where message_id = $1::text::uuid",
        pin_message
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(failure.failure_code, Some(100));
    let response = app
        .server_fn("retry_message", &[("message_id", &pin_message)])
        .await;
    let (status, text) = error_message(response).await;
    assert_eq!((status, text.as_str()), (409, text::PIN_NOT_RETRYABLE));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_timed_out_pin_is_settled_by_its_statuses_and_an_inbound_pin_is_only_shown(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("OUTBOX_SEND_TIMEOUT_MS", "300")]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Slow pins", 1).await;
    let message = posted_text(&app, &group, "Slow but sure").await;
    let (status, _) = app
        .control(
            Method::PUT,
            "/behaviour",
            json!({
                "auto_read": true, "error_5xx_rate": 0.0, "throughput_rate": 0.0,
                "group_rate_limit_rate": 0.0, "timeout_rate": 1.0, "latency_ms": 0,
                "timeout_delay_ms": 3000, "duplicate_webhook_rate": 0.0, "reorder_webhooks": false
            }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(pin(&app, &group.id, &message, "1").await.status(), 200);
    app.eventually("the sent status makes the pin active", || async {
        shown(&app, &group.id).await == active(&[&message])
    })
    .await;
    assert_eq!(
        sandbox_pins(&app, &group).await,
        wamids(&app, &[&message]).await
    );
    let sent = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.message where message_type = 'pin'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(sent, 1, "the timed-out pin was not sent again");

    // A pin arriving from WhatsApp (not documented for groups) is stored and shown as a line; the
    // pins stay as they are.
    let wamid = wamids(&app, &[&message]).await.remove(0);
    let webhook = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
            "contacts": [{"profile": {"name": "Carla"}, "wa_id": group.members[0]}],
            "messages": [{"from": group.members[0], "group_id": group.wa_group_id,
                "id": "wamid.INBOUNDPIN", "timestamp": "1900000000", "type": "pin",
                "pin": {"type": "pin", "message_id": wamid, "expiration_days": 2}}]}}]}]
    });
    let response = app
        .post_signed_webhook(webhook.to_string().as_bytes())
        .await;
    assert_eq!(response.status(), 200);
    let page = || async {
        let response = app
            .server_fn("chat_messages", &[("group_id", &group.id), ("pages", "1")])
            .await;
        assert_eq!(response.status(), 200);
        response.json::<Value>().await.unwrap()
    };
    let inbound_pin = |page: &Value| {
        page["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["message_type"] == "pin" && m["outbound"] == false)
            .cloned()
    };
    app.eventually("the inbound pin is in the chat", || async {
        inbound_pin(&page().await).is_some()
    })
    .await;
    let inbound = inbound_pin(&page().await).unwrap();
    // GroupDesk keeps no `pin` object of inbound messages: the line just says a message was pinned.
    assert_eq!(inbound["pin"], json!({ "unpin": false, "days": null }));
    assert_eq!(inbound["pinnable"], false);
    assert_eq!(shown(&app, &group.id).await, active(&[&message]));
    app.stop().await;
}
