//! Webhooks arrive out of order (SPEC §1.8): the same events in any order end in the same state.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{DEMO_PNID, TestApp};
use serde_json::{Value, json};
use sqlx::PgPool;

fn envelope(field: &str, value: Value) -> String {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] =
        json!({"display_phone_number": "15550100001", "phone_number_id": DEMO_PNID});
    json!({"object": "whatsapp_business_account",
           "entry": [{"id": "200000000000001", "changes": [{"field": field, "value": value}]}]})
    .to_string()
}

fn group_event(group: &str, at: i64, event: Value) -> String {
    let mut event = event;
    event["group_id"] = json!(group);
    event["timestamp"] = json!(at.to_string());
    let field = match event["type"].as_str().unwrap() {
        "group_suspend" | "group_suspend_cleared" => "group_status_update",
        _ => "group_participants_update",
    };
    envelope(field, json!({ "groups": [event] }))
}

/// One story of a group, in WhatsApp's order.
fn story(group: &str) -> Vec<String> {
    vec![
        group_event(
            group,
            100,
            json!({"type": "group_join_request_created", "join_request_id": format!("{group}-jr"), "wa_id": "15550130001", "reason": "x"}),
        ),
        group_event(
            group,
            110,
            json!({"type": "group_join_request_revoked", "join_request_id": format!("{group}-jr"), "wa_id": "15550130001", "reason": "x"}),
        ),
        group_event(
            group,
            120,
            json!({"type": "group_participants_add", "reason": "invite_link", "added_participants": [{"wa_id": "15550130002"}]}),
        ),
        group_event(
            group,
            130,
            json!({"type": "group_participants_remove", "initiated_by": "participant", "removed_participants": [{"wa_id": "15550130002"}]}),
        ),
        group_event(
            group,
            140,
            json!({"type": "group_participants_add", "reason": "invite_link", "added_participants": [{"wa_id": "15550130003"}]}),
        ),
        group_event(group, 150, json!({"type": "group_suspend"})),
        group_event(group, 160, json!({"type": "group_suspend_cleared"})),
        envelope(
            "messages",
            json!({
            "contacts": [{"profile": {"name": "C"}, "wa_id": "15550130003"}],
            "messages": [{"from": "15550130003", "group_id": group, "id": format!("wamid.{group}"),
                          "timestamp": "170", "type": "text", "text": {"body": "hello"}}]}),
        ),
    ]
}

async fn state_of(app: &TestApp, group: &str) -> String {
    sqlx::query_scalar!(
        r#"select concat_ws(' | ',
             (select string_agg(r.state, ',') from join_request r join whatsapp_group g using (group_id) where g.wa_group_id = $1),
             (select string_agg(p.user_key || ':' || coalesce(p.left_reason, 'in'), ',' order by p.user_key)
                from participant p join whatsapp_group g using (group_id) where g.wa_group_id = $1),
             (select suspended::text from whatsapp_group where wa_group_id = $1),
             (select count(*)::text from message m join whatsapp_group g using (group_id) where g.wa_group_id = $1))
           as "state!""#,
        group
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_same_events_in_reverse_order_give_the_same_state(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    for group in ["G-FWD", "G-REV"] {
        sqlx::query!(
            r#"insert into whatsapp_group (tenant_id, business_number_id, wa_group_id, subject, state)
               select tenant_id, business_number_id, $1, $1, 'active' from business_number where phone_number_id = $2"#,
            group,
            DEMO_PNID
        )
        .execute(&app.pool)
        .await
        .unwrap();
    }

    for body in story("G-FWD") {
        assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);
    }
    for body in story("G-REV").into_iter().rev() {
        assert_eq!(app.post_signed_webhook(body.as_bytes()).await.status(), 200);
    }
    app.eventually("everything is applied", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event where outcome = 'applied'"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 16
    })
    .await;

    let forward = state_of(&app, "G-FWD").await;
    assert_eq!(
        forward,
        "revoked | 15550130002:left,15550130003:in | false | 1"
    );
    assert_eq!(state_of(&app, "G-REV").await, forward);
    app.stop().await;
}
