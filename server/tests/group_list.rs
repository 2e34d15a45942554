//! The groups list: search, filters, orders and keyset pages, always within the caller's tenant.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{TestApp, call};
use serde_json::Value;
use sqlx::PgPool;
use std::collections::HashSet;
use uuid::Uuid;

/// Inserts `count` active groups on `number`, one second apart (the first oldest), named
/// `"{prefix} {i}"`, and returns their IDs in insertion order.
async fn seed(app: &TestApp, number: &str, prefix: &str, count: i32) -> Vec<Uuid> {
    let number = Uuid::parse_str(number).unwrap();
    sqlx::query_scalar::<_, Uuid>(
        "insert into whatsapp_group
           (tenant_id, business_number_id, wa_group_id, subject, state, created_at)
         select n.tenant_id, n.business_number_id, $2 || i, $2 || ' ' || i, 'active',
                now() - interval '1 day' + i * interval '1 second'
           from business_number n, generate_series(1, $3) i
          where n.business_number_id = $1
          order by i
         returning group_id",
    )
    .bind(number)
    .bind(prefix)
    .bind(count)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn list(app: &TestApp, form: &[(&str, &str)]) -> Value {
    list_as(&app.http, &app.url, form).await
}

/// Calls `list_groups` with the filter's fields as `filter[name]=value`.
async fn list_as(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> Value {
    let form: Vec<(String, &str)> = form
        .iter()
        .map(|(name, value)| (format!("filter[{name}]"), *value))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let response = call(client, url, "list_groups", &form).await;
    assert_eq!(response.status(), 200, "{form:?}");
    response.json().await.unwrap()
}

fn subjects(page: &Value) -> Vec<String> {
    page["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group["subject"].as_str().unwrap().to_owned())
        .collect()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn pages_walk_every_group_once_in_order(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Support).await;
    let number = app.demo_number_id().await;
    seed(&app, &number, "Club", 120).await;

    for (sort, first, last) in [
        ("newest", "Club 120", "Club 1"),
        ("oldest", "Club 1", "Club 120"),
        ("subject", "Club 1", "Club 99"),
    ] {
        let mut seen = Vec::new();
        let mut cursor = String::new();
        let mut pages = 0;
        loop {
            let page = list(&app, &[("sort", sort), ("cursor", &cursor)]).await;
            pages += 1;
            seen.extend(subjects(&page));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
        assert_eq!(pages, 3, "{sort}: 50 + 50 + 20");
        assert_eq!(seen.len(), 120, "{sort}");
        assert_eq!(
            seen.iter().collect::<HashSet<_>>().len(),
            120,
            "{sort}: no repeats"
        );
        assert_eq!(seen.first().unwrap(), first, "{sort}");
        assert_eq!(seen.last().unwrap(), last, "{sort}");
    }
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn search_and_filters_narrow_the_list(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let demo = app.demo_number_id().await;
    let tenant = app.demo_tenant().await;
    let other_number: Uuid = sqlx::query_scalar(
        "insert into business_number (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
         values ($1, '555000111', '555000222', '+1 555 000 111', true) returning business_number_id",
    )
    .bind(tenant.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let clubs = seed(&app, &demo, "Book Club", 3).await;
    seed(&app, &demo, "Runners", 2).await;
    seed(&app, &other_number.to_string(), "Chess 100%", 2).await;
    sqlx::query("update whatsapp_group set suspended = true, join_approval_mode = 'approval_required' where group_id = $1")
        .bind(clubs[0])
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into join_request (tenant_id, group_id, wa_join_request_id, user_id, state)
         select tenant_id, group_id, 'jr-1', 'US.1', 'pending' from whatsapp_group where group_id = $1",
    )
    .bind(clubs[1])
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into participant (tenant_id, group_id, user_id, joined_via)
         select tenant_id, group_id, 'US.' || i, 'invite_link'
           from whatsapp_group, generate_series(1, 3) i where group_id = $1",
    )
    .bind(clubs[2])
    .execute(&app.pool)
    .await
    .unwrap();

    let names = |page: Value| {
        let mut names = subjects(&page);
        names.sort();
        names
    };
    assert_eq!(
        names(list(&app, &[("q", "  bOOK ")]).await),
        ["Book Club 1", "Book Club 2", "Book Club 3"]
    );
    assert_eq!(
        names(list(&app, &[("q", "100%")]).await),
        ["Chess 100% 1", "Chess 100% 2"]
    );
    assert_eq!(
        names(list(&app, &[("q", "0%")]).await).len(),
        2,
        "% matches itself"
    );
    assert!(
        names(list(&app, &[("q", "_")]).await).is_empty(),
        "_ matches itself"
    );
    assert_eq!(
        names(list(&app, &[("state", "suspended")]).await),
        ["Book Club 1"]
    );
    assert_eq!(
        names(list(&app, &[("approval", "approval_required")]).await),
        ["Book Club 1"]
    );
    assert_eq!(
        names(list(&app, &[("pending", "true")]).await),
        ["Book Club 2"]
    );
    assert_eq!(
        names(list(&app, &[("number", &other_number.to_string())]).await),
        ["Chess 100% 1", "Chess 100% 2"]
    );
    assert_eq!(names(list(&app, &[("state", "failed")]).await).len(), 0);
    assert_eq!(names(list(&app, &[("state", "active")]).await).len(), 7);

    let page = list(&app, &[("q", "book")]).await;
    let by_subject = |subject: &str| {
        page["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|group| group["subject"] == subject)
            .unwrap()
            .clone()
    };
    assert_eq!(by_subject("Book Club 2")["pending_requests"], 1);
    assert_eq!(by_subject("Book Club 3")["participants"], 3);
    assert_eq!(by_subject("Book Club 1")["participants"], 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn another_tenants_groups_and_cursors_stay_out(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let number = app.demo_number_id().await;
    let demo_groups = seed(&app, &number, "Demo", 3).await;
    let other = app.create_tenant("Other", "other").await;
    let olga = app.user("olga@example.org", other, Role::Admin).await;
    let list =
        |form: &'static [(&'static str, &'static str)]| list_as(&olga.client, &app.url, form);

    assert!(subjects(&list(&[]).await).is_empty());
    assert!(subjects(&list(&[("q", "Demo")]).await).is_empty());
    let cursor = [("cursor", demo_groups[2].to_string())];
    let cursor: Vec<(&str, &str)> = cursor.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let page = list_as(&olga.client, &app.url, &cursor).await;
    assert!(subjects(&page).is_empty(), "a foreign cursor finds nothing");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_filter_is_named(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    for (field, value) in [
        ("state", "sleeping"),
        ("approval", "sometimes"),
        ("number", "not-an-id"),
        ("sort", "random"),
        ("cursor", "page-2"),
    ] {
        let form = [(format!("filter[{field}]"), value)];
        let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        let response = app.server_fn("list_groups", &form).await;
        assert_eq!(response.status(), 422, "{field}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["Validation"]["field"], field);
    }
    app.stop().await;
}
