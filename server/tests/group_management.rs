//! Managing a group through the server functions the group page uses: removing participants,
//! deleting, resetting the invite link and changing settings, each against the sandbox, with
//! its outcome from the webhook, its audit entry and its refusals.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;

/// An active group created through the UI's server function: (GroupDesk ID, WhatsApp ID, link).
async fn active_group(app: &TestApp, subject: &str, mode: &str) -> (String, String, String) {
    app.create_group(subject, "Old words", mode).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from whatsapp_group where subject = $1 and state = 'active'"#,
            subject
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (
        row.group_id.to_string(),
        row.wa_group_id.unwrap(),
        row.invite_link.unwrap(),
    )
}

async fn participants(app: &TestApp) -> i64 {
    sqlx::query_scalar!(r#"select count(*) as "n!" from participant where left_at is null"#)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn operation_state(app: &TestApp, kind: &str) -> String {
    sqlx::query_scalar!(
        "select state from operation where kind = $1 order by created_at desc limit 1",
        kind
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn wait_resolved(app: &TestApp, kind: &str) {
    app.eventually("the operation is resolved", || async {
        operation_state(app, kind).await != "pending"
    })
    .await;
}

async fn ledger_entry(app: &TestApp, group_id: &str, kind: &str) -> Value {
    let ledger: Value = app
        .server_fn("list_operations", &[("group_id", group_id)])
        .await
        .json()
        .await
        .unwrap();
    ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == kind)
        .cloned()
        .unwrap()
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<(String, Value)> {
    sqlx::query!(
        "select outcome, detail from audit_log where action = $1 order by audit_log_id",
        action
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|row| (row.outcome, row.detail))
    .collect()
}

// One test binary; its tests are grouped by what they cover.
#[path = "group_management/moderation.rs"]
mod moderation;
#[path = "group_management/settings.rs"]
mod settings;
