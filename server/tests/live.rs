//! Live updates: fed from PostgreSQL, so a stream served by one process shows an event that
//! another process produced; a reconnecting stream resumes from `Last-Event-ID` without gaps.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use sqlx::PgPool;
use std::time::Duration;

/// Reads an event stream until `wanted` events arrived; returns their (id, data) pairs.
async fn read_events(
    mut response: reqwest::Response,
    wanted: usize,
) -> Vec<(Option<String>, String)> {
    let mut text = String::new();
    let mut events = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while events.len() < wanted {
        let chunk = tokio::time::timeout_at(deadline, response.chunk())
            .await
            .expect("events arrive in time")
            .unwrap()
            .expect("the stream stays open");
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let id = block
                .lines()
                .find_map(|line| line.strip_prefix("id:"))
                .map(|id| id.trim().to_owned());
            if let Some(data) = block.lines().find_map(|line| line.strip_prefix("data:")) {
                events.push((id, data.trim().to_owned()));
            }
        }
    }
    events
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_event_produced_by_one_process_reaches_a_stream_served_by_another(pool: PgPool) {
    let first = TestApp::spawn(pool.clone(), &[]).await;
    let second = TestApp::spawn(pool, &[]).await;
    first.sign_in(Role::Staff).await;
    // The same person, signed in through the other process (sessions live in the database).
    first.login(&second.http, "staff@demo.test").await;
    let stream = second
        .http
        .get(format!("{}/api/live", second.url))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);

    let created = first
        .create_group("Across processes", "", "auto_approve")
        .await;
    assert_eq!(created.status(), 200);

    let events = read_events(stream, 1).await;
    assert!(events[0].1.contains(r#""kind":"group""#), "{events:?}");
    assert!(
        events[0].0.is_some(),
        "each event carries an id to resume from"
    );
    second.stop().await;
    first.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_reconnecting_stream_gets_what_it_missed_and_only_its_tenants(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    for subject in ["One", "Two", "Three"] {
        app.create_group(subject, "", "auto_approve").await;
    }
    app.eventually("the groups are active", || async {
        sqlx::query_scalar!(r#"select count(*) as "n!" from whatsapp_group where state = 'active'"#)
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == 3
    })
    .await;
    // Another tenant's event, which this stream must never carry.
    let other = app.create_tenant("Other", "other").await;
    let mut conn = app.pool.acquire().await.unwrap();
    let foreign = app::live::LiveEvent {
        tenant_id: other,
        change: app::live::Change::Group {
            group_id: app::ids::GroupId(uuid::Uuid::nil()),
        },
    };
    app::live::store::publish(&mut conn, &foreign)
        .await
        .unwrap();
    let ids: Vec<i64> = sqlx::query_scalar!("select live_event_id from live_event order by 1")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mine: Vec<i64> = sqlx::query_scalar!(
        "select live_event_id from live_event where tenant_id <> $1 order by 1",
        other.0
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(ids.len() > mine.len());

    let resumed = app
        .http
        .get(format!("{}/api/live", app.url))
        .header("last-event-id", mine[0].to_string())
        .send()
        .await
        .unwrap();
    let events = read_events(resumed, mine.len() - 1).await;

    let replayed: Vec<i64> = events
        .iter()
        .map(|(id, _)| id.as_ref().unwrap().parse().unwrap())
        .collect();
    assert_eq!(
        replayed,
        mine[1..].to_vec(),
        "everything after the last seen id, in order, nothing foreign"
    );
    app.stop().await;
}
