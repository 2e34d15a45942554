//! Template messages in the group chat (issue #7): which templates are offered, the cache and its
//! refreshes, sending a filled-in template through the outbox, and refusals, in the browser's
//! words and in Meta's.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::templates::text as ttext;
use app::tenants::Role;
use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::PgPool;

/// The demo number's WABA in the sandbox.
const WABA: &str = "200000000000001";

/// An active group made through the app with `members` simulated participants; its GroupDesk ID
/// and WhatsApp ID.
async fn active_group(app: &TestApp, subject: &str, members: usize) -> (String, String) {
    let response = app.create_group(subject, "", "auto_approve").await;
    assert_eq!(response.status(), 200);
    app.eventually("the group is active", || async {
        sqlx::query_scalar!(
            r#"select state = 'active' as "a!" from whatsapp_group where subject = $1"#,
            subject
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    })
    .await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    for n in 0..members {
        let (status, _) = app
            .join(
                row.invite_link.as_deref().unwrap(),
                &format!("1555008{n:04}"),
            )
            .await;
        assert_eq!(status, 200);
    }
    let group_id = row.group_id;
    app.eventually("the participants are known", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from participant where group_id = $1 and left_at is null"#,
            group_id
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == members as i64
    })
    .await;
    (group_id.to_string(), row.wa_group_id.unwrap())
}

