//! The tenant-wide join-request queue: many requests decided in one go, one WhatsApp call per
//! group, each with its own outcome; and "Check WhatsApp for requests" (SPEC §2.12–§2.14).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use serde_json::Value;
use sqlx::PgPool;

/// An approval-required group made through the app: its GroupDesk ID and invite link.
async fn gated_group(app: &TestApp, subject: &str) -> (String, String) {
    let response = app.create_group(subject, "", "approval_required").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.eventually("the group is active", || async {
        sqlx::query_scalar::<_, bool>(
            "select coalesce(bool_and(state = 'active'), false) from whatsapp_group where subject = $1",
        )
        .bind(subject)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    })
    .await;
    let (id, link): (uuid::Uuid, String) =
        sqlx::query_as("select group_id, invite_link from whatsapp_group where subject = $1")
            .bind(subject)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    (id.to_string(), link)
}

/// Users ask to join with the link; waits until GroupDesk has every request.
async fn ask(app: &TestApp, link: &str, phones: &[String]) {
    for phone in phones {
        assert_eq!(app.join(link, phone).await.1["result"], "requested");
    }
    app.eventually("the requests arrive", || async {
        pending_of(app, phones).await.len() == phones.len()
    })
    .await;
}

/// GroupDesk's IDs of the waiting requests of these users, in their order.
async fn pending_of(app: &TestApp, phones: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for phone in phones {
        let id: Option<uuid::Uuid> = sqlx::query_scalar(
            "select join_request_id from join_request where wa_id = $1 and state = 'pending'",
        )
        .bind(phone)
        .fetch_optional(&app.pool)
        .await
        .unwrap();
        ids.extend(id.map(|id| id.to_string()));
    }
    ids
}

