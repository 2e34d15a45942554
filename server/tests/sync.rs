//! "Sync from WhatsApp": groups created outside GroupDesk are imported across pages, drift is
//! corrected, groups WhatsApp no longer lists are flagged (not deleted), a second run changes
//! nothing, a run resumes from its stored cursor after a restart, and failures are explained.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::graph::GroupsApi;
use app::graph::types::PageRequest;
use app::tenants::Role;
use common::sandbox::demo_access;
use common::{DEMO_PNID, TestApp};
use serde_json::{Value, json};
use sqlx::PgPool;

/// Creates a group on the demo number directly in the sandbox, as another app would: no webhook.
async fn elsewhere(app: &TestApp, subject: &str, body: Value) -> String {
    let mut body = body;
    body["subject"] = json!(subject);
    let (status, answer) = app
        .control(
            reqwest::Method::POST,
            &format!("/numbers/{DEMO_PNID}/groups"),
            body,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    answer["group_id"].as_str().unwrap().to_owned()
}

/// Starts a sync of the demo number and returns the run as the server answered.
async fn start(app: &TestApp) -> Value {
    let number = app.demo_number_id().await;
    let response = app.server_fn("start_sync", &[("number_id", &number)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The demo number's latest run, as the panel shows it.
async fn latest(app: &TestApp) -> Value {
    let response = app.server_fn("sync_status", &[]).await;
    assert_eq!(response.status(), 200);
    let status: Value = response.json().await.unwrap();
    status["numbers"][0]["job"].clone()
}

/// Starts a sync and waits until it ended; returns the finished run.
async fn sync(app: &TestApp) -> Value {
    let started = start(app).await;
    finished(app, &started["id"]).await
}

async fn finished(app: &TestApp, id: &Value) -> Value {
    app.eventually("the sync ends", || async {
        let job = latest(app).await;
        job["id"] == *id && job["state"] != "running"
    })
    .await;
    latest(app).await
}

fn counts(job: &Value) -> [i64; 6] {
    [
        "pages_read",
        "groups_seen",
        "imported",
        "updated",
        "flagged",
        "failed",
    ]
    .map(|key| job[key].as_i64().unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn groups_created_elsewhere_are_imported_across_pages(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("SYNC_PAGE_SIZE", "2")]).await;
    app.sign_in(Role::Staff).await;
    let choir = elsewhere(
        &app,
        "Choir",
        json!({
            "description": "Tuesdays",
            "join_approval_mode": "approval_required",
            "participants": [{"wa_id": "15550001111", "name": "Ana"}, {"user_id": "US.42"}],
        }),
    )
    .await;
    for subject in ["Hikers", "Chess", "Book club", "Runners"] {
        elsewhere(&app, subject, json!({})).await;
    }
    assert!(
        app.queued_webhooks().await.is_empty(),
        "a group made elsewhere tells GroupDesk nothing"
    );

    let job = sync(&app).await;

    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(counts(&job), [3, 5, 5, 0, 0, 0], "{job}");
    let row = sqlx::query!(
        r#"select g.subject, g.description, g.join_approval_mode, g.state, g.invite_link,
                  (select count(*) from participant p where p.group_id = g.group_id
                     and p.left_at is null and p.joined_via = 'sync') as "participants!",
                  s.invite_link as sandbox_link
           from whatsapp_group g join sandbox.wa_group s on s.wa_group_id = g.wa_group_id
           where g.wa_group_id = $1"#,
        choir
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (
            row.subject.as_str(),
            row.description.as_str(),
            row.join_approval_mode.as_str(),
            row.state.as_str()
        ),
        ("Choir", "Tuesdays", "approval_required", "active")
    );
    assert_eq!(row.participants, 2);
    assert!(row.invite_link.is_some());
    assert_eq!(row.invite_link, row.sandbox_link);
    let listed: Value = app
        .server_fn("list_groups", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["groups"].as_array().unwrap().len(), 5, "{listed}");
    let imports: i64 = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action = 'group.import'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(imports, 5);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn drift_is_corrected_a_vanished_group_is_flagged_and_a_second_run_changes_nothing(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[("SYNC_PAGE_SIZE", "2")]).await;
    app.sign_in(Role::Admin).await;
    let renamed = elsewhere(
        &app,
        "Old name",
        json!({"participants": [{"wa_id": "15550002222"}]}),
    )
    .await;
    let joined = elsewhere(&app, "Joined", json!({})).await;
    let vanished = elsewhere(&app, "Vanished", json!({})).await;
    assert_eq!(counts(&sync(&app).await)[2], 3);

    // WhatsApp changes behind GroupDesk's back (no webhooks reach it).
    sqlx::query!(
        "update sandbox.wa_group set subject = 'New name', description = 'Now described', suspended = true
         where wa_group_id = $1",
        renamed
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query!(
        "delete from sandbox.participant where wa_group_id = $1",
        renamed
    )
    .execute(&app.pool)
    .await
    .unwrap();
    app.control(
        reqwest::Method::POST,
        "/users",
        json!({"wa_id": "15550003333"}),
    )
    .await;
    sqlx::query!(
        "insert into sandbox.participant (wa_group_id, user_key, joined_via) values ($1, '15550003333', 'invite_link')",
        joined
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query!(
        "update sandbox.wa_group set deleted_at = now() where wa_group_id = $1",
        vanished
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let second = sync(&app).await;

    assert_eq!(second["state"], "succeeded", "{second}");
    assert_eq!(counts(&second), [1, 2, 0, 2, 1, 0], "{second}");
    let group = |wa_group_id: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query!(
                r#"select subject, description, suspended, state, missing_since is not null as "missing!",
                          (select count(*) from participant p where p.group_id = g.group_id
                             and p.left_at is null) as "present!",
                          (select count(*) from participant p where p.group_id = g.group_id
                             and p.left_reason = 'not_listed') as "not_listed!"
                   from whatsapp_group g where wa_group_id = $1"#,
                wa_group_id
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let fixed = group(renamed).await;
    assert_eq!(
        (
            fixed.subject.as_str(),
            fixed.description.as_str(),
            fixed.suspended
        ),
        ("New name", "Now described", true)
    );
    assert_eq!((fixed.present, fixed.not_listed), (0, 1));
    assert_eq!(group(joined).await.present, 1);
    let gone = group(vanished.clone()).await;
    assert!(gone.missing, "the vanished group is flagged");
    assert_eq!(gone.state, "active", "flagged, not deleted");
    let flagged: i64 = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action = 'group.not_found_on_whatsapp'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(flagged, 1);

    let third = sync(&app).await;

    assert_eq!(counts(&third), [1, 2, 0, 0, 0, 0], "{third}");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn starting_again_while_a_sync_runs_shows_the_running_one(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    elsewhere(&app, "Slow", json!({})).await;
    let (_, mut behaviour) = app
        .control(reqwest::Method::GET, "/behaviour", json!({}))
        .await;
    behaviour["latency_ms"] = json!(400);
    app.control(reqwest::Method::PUT, "/behaviour", behaviour)
        .await;

    let first = start(&app).await;
    let second = start(&app).await;

    assert_eq!(first["id"], second["id"]);
    assert_eq!(second["state"], "running");
    let done = finished(&app, &first["id"]).await;
    assert_eq!(counts(&done)[2], 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_failing_api_makes_the_run_wait_with_the_reason_and_then_finish(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    elsewhere(&app, "Patient", json!({})).await;
    let (_, mut behaviour) = app
        .control(reqwest::Method::GET, "/behaviour", json!({}))
        .await;
    behaviour["error_5xx_rate"] = json!(1.0);
    app.control(reqwest::Method::PUT, "/behaviour", behaviour.clone())
        .await;

    let started = start(&app).await;

    app.eventually("the run waits and says why", || async {
        let job = latest(&app).await;
        job["waiting"] == true
            && job["last_error"]
                .as_str()
                .is_some_and(|e| e.contains("131000"))
    })
    .await;
    behaviour["error_5xx_rate"] = json!(0.0);
    app.control(reqwest::Method::PUT, "/behaviour", behaviour)
        .await;
    let done = finished(&app, &started["id"]).await;
    assert_eq!(done["state"], "succeeded", "{done}");
    assert_eq!(counts(&done)[2], 1);
    assert_eq!(
        done["last_error"],
        Value::Null,
        "a passed problem is not shown"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_ineligible_number_ends_the_run_with_the_reason(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    sqlx::query!(
        "update sandbox.phone_number set is_official_business_account = false where phone_number_id = $1",
        DEMO_PNID
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let job = sync(&app).await;

    assert_eq!(job["state"], "failed");
    let reason = job["last_error"].as_str().unwrap();
    assert!(reason.contains("131215"), "{reason}");
    assert_eq!(
        reason,
        app::AppError::Upstream {
            code: 131215,
            message: app::graph::explain(131215).to_owned()
        }
        .to_string()
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_run_interrupted_by_a_restart_resumes_from_its_cursor(pool: PgPool) {
    let app = TestApp::spawn(pool.clone(), &[("SYNC_PAGE_SIZE", "2")]).await;
    for subject in ["One", "Two", "Three", "Four"] {
        elsewhere(&app, subject, json!({})).await;
    }
    let first_page = app
        .graph()
        .active_groups(
            &demo_access(),
            &PageRequest {
                limit: Some(2),
                ..PageRequest::default()
            },
        )
        .await
        .unwrap();
    app.stop().await;
    // A process read the first page (and imported nothing, say) and died holding the run.
    sqlx::query!(
        r#"insert into sync_job (tenant_id, business_number_id, after_cursor, pages_read, groups_seen,
                                 claimed_until, created_at)
           select tenant_id, business_number_id, $2, 1, 2, now() - interval '1 second',
                  now() - interval '5 minutes'
           from business_number where phone_number_id = $1"#,
        DEMO_PNID,
        first_page.paging.next_cursor().unwrap()
    )
    .execute(&pool)
    .await
    .unwrap();

    let app = TestApp::spawn(pool, &[("SYNC_PAGE_SIZE", "2")]).await;
    app.sign_in(Role::Support).await;

    app.eventually("the run resumes and ends", || async {
        latest(&app).await["state"] == "succeeded"
    })
    .await;
    let job = latest(&app).await;
    assert_eq!(counts(&job), [2, 4, 2, 0, 0, 0], "{job}");
    let imported: Vec<String> =
        sqlx::query_scalar!("select subject from whatsapp_group order by subject")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        imported,
        ["Four", "Three"],
        "only the pages after the cursor"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn support_sees_the_sync_state_but_cannot_start_one(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Support).await;
    let number = app.demo_number_id().await;

    let refused = app.server_fn("start_sync", &[("number_id", &number)]).await;
    let status: Value = app
        .server_fn("sync_status", &[])
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(refused.status(), 403);
    assert_eq!(status["can_start"], false);
    assert_eq!(status["numbers"][0]["job"], Value::Null);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_sandbox_refuses_a_group_made_elsewhere_with_bad_input(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let nine: Vec<Value> = (0..9)
        .map(|i| json!({ "wa_id": format!("1555000900{i}") }))
        .collect();
    let path = format!("/numbers/{DEMO_PNID}/groups");

    let (too_many, _) = app
        .control(
            reqwest::Method::POST,
            &path,
            json!({"subject": "Big", "participants": nine}),
        )
        .await;
    let (blank, _) = app
        .control(reqwest::Method::POST, &path, json!({"subject": "  "}))
        .await;
    let (unknown, _) = app
        .control(
            reqwest::Method::POST,
            "/numbers/999/groups",
            json!({"subject": "Lost"}),
        )
        .await;

    assert_eq!((too_many, blank, unknown), (422, 422, 404));
    let groups: i64 = sqlx::query_scalar!(r#"select count(*) as "n!" from sandbox.wa_group"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(groups, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_group_whatsapp_no_longer_lists_can_be_marked_deleted_and_comes_back_if_listed_again(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let kept = elsewhere(&app, "Still there", json!({})).await;
    let vanished = elsewhere(&app, "Gone elsewhere", json!({})).await;
    assert_eq!(counts(&sync(&app).await)[2], 2);
    let id_of = |wa_group_id: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, uuid::Uuid>(
                "select group_id from whatsapp_group where wa_group_id = $1",
            )
            .bind(wa_group_id)
            .fetch_one(&pool)
            .await
            .unwrap()
            .to_string()
        }
    };
    let (kept_id, vanished_id) = (id_of(kept).await, id_of(vanished.clone()).await);
    let mark = |group_id: String, subject: &'static str| {
        let app = &app;
        async move {
            app.server_fn(
                "mark_group_deleted",
                &[("group_id", &group_id), ("confirm_subject", subject)],
            )
            .await
        }
    };
    let state_of = |group_id: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "select state from whatsapp_group where group_id = $1::uuid",
            )
            .bind(group_id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };

    // WhatsApp still lists it: marking is refused, and the way to delete is through WhatsApp.
    let listed = mark(kept_id.clone(), "Still there").await;
    assert_eq!(listed.status(), 409);
    assert!(
        listed
            .text()
            .await
            .unwrap()
            .contains("delete this one through WhatsApp")
    );

    app.control(
        reqwest::Method::POST,
        &format!("/groups/{vanished}/vanish"),
        json!({}),
    )
    .await;
    assert_eq!(
        counts(&sync(&app).await)[4],
        1,
        "the vanished group is flagged"
    );
    let typo = mark(vanished_id.clone(), "Gone elsewhere!").await;
    assert_eq!(typo.status(), 422);
    assert_eq!(state_of(vanished_id.clone()).await, "active");

    let marked = mark(vanished_id.clone(), "Gone elsewhere").await;

    assert_eq!(marked.status(), 200, "{}", marked.text().await.unwrap());
    assert_eq!(state_of(vanished_id.clone()).await, "deleted");
    assert_eq!(state_of(kept_id).await, "active");
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'group.mark_deleted'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let again = mark(vanished_id.clone(), "Gone elsewhere").await;
    assert_eq!(again.status(), 409, "already deleted");
    assert_eq!(
        counts(&sync(&app).await)[4],
        0,
        "a deleted group is not flagged again"
    );

    // WhatsApp lists it again (the number rejoined, say): the next sync makes it active.
    sqlx::query("update sandbox.wa_group set deleted_at = null where wa_group_id = $1")
        .bind(&vanished)
        .execute(&app.pool)
        .await
        .unwrap();
    sync(&app).await;
    assert_eq!(state_of(vanished_id).await, "active");
    app.stop().await;
}
