//! Media in the group chat (issue #7): uploads checked and stored, sent through the outbox with
//! one upload to WhatsApp, participants' files downloaded in the background, and files served
//! only to members of their tenant.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{TestApp, browser};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use std::path::{Path, PathBuf};

/// A small file that starts like a PNG.
fn png(len: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(len.max(8), 7);
    bytes
}

/// An active group with one simulated participant: (GroupDesk ID, WhatsApp ID, participant).
async fn active_group(app: &TestApp, subject: &str) -> (String, String, String) {
    let response = app.create_group(subject, "", "auto_approve").await;
    assert_eq!(response.status(), 200);
    app.eventually("the group is active", || async {
        sqlx::query_scalar!(
            "select state = 'active' as \"a!\" from whatsapp_group where subject = $1",
            subject
        )
        .fetch_optional(&app.pool)
        .await
        .unwrap()
        .unwrap_or(false)
    })
    .await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let member = "15550080001".to_owned();
    let (status, _) = app.join(row.invite_link.as_deref().unwrap(), &member).await;
    assert_eq!(status, 200);
    let group_id = row.group_id;
    app.eventually("the participant is known", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from participant where group_id = $1"#,
            group_id
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 1
    })
    .await;
    (group_id.to_string(), row.wa_group_id.unwrap(), member)
}

/// Posts a file as `client` would from the chat.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    group: &str,
    caption: &str,
    file: (&str, &str, Vec<u8>),
) -> (u16, Value) {
    let (name, mime, bytes) = file;
    let form = Form::new()
        .text("group_id", group.to_owned())
        .text("caption", caption.to_owned())
        .part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str(mime)
                .unwrap(),
        );
    let response = client
        .post(format!("{}/api/media", app.url))
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

fn files_in(folder: &Path) -> usize {
    fn walk(path: &std::path::Path) -> usize {
        std::fs::read_dir(path).map_or(0, |entries| {
            entries
                .flatten()
                .map(|entry| {
                    let path = entry.path();
                    if path.is_dir() { walk(&path) } else { 1 }
                })
                .sum()
        })
    }
    walk(folder)
}

