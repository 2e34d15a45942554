//! Sync runs in PostgreSQL. Member-facing queries take the caller's [`TenantMember`].

use super::{NumberSync, SyncJobView, SyncState};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::ids::{BusinessNumberId, SyncJobId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::tenants::TenantMember;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

/// A `sync_job` row as the panel shows it.
struct Row {
    id: SyncJobId,
    state: String,
    pages_read: i32,
    groups_seen: i32,
    imported: i32,
    updated: i32,
    flagged: i32,
    failed: i32,
    last_error: Option<String>,
    attempts: i32,
    started_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
}

impl From<Row> for SyncJobView {
    fn from(row: Row) -> Self {
        Self {
            id: row.id,
            state: SyncState::parse(&row.state),
            pages_read: row.pages_read.into(),
            groups_seen: row.groups_seen.into(),
            imported: row.imported.into(),
            updated: row.updated.into(),
            flagged: row.flagged.into(),
            failed: row.failed.into(),
            waiting: row.state == "running" && row.attempts > 0,
            last_error: row.last_error,
            started_at: row.started_at,
            finished_at: row.finished_at,
        }
    }
}

/// The tenant's enabled numbers, each with its latest run.
pub async fn overview(pool: &PgPool, member: &TenantMember) -> Result<Vec<NumberSync>, AppError> {
    let rows = sqlx::query!(
        r#"select n.business_number_id as "number_id: BusinessNumberId", n.display_phone_number,
                  j.sync_job_id as "id?: SyncJobId", j.state as "state?", j.pages_read as "pages_read?",
                  j.groups_seen as "groups_seen?", j.imported as "imported?", j.updated as "updated?",
                  j.flagged as "flagged?", j.failed as "failed?", j.last_error, j.attempts as "attempts?",
                  j.created_at as "started_at?: DateTime<Utc>",
                  j.finished_at as "finished_at?: DateTime<Utc>"
           from business_number n
           left join lateral (select * from sync_job s where s.business_number_id = n.business_number_id
                              order by s.created_at desc limit 1) j on true
           where n.tenant_id = $1 and n.disabled_at is null
           order by n.created_at"#,
        member.tenant_id().0
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let job = match (row.id, row.state, row.started_at) {
                (Some(id), Some(state), Some(started_at)) => Some(SyncJobView::from(Row {
                    id,
                    state,
                    pages_read: row.pages_read.unwrap_or(0),
                    groups_seen: row.groups_seen.unwrap_or(0),
                    imported: row.imported.unwrap_or(0),
                    updated: row.updated.unwrap_or(0),
                    flagged: row.flagged.unwrap_or(0),
                    failed: row.failed.unwrap_or(0),
                    last_error: row.last_error,
                    attempts: row.attempts.unwrap_or(0),
                    started_at,
                    finished_at: row.finished_at,
                })),
                _ => None,
            };
            NumberSync {
                number_id: row.number_id,
                display_phone_number: row.display_phone_number,
                job,
            }
        })
        .collect())
}

/// Starts a run of `number`, or returns the one already running (one per number at a time).
pub async fn start(
    pool: &PgPool,
    member: &TenantMember,
    number: BusinessNumberId,
) -> Result<SyncJobView, AppError> {
    let mut tx = pool.begin().await?;
    let known = sqlx::query_scalar!(
        r#"select business_number_id from business_number
           where business_number_id = $1 and tenant_id = $2 and disabled_at is null
           for update"#,
        number.0,
        member.tenant_id().0
    )
    .fetch_optional(&mut *tx)
    .await?;
    if known.is_none() {
        return Err(AppError::validation(
            "number_id",
            super::text::NUMBER_UNKNOWN,
        ));
    }
    // The number's row lock makes "look for a running one, else start one" atomic.
    if let Some(running) = running(&mut tx, number).await? {
        tx.commit().await?;
        return Ok(running);
    }
    let id = sqlx::query_scalar!(
        r#"insert into sync_job (tenant_id, business_number_id, started_by)
           values ($1, $2, $3) returning sync_job_id as "id: SyncJobId""#,
        member.tenant_id().0,
        number.0,
        member.user_id().0
    )
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::SYNC_START,
    )
    .target(number)
    .detail(serde_json::json!({ "sync_job_id": id.0 }));
    audit::record(&mut *tx, &entry).await?;
    announce(&mut tx, member.tenant_id(), number).await?;
    let view = running(&mut tx, number).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    crate::live::store::notify(pool).await?;
    tracing::info!(sync_job.id = %id, number.id = %number, "sync from WhatsApp started");
    Ok(view)
}

async fn running(
    conn: &mut PgConnection,
    number: BusinessNumberId,
) -> Result<Option<SyncJobView>, sqlx::Error> {
    let row = sqlx::query_as!(
        Row,
        r#"select sync_job_id as "id: SyncJobId", state, pages_read, groups_seen, imported, updated,
                  flagged, failed, last_error, attempts, created_at as "started_at: DateTime<Utc>",
                  finished_at as "finished_at: DateTime<Utc>"
           from sync_job where business_number_id = $1 and state = 'running'"#,
        number.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(SyncJobView::from))
}

/// Records the live event that makes open pages refetch the number's sync state.
pub async fn announce(
    conn: &mut PgConnection,
    tenant_id: TenantId,
    number: BusinessNumberId,
) -> Result<(), sqlx::Error> {
    let event = LiveEvent {
        tenant_id,
        change: Change::Sync {
            business_number_id: number,
        },
    };
    crate::live::store::publish(conn, &event).await
}
