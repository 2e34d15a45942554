//! Webhook ingest: one stored row per event with a dedup key per event, and group commit.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{DEMO_PNID, TestApp};
use serde_json::{Value, json};
use sqlx::PgPool;

/// A `messages` webhook carrying the group messages `ids` of group "G-BATCH".
fn messages(ids: &[&str]) -> String {
    let messages: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"from": "15550140001", "group_id": "G-BATCH", "id": id, "timestamp": "1700000000",
                   "type": "text", "text": {"body": format!("hello {id}")}})
        })
        .collect();
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages",
        "value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "1", "phone_number_id": DEMO_PNID},
            "contacts": [{"profile": {"name": "A"}, "wa_id": "15550140001"}],
            "messages": messages}}]}]})
    .to_string()
}

async fn active_group(app: &TestApp) {
    sqlx::query!(
        r#"insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state)
           select tenant_id, business_number_id, 'G-BATCH', 'Batch', 'active'
           from business_number where phone_number_id = $1"#,
        DEMO_PNID
    )
    .execute(&app.pool)
    .await
    .unwrap();
}

async fn applied(app: &TestApp) -> i64 {
    sqlx::query_scalar!(r#"select count(*) as "n!" from webhook_event where outcome = 'applied'"#)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_event_redelivered_inside_another_batch_is_a_no_op(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    active_group(&app).await;

    let first = messages(&["wamid.1", "wamid.2"]);
    let again = messages(&["wamid.2", "wamid.3"]);
    assert_eq!(
        app.post_signed_webhook(first.as_bytes()).await.status(),
        200
    );
    assert_eq!(
        app.post_signed_webhook(again.as_bytes()).await.status(),
        200
    );
    assert_eq!(
        app.post_signed_webhook(again.as_bytes()).await.status(),
        200
    );

    assert_eq!(app.stored_events().await, 3, "one row per distinct event");
    app.eventually("every event is applied", || async {
        applied(&app).await == 3
    })
    .await;
    let live = sqlx::query_scalar!(r#"select count(*) as "n!" from live_event"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        live, 3,
        "one live update per message, none for the redelivery"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_failed_group_commit_answers_503_to_every_request_in_it_and_stores_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    active_group(&app).await;
    // Every insert into the queue now fails, as a full disk or a lost connection would.
    sqlx::query("alter table webhook_event add constraint refuse_all check (lane < 0) not valid")
        .execute(&app.pool)
        .await
        .unwrap();

    let bodies: Vec<String> = (0..20)
        .map(|n| messages(&[&format!("wamid.fail.{n}")]))
        .collect();
    let answers = futures::future::join_all(
        bodies
            .iter()
            .map(|body| app.post_signed_webhook(body.as_bytes())),
    )
    .await;

    for answer in answers {
        assert_eq!(answer.status(), 503);
    }
    assert_eq!(app.stored_events().await, 0);

    // Meta delivers again later; now it is stored and applied once.
    sqlx::query("alter table webhook_event drop constraint refuse_all")
        .execute(&app.pool)
        .await
        .unwrap();
    let answers = futures::future::join_all(
        bodies
            .iter()
            .map(|body| app.post_signed_webhook(body.as_bytes())),
    )
    .await;
    for answer in answers {
        assert_eq!(answer.status(), 200);
    }
    assert_eq!(app.stored_events().await, 20);
    app.eventually("every event is applied", || async {
        applied(&app).await == 20
    })
    .await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_failing_event_is_retried_alone_while_the_rest_of_its_batch_commits(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    active_group(&app).await;
    // Break applying suspensions only.
    sqlx::query("alter table whatsapp_group rename column suspension_changed_at to broken")
        .execute(&app.pool)
        .await
        .unwrap();
    // One body, one group (so one lane and one batch): a message, a suspension, a message.
    let mut body: Value = serde_json::from_str(&messages(&["wamid.before"])).unwrap();
    let suspension = json!({"field": "group_status_update", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "1", "phone_number_id": DEMO_PNID},
        "groups": [{"timestamp": "1700000000", "type": "group_suspend", "group_id": "G-BATCH"}]}});
    let after: Value = serde_json::from_str(&messages(&["wamid.after"])).unwrap();
    let changes = body["entry"][0]["changes"].as_array_mut().unwrap();
    changes.push(suspension);
    changes.push(after["entry"][0]["changes"][0].clone());

    let body = body.to_string();
    assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);

    app.eventually("both messages are applied", || async {
        applied(&app).await == 2
    })
    .await;
    app.eventually("the suspension failed and waits for a retry", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event
               where outcome is null and attempts >= 1 and last_error like '%suspension_changed_at%'"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    let stored = sqlx::query_scalar!(
        r#"select count(*) as "n!" from message where wamid in ('wamid.before', 'wamid.after')"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, 2);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_endpoint_counts_as_busy_while_many_requests_wait_to_be_stored(pool: PgPool) {
    let ingest = server::ingest::Ingest::start(pool.clone());
    let pressure = ingest.pressure();
    assert!(!pressure.busy(), "nothing waits yet");

    // Every insert into webhook_event waits while this lock is held.
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("lock table webhook_event in exclusive mode")
        .execute(&mut *blocker)
        .await
        .unwrap();
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..40 {
        let ingest = ingest.clone();
        let body: Value = serde_json::from_str(&messages(&[&format!("wamid.busy.{n}")])).unwrap();
        requests.spawn(async move { ingest.store(app::webhooks::store::split(&body)).await });
    }
    let mut waited = 0;
    while !pressure.busy() {
        assert!(waited < 1_000, "40 waiting requests never counted as busy");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        waited += 1;
    }

    blocker.rollback().await.unwrap();
    while let Some(stored) = requests.join_next().await {
        assert_eq!(
            stored.unwrap().unwrap(),
            vec![true],
            "each event is stored once"
        );
    }
    assert!(
        !pressure.busy(),
        "nothing waits once every request is answered"
    );
    let rows: i64 = sqlx::query_scalar("select count(*) from webhook_event")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 40);
}
