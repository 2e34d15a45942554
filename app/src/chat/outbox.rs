//! The outbox worker's steps: claim due sends, send each once, record what happened.
//!
//! A send is repeated only when WhatsApp certainly did not take it (a refusal it says is
//! temporary, a rate limit, a server error, no connection). When the answer is lost (timeout), the
//! message becomes "unknown" and status webhooks settle it: it is never resent blindly.

use super::db::{GROUP_NOT_ACTIVE, NOT_CONFIRMED, NUMBER_DISABLED};
pub use super::send_outcome::{MAX_ATTEMPTS, Outcome, backoff, classify};
use super::send_outcome::{failed, retry};
use crate::graph::types::MessageContent;
use crate::graph::{GraphError, NumberAccess};
use crate::ids::{GroupId, PhoneNumberId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::token_cipher::SealedToken;
use secrecy::SecretString;
use sqlx::{PgConnection, PgPool};
use std::time::Duration;
use uuid::Uuid;

/// A message whose outcome is unknown this long is shown as failed (it may be sent by hand).
pub const UNKNOWN_FOR: Duration = Duration::from_secs(15 * 60);
/// Sent for the seeded demo number, which has no stored token; the sandbox then accepts any.
const SANDBOX_PLACEHOLDER_TOKEN: &str = "sandbox-token";

/// A send the worker took from the outbox.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The message.
    pub message_id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// Its group.
    pub group_id: Uuid,
    /// The business number that sends it.
    pub business_number_id: Uuid,
    /// This is attempt number `attempts`.
    pub attempts: i32,
    /// What to send.
    pub content: serde_json::Value,
    wa_group_id: Option<String>,
    group_open: bool,
    suspended: bool,
    number_disabled: bool,
    phone_number_id: String,
    sandbox: bool,
    token: Option<SealedToken>,
    /// `STANDARD` or `HIGH`, when known.
    pub throughput_level: Option<String>,
    /// The message's file, for media messages.
    pub media_id: Option<Uuid>,
}

/// Takes up to `limit` due sends whose messages still wait, oldest first, and marks them sending.
pub async fn claim_due(pool: &PgPool, limit: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let rows = sqlx::query!(
        r#"with due as (
             select o.message_id from outbox o join message m using (message_id)
             where o.claimed_at is null and o.next_attempt_at <= now() and m.send_state = 'queued'
             order by o.next_attempt_at, o.created_at
             limit $1
             for update of o skip locked),
           claimed as (
             update outbox o set claimed_at = now(), attempts = o.attempts + 1
             from due where o.message_id = due.message_id
             returning o.message_id, o.tenant_id, o.business_number_id, o.content, o.attempts,
                       o.next_attempt_at)
           select c.message_id as "message_id!", c.tenant_id as "tenant_id!",
                  c.business_number_id as "business_number_id!", c.content as "content!",
                  c.attempts as "attempts!", m.group_id, g.wa_group_id,
                  g.state = 'active' as "group_open!", g.suspended,
                  n.disabled_at is not null as "number_disabled!", n.phone_number_id, n.sandbox,
                  n.access_token_ciphertext, n.access_token_nonce, n.throughput_level,
                  md.media_id as "media_id?"
           from claimed c
           join message m on m.message_id = c.message_id
           join whatsapp_group g on g.group_id = m.group_id
           join business_number n on n.business_number_id = c.business_number_id
           left join media md on md.message_id = c.message_id
           order by c.next_attempt_at"#,
        limit
    )
    .fetch_all(&mut *tx)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|row| row.message_id).collect();
    sqlx::query!(
        "update message set send_state = 'sending', send_state_at = now() where message_id = any($1)",
        &ids
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|row| Claimed {
            message_id: row.message_id,
            tenant_id: row.tenant_id,
            group_id: row.group_id,
            business_number_id: row.business_number_id,
            attempts: row.attempts,
            content: row.content,
            wa_group_id: row.wa_group_id,
            group_open: row.group_open,
            suspended: row.suspended,
            number_disabled: row.number_disabled,
            phone_number_id: row.phone_number_id,
            sandbox: row.sandbox,
            token: row
                .access_token_ciphertext
                .zip(row.access_token_nonce)
                .map(|(ciphertext, nonce)| SealedToken { ciphertext, nonce }),
            throughput_level: row.throughput_level,
            media_id: row.media_id,
        })
        .collect())
}

