//! The invitation worker's steps: claim due numbers, send each the invite template once, record
//! what happened. Retried only when WhatsApp certainly did not take it (the chat outbox's rules,
//! [`crate::chat::outbox::classify`]); a lost answer becomes "unknown" and is never resent.

use super::service::publish;
use crate::chat::outbox::{Outcome, classify};
use crate::graph::{GraphError, NumberAccess};
use crate::ids::{GroupId, PhoneNumberId, TenantId};
use crate::state::AppState;
use crate::token_cipher::SealedToken;
use secrecy::SecretString;
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;

/// GroupDesk's marker: the number is disabled.
pub const NUMBER_DISABLED: &str = "number disabled";
/// GroupDesk's marker: the group is not active or is suspended.
pub const GROUP_NOT_OPEN: &str = "group not open";
/// Sent for the seeded demo number, which has no stored token; the sandbox then accepts any.
const SANDBOX_PLACEHOLDER_TOKEN: &str = "sandbox-token";

/// One number the worker took.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedInvite {
    /// The row.
    pub invite_recipient_id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// The group it invites to.
    pub group_id: Uuid,
    /// The number that sends it.
    pub business_number_id: Uuid,
    /// This is attempt number `attempts`.
    pub attempts: i32,
    /// `STANDARD` or `HIGH`, when known.
    pub throughput_level: Option<String>,
    phone: String,
    template_name: String,
    template_language: String,
    wa_group_id: Option<String>,
    group_open: bool,
    number_disabled: bool,
    phone_number_id: String,
    sandbox: bool,
    access_token_ciphertext: Option<Vec<u8>>,
    access_token_nonce: Option<Vec<u8>>,
}

