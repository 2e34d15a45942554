//! `messages` with a `group_id`: what participants post (SPEC §3.4).

use super::{Applied, changed, group_of, number_id};
use crate::chat::media::{MediaKind, clean_file_name, normalize_mime};
use crate::ids::{GroupId, TenantId};
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
        let inserted = sqlx::query_scalar!(
            r#"insert into message (tenant_id, group_id, wamid, direction, sender_wa_id, sender_user_id,
                                    sender_name, message_type, body, content, sent_at, received_at)
               values ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8, $9, $10, clock_timestamp())
               on conflict (group_id, wamid) do nothing
               returning message_id"#,
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
        .fetch_optional(&mut *tx)
        .await?;
        let Some(message_id) = inserted else {
            results.push(Applied::Nothing);
            continue;
        };
        media_to_fetch(tx, message, message_id, group_id, tenant_id).await?;
        results.push(changed(group_id, tenant_id));
    }
    Ok(results)
}

/// A participant's image, video, audio or document: a media row the download worker fetches from
/// WhatsApp later, off this transaction.
async fn media_to_fetch(
    tx: &mut PgConnection,
    message: &InboundMessage,
    message_id: uuid::Uuid,
    group_id: GroupId,
    tenant_id: TenantId,
) -> Result<(), sqlx::Error> {
    let kind = match message.kind {
        MessageType::Image => MediaKind::Image,
        MessageType::Video => MediaKind::Video,
        MessageType::Audio => MediaKind::Audio,
        MessageType::Document => MediaKind::Document,
        _ => return Ok(()),
    };
    let Some(media) = message.media() else {
        return Ok(());
    };
    let Some(wa_media_id) = &media.id else {
        return Ok(());
    };
    let mime_type = media
        .mime_type
        .as_deref()
        .map(normalize_mime)
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    sqlx::query!(
        r#"insert into media (tenant_id, group_id, message_id, kind, mime_type, file_name,
                              wa_media_id, state, fetch_next_at)
           values ($1, $2, $3, $4, $5, $6, $7, 'pending', now())"#,
        tenant_id.0,
        group_id.0,
        message_id,
        kind.as_str(),
        mime_type,
        media.filename.as_deref().and_then(clean_file_name),
        wa_media_id.as_str(),
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