/// Sends one claimed message within `timeout`, and says what happened.
pub async fn send(state: &AppState, claimed: &Claimed, timeout: Duration) -> Outcome {
    if claimed.number_disabled {
        return failed(None, NUMBER_DISABLED);
    }
    if claimed.suspended {
        return failed(Some(131_207), "group suspended");
    }
    let Some(wa_group_id) = claimed
        .wa_group_id
        .as_deref()
        .filter(|_| claimed.group_open)
    else {
        return failed(None, GROUP_NOT_ACTIVE);
    };
    let Ok(content) = serde_json::from_value::<MessageContent>(claimed.content.clone()) else {
        tracing::error!(message.id = %claimed.message_id, "outbox content is unreadable");
        return failed(None, "unreadable content");
    };
    let Some(client) = state.graph.for_number(claimed.sandbox).cloned() else {
        return retry(None, claimed.attempts, false);
    };
    let token = match &claimed.token {
        Some(sealed) => match state.token_cipher.open(sealed, &claimed.phone_number_id) {
            Ok(token) => token,
            Err(_) => return failed(Some(190), "token cannot be decrypted"),
        },
        None => SecretString::from(SANDBOX_PLACEHOLDER_TOKEN),
    };
    let access = NumberAccess {
        phone_number_id: PhoneNumberId(claimed.phone_number_id.clone()),
        token,
    };
    let content = match claimed.media_id {
        Some(media_id) => {
            let prepared = super::media_send::with_uploaded(
                state,
                client.as_ref(),
                &access,
                media_id,
                content,
                claimed.attempts,
                timeout,
            )
            .await;
            match prepared {
                Ok(content) => content,
                Err(outcome) => return outcome,
            }
        }
        None => content,
    };
    let sent = tokio::time::timeout(
        timeout,
        client.send_to_group_tagged(
            &access,
            wa_group_id,
            &content,
            &claimed.message_id.to_string(),
        ),
    )
    .await
    .unwrap_or(Err(GraphError::Timeout));
    classify(sent, claimed.attempts)
}