async fn behave(app: &TestApp, error_5xx_rate: f64) {
    let (status, body) = app
        .control(
            Method::PUT,
            "/behaviour",
            json!({ "auto_read": true, "error_5xx_rate": error_5xx_rate, "throughput_rate": 0.0,
                "group_rate_limit_rate": 0.0, "timeout_rate": 0.0, "latency_ms": 0,
                "timeout_delay_ms": 25000, "duplicate_webhook_rate": 0.0, "reorder_webhooks": false }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

fn temp_folder() -> PathBuf {
    std::env::temp_dir().join(format!("gd-media-{}", uuid::Uuid::new_v4()))
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_image_is_stored_uploaded_once_and_sent_by_its_media_id(pool: PgPool) {
    let folder = temp_folder();
    let store = format!("file://{}", folder.display());
    let app = TestApp::spawn(pool, &[("MEDIA_STORE", &store)]).await;
    app.sign_in(Role::Staff).await;
    let (group, wa_group, _) = active_group(&app, "Photos").await;
    // WhatsApp fails at first: the upload is retried like a send, and the message goes once.
    behave(&app, 1.0).await;
    let image = png(2048);
    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        " Look at this ",
        ("photo.png", "image/png", image.clone()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let media_id: uuid::Uuid = body["media_id"].as_str().unwrap().parse().unwrap();
    app.eventually("the upload was tried and refused twice", || async {
        count(
            &app,
            "select coalesce(max(attempts), 0)::bigint from outbox",
        )
        .await
            >= 2
    })
    .await;
    behave(&app, 0.0).await;
    app.eventually("the image is sent", || async {
        count(
            &app,
            "select count(*) from message where send_state = 'sent'",
        )
        .await
            == 1
    })
    .await;

    let row = sqlx::query!(
        "select tenant_id, wa_media_id, sha256, byte_size, mime_type, file_name from media where media_id = $1",
        media_id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let sha = hex::encode(Sha256::digest(&image));
    assert_eq!(row.sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(row.byte_size, Some(2048));
    assert_eq!(row.mime_type, "image/png");
    assert_eq!(row.file_name.as_deref(), Some("photo.png"));
    let wa_media_id = row.wa_media_id.unwrap();
    // The sandbox got the file once and a message naming it once.
    let sent: Vec<Value> = sqlx::query_scalar!(
        "select content from sandbox.message where wa_group_id = $1 and direction = 'outbound'",
        wa_group
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        sent,
        [json!({ "id": wa_media_id, "caption": "Look at this" })]
    );
    let uploaded = sqlx::query!("select sha256, content from sandbox.media")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(uploaded.len(), 1);
    assert_eq!(uploaded[0].sha256, sha);
    assert_eq!(uploaded[0].content, image);
    // Stored on disk under the tenant, and served with its type.
    let on_disk = folder
        .join(row.tenant_id.to_string())
        .join(media_id.to_string());
    assert_eq!(std::fs::read(&on_disk).unwrap(), image);
    let served = app
        .http
        .get(format!("{}/media/{media_id}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.unwrap().to_vec(), image);
    // The chat shows it as an image with its caption.
    let page: Value = app
        .server_fn("chat_messages", &[("group_id", &group), ("pages", "1")])
        .await
        .json()
        .await
        .unwrap();
    let message = &page["messages"][0];
    assert_eq!(message["message_type"], "image");
    assert_eq!(message["body"], "Look at this");
    assert_eq!(message["media"]["kind"], "image");
    assert_eq!(message["media"]["state"], "stored");

    // A document keeps its name, sent with it and offered as a download.
    let pdf = b"%PDF-1.4\nreport\n%%EOF\n".to_vec();
    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        "",
        ("Q3 report.pdf", "application/pdf", pdf.clone()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    app.eventually("the document is sent", || async {
        count(
            &app,
            "select count(*) from message where send_state = 'sent'",
        )
        .await
            == 2
    })
    .await;
    let content: Value =
        sqlx::query_scalar!("select content from sandbox.message where message_type = 'document'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(content["filename"], "Q3 report.pdf");
    let served = app
        .http
        .get(format!(
            "{}/media/{}",
            app.url,
            body["media_id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    let disposition = served.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"Q3 report.pdf\""),
        "{disposition}"
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), pdf);
    app.stop().await;
    let _ = std::fs::remove_dir_all(&folder);
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn wrong_files_get_a_clear_error_and_nothing_is_stored(pool: PgPool) {
    let folder = temp_folder();
    let store = format!("file://{}", folder.display());
    let app = TestApp::spawn(pool, &[("MEDIA_STORE", &store)]).await;
    app.sign_in(Role::Staff).await;
    let (group, _, _) = active_group(&app, "Strict").await;

    let too_large = png(5 * 1024 * 1024 + 1);
    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        "",
        ("big.png", "image/png", too_large),
    )
    .await;
    assert_eq!(status, 413, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("too large") && message.contains("5 MB"),
        "{message}"
    );

    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        "",
        ("page.html", "text/html", b"<html></html>".to_vec()),
    )
    .await;
    assert_eq!(status, 415, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("text/html") && message.contains("JPEG, PNG"),
        "{message}"
    );

    // The browser's word is not trusted: the content must look like the type.
    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        "",
        (
            "fake.png",
            "image/png",
            b"<html>not a picture</html>".to_vec(),
        ),
    )
    .await;
    assert_eq!(status, 415, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("does not match"),
        "{body}"
    );

    let (status, body) = upload(
        &app,
        &app.http,
        &group,
        "a caption",
        ("voice.ogg", "audio/ogg", b"OggS\0\x02\0\0\0\0".to_vec()),
    )
    .await;
    assert_eq!(status, 422, "{body}");

    let (status, _) = upload(
        &app,
        &app.http,
        &uuid::Uuid::new_v4().to_string(),
        "",
        ("a.png", "image/png", png(100)),
    )
    .await;
    assert_eq!(status, 404);

    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let (status, _) = upload(
        &app,
        &support.client,
        &group,
        "",
        ("a.png", "image/png", png(100)),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = upload(
        &app,
        &browser(),
        &group,
        "",
        ("a.png", "image/png", png(100)),
    )
    .await;
    assert_eq!(status, 401);

    assert_eq!(count(&app, "select count(*) from media").await, 0);
    assert_eq!(count(&app, "select count(*) from message").await, 0);
    assert_eq!(count(&app, "select count(*) from outbox").await, 0);
    assert_eq!(files_in(&folder), 0, "no file is left in the store");
    app.stop().await;
    let _ = std::fs::remove_dir_all(&folder);
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_participants_image_is_downloaded_and_served_only_to_members(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let (group, wa_group, member) = active_group(&app, "Inbound").await;
    // The first download attempts fail; the worker retries.
    behave(&app, 1.0).await;
    let (status, body) = app
        .control(
            Method::POST,
            &format!("/groups/{wa_group}/messages"),
            json!({ "user": { "wa_id": member }, "type": "image", "caption": "From the beach" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    app.eventually("a download attempt failed", || async {
        count(
            &app,
            "select count(*) from media where fetch_attempts >= 1 and failure is not null",
        )
        .await
            == 1
    })
    .await;
    let page: Value = app
        .server_fn("chat_messages", &[("group_id", &group), ("pages", "1")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["messages"][0]["media"]["state"], "pending");
    behave(&app, 0.0).await;
    app.eventually("the image is downloaded", || async {
        count(&app, "select count(*) from media where state = 'stored'").await == 1
    })
    .await;
    let row = sqlx::query!("select media_id, wa_media_id, sha256 from media")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let original: Vec<u8> = sqlx::query_scalar!(
        "select content from sandbox.media where media_id = $1",
        row.wa_media_id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(row.sha256.unwrap(), hex::encode(Sha256::digest(&original)));
    let url = format!("{}/media/{}", app.url, row.media_id);

    // Any member of the tenant may see it, whatever the role.
    let support = app
        .user("support@demo.test", app.demo_tenant().await, Role::Support)
        .await;
    let served = support.client.get(&url).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().to_vec(), original);
    let page: Value = app
        .server_fn("chat_messages", &[("group_id", &group), ("pages", "1")])
        .await
        .json()
        .await
        .unwrap();
    let message = &page["messages"][0];
    assert_eq!(message["body"], "From the beach");
    assert_eq!(message["media"]["state"], "stored");
    assert_eq!(message["media"]["mime_type"], "image/png");

    // Another tenant's admin gets 404, like for a file that does not exist; anonymous gets 401.
    let other = app.create_tenant("Other", "other").await;
    let stranger = app.user("admin@other.test", other, Role::Admin).await;
    let refused = stranger.client.get(&url).send().await.unwrap();
    assert_eq!(refused.status(), 404);
    let missing = app
        .http
        .get(format!("{}/media/{}", app.url, uuid::Uuid::new_v4()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let anonymous = browser().get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    app.stop().await;
}
