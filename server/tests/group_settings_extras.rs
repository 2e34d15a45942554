//! A new group picture through `POST /api/group_picture`: a square JPEG goes to the sandbox and
//! its outcome arrives with the settings webhook; a wrong picture is refused with its reason
//! before anything is sent.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::TestApp;
use serde_json::Value;
use server::sandbox::jpeg::header_only;
use sqlx::PgPool;

/// An active group created through the UI's server function; its GroupDesk ID.
async fn active_group(app: &TestApp, subject: &str) -> String {
    app.create_group(subject, "Words", "auto_approve").await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from whatsapp_group where subject = $1 and state = 'active'",
        )
        .bind(subject)
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    sqlx::query_scalar::<_, uuid::Uuid>("select group_id from whatsapp_group where subject = $1")
        .bind(subject)
        .fetch_one(&app.pool)
        .await
        .unwrap()
        .to_string()
}

async fn upload(app: &TestApp, group_id: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new()
        .text("group_id", group_id.to_owned())
        .part("file", part);
    let response = app
        .http
        .post(format!("{}{}", app.url, app::groups::PICTURE_PATH))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn operations(app: &TestApp) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "select count(*) from operation where kind = 'group_settings_update'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_square_jpeg_becomes_the_picture_with_its_outcome_from_the_webhook(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group_id = active_group(&app, "Pictured").await;

    let (status, body) = upload(&app, &group_id, "p.jpg", header_only(640, 640)).await;

    assert_eq!(status, 200, "{body}");
    app.eventually("the picture change is resolved", || async {
        sqlx::query_scalar::<_, String>(
            "select state from operation where kind = 'group_settings_update'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            != "pending"
    })
    .await;
    let ledger: Value = app
        .server_fn("list_operations", &[("group_id", &group_id)])
        .await
        .json()
        .await
        .unwrap();
    let change = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|operation| operation["kind"] == "group_settings_update")
        .unwrap();
    assert_eq!(change["state"], "succeeded");
    assert_eq!(change["items"][0]["state"], "done");
    // WhatsApp took it, so the group page shows it (WhatsApp has no way to read it back).
    let detail: Value = app
        .server_fn("group_detail", &[("group_id", &group_id)])
        .await
        .json()
        .await
        .unwrap();
    let picture = detail["picture"].as_str().expect("the page has a picture");
    let served = app
        .http
        .get(format!("{}/group-pictures/{picture}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(
        served.bytes().await.unwrap().to_vec(),
        header_only(640, 640)
    );
    assert!(
        change["items"][0]["label"]
            .as_str()
            .unwrap()
            .contains("640×640"),
        "{change}"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_picture_is_refused_with_its_reason_and_nothing_is_sent(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group_id = active_group(&app, "Refusals").await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\0\0\0\x01\0\x08\x02\0\0\0".to_vec();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("small.jpg", header_only(100, 100), "100×100"),
        ("wide.jpg", header_only(640, 480), "square"),
        ("anim.gif", b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(), "GIF"),
        ("p.png", png, "JPEG only"),
        ("empty.jpg", Vec::new(), "Choose a picture"),
    ];
    for (name, bytes, reason) in cases {
        let (status, body) = upload(&app, &group_id, name, bytes).await;
        assert_eq!(status, 422, "{name}: {body}");
        assert!(
            body["message"].as_str().unwrap().contains(reason),
            "{name}: {body}"
        );
    }
    let too_big = vec![0xFF; app::groups::picture::PICTURE_MAX_BYTES + 10];
    let (status, body) = upload(&app, &group_id, "big.jpg", too_big).await;
    assert!(matches!(status, 413 | 422), "{status} {body}");
    assert_eq!(operations(&app).await, 0);
    let kept: i64 = sqlx::query_scalar("select count(*) from group_picture")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(kept, 0, "a refused picture is not kept");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn support_may_not_change_the_picture(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Support).await;
    app.create_user(
        "staff@demo.test",
        Some((app.demo_tenant().await, Role::Staff)),
    )
    .await;
    let staff = common::browser();
    app.login(&staff, "staff@demo.test").await;
    let form = [
        ("subject", "Guarded"),
        ("description", ""),
        ("join_approval_mode", "auto_approve"),
        ("number_id", &app.demo_number_id().await),
    ];
    common::call(&staff, &app.url, "create_group", &form).await;
    app.eventually("the group is active", || async {
        sqlx::query_scalar::<_, String>("select state from whatsapp_group")
            .fetch_one(&app.pool)
            .await
            .unwrap()
            == "active"
    })
    .await;
    let group_id = sqlx::query_scalar::<_, uuid::Uuid>("select group_id from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
        .to_string();

    let (status, _) = upload(&app, &group_id, "p.jpg", header_only(640, 640)).await;

    assert_eq!(status, 403);
    assert_eq!(operations(&app).await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_deleted_link_lets_nobody_join_until_a_reset_makes_a_new_one(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group_id = active_group(&app, "Linkless").await;
    let old = sqlx::query_scalar::<_, Option<String>>("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap()
        .unwrap();
    let support = common::browser();
    app.create_user(
        "support@demo.test",
        Some((app.demo_tenant().await, Role::Support)),
    )
    .await;
    app.login(&support, "support@demo.test").await;

    let response = common::call(
        &support,
        &app.url,
        "delete_invite_link",
        &[("group_id", &group_id)],
    )
    .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let stored = sqlx::query_scalar::<_, Option<String>>("select invite_link from whatsapp_group")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, None);
    assert_eq!(app.join(&old, "15550160001").await.0, 404);
    let page = app
        .http
        .get(format!("{}/groups/{group_id}", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("no invite link"), "the page says so");

    let response = app
        .server_fn("reset_invite_link", &[("group_id", &group_id)])
        .await;
    assert_eq!(response.status(), 200);
    let new: String = response.json().await.unwrap();
    assert_eq!(app.join(&new, "15550160001").await.0, 200);
    app.stop().await;
}
