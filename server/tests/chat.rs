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

// One test binary; its tests are grouped by what they cover.
#[path = "chat/outbox.rs"]
mod outbox;
#[path = "chat/sending.rs"]
mod sending;
#[path = "chat/statuses.rs"]
mod statuses;
