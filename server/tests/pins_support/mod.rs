//! Helpers of the pin tests: an active group, messages WhatsApp knows, and the pin calls.

use crate::common::TestApp;
use app::chat::pins::PinBoard;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

pub use crate::common::chat::Group;

/// An active group made through the app, with `members` simulated participants.
pub async fn active_group(app: &TestApp, subject: &str, members: usize) -> Group {
    crate::common::chat::active_group(app, subject, members, "1555008").await
}

/// Sends a text and waits until WhatsApp has sent it; returns GroupDesk's message ID.
pub async fn sent_text(app: &TestApp, group: &Group, body: &str) -> String {
    let response = app
        .server_fn("send_message", &[("group_id", &group.id), ("body", body)])
        .await;
    assert_eq!(response.status(), 200);
    let id: String = response.json().await.unwrap();
    app.eventually("the text is sent", || async {
        state_of(app, &id).await.as_deref() == Some("sent")
    })
    .await;
    id
}

/// A participant posts a text; returns GroupDesk's message ID once it arrived.
pub async fn posted_text(app: &TestApp, group: &Group, body: &str) -> String {
    let (status, _) = app
        .control(
            Method::POST,
            &format!("/groups/{}/messages", group.wa_group_id),
            json!({ "user": { "wa_id": group.members[0], "name": "Carla" }, "text": body }),
        )
        .await;
    assert_eq!(status, 200);
    let find = || async {
        sqlx::query_scalar!("select message_id from message where body = $1", body)
            .fetch_optional(&app.pool)
            .await
            .unwrap()
    };
    app.eventually("the text arrives", || async { find().await.is_some() })
        .await;
    find().await.unwrap().to_string()
}

pub async fn state_of(app: &TestApp, id: &str) -> Option<String> {
    sqlx::query_scalar!(
        "select send_state from message where message_id = $1::text::uuid",
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

pub async fn pin(app: &TestApp, group: &str, message: &str, days: &str) -> reqwest::Response {
    app.server_fn(
        "pin_message",
        &[("group_id", group), ("message_id", message), ("days", days)],
    )
    .await
}

pub async fn unpin(app: &TestApp, group: &str, message: &str) -> reqwest::Response {
    app.server_fn(
        "unpin_message",
        &[("group_id", group), ("message_id", message)],
    )
    .await
}

pub async fn board(app: &TestApp, group: &str) -> PinBoard {
    let response = app.server_fn("chat_pins", &[("group_id", group)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The board as `id:state` items, newest pinned message first.
pub async fn shown(app: &TestApp, group: &str) -> Vec<String> {
    board(app, group)
        .await
        .pins
        .iter()
        .map(|pin| format!("{}:{}", pin.message_id, pin.state.as_str()))
        .collect()
}

pub fn active(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| format!("{id}:active")).collect()
}

/// The wamids the sandbox keeps pinned in the group, sorted.
pub async fn sandbox_pins(app: &TestApp, group: &Group) -> Vec<String> {
    sqlx::query_scalar!(
        "select wamid from sandbox.pin where wa_group_id = $1 and expires_at > now() order by wamid",
        group.wa_group_id
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

pub async fn wamids(app: &TestApp, ids: &[&str]) -> Vec<String> {
    let ids: Vec<Uuid> = ids.iter().map(|id| id.parse().unwrap()).collect();
    sqlx::query_scalar!(
        r#"select wamid as "wamid!" from message where message_id = any($1) order by wamid"#,
        &ids
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

pub async fn error_message(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let message = ["Validation", "Conflict"]
        .iter()
        .find_map(|kind| {
            body.get(kind)
                .map(|v| v["message"].as_str().unwrap().to_owned())
        })
        .unwrap_or_else(|| body.to_string());
    (status, message)
}
