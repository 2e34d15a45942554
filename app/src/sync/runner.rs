//! The sync worker's steps: claim a due run, read one page of the number's active groups
//! (SPEC §2.4) and each group's info (SPEC §2.3), and record progress after every group, so a
//! run that stops (a restart, a crash) resumes where it was. Meta's errors are explained; rate
//! limits and passing failures wait with backoff; a listing whose cursor expired starts over.

use super::reconcile::{self, Outcome, Scope};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::graph::GraphError;
use crate::graph::types::{GroupField, PageRequest};
use crate::ids::{BusinessNumberId, SyncJobId, TenantId, UserId};
use crate::state::AppState;
use crate::token_cipher::SealedToken;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use std::time::Duration;

/// Failed attempts in a row after which a run gives up (about 4 minutes of backoff, longer for
/// rate limits).
pub const MAX_ATTEMPTS: i32 = 8;
/// How often a listing may start over because its cursor expired.
pub const MAX_RESTARTS: i32 = 3;
/// A worker holds a run this long per step; a run held longer belongs to a worker that died.
pub const LEASE: Duration = Duration::from_secs(120);
/// Meta's largest page of active groups (SPEC §2.4).
pub const MAX_PAGE_SIZE: u32 = 1024;

/// A run a worker took.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The run.
    pub id: SyncJobId,
    tenant_id: TenantId,
    number: BusinessNumberId,
    started_by: Option<UserId>,
    phone_number_id: String,
    sandbox: bool,
    disabled: bool,
    token: Option<SealedToken>,
    after_cursor: Option<String>,
    page_done: i32,
    restarts: i32,
    attempts: i32,
    started_at: DateTime<Utc>,
}

/// What a step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stepped {
    /// Read a page; more may follow at once.
    Progress,
    /// Waits out a failure that may pass.
    Waiting,
    /// The run ended (succeeded or failed).
    Finished,
}

/// Takes the run that is due longest and that no live worker holds.
pub async fn claim(pool: &PgPool) -> Result<Option<Claimed>, sqlx::Error> {
    let row = sqlx::query!(
        r#"with due as (
             select sync_job_id from sync_job
             where state = 'running' and next_attempt_at <= now()
               and (claimed_until is null or claimed_until < now())
             order by next_attempt_at limit 1
             for update skip locked)
           update sync_job j set claimed_until = now() + make_interval(secs => $1)
           from due, business_number n
           where j.sync_job_id = due.sync_job_id and n.business_number_id = j.business_number_id
           returning j.sync_job_id as "id: SyncJobId", j.tenant_id as "tenant_id: TenantId",
                     j.business_number_id as "number: BusinessNumberId",
                     j.started_by as "started_by: UserId", n.phone_number_id, n.sandbox,
                     n.disabled_at is not null as "disabled!", n.access_token_ciphertext,
                     n.access_token_nonce, j.after_cursor, j.page_done, j.restarts, j.attempts,
                     j.created_at as "started_at: DateTime<Utc>""#,
        LEASE.as_secs_f64()
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| Claimed {
        id: row.id,
        tenant_id: row.tenant_id,
        number: row.number,
        started_by: row.started_by,
        phone_number_id: row.phone_number_id,
        sandbox: row.sandbox,
        disabled: row.disabled,
        token: row
            .access_token_ciphertext
            .zip(row.access_token_nonce)
            .map(|(ciphertext, nonce)| SealedToken { ciphertext, nonce }),
        after_cursor: row.after_cursor,
        page_done: row.page_done,
        restarts: row.restarts,
        attempts: row.attempts,
        started_at: row.started_at,
    }))
}

/// A Graph failure in the words a person reads, with Meta's code (0 when there is none).
fn explained(error: &GraphError) -> (String, i64) {
    match AppError::from(error.clone()) {
        AppError::Upstream { code: 0, message } => (message, 0),
        other => (other.to_string(), error.code()),
    }
}

