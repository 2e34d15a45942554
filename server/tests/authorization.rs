//! The authorization matrix: every server function, page and route is called as an anonymous
//! visitor, as an admin of another tenant, and with each role that is too small; each call must be
//! denied and change nothing in the target tenant.
//!
//! The list of endpoints is not written here: server functions come from the server-fn registry,
//! pages from the Leptos route list and other routes from `server::routes::declared_routes()`.
//! [`ACCESS`] says who may call each one; an endpoint missing from it fails the suite, so a new
//! endpoint cannot ship without a decision (and a check) for it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::ids::TenantId;
use app::tenants::Role;
use common::{TestApp, TestUser, browser, call};
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone: sign-in, one-time links, health, machine endpoints (they check their own secrets).
    Public,
    /// A signed-in person; the endpoint checks anything tenant-specific itself.
    SignedIn,
    /// A member of the current tenant with one of these roles.
    Members(&'static [Role]),
    /// A platform admin (whatever their tenants); no tenant member may call it.
    Platform,
}

use Access::{Members, Platform, Public, SignedIn};

const ADMIN: &[Role] = &[Role::Admin];
const ADMIN_STAFF: &[Role] = &[Role::Admin, Role::Staff];
const ADMIN_SUPPORT: &[Role] = &[Role::Admin, Role::Support];

