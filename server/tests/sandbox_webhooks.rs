//! Every webhook the sandbox emits has the shape of SPEC's example for that variant: the same
//! field names, nesting and types (placeholders in the examples stand for any scalar).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::types::{MessageContent, SettingsUpdate, TextBody};
use app::graph::{GroupsApi, MessagesApi};
use common::TestApp;
use common::sandbox::demo_access;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../app/src/webhooks/payload/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A placeholder such as `TIMESTAMP`, `<ERROR_CODE>` or `PHONE_NUMBER or WHATSAPP_ID`.
fn is_placeholder(text: &str) -> bool {
    let stripped = text.replace(" or ", "");
    stripped.chars().any(|c| c.is_ascii_uppercase())
        && !stripped.chars().any(|c| c.is_ascii_lowercase())
}

/// Collects every difference of shape between `ours` and `spec` at `path`, except `allowed` paths.
fn compare(ours: &Value, spec: &Value, path: &str, allowed: &[&str], problems: &mut Vec<String>) {
    match (ours, spec) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|key| !a.contains_key(*key))) {
                let here = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => compare(x, y, &here, allowed, problems),
                    _ if allowed.contains(&here.as_str()) => {}
                    (Some(_), None) => problems.push(format!("{here}: not in the SPEC example")),
                    (None, _) => problems.push(format!("{here}: missing")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let Some(model) = b.first() {
                for item in a {
                    compare(item, model, &format!("{path}[]"), allowed, problems);
                }
            }
        }
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_)) => {}
        (Value::Number(_) | Value::Bool(_), Value::String(text)) if is_placeholder(text) => {}
        _ => problems.push(format!("{path}: type differs ({ours} vs {spec})")),
    }
}

fn assert_shape(ours: &Value, name: &str, allowed: &[&str]) {
    let mut problems = Vec::new();
    compare(ours, &fixture(name), "", allowed, &mut problems);
    assert!(problems.is_empty(), "{name}: {problems:#?}\nours: {ours:#}");
}

fn text(body: &str) -> MessageContent {
    MessageContent::Text {
        text: TextBody {
            body: body.into(),
            preview_url: false,
        },
    }
}

