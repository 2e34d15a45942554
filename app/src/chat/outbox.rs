//! The outbox worker's steps: claim due sends, send each once, record what happened.
//!
//! A send is repeated only when WhatsApp certainly did not take it (a refusal it says is
//! temporary, a rate limit, a server error, no connection). When the answer is lost (timeout), the
//! message becomes "unknown" and status webhooks settle it: it is never resent blindly.

use super::db::{GROUP_NOT_ACTIVE, NOT_CONFIRMED, NUMBER_DISABLED};
use crate::graph::types::{MessageContent, SendMessageResponse};
use crate::graph::{GraphError, NumberAccess};
use crate::ids::{GroupId, PhoneNumberId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::token_cipher::SealedToken;
use secrecy::SecretString;
use sqlx::{PgConnection, PgPool};
use std::time::Duration;
use uuid::Uuid;

/// Sends of one message are given up after this many attempts.
pub const MAX_ATTEMPTS: i32 = 10;
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

/// What one send attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// WhatsApp took it and named it.
    Accepted {
        /// The wamid.
        wamid: String,
    },
    /// WhatsApp certainly did not take it; try again after `after`.
    Retry {
        /// How long to wait.
        after: Duration,
        /// Meta said to slow down (130429, 131208): the whole number should pause.
        slow_down: bool,
        /// Meta's code, if it gave one.
        code: Option<i64>,
    },
    /// It will not be sent.
    Failed {
        /// Meta's code, if it gave one.
        code: Option<i64>,
        /// Meta's details, or GroupDesk's marker for its own reasons.
        detail: String,
    },
    /// The answer was lost: WhatsApp may have taken it. Status webhooks will tell.
    Unknown,
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

pub(super) fn failed(code: Option<i64>, detail: &str) -> Outcome {
    Outcome::Failed {
        code,
        detail: detail.to_owned(),
    }
}

pub(super) fn retry(code: Option<i64>, attempts: i32, slow_down: bool) -> Outcome {
    if attempts >= MAX_ATTEMPTS {
        return Outcome::Failed {
            code,
            detail: "gave up".to_owned(),
        };
    }
    Outcome::Retry {
        after: backoff(attempts, slow_down),
        slow_down,
        code,
    }
}

/// How long to wait before attempt `attempts + 1`: 0.2 s doubling (1 s for rate limits), at
/// most 30 s.
pub fn backoff(attempts: i32, slow_down: bool) -> Duration {
    let base_ms: u64 = if slow_down { 1_000 } else { 200 };
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::from_millis((base_ms << exponent).min(30_000))
}

/// Sorts an answer into accepted, retry, failed or unknown.
pub fn classify(sent: Result<SendMessageResponse, GraphError>, attempts: i32) -> Outcome {
    match sent {
        Ok(response) => match response.wamid() {
            Some(wamid) => Outcome::Accepted {
                wamid: wamid.to_owned(),
            },
            // Taken (2xx) but unnamed: only a status webhook can tell which message it is.
            None => Outcome::Unknown,
        },
        Err(error) if error.may_have_acted() => Outcome::Unknown,
        Err(error) if error.is_rate_limit() => retry(Some(error.code()), attempts, true),
        Err(error) if error.is_retryable() => {
            let code = Some(error.code()).filter(|code| *code != 0);
            retry(code, attempts, false)
        }
        Err(GraphError::Api { code, details, .. }) => Outcome::Failed {
            code: Some(code),
            detail: details,
        },
        Err(error) => Outcome::Failed {
            code: None,
            detail: error.to_string(),
        },
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::types::SentMessage;

    fn api(status: u16, code: i64) -> GraphError {
        GraphError::Api {
            status,
            code,
            subcode: None,
            fbtrace_id: None,
            details: "details".into(),
        }
    }

    #[test]
    fn only_certain_refusals_are_retried_and_lost_answers_are_never_resent() {
        let accepted = SendMessageResponse {
            contacts: Vec::new(),
            messages: vec![SentMessage {
                id: "wamid.A".into(),
                group_id: None,
                message_status: None,
            }],
        };
        assert_eq!(
            classify(Ok(accepted), 1),
            Outcome::Accepted {
                wamid: "wamid.A".into()
            }
        );
        let unnamed = SendMessageResponse {
            contacts: Vec::new(),
            messages: Vec::new(),
        };
        assert_eq!(classify(Ok(unnamed), 1), Outcome::Unknown);
        assert_eq!(classify(Err(GraphError::Timeout), 1), Outcome::Unknown);
        assert_eq!(
            classify(Err(GraphError::Transport("request failed".into())), 1),
            Outcome::Unknown
        );
        assert!(matches!(
            classify(Err(GraphError::Transport("could not connect".into())), 1),
            Outcome::Retry {
                slow_down: false,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(400, 130_429)), 1),
            Outcome::Retry {
                slow_down: true,
                code: Some(130_429),
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(429, 131_208)), 1),
            Outcome::Retry {
                slow_down: true,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(GraphError::Server { status: 502 }), 1),
            Outcome::Retry {
                slow_down: false,
                code: None,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(500, 131_000)), MAX_ATTEMPTS),
            Outcome::Failed {
                code: Some(131_000),
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(400, 131_020)), 1),
            Outcome::Failed {
                code: Some(131_020),
                ..
            }
        ));
    }

    #[test]
    fn backoff_doubles_and_is_longer_for_rate_limits() {
        assert_eq!(backoff(1, false), Duration::from_millis(200));
        assert_eq!(backoff(2, false), Duration::from_millis(400));
        assert_eq!(backoff(1, true), Duration::from_secs(1));
        assert_eq!(backoff(9, true), Duration::from_secs(30));
    }
}