/// Every endpoint, by kind and path, and who may call it.
const ACCESS: &[(&str, Access)] = &[
    // Server functions.
    ("fn /api/login", Public),
    ("fn /api/logout", Public),
    ("fn /api/current_user", Public),
    ("fn /api/complete_setup", Public),
    ("fn /api/sign_in_options", Public),
    ("fn /api/switch_tenant", SignedIn),
    ("fn /api/list_groups", Members(Role::ALL)),
    ("fn /api/list_numbers", Members(Role::ALL)),
    ("fn /api/create_group", Members(ADMIN_STAFF)),
    ("fn /api/list_people", Members(ADMIN)),
    ("fn /api/create_invitation", Members(ADMIN)),
    ("fn /api/create_password_reset", Members(ADMIN)),
    ("fn /api/accept_invitation", Public),
    ("fn /api/reset_password", Public),
    ("fn /api/list_audit", Members(ADMIN_SUPPORT)),
    ("fn /api/group_detail", Members(Role::ALL)),
    ("fn /api/group_header", Members(Role::ALL)),
    ("fn /api/list_operations", Members(Role::ALL)),
    ("fn /api/chat_messages", Members(Role::ALL)),
    ("fn /api/message_receipts", Members(Role::ALL)),
    ("fn /api/search_messages", Members(Role::ALL)),
    ("fn /api/send_message", Members(ADMIN_STAFF)),
    ("fn /api/retry_message", Members(ADMIN_STAFF)),
    // In this order: the allowed call of group_templates fills the cache send_template needs.
    ("fn /api/group_templates", Members(ADMIN_STAFF)),
    ("fn /api/refresh_templates", Members(ADMIN_STAFF)),
    ("fn /api/send_template", Members(ADMIN_STAFF)),
    ("fn /api/start_invites", Members(ADMIN_STAFF)),
    ("fn /api/invite_progress", Members(ADMIN_STAFF)),
    ("fn /api/chat_pins", Members(Role::ALL)),
    // Before unpin_message: its allowed call pins the message that unpin_message then unpins.
    ("fn /api/pin_message", Members(ADMIN_STAFF)),
    ("fn /api/unpin_message", Members(ADMIN_STAFF)),
    ("fn /api/approve_join_request", Members(Role::ALL)),
    ("fn /api/reject_join_request", Members(Role::ALL)),
    ("fn /api/join_queue", Members(Role::ALL)),
    ("fn /api/decide_join_requests", Members(Role::ALL)),
    ("fn /api/refresh_join_requests", Members(Role::ALL)),
    ("fn /api/sandbox_overview", Members(ADMIN_STAFF)),
    ("fn /api/sim_join", Members(ADMIN_STAFF)),
    ("fn /api/sim_message", Members(ADMIN_STAFF)),
    ("fn /api/sim_leave", Members(ADMIN_STAFF)),
    ("fn /api/sim_suspension", Members(ADMIN_STAFF)),
    ("fn /api/sim_create_elsewhere", Members(ADMIN_STAFF)),
    ("fn /api/sync_status", Members(Role::ALL)),
    ("fn /api/start_sync", Members(ADMIN_STAFF)),
    ("fn /api/list_business_numbers", Members(ADMIN)),
    ("fn /api/onboard_number", Members(ADMIN)),
    ("fn /api/complete_embedded_signup", Members(ADMIN)),
    ("fn /api/start_sandbox_signup", Members(ADMIN)),
    ("fn /api/rotate_number_token", Members(ADMIN)),
    ("fn /api/disable_number", Members(ADMIN)),
    ("fn /api/capacity_overview", Members(ADMIN)),
    ("fn /api/check_number_facts", Members(ADMIN)),
    ("fn /api/list_tenants", Platform),
    ("fn /api/create_tenant", Platform),
    ("fn /api/rename_tenant", Platform),
    ("fn /api/suspend_tenant", Platform),
    ("fn /api/reactivate_tenant", Platform),
    ("fn /api/invite_tenant_admin", Platform),
    ("fn /api/invite_qr", Members(Role::ALL)),
    ("fn /api/remove_participants", Members(Role::ALL)),
    ("fn /api/delete_invite_link", Members(Role::ALL)),
    ("fn /api/reset_invite_link", Members(Role::ALL)),
    ("fn /api/update_group_settings", Members(ADMIN_STAFF)),
    ("fn /api/change_approval_mode", Members(Role::ALL)),
    ("fn /api/check_invite_link", Members(Role::ALL)),
    ("fn /api/delete_group", Members(ADMIN_STAFF)),
    ("fn /api/mark_group_deleted", Members(ADMIN_STAFF)),
    ("fn /api/list_set_aside_events", Platform),
    ("fn /api/replay_set_aside_event", Platform),
    // Pages.
    ("page /", SignedIn),
    ("page /groups", SignedIn),
    ("page /groups/{id}", SignedIn),
    ("page /groups/{id}/chat", SignedIn),
    ("page /join-requests", SignedIn),
    ("page /sandbox", SignedIn),
    ("page /operations", SignedIn),
    ("page /login", Public),
    ("page /setup/{token}", Public),
    ("page /people", SignedIn),
    ("page /audit", SignedIn),
    ("page /numbers", SignedIn),
    ("page /tenants", Platform),
    ("page /webhook-events", Platform),
    ("page /invite/{token}", Public),
    ("page /reset/{token}", Public),
    // Other routes.
    ("route GET /healthz", Public),
    ("route GET /readyz", Public),
    ("route GET /webhooks/whatsapp", Public),
    ("route POST /webhooks/whatsapp", Public),
    ("route GET /api/live", Members(Role::ALL)),
    ("route GET /api/audit.csv", Members(ADMIN_SUPPORT)),
    ("route POST /api/media", Members(ADMIN_STAFF)),
    ("route GET /media/{id}", Members(Role::ALL)),
    ("route POST /api/group_picture", Members(ADMIN_STAFF)),
    ("route GET /group-pictures/{id}", Members(Role::ALL)),
    ("route GET /auth/oidc/start", Public),
    ("route GET /auth/oidc/callback", Public),
];

/// Tenant A with data a caller must not reach, its members, and an admin of tenant B.
struct Fixture {
    tenant_a: TenantId,
    /// A member of tenant A only, whose password an admin of A may reset.
    a_only: app::ids::UserId,
    number_a: String,
    /// A second sandbox number of tenant A, for token rotation and disabling.
    spare_number_a: String,
    a: Vec<(Role, TestUser)>,
    b_admin: TestUser,
    /// A platform admin of the installation, member of no tenant.
    platform: TestUser,
    /// A tenant the platform-admin endpoints act on (never tenant A).
    tenant_c: TenantId,
    /// An active sandbox group of tenant A that anyone may join, with one participant.
    open_group: GroupFixture,
    /// Three pending join requests of an approval-required group of tenant A.
    requests: [String; 3],
    /// That approval-required group.
    gated_id: String,
    /// A group of tenant A whose participant, link and settings the matrix changes.
    managed: GroupFixture,
    /// A group of tenant A the matrix deletes.
    doomed: GroupFixture,
    /// A group of tenant A that WhatsApp no longer lists, which the matrix marks deleted.
    vanished: GroupFixture,
    /// A failed outbound message in the open group, to retry and to read receipts of.
    failed_message: String,
    /// A message a participant posted in the open group, to pin and unpin.
    pinnable_message: String,
    /// A webhook event quarantined for a number no tenant has.
    quarantined: String,
    /// A stored file of tenant A (an image a staff member sent to the open group).
    media: String,
    /// A picture a staff member of tenant A sent for the doomed group.
    picture: String,
}

