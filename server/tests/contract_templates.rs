//! Contract tests for templates: the Graph client's `message_templates` call against the sandbox,
//! and the sandbox's checks of template sends, each against SPEC.md (§1.5 codes 132000/132001,
//! §1.6 paging, §3.1 and §3.6 authentication templates, §7 pricing).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::types::{
    MessageContent, PageRequest, Template, TemplateCategory, TemplateLanguage, TemplateStatus,
};
use app::graph::{GraphError, MessagesApi, TemplatesApi};
use common::sandbox::demo_access;
use common::{DEMO_PNID, TestApp};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{Value, json};
use sqlx::PgPool;

const WABA: &str = "200000000000001";

fn token() -> SecretString {
    SecretString::from("test-token")
}

fn code(error: GraphError) -> i64 {
    error.code()
}

fn template(name: &str, language: &str, components: Value) -> MessageContent {
    MessageContent::Template {
        template: Template {
            name: name.into(),
            language: TemplateLanguage {
                code: language.into(),
            },
            components: serde_json::from_value(components).unwrap(),
        },
    }
}

fn body(values: &[&str]) -> Value {
    let parameters: Vec<Value> = values
        .iter()
        .map(|value| json!({"type": "text", "text": value}))
        .collect();
    json!([{"type": "body", "parameters": parameters}])
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn message_templates_answer_metas_shape_page_by_page(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();

    let mut page = PageRequest {
        limit: Some(3),
        ..PageRequest::default()
    };
    let mut all = Vec::new();
    let mut pages = 0;
    loop {
        let got = graph
            .message_templates(WABA, &token(), &page)
            .await
            .unwrap();
        assert!(got.items.len() <= 3);
        all.extend(got.items);
        pages += 1;
        match got.paging.next_cursor() {
            Some(after) => page.after = Some(after.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        pages, 3,
        "7 templates in pages of 3; no next on the last page"
    );
    let find = |name: &str| all.iter().find(|t| t.name == name).unwrap();
    assert_eq!(all.len(), 7);
    let reminder = find("event_reminder");
    assert_eq!(reminder.status, TemplateStatus::Approved);
    assert_eq!(reminder.category, TemplateCategory::Utility);
    assert_eq!(reminder.language, "en_US");
    assert!(reminder.id.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(reminder.components[1].kind, "BODY");
    assert_eq!(find("spring_sale").status, TemplateStatus::Pending);
    assert_eq!(
        find("login_code").category,
        TemplateCategory::Authentication
    );
    assert_eq!(
        find("weekly_offer").parameter_format.as_deref(),
        Some("NAMED")
    );
    assert_eq!(
        find("group_invite_link").library_template_name.as_deref(),
        Some("group_invite_link")
    );

    // Meta's default fields, filters, and errors.
    let response = app
        .http
        .get(format!(
            "{}/sandbox/graph/v25.0/{WABA}/message_templates?status=APPROVED&category=marketing",
            app.url
        ))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    let listed: Value = response.json().await.unwrap();
    let names: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["new_arrivals", "weekly_offer"]);
    assert!(listed["data"][0].get("library_template_name").is_none());
    let bad_cursor = PageRequest {
        after: Some("garbage".into()),
        ..PageRequest::default()
    };
    let error = graph.message_templates(WABA, &token(), &bad_cursor).await;
    assert_eq!(code(error.unwrap_err()), 131059);
    let unknown = graph
        .message_templates("999", &token(), &PageRequest::default())
        .await;
    assert_eq!(code(unknown.unwrap_err()), 100);
    app.control(
        Method::POST,
        "/numbers",
        json!({"phone_number_id": DEMO_PNID, "waba_id": WABA,
               "display_phone_number": "15550100001", "access_token": "the-real-one"}),
    )
    .await;
    let refused = graph
        .message_templates(WABA, &token(), &PageRequest::default())
        .await;
    assert_eq!(code(refused.unwrap_err()), 190);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn template_sends_are_checked_against_the_wabas_templates(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550020001").await;
    let send = |content: MessageContent| {
        let graph = graph.clone();
        let group = group.clone();
        async move { graph.send_to_group(&demo_access(), &group, &content).await }
    };

    let ok = send(template("event_reminder", "en_US", body(&["Friday"]))).await;
    assert!(ok.unwrap().wamid().is_some());
    let named = json!([{"type": "body", "parameters": [
        {"type": "text", "parameter_name": "offer", "text": "20% off"},
        {"type": "text", "parameter_name": "shop_name", "text": "Lucky Shrub"}]}]);
    assert!(send(template("weekly_offer", "en_US", named)).await.is_ok());
    let header = json!([{"type": "header", "parameters": [{"type": "text", "text": "#7"}]},
        {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "the shop"}]}]);
    assert!(send(template("order_ready", "en_US", header)).await.is_ok());
    let priced: Vec<Option<String>> = sqlx::query_scalar!(
        "select pricing_category from sandbox.message where wa_group_id = $1 order by created_at",
        group
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        priced,
        [
            Some("group_utility"),
            Some("group_marketing"),
            Some("group_utility")
        ]
        .map(|c| c.map(str::to_owned))
    );

    // §1.5: unknown (name or language) or not approved → 132001.
    for (name, language) in [
        ("no_such", "en_US"),
        ("event_reminder", "de"),
        ("spring_sale", "en_US"),
    ] {
        let refused = send(template(name, language, body(&["x"]))).await;
        assert_eq!(code(refused.unwrap_err()), 132_001, "{name} {language}");
    }
    // §3.1, §3.6: authentication templates cannot be sent to groups.
    let otp = send(template("login_code", "en_US", body(&["123456"]))).await;
    assert_eq!(code(otp.unwrap_err()), 131_051);
    // §1.5: parameter count mismatch → 132000, per component.
    let no_header = json!([{"type": "body", "parameters": [
        {"type": "text", "text": "Ana"}, {"type": "text", "text": "the shop"}]}]);
    for (name, components) in [
        ("event_reminder", json!([])),
        ("event_reminder", body(&["a", "b"])),
        ("order_ready", no_header),
    ] {
        let refused = send(template(name, "en_US", components.clone())).await;
        assert_eq!(code(refused.unwrap_err()), 132_000, "{name} {components}");
    }
    let wrong_name = json!([{"type": "body", "parameters": [
        {"type": "text", "parameter_name": "discount", "text": "20% off"},
        {"type": "text", "parameter_name": "shop_name", "text": "Lucky Shrub"}]}]);
    let refused = send(template("weekly_offer", "en_US", wrong_name)).await;
    assert_eq!(code(refused.unwrap_err()), 132_000);
    let empty = send(template("event_reminder", "en_US", body(&[" "]))).await;
    assert_eq!(code(empty.unwrap_err()), 131_008);
    let two_lines = send(template("event_reminder", "en_US", body(&["a\nb"]))).await;
    assert_eq!(code(two_lines.unwrap_err()), 132_018);

    // A template deleted through the API is unknown from then on.
    let response = app
        .http
        .delete(format!(
            "{}/sandbox/graph/v25.0/{WABA}/message_templates?name=event_reminder",
            app.url
        ))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let gone = send(template("event_reminder", "en_US", body(&["Friday"]))).await;
    assert_eq!(code(gone.unwrap_err()), 132_001);
    let listed = graph
        .message_templates(WABA, &token(), &PageRequest::default())
        .await
        .unwrap();
    assert_eq!(
        listed.items.len(),
        6,
        "deleted templates are not seeded again"
    );
    app.stop().await;
}
