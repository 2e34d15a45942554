//! Tenant A, the target of every call: its members, numbers, groups, messages and files, made
//! through the app and the sandbox; and an admin of tenant B and a platform admin.

use super::calls::{upload_media, upload_picture};
use super::state::settle;
use crate::common::{self, TestApp, TestUser, call};
use app::ids::TenantId;
use app::tenants::Role;

/// Tenant A with data a caller must not reach, its members, and an admin of tenant B.
pub struct Fixture {
    pub tenant_a: TenantId,
    /// A member of tenant A only, whose password an admin of A may reset.
    pub a_only: app::ids::UserId,
    pub number_a: String,
    /// A second sandbox number of tenant A, for token rotation and disabling.
    pub spare_number_a: String,
    pub a: Vec<(Role, TestUser)>,
    pub b_admin: TestUser,
    /// A platform admin of the installation, member of no tenant.
    pub platform: TestUser,
    /// A tenant the platform-admin endpoints act on (never tenant A).
    pub tenant_c: TenantId,
    /// An active sandbox group of tenant A that anyone may join, with one participant.
    pub open_group: GroupFixture,
    /// Three pending join requests of an approval-required group of tenant A.
    pub requests: [String; 3],
    /// That approval-required group.
    pub gated_id: String,
    /// A group of tenant A whose participant, link and settings the matrix changes.
    pub managed: GroupFixture,
    /// A group of tenant A the matrix deletes.
    pub doomed: GroupFixture,
    /// A group of tenant A that WhatsApp no longer lists, which the matrix marks deleted.
    pub vanished: GroupFixture,
    /// A failed outbound message in the open group, to retry and to read receipts of.
    pub failed_message: String,
    /// A message a participant posted in the open group, to pin and unpin.
    pub pinnable_message: String,
    /// A webhook event quarantined for a number no tenant has.
    pub quarantined: String,
    /// A stored file of tenant A (an image a staff member sent to the open group).
    pub media: String,
    /// A picture a staff member of tenant A sent for the doomed group.
    pub picture: String,
}

/// A live group of tenant A, in GroupDesk and in the sandbox.
pub struct GroupFixture {
    pub id: String,
    pub wa_group_id: String,
    pub invite_link: String,
}

/// The phone number of tenant A's open group's participant.
pub const MEMBER_PHONE: &str = "15550090001";
/// The participant of tenant A's managed group.
pub const MANAGED_PHONE: &str = "15550090011";

/// Creates a group of tenant A through the app and the sandbox, and waits until it is active.
pub async fn live_group(
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
pub const A_MARKERS: &[&str] = &[
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

pub async fn fixture(app: &TestApp) -> Fixture {
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

/// How many sandbox numbers the matrix may onboard: each caller of `onboard_number` gets its own,
/// so a denied caller that wrongly succeeded would not make the allowed caller's call fail.
pub const ONBOARD_CALLS: usize = 8;

pub fn onboard_pnid(n: usize) -> String {
    format!("3000000000000{n:02}")
}

/// The next fresh sandbox number for `onboard_number`.
pub fn next_onboard_pnid() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    assert!(
        n < ONBOARD_CALLS,
        "more onboard_number calls than sandbox numbers"
    );
    onboard_pnid(n)
}

/// A second sandbox number of tenant A, known to the sandbox (which then accepts any token).
pub async fn spare_number(app: &TestApp, tenant: TenantId) -> String {
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
