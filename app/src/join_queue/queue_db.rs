//! The queue's queries. Each takes the caller's [`TenantMember`] and filters by its tenant.

use super::domain::{GroupOption, QueueFilter, QueueItem, QueueView};
use crate::AppError;
use crate::tenants::TenantMember;
use sqlx::PgPool;

/// At most this many rows are shown; the oldest come first, so nobody waits forever unseen.
const ROWS_MAX: i64 = 500;

/// Waiting requests of every active group of the tenant (and those decided in the last 15
/// minutes, so each row shows its outcome), narrowed by the filter. A deleted group's requests
/// can no longer be decided, so they are not listed or counted.
pub async fn load(
    pool: &PgPool,
    member: &TenantMember,
    filter: QueueFilter,
) -> Result<QueueView, AppError> {
    let tenant = member.tenant_id().0;
    let min_age = filter.min_age.map(|age| age.seconds());
    let items = sqlx::query_as::<_, QueueItem>(
        r#"select r.join_request_id as id, coalesce(r.wa_id, r.username, r.user_id, '') as who,
                  r.group_id, g.subject as group_subject, r.state, r.failure_reason, r.created_at
           from join_request r
           join whatsapp_group g on g.group_id = r.group_id and g.tenant_id = r.tenant_id
           where r.tenant_id = $1 and g.state = 'active'
             and ($2::uuid is null or r.group_id = $2)
             and ($3::bigint is null or r.created_at <= now() - make_interval(secs => $3))
             and (r.state in ('pending', 'approving') or r.decided_at > now() - interval '15 minutes')
           order by r.created_at, r.join_request_id
           limit $4"#,
    )
    .bind(tenant)
    .bind(filter.group)
    .bind(min_age)
    .bind(ROWS_MAX)
    .fetch_all(pool)
    .await?;
    let groups = sqlx::query_as!(
        GroupOption,
        r#"select g.group_id as id, g.subject from whatsapp_group g
           where g.tenant_id = $1 and g.state = 'active'
             and (g.join_approval_mode = 'approval_required' or g.group_id = $2
                  or exists (select 1 from join_request r where r.group_id = g.group_id
                             and r.state = 'pending'))
           order by lower(g.subject), g.group_id"#,
        tenant,
        filter.group
    )
    .fetch_all(pool)
    .await?;
    let waiting_total: i64 = sqlx::query_scalar(
        r#"select count(*) from join_request r
           join whatsapp_group g on g.group_id = r.group_id and g.tenant_id = r.tenant_id
           where r.tenant_id = $1 and r.state = 'pending' and g.state = 'active'"#,
    )
    .bind(tenant)
    .fetch_one(pool)
    .await?;
    Ok(QueueView {
        items,
        groups,
        waiting_total,
    })
}