/// A live group of tenant A, in GroupDesk and in the sandbox.
struct GroupFixture {
    id: String,
    wa_group_id: String,
    invite_link: String,
}

/// The phone number of tenant A's open group's participant.
const MEMBER_PHONE: &str = "15550090001";
/// The participant of tenant A's managed group.
const MANAGED_PHONE: &str = "15550090011";

/// Creates a group of tenant A through the app and the sandbox, and waits until it is active.
async fn live_group(
    app: &TestApp,
    staff: &TestUser,
    subject: &str,
    mode: &str,
    number: &str,
) -> GroupFixture {
    let form = [
        ("subject", subject),
        ("description", ""),
        ("join_approval_mode", mode),
        ("number_id", number),
    ];
    let response = call(&staff.client, &app.url, "create_group", &form).await;
    assert_eq!(response.status(), 200);
    settle(app).await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    GroupFixture {
        id: row.group_id.to_string(),
        wa_group_id: row.wa_group_id.unwrap(),
        invite_link: row.invite_link.unwrap(),
    }
}

/// Strings that only tenant A's data contains; none may appear in a denied answer.
const A_MARKERS: &[&str] = &[
    "Alpha secret group",
    "15550100001",
    "@alpha.test",
    "alpha-audit-marker",
    "Alpha open group",
    "Alpha gated group",
    "Alpha managed group",
    "Alpha doomed group",
    "Alpha failed message",
    "Alpha pinnable message",
    MEMBER_PHONE,
    MANAGED_PHONE,
];