/// Takes up to `limit` due numbers, oldest first, and marks them sending.
pub async fn claim_due(pool: &PgPool, limit: i64) -> Result<Vec<ClaimedInvite>, sqlx::Error> {
    sqlx::query_as(
        r#"with due as (
             select invite_recipient_id from invite_recipient
             where state = 'queued' and claimed_at is null and next_attempt_at <= now()
             order by next_attempt_at, position
             limit $1
             for update skip locked),
           claimed as (
             update invite_recipient r set claimed_at = now(), attempts = r.attempts + 1,
                    state = 'sending', updated_at = now()
             from due where r.invite_recipient_id = due.invite_recipient_id
             returning r.invite_recipient_id, r.invite_job_id, r.tenant_id, r.phone, r.attempts,
                       r.next_attempt_at, r.position)
           select c.invite_recipient_id, c.tenant_id, j.group_id, j.business_number_id, c.attempts,
                  n.throughput_level, c.phone, j.template_name, j.template_language, g.wa_group_id,
                  (g.state = 'active' and not g.suspended) as group_open,
                  n.disabled_at is not null as number_disabled, n.phone_number_id, n.sandbox,
                  n.access_token_ciphertext, n.access_token_nonce
           from claimed c
           join invite_job j on j.invite_job_id = c.invite_job_id
           join whatsapp_group g on g.group_id = j.group_id
           join business_number n on n.business_number_id = j.business_number_id
           order by c.next_attempt_at, c.position"#,
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Sends the invite template to one claimed number within `timeout`, and says what happened.
pub async fn send(state: &AppState, claimed: &ClaimedInvite, timeout: Duration) -> Outcome {
    let failed = |detail: &str| Outcome::Failed {
        code: None,
        detail: detail.to_owned(),
    };
    if claimed.number_disabled {
        return failed(NUMBER_DISABLED);
    }
    let Some(wa_group_id) = claimed
        .wa_group_id
        .as_deref()
        .filter(|_| claimed.group_open)
    else {
        return failed(GROUP_NOT_OPEN);
    };
    let Some(client) = state.graph.for_number(claimed.sandbox).cloned() else {
        // No client for this kind of number in this process: certainly not sent, try later.
        if claimed.attempts >= crate::chat::outbox::MAX_ATTEMPTS {
            return failed("gave up");
        }
        return Outcome::Retry {
            after: crate::chat::outbox::backoff(claimed.attempts, false),
            slow_down: false,
            code: None,
        };
    };
    let token = match claimed
        .access_token_ciphertext
        .clone()
        .zip(claimed.access_token_nonce.clone())
    {
        Some((ciphertext, nonce)) => {
            let sealed = SealedToken { ciphertext, nonce };
            match state.token_cipher.open(&sealed, &claimed.phone_number_id) {
                Ok(token) => token,
                Err(_) => {
                    return Outcome::Failed {
                        code: Some(190),
                        detail: "token cannot be decrypted".to_owned(),
                    };
                }
            }
        }
        None => SecretString::from(SANDBOX_PLACEHOLDER_TOKEN),
    };
    let access = NumberAccess {
        phone_number_id: PhoneNumberId(claimed.phone_number_id.clone()),
        token,
    };
    let sent = tokio::time::timeout(
        timeout,
        client.send_invite_template(
            &access,
            claimed.phone.trim_start_matches('+'),
            &claimed.template_name,
            &claimed.template_language,
            wa_group_id,
        ),
    )
    .await
    .unwrap_or(Err(GraphError::Timeout));
    classify(sent, claimed.attempts)
}

/// Records an outcome and tells open pages.
pub async fn record(
    pool: &PgPool,
    claimed: &ClaimedInvite,
    outcome: &Outcome,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let id = claimed.invite_recipient_id;
    let query = match outcome {
        Outcome::Accepted { wamid } => sqlx::query(
            "update invite_recipient set state = 'sent', wamid = $2, claimed_at = null,
                    failure_code = null, failure_detail = null, updated_at = now()
             where invite_recipient_id = $1 and state = 'sending'",
        )
        .bind(id)
        .bind(wamid),
        Outcome::Retry { after, code, .. } => sqlx::query(
            "update invite_recipient set state = 'queued', claimed_at = null, failure_code = $3,
                    next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
             where invite_recipient_id = $1",
        )
        .bind(id)
        .bind(after.as_secs_f64())
        .bind(*code),
        Outcome::Failed { code, detail } => sqlx::query(
            "update invite_recipient set state = 'failed', claimed_at = null, failure_code = $2,
                    failure_detail = $3, updated_at = now()
             where invite_recipient_id = $1",
        )
        .bind(id)
        .bind(*code)
        .bind(detail),
        Outcome::Unknown => sqlx::query(
            "update invite_recipient set state = 'unknown', claimed_at = null, updated_at = now()
             where invite_recipient_id = $1",
        )
        .bind(id),
    };
    query.execute(&mut *tx).await?;
    publish(
        &mut tx,
        TenantId(claimed.tenant_id),
        GroupId(claimed.group_id),
    )
    .await?;
    tx.commit().await
}

/// Puts claimed numbers back, due after `after` (a pause Meta asked for, or a shutdown).
pub async fn release(
    pool: &PgPool,
    claimed: &[ClaimedInvite],
    after: Duration,
) -> Result<(), sqlx::Error> {
    let ids: Vec<Uuid> = claimed.iter().map(|c| c.invite_recipient_id).collect();
    sqlx::query(
        "update invite_recipient set state = 'queued', claimed_at = null,
                attempts = greatest(attempts - 1, 0),
                next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
         where invite_recipient_id = any($1) and state = 'sending'",
    )
    .bind(&ids)
    .bind(after.as_secs_f64())
    .execute(pool)
    .await?;
    Ok(())
}

/// Numbers whose worker died mid-send become unknown (never resent). Returns how many.
pub async fn sweep(pool: &PgPool, stale_claim: Duration) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "update invite_recipient set state = 'unknown', claimed_at = null, updated_at = now()
         where state = 'sending' and claimed_at < now() - make_interval(secs => $1)",
    )
    .bind(stale_claim.as_secs_f64())
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
