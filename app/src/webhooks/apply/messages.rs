//! `messages` with a `group_id`: what participants post (SPEC §3.4).

use super::{Applied, changed, group_of, number_id};
use crate::webhooks::payload::{Contact, InboundMessage, MessageType, Metadata};
use sqlx::PgConnection;

/// The type name as stored and shown.
fn type_name(kind: &MessageType) -> String {
    match kind {
        MessageType::Text => "text",
        MessageType::Image => "image",
        MessageType::Video => "video",
        MessageType::Audio => "audio",
        MessageType::Document => "document",
        MessageType::Sticker => "sticker",
        MessageType::Location => "location",
        MessageType::Reaction => "reaction",
        MessageType::Contacts => "contacts",
        MessageType::Button => "button",
        MessageType::Unsupported => "unsupported",
        MessageType::Other(other) => other,
    }
    .to_owned()
}

/// Stores each group message once; 1:1 messages are not GroupDesk's business here.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    contacts: &[Contact],
    messages: &[InboundMessage],
) -> Result<Vec<Applied>, sqlx::Error> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let Some(number) = number_id(tx, lookups, metadata).await? else {
        return Ok(vec![Applied::UnknownNumber]);
    };
    let mut results = Vec::new();
    for message in messages {
        if message.group_id.is_none() {
            continue;
        }
        let Some((group_id, tenant_id)) =
            group_of(tx, lookups, number, message.group_id.as_ref()).await?
        else {
            results.push(Applied::NotReady);
            continue;
        };
        let sender = message.sender();
        let name = contacts
            .iter()
            .find(|contact| {
                let identity = contact.identity();
                identity.key().is_some() && identity.key() == sender.key()
            })
            .and_then(|contact| contact.profile.as_ref())
            .and_then(|profile| profile.name.clone());
        let body = message
            .text
            .as_ref()
            .and_then(|text| text.body.clone())
            .or_else(|| message.media().and_then(|media| media.caption.clone()));
        let sent_at = super::event_time(message.timestamp);
        // WhatsApp's timestamps are whole seconds: messages of one second keep their arrival
        // order through `received_at`, which is why it is the clock, not the transaction's start.
        let content =
            serde_json::to_value(message).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
        let inserted = sqlx::query!(
            r#"insert into message (tenant_id, group_id, wamid, direction, sender_wa_id, sender_user_id,
                                    sender_name, message_type, body, content, sent_at, received_at)
               values ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8, $9, $10, clock_timestamp())
               on conflict (group_id, wamid) do nothing"#,
            tenant_id.0,
            group_id.0,
            message.id.as_str(),
            sender.wa_id.as_ref().map(|id| id.as_str()),
            sender.user_id.as_ref().map(|id| id.as_str()),
            name,
            type_name(&message.kind),
            body,
            content,
            sent_at as _,
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        results.push(if inserted == 1 {
            changed(group_id, tenant_id)
        } else {
            Applied::Nothing
        });
    }
    Ok(results)
}