async fn fixture(app: &TestApp) -> Fixture {
    let tenant_a = app.demo_tenant().await;
    let number_a = app.demo_number_id().await;
    sqlx::query(
        "insert into whatsapp_group (tenant_id, business_number_id, subject)
         values ($1, $2::uuid, 'Alpha secret group')",
    )
    .bind(tenant_a.0)
    .bind(&number_a)
    .execute(&app.pool)
    .await
    .unwrap();
    let entry = app::audit::Entry::success(None, Some(tenant_a), "group.create")
        .target("alpha-audit-marker");
    app::audit::record(&app.pool, &entry).await.unwrap();
    let mut a = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@alpha.test", role.as_str());
        a.push((*role, app.user(&email, tenant_a, *role).await));
    }
    let a_only = app
        .create_user("only@alpha.test", Some((tenant_a, Role::Staff)))
        .await;
    let spare_number_a = spare_number(app, tenant_a).await;
    for n in 0..ONBOARD_CALLS {
        let (status, _) = app
            .control(
                reqwest::Method::POST,
                "/numbers",
                serde_json::json!({ "phone_number_id": onboard_pnid(n), "waba_id": "200000000000001",
                    "display_phone_number": "15550100070", "eligible": true }),
            )
            .await;
        assert_eq!(status, 200);
    }
    let tenant_b = app.create_tenant("Bravo", "bravo").await;
    let b_admin = app.user("admin@bravo.test", tenant_b, Role::Admin).await;
    let platform = app.platform_admin("root@platform.test").await;
    let tenant_c = app.create_tenant("Charlie", "charlie").await;
    let staff = &a.iter().find(|(role, _)| *role == Role::Staff).unwrap().1;
    let open_group = live_group(app, staff, "Alpha open group", "auto_approve", &number_a).await;
    app.join(&open_group.invite_link, MEMBER_PHONE).await;
    let gated = live_group(
        app,
        staff,
        "Alpha gated group",
        "approval_required",
        &number_a,
    )
    .await;
    let managed = live_group(app, staff, "Alpha managed group", "auto_approve", &number_a).await;
    app.join(&managed.invite_link, MANAGED_PHONE).await;
    let doomed = live_group(app, staff, "Alpha doomed group", "auto_approve", &number_a).await;
    let vanished = live_group(
        app,
        staff,
        "Alpha vanished group",
        "auto_approve",
        &number_a,
    )
    .await;
    // Gone from WhatsApp and flagged, so the matrix's sync keeps it flagged.
    let (status, _) = app
        .control(
            reqwest::Method::POST,
            &format!("/groups/{}/vanish", vanished.wa_group_id),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(status, 200);
    sqlx::query("update whatsapp_group set missing_since = now() where group_id = $1::uuid")
        .bind(&vanished.id)
        .execute(&app.pool)
        .await
        .unwrap();
    app.join(&gated.invite_link, "15550090002").await;
    app.join(&gated.invite_link, "15550090003").await;
    app.join(&gated.invite_link, "15550090004").await;
    settle(app).await;
    let (status, _) = app
        .control(
            reqwest::Method::POST,
            &format!("/groups/{}/messages", open_group.wa_group_id),
            serde_json::json!({ "user": { "wa_id": MEMBER_PHONE }, "text": "Alpha pinnable message" }),
        )
        .await;
    assert_eq!(status, 200);
    let unknown = common::create_succeeded(
        "999999",
        "r-matrix",
        "G-MATRIX",
        "https://chat.whatsapp.com/m",
    );
    assert_eq!(
        app.post_signed_webhook(unknown.to_string().as_bytes())
            .await
            .status(),
        200
    );
    settle(app).await;
    let quarantined: i64 = sqlx::query_scalar(
        "select webhook_event_id from webhook_event where outcome = 'quarantined'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let requests: Vec<String> =
        sqlx::query_scalar!("select join_request_id from join_request order by wa_id")
            .fetch_all(&app.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|id| id.to_string())
            .collect();
    let failed_message = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, direction, message_type, body, content, sent_at,
                                send_state, failure_code, failure_detail)
           values ($1, $2::text::uuid, 'outbound', 'text', 'Alpha failed message',
                   '{"type": "text", "text": {"body": "Alpha failed message"}}', now(), 'failed',
                   131000, 'Something went wrong')
           returning message_id"#,
        tenant_a.0,
        open_group.id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .to_string();
    let media = upload_media(app, &staff.client, &open_group.id).await;
    let media: serde_json::Value = media.json().await.unwrap();
    let media = media["media_id"].as_str().unwrap().to_owned();
    let (status, _) = upload_picture(app, &staff.client, &doomed.id).await;
    assert_eq!(status, 200);
    settle(app).await;
    let picture = sqlx::query_scalar::<_, uuid::Uuid>(
        "select group_picture_id from group_picture where group_id = $1::uuid",
    )
    .bind(&doomed.id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .to_string();
    let pinnable_message =
        sqlx::query_scalar!("select message_id from message where body = 'Alpha pinnable message'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            .to_string();
    Fixture {
        tenant_a,
        a_only,
        number_a,
        spare_number_a,
        a,
        b_admin,
        platform,
        tenant_c,
        open_group,
        requests: [
            requests[0].clone(),
            requests[1].clone(),
            requests[2].clone(),
        ],
        gated_id: gated.id.clone(),
        managed,
        doomed,
        vanished,
        failed_message,
        pinnable_message,
        quarantined: quarantined.to_string(),
        media,
        picture,
    }
}

/// Posts a small PNG to a group's chat as `client`.
async fn upload_media(app: &TestApp, client: &reqwest::Client, group: &str) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(b"\x89PNG\r\n\x1a\nmatrix".to_vec())
        .file_name("matrix.png")
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("group_id", group.to_owned())
        .text("caption", "")
        .part("file", part);
    client
        .post(format!("{}/api/media", app.url))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Sends a picture for `group`; the status and body.
async fn upload_picture(app: &TestApp, client: &reqwest::Client, group: &str) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(server::sandbox::jpeg::header_only(640, 640))
        .file_name("p.jpg");
    let form = reqwest::multipart::Form::new()
        .text("group_id", group.to_owned())
        .part("file", part);
    let response = client
        .post(format!("{}/api/group_picture", app.url))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

/// How many sandbox numbers the matrix may onboard: each caller of `onboard_number` gets its own,
/// so a denied caller that wrongly succeeded would not make the allowed caller's call fail.
const ONBOARD_CALLS: usize = 8;

fn onboard_pnid(n: usize) -> String {
    format!("3000000000000{n:02}")
}

/// The next fresh sandbox number for `onboard_number`.
fn next_onboard_pnid() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    assert!(
        n < ONBOARD_CALLS,
        "more onboard_number calls than sandbox numbers"
    );
    onboard_pnid(n)
}

/// A second sandbox number of tenant A, known to the sandbox (which then accepts any token).
async fn spare_number(app: &TestApp, tenant: TenantId) -> String {
    let (status, _) = app
        .control(
            reqwest::Method::POST,
            "/numbers",
            serde_json::json!({ "phone_number_id": "100000000000009", "waba_id": "200000000000001",
                "display_phone_number": "15550100009", "eligible": true }),
        )
        .await;
    assert_eq!(status, 200);
    sqlx::query_scalar!(
        r#"insert into business_number (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
           values ($1, '100000000000009', '200000000000001', '15550100009', true)
           returning business_number_id"#,
        tenant.0
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .to_string()
}

/// Everything of tenant A that an endpoint could change, as one string.
async fn snapshot(app: &TestApp, tenant: TenantId) -> String {
    sqlx::query_scalar(
        r#"select concat_ws(' | ',
             (select name || coalesce(suspended_at::text, '-') from tenant where tenant_id = $1),
             (select count(*) || '/' || coalesce(max(updated_at)::text, '-')
                from whatsapp_group where tenant_id = $1),
             (select count(*) from operation where tenant_id = $1),
             (select count(*) || '/' || count(disabled_at) || '/'
                     || coalesce(string_agg(encode(access_token_nonce, 'hex'), ',' order by business_number_id), '-')
                from business_number where tenant_id = $1),
             (select string_agg(app_user_id::text || ':' || role, ',' order by app_user_id)
                from membership where tenant_id = $1),
             (select count(*) from invitation where tenant_id = $1),
             (select count(*) from password_reset),
             (select count(*) || '/' || count(disabled_at) from app_user),
             (select count(*) from local_credential),
             (select count(*) from sandbox.wa_group),
             (select string_agg(state, ',' order by wa_id) from join_request where tenant_id = $1),
             (select count(*) || '/' || count(left_at) from participant where tenant_id = $1),
             (select count(*) from sandbox.participant),
             (select count(*) from sandbox.message),
             (select string_agg(suspended::text, ',') from sandbox.wa_group),
             (select count(*) || ':' || coalesce(string_agg(coalesce(send_state, '-'), ','
                order by message_id), '-') from message where tenant_id = $1),
             (select count(*) from outbox),
             (select count(*) from message_template where tenant_id = $1),
             (select count(*) from media where tenant_id = $1),
             (select count(*) from sync_job where tenant_id = $1),
             (select count(*) from invite_recipient where tenant_id = $1))"#,
    )
    .bind(tenant.0)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// Waits until asynchronous work a call started (Meta's webhook, its processing) is done, so it
/// cannot change the next endpoint's snapshot.
async fn settle(app: &TestApp) {
    app.eventually("webhooks are delivered and applied", || async {
        let busy: i64 = sqlx::query_scalar(
            "select (select count(*) from operation where state = 'pending')
                  + (select count(*) from sandbox.outbound_webhook where delivered_at is null)
                  + (select count(*) from webhook_event where processed_at is null)
                  + (select count(*) from outbox)
                  + (select count(*) from sync_job where state = 'running')
                  + (select count(*) from invite_recipient where state in ('queued', 'sending'))
                  + (select count(*) from message where send_state in ('sending', 'accepted', 'unknown'))",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        busy == 0
    })
    .await;
}

/// The form fields each server function gets: valid, and aimed at tenant A.
fn args(key: &str, fx: &Fixture) -> Vec<(&'static str, String)> {
    match key {
        "fn /api/create_group" => vec![
            ("subject", "Matrix group".to_owned()),
            ("description", String::new()),
            ("join_approval_mode", "auto_approve".to_owned()),
            ("number_id", fx.number_a.clone()),
        ],
        "fn /api/list_audit" => vec![
            ("action", String::new()),
            ("from", String::new()),
            ("to", String::new()),
        ],
        "fn /api/switch_tenant" => vec![("tenant_id", fx.tenant_a.to_string())],
        "fn /api/create_invitation" => vec![
            ("email", "newcomer@example.org".to_owned()),
            ("role", "admin".to_owned()),
        ],
        "fn /api/create_password_reset" => vec![("user_id", fx.a_only.to_string())],
        "fn /api/onboard_number" => vec![
            ("phone_number_id", next_onboard_pnid()),
            ("waba_id", "200000000000001".to_owned()),
            ("access_token", "matrix-access-token".to_owned()),
            ("sandbox", "on".to_owned()),
        ],
        "fn /api/rotate_number_token" => vec![
            ("number_id", fx.spare_number_a.clone()),
            ("access_token", "matrix-rotated-token".to_owned()),
        ],
        "fn /api/disable_number" => vec![("number_id", fx.spare_number_a.clone())],
        "fn /api/check_number_facts" => vec![("number_id", fx.number_a.clone())],
        "fn /api/start_sync" => vec![("number_id", fx.number_a.clone())],
        "fn /api/sim_create_elsewhere" => vec![
            ("number_id", fx.number_a.clone()),
            ("subject", "Alpha elsewhere group".to_owned()),
        ],
        "fn /api/create_tenant" => vec![
            ("name", "Matrix tenant".to_owned()),
            ("slug", "matrix-tenant".to_owned()),
        ],
        "fn /api/rename_tenant" => vec![
            ("tenant_id", fx.tenant_c.to_string()),
            ("name", "Charlie renamed".to_owned()),
        ],
        "fn /api/suspend_tenant" | "fn /api/reactivate_tenant" => {
            vec![("tenant_id", fx.tenant_c.to_string())]
        }
        "fn /api/invite_tenant_admin" => vec![
            ("tenant_id", fx.tenant_c.to_string()),
            ("email", "first-admin@charlie.test".to_owned()),
        ],
        "fn /api/replay_set_aside_event" => vec![("id", fx.quarantined.clone())],
        "fn /api/group_detail" => vec![("group_id", fx.open_group.id.clone())],
        "fn /api/group_header" => vec![("group_id", fx.open_group.id.clone())],
        "fn /api/chat_messages" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("pages", "1".to_owned()),
        ],
        "fn /api/search_messages" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("query", "Matrix".to_owned()),
        ],
        "fn /api/send_message" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("body", "Matrix hello".to_owned()),
        ],
        "fn /api/group_templates" | "fn /api/refresh_templates" => {
            vec![("group_id", fx.open_group.id.clone())]
        }
        "fn /api/send_template" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("name", "event_reminder".to_owned()),
            ("language", "en_US".to_owned()),
            ("values[0]", "the matrix meets".to_owned()),
        ],
        "fn /api/start_invites" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("name", "group_invite_link".to_owned()),
            ("language", "en_US".to_owned()),
            ("numbers", "+15550109999".to_owned()),
        ],
        "fn /api/invite_progress" => vec![("group_id", fx.open_group.id.clone())],
        "fn /api/chat_pins" => vec![("group_id", fx.open_group.id.clone())],
        "fn /api/pin_message" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("message_id", fx.pinnable_message.clone()),
            ("days", "7".to_owned()),
        ],
        "fn /api/unpin_message" => vec![
            ("group_id", fx.open_group.id.clone()),
            ("message_id", fx.pinnable_message.clone()),
        ],
        "fn /api/message_receipts" | "fn /api/retry_message" => {
            vec![("message_id", fx.failed_message.clone())]
        }
        "fn /api/approve_join_request" => vec![("join_request_id", fx.requests[0].clone())],
        "fn /api/reject_join_request" => vec![("join_request_id", fx.requests[1].clone())],
        "fn /api/join_queue" => vec![("group", fx.gated_id.clone()), ("age", String::new())],
        "fn /api/decide_join_requests" => vec![
            ("join_request_ids", fx.requests[2].clone()),
            ("decision", "approve".to_owned()),
        ],
        "fn /api/refresh_join_requests" => vec![("group_id", fx.gated_id.clone())],
        "fn /api/sim_join" => vec![
            ("invite_link", fx.open_group.invite_link.clone()),
            ("phone", "15550090009".to_owned()),
            ("name", "Matrix".to_owned()),
        ],
        "fn /api/sim_message" => vec![
            ("group_id", fx.open_group.wa_group_id.clone()),
            ("phone", MEMBER_PHONE.to_owned()),
            ("text", "Matrix says hi".to_owned()),
            ("kind", "text".to_owned()),
        ],
        "fn /api/sim_leave" => vec![
            ("group_id", fx.open_group.wa_group_id.clone()),
            ("phone", MEMBER_PHONE.to_owned()),
        ],
        "fn /api/invite_qr" => vec![("group_id", fx.open_group.id.clone())],
        "fn /api/remove_participants" => vec![
            ("group_id", fx.managed.id.clone()),
            ("participants", MANAGED_PHONE.to_owned()),
        ],
        "fn /api/reset_invite_link" => vec![("group_id", fx.managed.id.clone())],
        "fn /api/delete_invite_link" => vec![("group_id", fx.managed.id.clone())],
        "fn /api/update_group_settings" => vec![
            ("group_id", fx.managed.id.clone()),
            ("subject", "Alpha managed group".to_owned()),
            ("description", "Changed by the matrix".to_owned()),
        ],
        "fn /api/check_invite_link" => vec![("group_id", fx.managed.id.clone())],
        "fn /api/change_approval_mode" => vec![
            ("group_id", fx.managed.id.clone()),
            ("mode", "approval_required".to_owned()),
        ],
        "fn /api/delete_group" => vec![
            ("group_id", fx.doomed.id.clone()),
            ("confirm_subject", "Alpha doomed group".to_owned()),
        ],
        "fn /api/mark_group_deleted" => vec![
            ("group_id", fx.vanished.id.clone()),
            ("confirm_subject", "Alpha vanished group".to_owned()),
        ],
        "fn /api/sim_suspension" => vec![
            ("group_id", fx.open_group.wa_group_id.clone()),
            ("suspend", "true".to_owned()),
        ],
        _ => Vec::new(),
    }
}