/// Records an outcome and tells open pages.
pub async fn record(
    pool: &PgPool,
    claimed: &Claimed,
    outcome: &Outcome,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = claimed.message_id;
    sqlx::query!(
        "update message set send_attempts = greatest(send_attempts, $2) where message_id = $1",
        id,
        claimed.attempts
    )
    .execute(&mut *tx)
    .await?;
    match outcome {
        Outcome::Accepted { wamid } => {
            sqlx::query!(
                r#"update message set wamid = coalesce(wamid, $2),
                     send_state = case when send_state in ('sending', 'queued', 'unknown')
                                       then 'accepted' else send_state end,
                     send_state_at = now(),
                     recipient_count = coalesce(recipient_count,
                       (select count(*)::int from participant p
                        where p.group_id = message.group_id and p.left_at is null))
                   where message_id = $1"#,
                id,
                wamid
            )
            .execute(&mut *tx)
            .await?;
            delete(&mut tx, id).await?;
        }
        Outcome::Retry { after, .. } => {
            let updated = sqlx::query!(
                r#"update message set send_state = 'queued', send_state_at = now()
                   where message_id = $1 and send_state = 'sending'"#,
                id
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 1 {
                sqlx::query!(
                    r#"update outbox set claimed_at = null,
                         next_attempt_at = now() + make_interval(secs => $2)
                       where message_id = $1"#,
                    id,
                    after.as_secs_f64()
                )
                .execute(&mut *tx)
                .await?;
            } else {
                // A status webhook settled it meanwhile.
                delete(&mut tx, id).await?;
            }
        }
        Outcome::Failed { code, detail } => {
            if matches!(code, Some(132_000 | 132_001)) {
                // The cached template no longer matches WhatsApp's: read it again next time.
                crate::templates::db::mark_stale(&mut *tx, claimed.business_number_id).await?;
            }
            sqlx::query!(
                r#"update message set send_state = 'failed', failure_code = $2, failure_detail = $3,
                     send_state_at = now()
                   where message_id = $1 and send_state = 'sending'"#,
                id,
                *code,
                detail
            )
            .execute(&mut *tx)
            .await?;
            delete(&mut tx, id).await?;
        }
        Outcome::Unknown => {
            sqlx::query!(
                r#"update message set send_state = 'unknown', send_state_at = now()
                   where message_id = $1 and send_state = 'sending'"#,
                id
            )
            .execute(&mut *tx)
            .await?;
            delete(&mut tx, id).await?;
        }
    }
    if is_pin(&claimed.content) {
        super::pins_db::settle(&mut tx, id).await?;
    }
    publish(&mut tx, claimed.tenant_id, claimed.group_id).await?;
    tx.commit().await?;
    crate::live::store::notify(pool).await
}

/// Whether the content is a pin or unpin, whose outcome also settles a pin.
fn is_pin(content: &serde_json::Value) -> bool {
    content.get("type").and_then(serde_json::Value::as_str) == Some("pin")
}

async fn delete(tx: &mut PgConnection, message_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from outbox where message_id = $1", message_id)
        .execute(tx)
        .await?;
    Ok(())
}

async fn publish(
    tx: &mut PgConnection,
    tenant_id: Uuid,
    group_id: Uuid,
) -> Result<(), sqlx::Error> {
    let event = LiveEvent {
        tenant_id: TenantId(tenant_id),
        change: Change::Group {
            group_id: GroupId(group_id),
        },
    };
    crate::live::store::publish(tx, &event).await
}

/// Settles what nobody else will: sends whose worker died mid-send become unknown (claims older
/// than `stale_claim`), and unknown messages WhatsApp never confirmed become failed. Returns how
/// many messages changed.
pub async fn sweep(pool: &PgPool, stale_claim: Duration) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let orphaned = sqlx::query!(
        r#"with stale as (
             delete from outbox where claimed_at < now() - make_interval(secs => $1)
             returning message_id)
           update message m set send_state = 'unknown', send_state_at = now()
           from stale where m.message_id = stale.message_id and m.send_state = 'sending'
           returning m.tenant_id, m.group_id"#,
        stale_claim.as_secs_f64()
    )
    .fetch_all(&mut *tx)
    .await?;
    let expired = sqlx::query!(
        r#"update message set send_state = 'failed', failure_detail = $2, send_state_at = now()
           where send_state = 'unknown' and send_state_at < now() - make_interval(secs => $1)
           returning message_id, tenant_id, group_id"#,
        UNKNOWN_FOR.as_secs_f64(),
        NOT_CONFIRMED
    )
    .fetch_all(&mut *tx)
    .await?;
    for row in &expired {
        // An unconfirmed pin is rolled back like a failed one.
        super::pins_db::settle(&mut tx, row.message_id).await?;
    }
    let changed: Vec<(Uuid, Uuid)> = orphaned
        .iter()
        .map(|row| (row.tenant_id, row.group_id))
        .chain(expired.iter().map(|row| (row.tenant_id, row.group_id)))
        .collect();
    for (tenant_id, group_id) in &changed {
        publish(&mut tx, *tenant_id, *group_id).await?;
    }
    tx.commit().await?;
    if !changed.is_empty() {
        crate::live::store::notify(pool).await?;
    }
    Ok(changed.len() as u64)
}

/// Puts claimed sends that were not attempted back in the queue, due at `after` from now (a
/// paused number, or a worker that stops).
pub async fn release(
    pool: &PgPool,
    claimed: &[Claimed],
    after: Duration,
) -> Result<(), sqlx::Error> {
    let ids: Vec<Uuid> = claimed.iter().map(|claimed| claimed.message_id).collect();
    let mut tx = pool.begin().await?;
    sqlx::query!(
        r#"update outbox set claimed_at = null, attempts = greatest(attempts - 1, 0),
             next_attempt_at = now() + make_interval(secs => $2)
           where message_id = any($1)"#,
        &ids,
        after.as_secs_f64()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"update message set send_state = 'queued', send_state_at = now()
           where message_id = any($1) and send_state = 'sending'"#,
        &ids
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
