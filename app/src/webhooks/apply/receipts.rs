//! `messages` → `statuses` of group messages (SPEC §3.3): what became of the messages GroupDesk
//! sent. `sent` and `failed` are about the whole group; `delivered` and `read` about one
//! participant each, with pricing. A status also settles a send whose answer was lost: it names
//! our message through `biz_opaque_callback_data`.

use super::{Applied, changed, event_time, group_of, number_id};
use crate::webhooks::payload::{DeliveryStatus, MessageStatus, Metadata};
use sqlx::PgConnection;
use uuid::Uuid;

/// Applies every group status of one change.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    statuses: &[MessageStatus],
) -> Result<Vec<Applied>, sqlx::Error> {
    let group_statuses: Vec<&MessageStatus> = statuses
        .iter()
        .filter(|status| status.group_id().is_some())
        .collect();
    if group_statuses.is_empty() {
        return Ok(Vec::new());
    }
    let Some(number) = number_id(tx, lookups, metadata).await? else {
        return Ok(vec![Applied::UnknownNumber]);
    };
    let mut results = Vec::new();
    for status in group_statuses {
        results.push(apply_one(tx, lookups, number, status).await?);
    }
    Ok(results)
}

async fn apply_one(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    number: Uuid,
    status: &MessageStatus,
) -> Result<Applied, sqlx::Error> {
    let Some((group_id, tenant_id)) =
        group_of(tx, lookups, number, status.group_id().as_ref()).await?
    else {
        // GroupDesk only sends to groups it knows: this is someone else's message.
        return Ok(Applied::Nothing);
    };
    let tag = status
        .biz_opaque_callback_data
        .as_deref()
        .and_then(|tag| tag.parse::<Uuid>().ok());
    let Some(message) = sqlx::query!(
        r#"select message_id, wamid from message
           where group_id = $1 and direction = 'outbound'
             and (wamid = $2 or ($3::uuid is not null and message_id = $3))
           limit 1"#,
        group_id.0,
        status.id.as_str(),
        tag
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        // Not one of ours, unless a send of ours has no wamid yet (its answer is not stored yet,
        // or was lost): then wait for it.
        let awaiting = sqlx::query_scalar!(
            r#"select exists(select 1 from message where group_id = $1 and direction = 'outbound'
                 and wamid is null and send_state in ('sending', 'unknown')) as "e!""#,
            group_id.0
        )
        .fetch_one(&mut *tx)
        .await?;
        return Ok(if awaiting {
            Applied::NotReady
        } else {
            Applied::Nothing
        });
    };
    let at = event_time(status.timestamp);
    let mut change = 0;
    if message.wamid.is_none() {
        change += sqlx::query!(
            "update message set wamid = $2 where message_id = $1 and wamid is null",
            message.message_id,
            status.id.as_str()
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    match &status.status {
        DeliveryStatus::Failed => {
            let error = status.errors.as_ref().and_then(|errors| errors.first());
            let code = error.and_then(|error| error.code);
            let detail = error
                .and_then(|error| error.title.clone().or_else(|| error.message.clone()))
                .unwrap_or_default();
            let failed = sqlx::query!(
                r#"update message set send_state = 'failed', failure_code = $2, failure_detail = $3,
                     send_state_at = now()
                   where message_id = $1 and send_state <> 'failed'"#,
                message.message_id,
                code,
                detail
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            change += failed;
            settle(tx, message.message_id, failed > 0).await?;
        }
        DeliveryStatus::Sent | DeliveryStatus::Delivered | DeliveryStatus::Read => {
            // WhatsApp has it: whatever the send's answer said, it is sent, and not sent again.
            let sent = sqlx::query!(
                r#"update message set send_state = 'sent', send_state_at = now(),
                     failure_code = null, failure_detail = null,
                     recipient_count = coalesce(recipient_count,
                       (select count(*)::int from participant p
                        where p.group_id = message.group_id and p.left_at is null))
                   where message_id = $1 and send_state <> 'sent'"#,
                message.message_id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            change += sent;
            settle(tx, message.message_id, sent > 0).await?;
            if status.status != DeliveryStatus::Sent
                && let Some(participant) = status.participant()
                && let Some(key) = participant.key()
            {
                let read = status.status == DeliveryStatus::Read;
                let pricing = status.pricing.as_ref();
                let text = |value: Option<serde_json::Value>| {
                    value.and_then(|value| value.as_str().map(str::to_owned))
                };
                let model = text(pricing.and_then(|p| serde_json::to_value(&p.pricing_model).ok()));
                let kind = text(pricing.and_then(|p| serde_json::to_value(&p.kind).ok()));
                let category = text(pricing.and_then(|p| serde_json::to_value(&p.category).ok()));
                change += sqlx::query!(
                    r#"insert into message_receipt (message_id, tenant_id, participant_key, wa_id,
                         user_id, delivered_at, read_at, pricing_model, pricing_type, pricing_category,
                         billable)
                       values ($1, $2, $3, $4, $5, case when $6 then null else $7::timestamptz end,
                               case when $6 then $7::timestamptz end, $8, $9, $10, $11)
                       on conflict (message_id, participant_key) do update set
                         delivered_at = coalesce(message_receipt.delivered_at, excluded.delivered_at),
                         read_at = coalesce(message_receipt.read_at, excluded.read_at),
                         wa_id = coalesce(message_receipt.wa_id, excluded.wa_id),
                         user_id = coalesce(message_receipt.user_id, excluded.user_id),
                         pricing_model = coalesce(excluded.pricing_model, message_receipt.pricing_model),
                         pricing_type = coalesce(excluded.pricing_type, message_receipt.pricing_type),
                         pricing_category = coalesce(excluded.pricing_category, message_receipt.pricing_category),
                         billable = coalesce(excluded.billable, message_receipt.billable)
                       where message_receipt.delivered_at is null and not $6
                          or message_receipt.read_at is null and $6"#,
                    message.message_id,
                    tenant_id.0,
                    key,
                    participant.wa_id.as_ref().map(|id| id.as_str()),
                    participant.user_id.as_ref().map(|id| id.as_str()),
                    read,
                    at as _,
                    model,
                    kind,
                    category,
                    pricing.and_then(|p| p.billable),
                )
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
        }
        DeliveryStatus::Other(_) => {}
    }
    Ok(if change > 0 {
        changed(group_id, tenant_id)
    } else {
        Applied::Nothing
    })
}

/// The message is settled: nothing of it is left to send. When its state just `changed` and it
/// is a pin or unpin, the pin follows (active, or rolled back).
async fn settle(tx: &mut PgConnection, message_id: Uuid, changed: bool) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from outbox where message_id = $1", message_id)
        .execute(&mut *tx)
        .await?;
    if changed {
        crate::chat::pins_db::settle(tx, message_id).await?;
    }
    Ok(())
}
