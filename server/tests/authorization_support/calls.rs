//! One call of each endpoint, with valid arguments aimed at tenant A.

use super::fixture::{Fixture, MANAGED_PHONE, MEMBER_PHONE, next_onboard_pnid};
use crate::common::{TestApp, call};

/// Posts a small PNG to a group's chat as `client`.
pub async fn upload_media(
    app: &TestApp,
    client: &reqwest::Client,
    group: &str,
) -> reqwest::Response {
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
pub async fn upload_picture(app: &TestApp, client: &reqwest::Client, group: &str) -> (u16, String) {
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

/// The form fields each server function gets: valid, and aimed at tenant A.
pub fn args(key: &str, fx: &Fixture) -> Vec<(&'static str, String)> {
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
pub async fn fresh_signup(app: &TestApp) -> Vec<(&'static str, String)> {
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
pub async fn hit(
    app: &TestApp,
    client: &reqwest::Client,
    key: &str,
    fx: &Fixture,
) -> (u16, String) {
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