/// A fresh Embedded Signup code (it lives 30 seconds, so it is made just before the call).
async fn fresh_signup(app: &TestApp) -> Vec<(&'static str, String)> {
    let (status, signup) = app
        .control(reqwest::Method::POST, "/signup", serde_json::json!({}))
        .await;
    assert_eq!(status, 200);
    let field = |name: &str| signup[name].as_str().unwrap().to_owned();
    vec![
        ("code", field("code")),
        ("phone_number_id", field("phone_number_id")),
        ("waba_id", field("waba_id")),
        ("sandbox", "on".to_owned()),
    ]
}

/// Calls one endpoint; returns the status and the body (not read for event streams).
async fn hit(app: &TestApp, client: &reqwest::Client, key: &str, fx: &Fixture) -> (u16, String) {
    let (kind, rest) = key.split_once(' ').unwrap();
    let response = match kind {
        "fn" => {
            let name = rest.trim_start_matches("/api/");
            let form = match name {
                "complete_embedded_signup" => fresh_signup(app).await,
                _ => args(key, fx),
            };
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(client, &app.url, name, &form).await
        }
        "page" => {
            let path = rest
                .replace("{token}", "not-a-token")
                .replace("{id}", &fx.open_group.id);
            client
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap()
        }
        // The open group is suspended by then (sim_suspension runs earlier).
        _ if rest == "POST /api/media" => upload_media(app, client, &fx.managed.id).await,
        _ if rest == "POST /api/group_picture" => {
            return upload_picture(app, client, &fx.managed.id).await;
        }
        _ if rest == "GET /group-pictures/{id}" => client
            .get(format!("{}/group-pictures/{}", app.url, fx.picture))
            .send()
            .await
            .unwrap(),
        _ => {
            let (method, path) = rest.split_once(' ').unwrap();
            let path = path.replace("{id}", &fx.media);
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            client
                .request(method, format!("{}{path}", app.url))
                .send()
                .await
                .unwrap()
        }
    };
    let status = response.status().as_u16();
    let streaming = response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
    let body = if streaming {
        String::new()
    } else {
        response.text().await.unwrap_or_default()
    };
    (status, body)
}