async fn state_of(app: &TestApp, phone: &str) -> (String, Option<String>) {
    sqlx::query_as("select state, failure_reason from join_request where wa_id = $1")
        .bind(phone)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn decide(
    app: &TestApp,
    client: &reqwest::Client,
    ids: &[String],
    decision: &str,
) -> Vec<Value> {
    let joined = ids.join(",");
    let form = [
        ("join_request_ids", joined.as_str()),
        ("decision", decision),
    ];
    let response = common::call(client, &app.url, "decide_join_requests", &form).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn phones(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:03}")).collect()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_bulk_approval_explains_each_failure_and_approves_the_rest(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    // Support moderates: they decide, as on the group page.
    let tenant = app.demo_tenant().await;
    let support = app.user("support@demo.test", tenant, Role::Support).await;
    let (_, full_link) = gated_group(&app, "Full club").await;
    let (open_id, open_link) = gated_group(&app, "Open club").await;
    let crowd = phones("15550081", 9);
    ask(&app, &full_link, &crowd).await;
    let (fine, gone) = ("15550082001".to_owned(), "15550082002".to_owned());
    ask(&app, &open_link, &[fine.clone(), gone.clone()]).await;
    // Eight approved at once fill the group.
    let first_eight = pending_of(&app, &crowd[..8]).await;
    let outcomes = decide(&app, &support.client, &first_eight, "approve").await;
    assert!(
        outcomes.iter().all(|o| o["kind"] == "Approving"),
        "{outcomes:?}"
    );
    app.eventually("eight participants", || async {
        sqlx::query_scalar::<_, i64>("select count(*) from participant where left_at is null")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == 8
    })
    .await;
    // The user withdrew at WhatsApp, and GroupDesk never heard.
    sqlx::query("delete from sandbox.join_request where user_key = $1")
        .bind(&gone)
        .execute(&app.pool)
        .await
        .unwrap();
    let events_before: i64 = sqlx::query_scalar("select count(*) from live_event")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let ninth = pending_of(&app, &crowd[8..]).await;
    let mut chosen = pending_of(&app, &[fine.clone(), gone.clone()]).await;
    chosen.insert(0, ninth[0].clone());
    chosen.push(first_eight[0].clone());

    let outcomes = decide(&app, &support.client, &chosen, "approve").await;

    let kinds: Vec<&str> = outcomes
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Failed", "Approving", "Failed", "NotPending"]);
    let ids: Vec<&str> = outcomes.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, chosen.iter().map(String::as_str).collect::<Vec<_>>());
    let full = outcomes[0]["message"].as_str().unwrap();
    assert!(
        full.contains("group is full") && full.contains("131204"),
        "{full}"
    );
    let missing = outcomes[2]["message"].as_str().unwrap();
    assert!(missing.contains("131213"), "{missing}");
    let (state, reason) = state_of(&app, &crowd[8]).await;
    assert_eq!(state, "failed");
    assert_eq!(reason.as_deref(), Some(full));
    let (state, reason) = state_of(&app, &gone).await;
    assert_eq!(
        (state.as_str(), reason.as_deref()),
        ("failed", Some(missing))
    );
    app.eventually("the fine request is approved", || async {
        state_of(&app, &fine).await.0 == "approved"
    })
    .await;
    let events_after: i64 = sqlx::query_scalar("select count(*) from live_event")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        events_after >= events_before + 2,
        "one live event per group"
    );
    let audited: Vec<(String, bool)> = sqlx::query_as(
        "select action, outcome = 'success' from audit_log where action like 'group.%join_requests' order by audit_log_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        audited.len(),
        3,
        "one entry per group and call: {audited:?}"
    );
    // The queue shows every row of both groups with its outcome, and filters by group.
    let queue = app
        .server_fn("join_queue", &[("group", &open_id), ("age", "")])
        .await;
    assert_eq!(queue.status(), 200);
    let queue: Value = queue.json().await.unwrap();
    let mut states: Vec<&str> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["state"].as_str().unwrap())
        .collect();
    states.sort_unstable();
    assert_eq!(states, ["approved", "failed"]);
    let old = app
        .server_fn("join_queue", &[("group", ""), ("age", "1h")])
        .await;
    let old: Value = old.json().await.unwrap();
    assert_eq!(
        old["items"].as_array().unwrap().len(),
        0,
        "nothing waits an hour yet"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_bulk_rejection_spans_groups_and_bad_input_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (_, one) = gated_group(&app, "Chess club").await;
    let (_, two) = gated_group(&app, "Go club").await;
    ask(&app, &one, &["15550083001".to_owned()]).await;
    ask(&app, &two, &["15550083002".to_owned()]).await;
    let chosen = pending_of(&app, &["15550083001".to_owned(), "15550083002".to_owned()]).await;

    let outcomes = decide(&app, &app.http, &chosen, "reject").await;

    assert!(
        outcomes.iter().all(|o| o["kind"] == "Rejected"),
        "{outcomes:?}"
    );
    assert_eq!(state_of(&app, "15550083001").await.0, "rejected");
    assert_eq!(state_of(&app, "15550083002").await.0, "rejected");
    let left: i64 = sqlx::query_scalar("select count(*) from sandbox.join_request")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "WhatsApp no longer holds them");
    for (ids, decision) in [
        ("", "reject"),
        ("nope", "approve"),
        (chosen[0].as_str(), "maybe"),
    ] {
        let response = app
            .server_fn(
                "decide_join_requests",
                &[("join_request_ids", ids), ("decision", decision)],
            )
            .await;
        assert_eq!(response.status(), 422, "{ids} {decision}");
    }
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn checking_whatsapp_adds_missed_requests_once_across_pages(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, link) = gated_group(&app, "Busy club").await;
    // More than one page of WhatsApp's 25.
    let crowd = phones("15550084", 27);
    ask(&app, &link, &crowd).await;
    // GroupDesk missed most webhooks; one request it had closed is waiting again at WhatsApp.
    sqlx::query("delete from join_request where wa_id <> $1")
        .bind(&crowd[0])
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "update join_request set state = 'failed', failure_reason = 'old', decided_at = now()",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let response = app
        .server_fn("refresh_join_requests", &[("group_id", &group)])
        .await;

    assert_eq!(response.status(), 200);
    let found: Value = response.json().await.unwrap();
    assert_eq!(found["found"], 27);
    assert_eq!(found["added"], 27);
    assert_eq!(pending_of(&app, &crowd).await.len(), 27);
    let again: Value = app
        .server_fn("refresh_join_requests", &[("group_id", &group)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (again["found"].as_i64(), again["added"].as_i64()),
        (Some(27), Some(0))
    );
    let rows: i64 = sqlx::query_scalar("select count(*) from join_request")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 27);
    let unknown = app
        .server_fn(
            "refresh_join_requests",
            &[("group_id", "00000000-0000-0000-0000-000000000000")],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_call_whatsapp_refuses_as_a_whole_leaves_its_requests_waiting(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, link) = gated_group(&app, "Quiet club").await;
    let who = ["15550085001".to_owned()];
    ask(&app, &link, &who).await;
    let wa_group: String =
        sqlx::query_scalar("select wa_group_id from whatsapp_group where group_id = $1::uuid")
            .bind(&group)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (status, _) = app
        .control(
            reqwest::Method::POST,
            &format!("/groups/{wa_group}/suspend"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let chosen = pending_of(&app, &who).await;

    let outcomes = decide(&app, &app.http, &chosen, "approve").await;

    assert_eq!(outcomes[0]["kind"], "Failed");
    let message = outcomes[0]["message"].as_str().unwrap();
    assert!(message.contains("131207"), "{message}");
    assert_eq!(
        state_of(&app, &who[0]).await,
        ("pending".to_owned(), None),
        "nothing happened at WhatsApp, so it can be decided again"
    );
    let audited: String = sqlx::query_scalar(
        "select outcome from audit_log where action = 'group.approve_join_requests'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, "failure");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn two_people_deciding_one_request_at_once_send_whatsapp_one_decision(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let tenant = app.demo_tenant().await;
    let support = app.user("support@demo.test", tenant, Role::Support).await;
    let (_, link) = gated_group(&app, "Contested club").await;
    let who = ["15550086001".to_owned()];
    ask(&app, &link, &who).await;
    let chosen = pending_of(&app, &who).await;

    // Staff approve while support reject, at the same moment.
    let (approved, rejected) = tokio::join!(
        decide(&app, &app.http, &chosen, "approve"),
        decide(&app, &support.client, &chosen, "reject"),
    );

    let mut kinds = [
        approved[0]["kind"].as_str().unwrap(),
        rejected[0]["kind"].as_str().unwrap(),
    ];
    kinds.sort_unstable();
    let winner = match kinds {
        ["Approving", "NotPending"] => "approved",
        ["NotPending", "Rejected"] => "rejected",
        other => panic!("one decision goes through and the other sends nothing: {other:?}"),
    };
    let loser = if winner == "approved" {
        &rejected
    } else {
        &approved
    };
    assert!(
        loser[0]["message"]
            .as_str()
            .unwrap()
            .contains("nothing was sent"),
        "{loser:?}"
    );
    app.eventually("WhatsApp's outcome is stored", || async {
        state_of(&app, &who[0]).await.0 == winner
    })
    .await;
    let calls: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action like 'group.%join_requests'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(calls, 1, "one call reached WhatsApp");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_deleted_groups_waiting_requests_leave_the_queue_and_its_count(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (doomed, doomed_link) = gated_group(&app, "Doomed club").await;
    let (_, kept_link) = gated_group(&app, "Kept club").await;
    ask(&app, &doomed_link, &["15550087001".to_owned()]).await;
    ask(&app, &kept_link, &["15550087002".to_owned()]).await;
    assert_eq!(queue(&app).await.1, 2);

    let deleted = app
        .server_fn(
            "delete_group",
            &[("group_id", &doomed), ("confirm_subject", "Doomed club")],
        )
        .await;
    assert_eq!(deleted.status(), 200);
    app.eventually("the group is deleted", || async {
        sqlx::query_scalar::<_, String>(
            "select state from whatsapp_group where group_id = $1::uuid",
        )
        .bind(&doomed)
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == "deleted"
    })
    .await;

    assert_eq!(
        state_of(&app, "15550087001").await.0,
        "pending",
        "WhatsApp said nothing about the request itself"
    );
    assert_eq!(queue(&app).await, (vec!["Kept club".to_owned()], 1));
    app.stop().await;
}

/// The whole queue's group subjects, and how many wait in all.
async fn queue(app: &TestApp) -> (Vec<String>, i64) {
    let queue: Value = app
        .server_fn("join_queue", &[("group", ""), ("age", "")])
        .await
        .json()
        .await
        .unwrap();
    let subjects = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["group_subject"].as_str().unwrap().to_owned())
        .collect();
    (subjects, queue["waiting_total"].as_i64().unwrap())
}
