//! Group rows. Every query takes the caller's [`TenantMember`] and filters by its tenant.

use super::domain::{GroupState, JoinApprovalMode, NewGroup};
use super::list_groups::GroupSummary;
use crate::AppError;
use crate::ids::{BusinessNumberId, GroupId, RequestId};
use crate::tenants::TenantMember;
use sqlx::{PgConnection, PgPool};

/// Records a group being created and its pending operation, in the caller's transaction.
pub async fn insert_creating(
    tx: &mut PgConnection,
    member: &TenantMember,
    number: BusinessNumberId,
    group: &NewGroup,
    request_id: &RequestId,
) -> Result<GroupId, sqlx::Error> {
    let group_id = sqlx::query_scalar!(
        r#"insert into whatsapp_group
             (tenant_id, business_number_id, subject, description, join_approval_mode)
           values ($1, $2, $3, $4, $5)
           returning group_id as "group_id: GroupId""#,
        member.tenant_id().0,
        number.0,
        group.subject.as_str(),
        group.description.as_str(),
        group.join_approval_mode.as_str(),
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        r#"insert into operation (tenant_id, business_number_id, group_id, kind, request_id)
           values ($1, $2, $3, 'group_create', $4)"#,
        member.tenant_id().0,
        number.0,
        group_id.0,
        request_id.as_str(),
    )
    .execute(&mut *tx)
    .await?;
    Ok(group_id)
}

/// The member's tenant's groups, newest first.
pub async fn list(pool: &PgPool, member: &TenantMember) -> Result<Vec<GroupSummary>, AppError> {
    summaries(pool, member, None).await
}

/// One of the member's tenant's groups, deleted ones included (its page says it was deleted).
pub async fn one(
    pool: &PgPool,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<GroupSummary, AppError> {
    summaries(pool, member, Some(group_id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// The newest groups of the member's tenant, or only `only`.
async fn summaries(
    pool: &PgPool,
    member: &TenantMember,
    only: Option<GroupId>,
) -> Result<Vec<GroupSummary>, AppError> {
    let rows = sqlx::query!(
        r#"select g.group_id as "id: GroupId", g.subject, g.state, g.join_approval_mode,
                  g.invite_link, g.failure_reason, n.display_phone_number,
                  g.created_at as "created_at: chrono::DateTime<chrono::Utc>", g.suspended
           from whatsapp_group g
           join business_number n using (tenant_id, business_number_id)
           where g.tenant_id = $1 and ($2::uuid is null or g.group_id = $2)
             and (g.state <> 'deleted' or $2::uuid is not null)
           order by g.created_at desc
           limit 200"#,
        member.tenant_id().0,
        only.map(|id| id.0)
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let state = GroupState::parse(&row.state).ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("unknown state {}", row.state))
            })?;
            let join_approval_mode = JoinApprovalMode::parse(&row.join_approval_mode)
                .map_err(|_| AppError::internal(anyhow::anyhow!("unknown approval mode")))?;
            Ok(GroupSummary {
                id: row.id,
                subject: row.subject,
                state,
                join_approval_mode,
                invite_link: row.invite_link,
                failure_reason: row.failure_reason,
                number: row.display_phone_number,
                created_at: row.created_at,
                suspended: row.suspended,
            })
        })
        .collect()
}
