//! Every webhook example in SPEC, fed through the signed endpoint with the demo number and a
//! real group put in place of the placeholders, lands in GroupDesk's state.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{DEMO_PNID, TestApp};
use sqlx::PgPool;

fn fixtures() -> Vec<(String, String)> {
    let dir = format!(
        "{}/../app/src/webhooks/payload/fixtures",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn every_spec_example_is_stored_and_applied(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    app.create_group("Examples", "", "approval_required").await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar!("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "active"
    })
    .await;
    let group = sqlx::query_scalar!("select wa_group_id from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
        .unwrap();
    let before = app.stored_events().await;

    let examples = fixtures();
    assert!(examples.len() >= 20);
    let mut keys = std::collections::BTreeSet::new();
    for (name, body) in &examples {
        let body = [
            "<BUSINESS_PHONE_NUMBER_ID>",
            "BUSINESS_PHONE_NUMBER_ID",
            "PHONE_NUMBER_ID",
            "106540352242922",
        ]
        .iter()
        .fold(body.clone(), |body, placeholder| {
            body.replace(placeholder, DEMO_PNID)
        })
        .replace(
            "HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA",
            &group,
        )
        .replace("<GROUP_ID>", &group)
        .replace("\"GROUP_ID\"", &format!("\"{group}\""))
        // SPEC's examples share one placeholder request ID; real outcomes each have their own,
        // and the dedup key includes it, so give each example its own.
        .replace(
            r#""request_id": "REQUEST_ID""#,
            &format!(r#""request_id": "REQUEST_ID-{name}""#),
        );
        let response = app.post_signed_webhook(body.as_bytes()).await;
        assert_eq!(response.status(), 200, "{name}");
        let events = app::webhooks::store::split(&serde_json::from_str(&body).unwrap());
        assert!(!events.is_empty(), "{name} has events");
        keys.extend(events.into_iter().map(|event| event.dedup_key));
    }

    // One row per event: some examples carry several (aggregated statuses).
    assert!(keys.len() > examples.len());
    assert_eq!(
        app.stored_events().await - before,
        i64::try_from(keys.len()).unwrap()
    );
    app.eventually("every example was processed or waits for its operation", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event where processed_at is null and attempts = 0"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 0
    })
    .await;
    let bad = sqlx::query_scalar!(
        r#"select count(*) as "n!" from webhook_event where outcome in ('unreadable', 'parked', 'quarantined')"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(bad, 0, "no example is unreadable, parked or quarantined");

    let messages: Vec<(String, Option<String>)> =
        sqlx::query!("select message_type, body from message order by message_type")
            .fetch_all(&app.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.message_type, row.body))
            .collect();
    assert!(
        messages.contains(&(
            "text".into(),
            Some("What does everyone think about this?".into())
        )),
        "{messages:?}"
    );
    assert!(messages.iter().any(|(kind, _)| kind == "unsupported"));
    let requests: Vec<String> = sqlx::query_scalar!("select state from join_request")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(requests.contains(&"revoked".to_owned()), "{requests:?}");
    let participants = sqlx::query_scalar!(r#"select count(*) as "n!" from participant"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(participants >= 2, "joins by link and by approval");
    // The settings examples carry request IDs no operation of GroupDesk has: each waits a few
    // seconds for its operation to be filed, then applies as a change made outside GroupDesk.
    app.eventually("the successful settings example renamed it", || async {
        let subject: String = sqlx::query_scalar("select subject from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        subject == "Test Subject"
    })
    .await;
    let suspended: bool = sqlx::query_scalar("select suspended from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!suspended, "suspended, then cleared");
    app.stop().await;
}
