//! Downloading participants' media, off the webhook's transaction: the worker claims due files,
//! asks WhatsApp where each is (`GET /<MEDIA_ID>`), downloads it with the number's token, stores
//! it, and records the outcome. Failures that may pass are retried with backoff; the chat says
//! "downloading" meanwhile, and "could not be downloaded" once GroupDesk gives up.

use super::media::{LARGEST, normalize_mime};
use super::media_store::MediaStore;
use crate::graph::GraphError;
use crate::ids::{GroupId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::token_cipher::SealedToken;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;

/// A file's download is given up after this many attempts (about 17 minutes of backoff).
pub const MAX_ATTEMPTS: i32 = 10;
/// A claim older than this belongs to a worker that died mid-download.
pub const STALE_CLAIM: Duration = Duration::from_secs(300);
/// How long one download may take, all steps included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(120);

/// A file the worker took to download.
#[derive(Debug, Clone)]
pub struct DueMedia {
    /// GroupDesk's ID of the file.
    pub media_id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// Its group.
    pub group_id: Uuid,
    /// This is attempt number `attempts`.
    pub attempts: i32,
    wa_media_id: String,
    mime_type: String,
    phone_number_id: String,
    sandbox: bool,
    token: Option<SealedToken>,
}

/// Takes up to `limit` due downloads, oldest first.
pub async fn claim_due(pool: &PgPool, limit: i64) -> Result<Vec<DueMedia>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"with due as (
             select media_id from media
             where state = 'pending' and fetch_next_at <= now()
               and (fetch_claimed_at is null
                    or fetch_claimed_at < now() - make_interval(secs => $2))
             order by fetch_next_at
             limit $1
             for update skip locked),
           claimed as (
             update media md set fetch_claimed_at = now(), fetch_attempts = md.fetch_attempts + 1
             from due where md.media_id = due.media_id
             returning md.media_id, md.tenant_id, md.group_id, md.wa_media_id, md.mime_type,
                       md.fetch_attempts)
           select c.media_id as "media_id!", c.tenant_id as "tenant_id!", c.group_id as "group_id!",
                  c.wa_media_id as "wa_media_id!", c.mime_type as "mime_type!",
                  c.fetch_attempts as "attempts!", n.phone_number_id, n.sandbox,
                  n.access_token_ciphertext, n.access_token_nonce
           from claimed c
           join whatsapp_group g on g.group_id = c.group_id
           join business_number n on n.business_number_id = g.business_number_id"#,
        limit,
        STALE_CLAIM.as_secs_f64()
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DueMedia {
            media_id: row.media_id,
            tenant_id: row.tenant_id,
            group_id: row.group_id,
            attempts: row.attempts,
            wa_media_id: row.wa_media_id,
            mime_type: row.mime_type,
            phone_number_id: row.phone_number_id,
            sandbox: row.sandbox,
            token: row
                .access_token_ciphertext
                .zip(row.access_token_nonce)
                .map(|(ciphertext, nonce)| SealedToken { ciphertext, nonce }),
        })
        .collect())
}

/// What one download came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// Stored under `key`.
    Stored {
        /// The storage key.
        key: String,
        /// Bytes.
        size: u64,
        /// Hex SHA-256.
        sha256: String,
        /// The type WhatsApp reported, normalized.
        mime_type: String,
    },
    /// Try again later.
    Retry {
        /// Why, for the log and the row (no IDs, no tokens).
        reason: String,
    },
    /// Given up.
    Failed {
        /// Why.
        reason: String,
    },
}

fn retry(reason: impl Into<String>) -> Fetched {
    Fetched::Retry {
        reason: reason.into(),
    }
}

fn failed(reason: impl Into<String>) -> Fetched {
    Fetched::Failed {
        reason: reason.into(),
    }
}

/// Sorts a Graph error: passing trouble is retried, a refusal is final.
fn graph_failure(step: &str, error: &GraphError) -> Fetched {
    if error.is_retryable() || error.is_rate_limit() || error.may_have_acted() {
        retry(format!("{step}: {error}"))
    } else {
        failed(format!("{step}: {error}"))
    }
}

/// Downloads one file and stores it.
pub async fn fetch(state: &AppState, due: &DueMedia) -> Fetched {
    tokio::time::timeout(FETCH_TIMEOUT, fetch_inner(state, due))
        .await
        .unwrap_or_else(|_| retry("timed out"))
}