/// Reads one page of the run's number and reconciles its groups.
#[tracing::instrument(skip_all, fields(sync_job.id = %job.id, number.id = %job.number))]
pub async fn step(state: &AppState, job: &Claimed, page_size: u32) -> Result<Stepped, AppError> {
    if job.disabled {
        return fail(&state.pool, job, super::text::NUMBER_GONE, 0).await;
    }
    let number = match crate::numbers::access::stored_access(
        state,
        &job.phone_number_id,
        job.sandbox,
        job.token.as_ref(),
    ) {
        Ok(number) => number,
        Err(error) => return fail(&state.pool, job, &error.to_string(), 0).await,
    };
    let request = PageRequest {
        limit: Some(page_size.clamp(1, MAX_PAGE_SIZE)),
        after: job.after_cursor.clone(),
        before: None,
    };
    let page = match number.client.active_groups(&number.access, &request).await {
        Ok(page) => page,
        Err(error) => return trouble(&state.pool, job, &error).await,
    };
    let done = usize::try_from(job.page_done).unwrap_or(0);
    for (index, item) in page.items.iter().enumerate().skip(done) {
        let observed_at = Utc::now();
        let info = match number
            .client
            .group_info(&number.access, &item.id, &GroupField::ALL)
            .await
        {
            Ok(info) => info,
            Err(error) if error.is_retryable() => return trouble(&state.pool, job, &error).await,
            Err(error) => {
                // This group could not be read (gone meanwhile, no longer ours): count it and go on.
                let (reason, code) = explained(&error);
                tracing::warn!(code, "a listed group could not be read");
                group_failed(&state.pool, job, index + 1, &reason, code).await?;
                continue;
            }
        };
        let link = match reconcile::known_link(&state.pool, job.number, &info.id).await? {
            Some(Some(_)) => None,
            // Imported or without a link: ask for it; a group may have none (SPEC §2.8).
            _ => number
                .client
                .invite_link(&number.access, &info.id)
                .await
                .ok(),
        };
        let mut tx = state.pool.begin().await?;
        let scope = Scope {
            job: job.id,
            tenant_id: job.tenant_id,
            number: job.number,
            observed_at,
        };
        let (outcome, event) = reconcile::apply(&mut tx, &scope, &info, link.as_deref()).await?;
        let (imported, updated) = match outcome {
            Outcome::Imported(_) => (1, 0),
            Outcome::Updated(_) => (0, 1),
            Outcome::Unchanged | Outcome::Skipped => (0, 0),
        };
        sqlx::query!(
            r#"update sync_job set page_done = $2, groups_seen = groups_seen + 1,
                 imported = imported + $3, updated = updated + $4, attempts = 0,
                 last_error = case when attempts > 0 then null else last_error end,
                 last_error_code = case when attempts > 0 then null else last_error_code end,
                 claimed_until = now() + make_interval(secs => $5), updated_at = now()
               where sync_job_id = $1"#,
            job.id.0,
            i32::try_from(index + 1).unwrap_or(i32::MAX),
            imported,
            updated,
            LEASE.as_secs_f64()
        )
        .execute(&mut *tx)
        .await?;
        if let Some(event) = event {
            crate::live::store::publish(&mut tx, &event).await?;
        }
        tx.commit().await?;
        if outcome != Outcome::Unchanged {
            crate::live::store::notify(&state.pool).await?;
        }
    }
    match page.paging.next_cursor() {
        Some(after) => {
            let mut tx = state.pool.begin().await?;
            sqlx::query!(
                r#"update sync_job set after_cursor = $2, page_done = 0, pages_read = pages_read + 1,
                     attempts = 0,
                     last_error = case when attempts > 0 then null else last_error end,
                     last_error_code = case when attempts > 0 then null else last_error_code end,
                     claimed_until = null, next_attempt_at = now(), updated_at = now()
                   where sync_job_id = $1"#,
                job.id.0,
                after
            )
            .execute(&mut *tx)
            .await?;
            super::db::announce(&mut tx, job.tenant_id, job.number).await?;
            tx.commit().await?;
            crate::live::store::notify(&state.pool).await?;
            // Due again now, behind runs of other numbers that waited longer: they take turns.
            Ok(Stepped::Progress)
        }
        None => finish(&state.pool, job).await,
    }
}