async fn templates(app: &TestApp, endpoint: &str, group: &str, purpose: &str) -> Value {
    let response = app
        .server_fn(endpoint, &[("group_id", group), ("purpose", purpose)])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn names(list: &Value) -> Vec<&str> {
    list["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect()
}

async fn send_template(
    app: &TestApp,
    group: &str,
    name: &str,
    values: &[&str],
) -> reqwest::Response {
    let keys: Vec<String> = (0..values.len()).map(|i| format!("values[{i}]")).collect();
    let mut form = vec![("group_id", group), ("name", name), ("language", "en_US")];
    form.extend(keys.iter().map(String::as_str).zip(values.iter().copied()));
    app.server_fn("send_template", &form).await
}

/// The chat's message with this ID.
async fn message(app: &TestApp, group: &str, id: &str) -> Value {
    let response = app
        .server_fn("chat_messages", &[("group_id", group), ("pages", "1")])
        .await;
    let page: Value = response.json().await.unwrap();
    page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .unwrap()
}

async fn error_of(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    let message = body["Validation"]["message"]
        .as_str()
        .map_or_else(|| body.to_string(), str::to_owned);
    (status, message)
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn groups_are_offered_approved_marketing_and_utility_templates_only(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, _) = active_group(&app, "Templates", 0).await;

    // The first look reads them from WhatsApp: pending, authentication, image-header and the
    // invite template are not offered for the chat.
    let list = templates(&app, "group_templates", &group, "group_message").await;
    assert_eq!(
        names(&list),
        ["event_reminder", "order_ready", "weekly_offer"]
    );
    assert!(list["refreshed_at"].is_string());
    assert!(list["notice"].is_null());
    let reminder = &list["templates"][0];
    assert_eq!(reminder["category"], "UTILITY");
    assert_eq!(
        reminder["body"],
        "Hi everyone, a quick reminder: {{1}}. Reply here if you have questions."
    );
    assert_eq!(reminder["slots"].as_array().unwrap().len(), 1);
    let cached: i64 = sqlx::query_scalar!(r#"select count(*) as "n!" from message_template"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(cached, 7, "every template is cached, whatever its status");
    // The invite picker (issue #6) gets only the Template Library's invite template.
    let invite = templates(&app, "group_templates", &group, "group_invite").await;
    assert_eq!(names(&invite), ["group_invite_link"]);

    // Asked again within a minute, WhatsApp is not asked again.
    let attempted = || async {
        sqlx::query_scalar!(r#"select attempted_at::text as "t!" from message_template_sync"#)
            .fetch_one(&app.pool)
            .await
            .unwrap()
    };
    let first = attempted().await;
    let again = templates(&app, "refresh_templates", &group, "group_message").await;
    assert_eq!(again["notice"], ttext::REFRESH_TOO_SOON);
    assert_eq!(names(&again).len(), 3);
    assert_eq!(attempted().await, first);

    // Older than an hour: the next look reads them again, and a template deleted meanwhile goes.
    delete_in_sandbox(&app, "order_ready").await;
    sqlx::query!(
        "update message_template_sync set refreshed_at = now() - interval '2 hours',
           attempted_at = now() - interval '2 hours'"
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let fresh = templates(&app, "group_templates", &group, "group_message").await;
    assert_eq!(names(&fresh), ["event_reminder", "weekly_offer"]);

    // Support cannot send, so it is not offered templates either.
    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let response = common::call(
        &support.client,
        &app.url,
        "group_templates",
        &[("group_id", &group)],
    )
    .await;
    assert_eq!(response.status(), 403);
    app.stop().await;
}

/// Deletes a template of the demo WABA the way Meta's API does.
async fn delete_in_sandbox(app: &TestApp, name: &str) {
    let response = app
        .http
        .request(
            Method::DELETE,
            format!(
                "{}/sandbox/graph/v25.0/{WABA}/message_templates?name={name}",
                app.url
            ),
        )
        .bearer_auth("any-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_filled_template_reaches_whatsapp_and_the_chat_shows_its_text(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, wa_group) = active_group(&app, "Filled", 2).await;
    templates(&app, "group_templates", &group, "group_message").await;

    let response = send_template(
        &app,
        &group,
        "event_reminder",
        &[" the picnic is on Sunday "],
    )
    .await;
    assert_eq!(response.status(), 200);
    let id: String = response.json().await.unwrap();
    app.eventually("read by both, like a text", || async {
        let m = message(&app, &group, &id).await;
        m["delivery"]["state"] == "sent" && m["delivery"]["read"] == 2
    })
    .await;
    let shown = message(&app, &group, &id).await;
    assert_eq!(shown["message_type"], "template");
    assert_eq!(shown["template"], "event_reminder");
    assert_eq!(
        shown["body"],
        "Reminder\nHi everyone, a quick reminder: the picnic is on Sunday. Reply here if you have questions.\nSent by the organisers"
    );

    // Named fields carry their names; a marketing template is priced as marketing.
    let offer = send_template(&app, &group, "weekly_offer", &["Lucky Shrub", "20% off"]).await;
    assert_eq!(offer.status(), 200);
    app.eventually("both are accepted", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from sandbox.message where wa_group_id = $1"#,
            wa_group
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 2
    })
    .await;
    let sent = sqlx::query!(
        "select content, pricing_category from sandbox.message where wa_group_id = $1 order by created_at",
        wa_group
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        sent[0].content,
        json!({"name": "event_reminder", "language": {"code": "en_US"}, "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "the picnic is on Sunday"}]}]})
    );
    assert_eq!(sent[0].pricing_category.as_deref(), Some("group_utility"));
    assert_eq!(
        sent[1].content["components"][0]["parameters"][1],
        json!({"type": "text", "text": "20% off", "parameter_name": "offer"})
    );
    assert_eq!(sent[1].pricing_category.as_deref(), Some("group_marketing"));
    let audited = sqlx::query_scalar!(
        r#"select detail->>'template' as "t!" from audit_log where action = 'message.send' and target = $1"#,
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, "event_reminder");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_missing_field_or_an_unofferable_template_is_refused_and_nothing_is_queued(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, _) = active_group(&app, "Refusals", 1).await;
    templates(&app, "group_templates", &group, "group_message").await;

    let (status, message) =
        error_of(send_template(&app, &group, "event_reminder", &["   "]).await).await;
    assert_eq!(status, 422);
    assert_eq!(
        message,
        "Fill in {{1}} (every field of the template is required)."
    );
    let (status, message) =
        error_of(send_template(&app, &group, "order_ready", &["#1", "Ana", ""]).await).await;
    assert_eq!(
        (status, message.as_str()),
        (
            422,
            "Fill in {{2}} (every field of the template is required)."
        )
    );
    let (status, message) =
        error_of(send_template(&app, &group, "event_reminder", &[]).await).await;
    assert_eq!(status, 422);
    assert!(message.starts_with(ttext::FIELD_COUNT), "{message}");
    let (status, message) =
        error_of(send_template(&app, &group, "event_reminder", &["two\nlines"]).await).await;
    assert_eq!(status, 422);
    assert!(message.contains("must be one line"), "{message}");
    for name in [
        "spring_sale",
        "login_code",
        "new_arrivals",
        "group_invite_link",
        "no_such",
    ] {
        let (status, message) = error_of(send_template(&app, &group, name, &["x"]).await).await;
        assert_eq!(
            (status, message.as_str()),
            (422, ttext::NOT_AVAILABLE),
            "{name}"
        );
    }
    let (status, message) = error_of(send_template(&app, &group, "", &[]).await).await;
    assert_eq!((status, message.as_str()), (422, ttext::PICK_FIRST));

    let stored: i64 = sqlx::query_scalar!(r#"select count(*) as "n!" from message"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing was queued");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_template_deleted_in_whatsapp_after_caching_fails_with_metas_reason(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, _) = active_group(&app, "Deleted", 1).await;
    templates(&app, "group_templates", &group, "group_message").await;
    delete_in_sandbox(&app, "event_reminder").await;

    let response = send_template(&app, &group, "event_reminder", &["soon"]).await;
    assert_eq!(response.status(), 200, "the cache still offers it");
    let id: String = response.json().await.unwrap();
    app.eventually("the send fails", || async {
        message(&app, &group, &id).await["delivery"]["state"] == "failed"
    })
    .await;
    let failed = message(&app, &group, &id).await;
    assert_eq!(
        failed["delivery"]["failure"],
        format!("{} (Meta error 132001)", app::graph::explain(132_001))
    );
    assert_eq!(
        failed["body"],
        "Reminder\nHi everyone, a quick reminder: soon. Reply here if you have questions.\nSent by the organisers"
    );
    // The refusal marks the cache stale: the next look reads the templates again (once the
    // minute between reads has passed), and the deleted one is no longer offered.
    sqlx::query!("update message_template_sync set attempted_at = now() - interval '2 minutes'")
        .execute(&app.pool)
        .await
        .unwrap();
    let list = templates(&app, "group_templates", &group, "group_message").await;
    assert_eq!(names(&list), ["order_ready", "weekly_offer"]);
    app.stop().await;
}