const EVENT: &str = ".entry[].changes[].value.groups[]";

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn group_webhooks_have_the_spec_shapes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    let graph = app.graph();
    let (open, open_link) = app.sandbox_group("auto_approve").await;
    let (gated, gated_link) = app.sandbox_group("approval_required").await;

    app.join(&open_link, "15550020001").await;
    app.join(&gated_link, "15550020002").await;
    let (_, cancel) = app.join(&gated_link, "15550020003").await;
    let cancel_id = cancel["join_request_id"].as_str().unwrap();
    app.control(
        Method::POST,
        &format!("/join_requests/{cancel_id}/cancel"),
        json!({}),
    )
    .await;
    let requests = sqlx::query_scalar!("select join_request_id from sandbox.join_request")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    graph
        .approve_join_requests(&demo_access(), &gated, &requests)
        .await
        .unwrap();
    graph
        .remove_participants(
            &demo_access(),
            &open,
            &["15550020001".into(), "15550029999".into()],
        )
        .await
        .unwrap();
    graph
        .remove_participants(&demo_access(), &gated, &["15550020002".into()])
        .await
        .unwrap();
    graph
        .remove_participants(&demo_access(), &gated, &["15550029998".into()])
        .await
        .unwrap();
    app.join(&open_link, "15550020004").await;
    app.control(
        Method::POST,
        &format!("/groups/{open}/leave"),
        json!({"user": {"wa_id": "15550020004"}}),
    )
    .await;
    let update = SettingsUpdate {
        subject: Some("Renamed".into()),
        description: Some("Text".into()),
        join_approval_mode: None,
    };
    graph
        .update_settings(&demo_access(), &open, &update)
        .await
        .unwrap();
    graph
        .update_picture(
            &demo_access(),
            &open,
            server::sandbox::jpeg::header_only(100, 100),
        )
        .await
        .unwrap();
    app.control(Method::POST, &format!("/groups/{open}/suspend"), json!({}))
        .await;
    app.control(
        Method::POST,
        &format!("/groups/{open}/clear_suspension"),
        json!({}),
    )
    .await;
    graph.delete_group(&demo_access(), &gated).await.unwrap();

    let lifecycle = "group_lifecycle_update";
    let participants = "group_participants_update";
    assert_shape(
        &app.queued(lifecycle, "group_create").await[0],
        "webhook.group_lifecycle_update.create_succeed",
        &[],
    );
    assert_shape(
        &app.queued(lifecycle, "group_delete").await[0],
        "webhook.group_lifecycle_update.delete_succeed",
        &[],
    );
    let adds = app.queued(participants, "group_participants_add").await;
    assert_shape(
        &adds[0],
        "webhook.group_participants_update.join_via_invite_link",
        &[],
    );
    assert_shape(
        &adds[1],
        "webhook.group_participants_update.join_request_approved",
        &[],
    );
    assert_shape(
        &app.queued(participants, "group_join_request_created").await[0],
        "webhook.group_participants_update.join_request_created",
        &[],
    );
    assert_shape(
        &app.queued(participants, "group_join_request_revoked").await[0],
        "webhook.group_participants_update.join_request_revoked",
        &[],
    );
    let removes = app.queued(participants, "group_participants_remove").await;
    assert_shape(
        &removes[0],
        "webhook.group_participants_update.remove_partial_fail",
        &[],
    );
    assert_shape(
        &removes[1],
        "webhook.group_participants_update.remove_succeed",
        &[],
    );
    assert_shape(
        &removes[2],
        "webhook.group_participants_update.remove_fail",
        &[],
    );
    assert_shape(
        &removes[3],
        "webhook.group_participants_update.participant_left",
        &[],
    );
    let settings = app
        .queued("group_settings_update", "group_settings_update")
        .await;
    // Only the settings in the request are reported (SPEC §4.3).
    let absent = [&format!("{EVENT}.profile_picture")[..]];
    assert_shape(
        &settings[0],
        "webhook.group_settings_update.succeed",
        &absent,
    );
    let text_settings = [
        &format!("{EVENT}.group_subject")[..],
        &format!("{EVENT}.group_description")[..],
    ];
    assert_shape(
        &settings[1],
        "webhook.group_settings_update.total_fail",
        &text_settings,
    );
    assert_shape(
        &app.queued("group_status_update", "group_suspend").await[0],
        "webhook.group_status_update.suspended",
        &[],
    );
    assert_shape(
        &app.queued("group_status_update", "group_suspend_cleared")
            .await[0],
        "webhook.group_status_update.suspension_cleared",
        &[],
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn message_webhooks_have_the_spec_shapes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550030001").await;
    let user = json!({"user": {"wa_id": "15550030001"}, "type": "text", "text": "Hello"});
    app.control(Method::POST, &format!("/groups/{group}/messages"), user)
        .await;
    let poll = json!({"user": {"wa_id": "15550030001"}, "type": "poll"});
    app.control(Method::POST, &format!("/groups/{group}/messages"), poll)
        .await;
    graph
        .send_to_group(&demo_access(), &group, &text("Hi all"))
        .await
        .unwrap();

    assert_shape(
        &app.queued("messages", "text").await[0],
        "webhook.messages.group_message_received.example",
        &[],
    );
    assert_shape(
        &app.queued("messages", "unsupported").await[0],
        "webhook.messages.group_message_unsupported",
        &[],
    );
    assert_shape(
        &app.queued("messages", "sent").await[0],
        "webhook.messages.group_status_sent",
        &[],
    );
    // v24+ form (SPEC §3.3 notes): `pricing` beside the status, no `conversation`.
    let status = ".entry[].changes[].value.statuses[]";
    let v24 = [
        &format!("{status}.conversation")[..],
        &format!("{status}.pricing")[..],
    ];
    for kind in ["delivered", "read"] {
        let webhook = &app.queued("messages", kind).await[0];
        assert_shape(
            webhook,
            "webhook.messages.group_status_aggregated_multi_participant",
            &v24,
        );
        let pricing = &webhook["entry"][0]["changes"][0]["value"]["statuses"][0]["pricing"];
        assert_eq!(pricing["category"], "group_service");
        assert_eq!(pricing["type"], "free_group_customer_service");
        assert_eq!(pricing["pricing_model"], "PMP");
    }
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn bsuid_only_participants_appear_without_a_phone_number(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    let join = json!({"invite_link": link, "user": {"user_id": "US.13491208655302741918", "username": "kim"}});
    assert_eq!(
        app.control(Method::POST, "/join", join).await.1["result"],
        "joined"
    );

    graph
        .send_to_group(&demo_access(), &group, &text("Hi"))
        .await
        .unwrap();

    let delivered = &app.queued("messages", "delivered").await[0];
    let value = &delivered["entry"][0]["changes"][0]["value"];
    assert_eq!(value["contacts"][0]["user_id"], "US.13491208655302741918");
    let status = &value["statuses"][0];
    assert_eq!(
        status["recipient_participant_user_id"],
        "US.13491208655302741918"
    );
    assert!(
        status.get("recipient_participant_id").is_none(),
        "no phone number to show"
    );
    let added = &app
        .queued("group_participants_update", "group_participants_add")
        .await[0];
    let participant =
        &added["entry"][0]["changes"][0]["value"]["groups"][0]["added_participants"][0];
    assert_eq!(participant["user_id"], "US.13491208655302741918");
    assert!(participant.get("wa_id").is_none());
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn every_sandbox_webhook_parses_with_the_apps_payload_types(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SANDBOX_WEBHOOK_DELAY_MS", "600000")]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("approval_required").await;
    let (_, requested) = app.join(&link, "15550040001").await;
    let id = requested["join_request_id"].as_str().unwrap().to_owned();
    graph
        .approve_join_requests(&demo_access(), &group, &[id])
        .await
        .unwrap();
    graph
        .send_to_group(&demo_access(), &group, &text("Hi"))
        .await
        .unwrap();
    app.control(
        Method::POST,
        &format!("/groups/{group}/messages"),
        json!({"user": {"wa_id": "15550040001"}, "type": "image", "caption": "pic"}),
    )
    .await;

    let bodies = app.queued_webhooks().await;
    assert!(bodies.len() >= 6);
    for body in bodies {
        let envelope: app::webhooks::payload::Envelope =
            serde_json::from_value(body.clone()).unwrap();
        for change in envelope.entry.iter().flat_map(|entry| entry.changes.iter()) {
            let parsed = change
                .parse()
                .unwrap_or_else(|error| panic!("{error}: {body}"));
            assert!(
                !matches!(parsed, app::webhooks::payload::FieldChange::Other { .. }),
                "{body}"
            );
        }
    }
    app.stop().await;
}
