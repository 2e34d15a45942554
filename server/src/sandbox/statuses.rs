//! Status webhooks for outbound group messages: `sent` for the group, then one aggregated
//! `delivered` and one aggregated `read` webhook with a status per participant and its pricing
//! (SPEC §3.3, §7, §8 rules 11, 12).

use super::error::MetaError;
use super::lookup::{Group, internal};
use super::{SandboxState, deliver};
use serde_json::{Value, json};
use sqlx::PgConnection;

/// One recipient of a group message.
struct Recipient {
    user_key: String,
    wa_id: Option<String>,
    user_id: Option<String>,
}

/// `pricing` for a participant status (SPEC §7): service is always free; utility is free inside
/// the group's customer-service window; marketing is always billed.
fn pricing(category: &str, window_open: bool) -> Value {
    let free = category == "group_service" || (category == "group_utility" && window_open);
    json!({
        "billable": !free,
        "pricing_model": "PMP",
        "type": if free { "free_group_customer_service" } else { "regular" },
        "category": category,
    })
}

fn participant_status(
    wamid: &str,
    status: &str,
    group_id: &str,
    recipient: &Recipient,
    pricing: &Value,
) -> Value {
    let mut object = json!({
        "id": wamid,
        "status": status,
        "timestamp": deliver::timestamp(),
        "recipient_id": group_id,
        "recipient_type": "group",
        "pricing": pricing,
    });
    if let Some(wa_id) = &recipient.wa_id {
        object["recipient_participant_id"] = json!(wa_id);
    }
    if let Some(user_id) = &recipient.user_id {
        object["recipient_participant_user_id"] = json!(user_id);
    }
    object
}

/// A status with the sender's `biz_opaque_callback_data`, when the send had one.
fn tagged(mut status: Value, tag: Option<&str>) -> Value {
    if let Some(tag) = tag {
        status["biz_opaque_callback_data"] = json!(tag);
    }
    status
}

/// `contacts` for BSUID participants (SPEC §3.3 notes).
fn contacts(recipients: &[Recipient]) -> Option<Value> {
    let contacts: Vec<Value> = recipients
        .iter()
        .filter_map(|recipient| {
            recipient.user_id.as_ref().map(|user_id| {
                let mut contact = json!({ "user_id": user_id });
                if let Some(wa_id) = &recipient.wa_id {
                    contact["wa_id"] = json!(wa_id);
                }
                contact
            })
        })
        .collect();
    (!contacts.is_empty()).then(|| json!(contacts))
}

fn statuses_value(statuses: Vec<Value>, recipients: &[Recipient]) -> Value {
    let mut value = json!({ "statuses": statuses });
    if let Some(contacts) = contacts(recipients) {
        value["contacts"] = contacts;
    }
    value
}

async fn window_open(tx: &mut PgConnection, wa_group_id: &str) -> Result<bool, MetaError> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.message where wa_group_id = $1 and direction = 'inbound'
             and created_at > now() - interval '24 hours') as "e!""#,
        wa_group_id
    )
    .fetch_one(tx)
    .await
    .map_err(internal)
}

/// Queues `sent`, `delivered` and (with auto-read) `read` for a message just sent to `group`,
/// and records the receipts.
pub async fn schedule_outbound(
    state: &SandboxState,
    tx: &mut PgConnection,
    group: &Group,
    wamid: &str,
    category: &str,
    tag: Option<&str>,
) -> Result<(), MetaError> {
    let recipients = sqlx::query_as!(
        Recipient,
        r#"select u.user_key, u.wa_id, u.user_id from sandbox.participant p
           join sandbox.wa_user u using (user_key) where p.wa_group_id = $1 order by p.joined_at"#,
        group.wa_group_id
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(internal)?;
    let auto_read = sqlx::query_scalar!("select auto_read from sandbox.behaviour")
        .fetch_one(&mut *tx)
        .await
        .map_err(internal)?;
    let pricing = pricing(category, window_open(tx, &group.wa_group_id).await?);
    let delay = state.settings.webhook_delay;

    let sent = json!({
        "id": wamid,
        "status": "sent",
        "timestamp": deliver::timestamp(),
        "recipient_id": group.wa_group_id,
        "recipient_type": "group",
    });
    let sent = tagged(sent, tag);
    let envelope = deliver::messages_envelope(&group.number, json!({ "statuses": [sent] }));
    deliver::enqueue(tx, &envelope, delay)
        .await
        .map_err(internal)?;

    for recipient in &recipients {
        sqlx::query!(
            r#"insert into sandbox.receipt (wamid, user_key, delivered_at, read_at)
               values ($1, $2, now(), case when $3 then now() end)"#,
            wamid,
            recipient.user_key,
            auto_read
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    }
    let mut phases = vec!["delivered"];
    if auto_read {
        phases.push("read");
    }
    for (step, status) in (2_u32..).zip(phases) {
        let statuses = recipients
            .iter()
            .map(|recipient| {
                tagged(
                    participant_status(wamid, status, &group.wa_group_id, recipient, &pricing),
                    tag,
                )
            })
            .collect();
        let envelope =
            deliver::messages_envelope(&group.number, statuses_value(statuses, &recipients));
        deliver::enqueue(tx, &envelope, delay * step)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

/// A simulated participant reads every outbound message it has not read yet: one `read`
/// status per message, in one webhook.
pub async fn read_all(
    state: &SandboxState,
    group: &Group,
    user_key: &str,
) -> Result<usize, MetaError> {
    let mut tx = state.pool.begin().await.map_err(internal)?;
    let unread = sqlx::query!(
        r#"update sandbox.receipt r set read_at = now()
           from sandbox.message m
           where r.wamid = m.wamid and m.wa_group_id = $1 and r.user_key = $2 and r.read_at is null
           returning r.wamid, m.pricing_category"#,
        group.wa_group_id,
        user_key
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(internal)?;
    if unread.is_empty() {
        return Ok(0);
    }
    let recipient = sqlx::query_as!(
        Recipient,
        "select user_key, wa_id, user_id from sandbox.wa_user where user_key = $1",
        user_key
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(internal)?;
    let open = window_open(&mut tx, &group.wa_group_id).await?;
    let statuses = unread
        .iter()
        .map(|row| {
            let category = row.pricing_category.as_deref().unwrap_or("group_service");
            participant_status(
                &row.wamid,
                "read",
                &group.wa_group_id,
                &recipient,
                &pricing(category, open),
            )
        })
        .collect();
    let recipients = [recipient];
    let envelope = deliver::messages_envelope(&group.number, statuses_value(statuses, &recipients));
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(unread.len())
}

#[cfg(test)]
mod tests {
    use super::pricing;

    #[test]
    fn pricing_follows_the_group_rules() {
        assert_eq!(
            pricing("group_service", false)["type"],
            "free_group_customer_service"
        );
        assert_eq!(
            pricing("group_utility", true)["type"],
            "free_group_customer_service"
        );
        assert_eq!(pricing("group_utility", false)["type"], "regular");
        assert_eq!(pricing("group_marketing", true)["type"], "regular");
        assert_eq!(pricing("group_marketing", true)["billable"], true);
        assert_eq!(pricing("group_service", true)["pricing_model"], "PMP");
    }
}
