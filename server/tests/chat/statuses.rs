//! Status webhooks that arrive late, twice or out of order.

use super::*;

/// A `messages` webhook with one status of a group message, as WhatsApp sends it.
fn status_webhook(wamid: &str, group: &str, status: &str, participant: &str, at: i64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": common::DEMO_PNID},
            "statuses": [{"id": wamid, "status": status, "timestamp": at.to_string(),
                "recipient_id": group, "recipient_type": "group",
                "recipient_participant_id": participant,
                "pricing": {"billable": true, "pricing_model": "PMP", "type": "regular",
                            "category": "group_marketing"}}]}}]}]
    }))
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn late_duplicate_and_out_of_order_statuses_count_each_participant_once(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    let group = active_group(&app, "Order", 2).await;
    behave(&app, json!({ "auto_read": false })).await;
    let id = send_ok(&app, &group.id, "Counting").await;
    app.eventually("delivered to both", || async {
        delivery(&app, &group.id, &id).await == "sent 2/0/2"
    })
    .await;
    let wamid = sqlx::query_scalar!(
        r#"select wamid as "wamid!" from message where message_id = $1::text::uuid"#,
        id
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let member = &group.members[0];

    // Read twice, then a delivered that arrives after the read.
    for (status, at) in [
        ("read", 1_900_000_100),
        ("read", 1_900_000_200),
        ("delivered", 1_900_000_050),
    ] {
        let body = status_webhook(&wamid, &group.wa_group_id, status, member, at);
        assert_eq!(app.post_signed_webhook(&body).await.status(), 200);
    }
    app.eventually("every webhook is applied", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from webhook_event where processed_at is null"#
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == 0
    })
    .await;

    assert_eq!(delivery(&app, &group.id, &id).await, "sent 2/1/2");
    let receipt = sqlx::query!(
        r#"select read_at as "read_at: chrono::DateTime<chrono::Utc>", pricing_category
           from message_receipt where participant_key = $1"#,
        member
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        receipt.read_at.unwrap().timestamp(),
        1_900_000_100,
        "the first read counts"
    );
    assert_eq!(receipt.pricing_category.as_deref(), Some("group_marketing"));
    app.stop().await;
}