/// One listed group could not be read: counted, explained, and passed over.
async fn group_failed(
    pool: &PgPool,
    job: &Claimed,
    page_done: usize,
    reason: &str,
    code: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update sync_job set page_done = $2, groups_seen = groups_seen + 1, failed = failed + 1,
             last_error = $3, last_error_code = $4, updated_at = now()
           where sync_job_id = $1"#,
        job.id.0,
        i32::try_from(page_done).unwrap_or(i32::MAX),
        reason,
        code
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A failure of the listing or of a read that may pass: start the listing over (an expired
/// cursor), wait with backoff, or give up with the reason.
async fn trouble(pool: &PgPool, job: &Claimed, error: &GraphError) -> Result<Stepped, AppError> {
    let (reason, code) = explained(error);
    if code == 131059 {
        if job.restarts >= MAX_RESTARTS {
            return fail(pool, job, super::text::CURSOR_RESTARTS, code).await;
        }
        tracing::info!("the active-groups cursor expired; the listing starts over");
        sqlx::query!(
            r#"update sync_job set after_cursor = null, page_done = 0, restarts = restarts + 1,
                 claimed_until = null, updated_at = now()
               where sync_job_id = $1"#,
            job.id.0
        )
        .execute(pool)
        .await?;
        return Ok(Stepped::Progress);
    }
    if !error.is_retryable() || job.attempts + 1 >= MAX_ATTEMPTS {
        return fail(pool, job, &reason, code).await;
    }
    let wait = error.backoff(u32::try_from(job.attempts).unwrap_or(0));
    tracing::warn!(
        code,
        attempt = job.attempts + 1,
        wait_ms = wait.as_millis() as u64,
        "sync waits before trying again"
    );
    let mut tx = pool.begin().await?;
    sqlx::query!(
        r#"update sync_job set attempts = attempts + 1, last_error = $2, last_error_code = $3,
             next_attempt_at = now() + make_interval(secs => $4), claimed_until = null,
             updated_at = now()
           where sync_job_id = $1"#,
        job.id.0,
        reason,
        code,
        wait.as_secs_f64()
    )
    .execute(&mut *tx)
    .await?;
    super::db::announce(&mut tx, job.tenant_id, job.number).await?;
    tx.commit().await?;
    crate::live::store::notify(pool).await?;
    Ok(Stepped::Waiting)
}

/// Ends a run as failed, with the reason a person reads.
async fn fail(pool: &PgPool, job: &Claimed, reason: &str, code: i64) -> Result<Stepped, AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        r#"update sync_job set state = 'failed', last_error = $2, last_error_code = $3,
             finished_at = now(), claimed_until = null, updated_at = now()
           where sync_job_id = $1 and state = 'running'"#,
        job.id.0,
        reason,
        code
    )
    .execute(&mut *tx)
    .await?;
    let entry = Entry::failure(job.started_by, Some(job.tenant_id), actions::SYNC_FINISH)
        .target(job.number)
        .detail(
            serde_json::json!({ "sync_job_id": job.id.0, "reason": reason, "meta_code": code }),
        );
    audit::record(&mut *tx, &entry).await?;
    super::db::announce(&mut tx, job.tenant_id, job.number).await?;
    tx.commit().await?;
    crate::live::store::notify(pool).await?;
    tracing::warn!(code, "sync from WhatsApp failed");
    Ok(Stepped::Finished)
}

/// The listing is complete: groups GroupDesk has as active that WhatsApp did not list are marked
/// "not found on WhatsApp" (never deleted), and the run succeeds.
async fn finish(pool: &PgPool, job: &Claimed) -> Result<Stepped, AppError> {
    let mut tx = pool.begin().await?;
    // Only groups GroupDesk had before the run: a group created meanwhile may be missing from
    // pages read before it existed. (An imported group carries WhatsApp's creation time, to the
    // second, so it counts by the earlier run that saw it.)
    let missing = sqlx::query!(
        r#"update whatsapp_group set missing_since = now(), updated_at = now()
           where business_number_id = $1 and state = 'active' and missing_since is null
             and (created_at < $2 or last_seen_sync_job_id is not null)
             and last_seen_sync_job_id is distinct from $3
           returning group_id, subject"#,
        job.number.0,
        job.started_at as _,
        job.id.0
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut events = Vec::with_capacity(missing.len());
    for group in &missing {
        let entry = Entry::success(None, Some(job.tenant_id), actions::GROUP_NOT_FOUND)
            .target(group.group_id)
            .detail(serde_json::json!({ "sync_job_id": job.id.0, "subject": group.subject }));
        audit::record(&mut *tx, &entry).await?;
        events.push(crate::live::LiveEvent {
            tenant_id: job.tenant_id,
            change: crate::live::Change::Group {
                group_id: crate::ids::GroupId(group.group_id),
            },
        });
    }
    let counts = sqlx::query!(
        r#"update sync_job set state = 'succeeded', flagged = flagged + $2, pages_read = pages_read + 1,
             page_done = 0, after_cursor = null, attempts = 0, finished_at = now(),
             claimed_until = null, updated_at = now()
           where sync_job_id = $1 and state = 'running'
           returning groups_seen, imported, updated, flagged, failed"#,
        job.id.0,
        i32::try_from(missing.len()).unwrap_or(i32::MAX)
    )
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::success(job.started_by, Some(job.tenant_id), actions::SYNC_FINISH)
        .target(job.number)
        .detail(serde_json::json!({
            "sync_job_id": job.id.0,
            "groups_seen": counts.groups_seen,
            "imported": counts.imported,
            "updated": counts.updated,
            "flagged": counts.flagged,
            "failed": counts.failed,
        }));
    audit::record(&mut *tx, &entry).await?;
    crate::live::store::publish_all(&mut tx, &events).await?;
    super::db::announce(&mut tx, job.tenant_id, job.number).await?;
    tx.commit().await?;
    crate::live::store::notify(pool).await?;
    tracing::info!(
        groups_seen = counts.groups_seen,
        imported = counts.imported,
        updated = counts.updated,
        flagged = counts.flagged,
        "sync from WhatsApp finished"
    );
    Ok(Stepped::Finished)
}