async fn fetch_inner(state: &AppState, due: &DueMedia) -> Fetched {
    let number = match crate::numbers::access::stored_access(
        state,
        &due.phone_number_id,
        due.sandbox,
        due.token.as_ref(),
    ) {
        Ok(number) => number,
        Err(crate::AppError::Conflict { message }) => return retry(message),
        Err(error) => return failed(error.to_string()),
    };
    let info = match number
        .client
        .media_info(&number.access, &due.wa_media_id)
        .await
    {
        Ok(info) => info,
        Err(error) => return graph_failure("media info", &error),
    };
    if info
        .file_size
        .is_some_and(|size| u64::try_from(size).unwrap_or(u64::MAX) > LARGEST)
    {
        return failed("larger than any file WhatsApp sends");
    }
    let bytes = match number
        .client
        .download_media(&number.access, &info.url)
        .await
    {
        Ok(bytes) => bytes,
        Err(error) => return graph_failure("download", &error),
    };
    if bytes.len() as u64 > LARGEST {
        return failed("larger than any file WhatsApp sends");
    }
    let sha256 = hex::encode(Sha256::digest(&bytes));
    if let Some(expected) = info.sha256.as_deref().filter(|sha| is_hex_sha256(sha))
        && !expected.eq_ignore_ascii_case(&sha256)
    {
        return retry("the download does not match its SHA-256");
    }
    let mime_type = info
        .mime_type
        .as_deref()
        .map(normalize_mime)
        .unwrap_or_else(|| due.mime_type.clone());
    let key = MediaStore::key(due.tenant_id, due.media_id);
    match state.media.put(&key, bytes).await {
        Ok((size, _)) => Fetched::Stored {
            key,
            size,
            sha256,
            mime_type,
        },
        Err(error) => {
            tracing::error!(error = %error, "could not store a downloaded file");
            retry("the media store failed")
        }
    }
}

fn is_hex_sha256(raw: &str) -> bool {
    raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())
}

/// How long to wait before attempt `attempts + 1`: 1 s doubling, at most 10 minutes.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 11) - 1).unwrap_or(0);
    Duration::from_secs((1_u64 << exponent).min(600))
}

/// Records an outcome; stored and failed files are announced to open pages.
pub async fn record(pool: &PgPool, due: &DueMedia, fetched: &Fetched) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let announce = match fetched {
        Fetched::Stored {
            key,
            size,
            sha256,
            mime_type,
        } => {
            sqlx::query!(
                r#"update media set state = 'stored', storage_key = $2, byte_size = $3, sha256 = $4,
                     mime_type = $5, fetch_claimed_at = null, failure = null
                   where media_id = $1 and state = 'pending'"#,
                due.media_id,
                key,
                i64::try_from(*size).unwrap_or(i64::MAX),
                sha256,
                mime_type
            )
            .execute(&mut *tx)
            .await?;
            true
        }
        Fetched::Retry { reason } if due.attempts < MAX_ATTEMPTS => {
            sqlx::query!(
                r#"update media set fetch_claimed_at = null, failure = $2,
                     fetch_next_at = now() + make_interval(secs => $3)
                   where media_id = $1 and state = 'pending'"#,
                due.media_id,
                reason,
                backoff(due.attempts).as_secs_f64()
            )
            .execute(&mut *tx)
            .await?;
            false
        }
        Fetched::Retry { reason } | Fetched::Failed { reason } => {
            sqlx::query!(
                r#"update media set state = 'failed', failure = $2, fetch_claimed_at = null
                   where media_id = $1 and state = 'pending'"#,
                due.media_id,
                reason
            )
            .execute(&mut *tx)
            .await?;
            true
        }
    };
    if announce {
        let event = LiveEvent {
            tenant_id: TenantId(due.tenant_id),
            change: Change::Group {
                group_id: GroupId(due.group_id),
            },
        };
        crate::live::store::publish(&mut tx, &event).await?;
    }
    tx.commit().await?;
    if announce {
        crate::live::store::notify(pool).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_ten_minutes() {
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(4), Duration::from_secs(8));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::from_secs(512));
        assert_eq!(backoff(50), Duration::from_secs(600));
        assert!(is_hex_sha256(&"a".repeat(64)) && !is_hex_sha256("abc"));
    }
}