/// Every endpoint the server has, as `fn <path>`, `page <path>` or `route <METHOD> <path>`.
fn registered_endpoints() -> BTreeSet<String> {
    let mut endpoints = BTreeSet::new();
    for (path, _method) in leptos::server_fn::axum::server_fn_paths() {
        endpoints.insert(format!("fn {path}"));
    }
    for listing in leptos_axum::generate_route_list(app::App) {
        endpoints.insert(format!("page {}", listing.path()));
    }
    for (path, methods) in server::routes::declared_routes() {
        for method in methods {
            endpoints.insert(format!("route {method} {path}"));
        }
    }
    endpoints
}

#[tokio::test]
async fn every_endpoint_has_a_declared_access_rule() {
    let registered = registered_endpoints();
    let declared: BTreeSet<String> = ACCESS.iter().map(|(key, _)| (*key).to_owned()).collect();
    let missing: Vec<_> = registered.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "endpoints without an access rule in ACCESS (add one, and a check): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "ACCESS names endpoints that do not exist: {stale:?}"
    );
}

fn denied(status: u16, body: &str) -> bool {
    let refused = matches!(status, 401 | 403 | 404 | 422);
    let leaked = A_MARKERS.iter().any(|marker| body.contains(marker));
    (refused || (200..300).contains(&status)) && !leaked
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn every_endpoint_denies_the_wrong_callers_and_changes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let fx = fixture(&app).await;
    let anonymous = browser();

    for (key, access) in ACCESS {
        let before = snapshot(&app, fx.tenant_a).await;
        let is_page = key.starts_with("page ");
        let allowed: &[Role] = match access {
            Public => continue,
            SignedIn => Role::ALL,
            Members(roles) => roles,
            Platform => &[],
        };

        let (status, body) = hit(&app, &anonymous, key, &fx).await;
        let expected = if is_page { 303 } else { 401 };
        assert_eq!(status, expected, "{key} as anonymous: {body}");
        assert_eq!(
            snapshot(&app, fx.tenant_a).await,
            before,
            "{key} as anonymous changed tenant A"
        );

        let (status, body) = hit(&app, &fx.b_admin.client, key, &fx).await;
        assert!(
            denied(status, &body),
            "{key} as another tenant's admin: {status} {body}"
        );
        assert_eq!(
            snapshot(&app, fx.tenant_a).await,
            before,
            "{key} as another tenant's admin changed tenant A"
        );

        for (role, user) in &fx.a {
            if allowed.contains(role) {
                continue;
            }
            let (status, body) = hit(&app, &user.client, key, &fx).await;
            if is_page {
                // A page is a frame whose data comes from server functions (checked strictly
                // above); its status is 403 only when the refusal lands before streaming starts.
                assert!(
                    matches!(status, 200 | 403) && denied(status, &body),
                    "{key} as {role:?}: {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{key} as {role:?}: {body}");
            }
            assert_eq!(
                snapshot(&app, fx.tenant_a).await,
                before,
                "{key} as {role:?} changed tenant A"
            );
        }

        // Control: an allowed member gets through, so the denials above were not bad input.
        let user = match access {
            Platform => &fx.platform,
            _ => {
                &fx.a
                    .iter()
                    .find(|(role, _)| allowed.contains(role))
                    .unwrap()
                    .1
            }
        };
        let (status, body) = hit(&app, &user.client, key, &fx).await;
        assert!(
            (200..300).contains(&status),
            "{key} as an allowed member: {status} {body}"
        );
        settle(&app).await;
    }
    app.stop().await;
}
