//! Sending: a message is stored with its outbox row in one transaction; the outbox worker sends.

use super::domain::{MessageBody, SendState};
use super::text;
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::graph::types::{MessageContent, Template, TemplateLanguage, TextBody};
use crate::ids::GroupId;
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;
use uuid::Uuid;

/// Queues a text message to a group of the member's tenant.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn send_text(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    body: &MessageBody,
) -> Result<Uuid, AppError> {
    let content = MessageContent::Text {
        text: TextBody {
            body: body.as_str().to_owned(),
            preview_url: false,
        },
    };
    let outgoing = Outgoing {
        kind: "text",
        body: body.as_str(),
        content,
        detail: serde_json::json!({ "group_id": group_id, "type": "text" }),
    };
    queue_new(state, member, group_id, outgoing).await
}

/// Queues a template message to a group of the member's tenant: the template must be one the
/// group's number offers (cached, approved, not authentication), and `values` must fill every
/// field. The chat shows the filled-in text.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn send_template(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    name: &str,
    language: &str,
    values: &[String],
) -> Result<Uuid, AppError> {
    use crate::templates::{self, domain::Purpose};
    let (_, template) = templates::service::chosen_for_group(
        state,
        member,
        group_id,
        name,
        language,
        Purpose::GroupMessage,
    )
    .await?;
    let template =
        template.ok_or_else(|| AppError::validation("name", templates::text::NOT_AVAILABLE))?;
    let filled = template.fill(values)?;
    let content = MessageContent::Template {
        template: Template {
            name: template.name.clone(),
            language: TemplateLanguage {
                code: template.language.clone(),
            },
            components: filled.components,
        },
    };
    let outgoing = Outgoing {
        kind: "template",
        body: &filled.text,
        content,
        detail: serde_json::json!({
            "group_id": group_id, "type": "template",
            "template": template.name, "language": template.language,
        }),
    };
    queue_new(state, member, group_id, outgoing).await
}

/// A new message: its type, the text the chat shows, what is sent, and the audit detail.
struct Outgoing<'a> {
    kind: &'static str,
    body: &'a str,
    content: MessageContent,
    detail: serde_json::Value,
}

/// Stores a new outbound message and its outbox row in one transaction, if the group can take it.
async fn queue_new(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    outgoing: Outgoing<'_>,
) -> Result<Uuid, AppError> {
    let content = serde_json::to_value(&outgoing.content).map_err(AppError::internal)?;
    let mut tx = state.pool.begin().await?;
    let target = super::db::send_target(&mut *tx, member, group_id).await?;
    sendable(target.cannot_send)?;
    let message_id = sqlx::query_scalar!(
        r#"insert into message (tenant_id, group_id, direction, sent_by, message_type, body, content,
                                sent_at, send_state, send_state_at)
           values ($1, $2, 'outbound', $3, $4, $5, $6, now(), $7, now())
           returning message_id"#,
        member.tenant_id().0,
        group_id.0,
        member.user_id().0,
        outgoing.kind,
        outgoing.body,
        content,
        SendState::Queued.as_str(),
    )
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::MESSAGE_SEND,
    )
    .target(message_id)
    .detail(outgoing.detail);
    let queued = Queued {
        message_id,
        group_id,
        number: target.business_number_id,
        content: &content,
    };
    enqueue(&mut tx, member, &queued, &entry).await?;
    tx.commit().await?;
    after_commit(state).await?;
    Ok(message_id)
}

/// Puts a failed message of the member's tenant back in the outbox.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), message.id = %message_id))]
pub async fn retry(
    state: &AppState,
    member: &TenantMember,
    message_id: Uuid,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    let row = sqlx::query!(
        r#"select group_id, content, send_state, message_type from message
           where tenant_id = $1 and message_id = $2 and direction = 'outbound' for update"#,
        member.tenant_id().0,
        message_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if row.message_type == "pin" {
        // Its pin was rolled back when it failed; pinning again is the way back.
        return Err(AppError::Conflict {
            message: text::PIN_NOT_RETRYABLE.to_owned(),
        });
    }
    if row.send_state.as_deref() != Some(SendState::Failed.as_str()) {
        return Err(AppError::Conflict {
            message: text::NOT_RETRYABLE.to_owned(),
        });
    }
    let group_id = GroupId(row.group_id);
    let target = super::db::send_target(&mut *tx, member, group_id).await?;
    sendable(target.cannot_send)?;
    sqlx::query!(
        r#"update message set send_state = $3, failure_code = null, failure_detail = null,
             send_state_at = now()
           where tenant_id = $1 and message_id = $2"#,
        member.tenant_id().0,
        message_id,
        SendState::Queued.as_str(),
    )
    .execute(&mut *tx)
    .await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::MESSAGE_RETRY,
    )
    .target(message_id)
    .detail(serde_json::json!({ "group_id": group_id }));
    let queued = Queued {
        message_id,
        group_id,
        number: target.business_number_id,
        content: &row.content,
    };
    enqueue(&mut tx, member, &queued, &entry).await?;
    tx.commit().await?;
    after_commit(state).await
}

/// Refuses a send to a group that cannot take one, with the reason.
pub(super) fn sendable(cannot_send: Option<&'static str>) -> Result<(), AppError> {
    match cannot_send {
        Some(reason) => Err(AppError::Conflict {
            message: reason.to_owned(),
        }),
        None => Ok(()),
    }
}

/// A message ready for the outbox.
pub(super) struct Queued<'a> {
    pub(super) message_id: Uuid,
    pub(super) group_id: GroupId,
    pub(super) number: Uuid,
    pub(super) content: &'a serde_json::Value,
}

/// Files the message's outbox row, audits `entry` and tells the group's open pages, in the
/// caller's transaction.
pub(super) async fn enqueue(
    tx: &mut sqlx::PgConnection,
    member: &TenantMember,
    queued: &Queued<'_>,
    entry: &Entry<'_>,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"insert into outbox (message_id, tenant_id, business_number_id, content)
           values ($1, $2, $3, $4)"#,
        queued.message_id,
        member.tenant_id().0,
        queued.number,
        queued.content,
    )
    .execute(&mut *tx)
    .await?;
    audit::record(&mut *tx, entry).await?;
    let event = LiveEvent {
        tenant_id: member.tenant_id(),
        change: Change::Group {
            group_id: queued.group_id,
        },
    };
    crate::live::store::publish(tx, &event).await?;
    Ok(())
}

/// Tells open pages and wakes the outbox.
pub(super) async fn after_commit(state: &AppState) -> Result<(), AppError> {
    crate::live::store::notify(&state.pool).await?;
    state.outbox_wake.notify_one();
    Ok(())
}
