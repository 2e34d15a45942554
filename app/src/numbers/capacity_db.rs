//! Queries of the capacity cockpit. Each takes the caller's [`TenantMember`] and filters by its
//! tenant.

use super::capacity::{NumberCapacity, RecentFailure};
use crate::AppError;
use crate::ids::BusinessNumberId;
use crate::tenants::TenantMember;
use sqlx::PgPool;

/// Failures shown per number.
const FAILURES_PER_NUMBER: usize = 5;

/// Every enabled number of the member's tenant with its counts and recent failures.
pub async fn load(pool: &PgPool, member: &TenantMember) -> Result<Vec<NumberCapacity>, AppError> {
    let tenant = member.tenant_id().0;
    let numbers = sqlx::query!(
        r#"select n.business_number_id as "id: BusinessNumberId", n.display_phone_number,
                  (select count(*) from whatsapp_group g
                    where g.tenant_id = n.tenant_id and g.business_number_id = n.business_number_id
                      and g.state in ('creating', 'active', 'deleting')) as "groups_used!",
                  (select count(*) from operation o
                    where o.tenant_id = n.tenant_id and o.business_number_id = n.business_number_id
                      and o.state = 'pending') as "pending!",
                  (select count(*) from operation o
                    where o.tenant_id = n.tenant_id and o.business_number_id = n.business_number_id
                      and o.state = 'pending'
                      and o.created_at < now() - interval '10 minutes') as "stale!"
           from business_number n
           where n.tenant_id = $1 and n.disabled_at is null
           order by n.created_at"#,
        tenant
    )
    .fetch_all(pool)
    .await?;
    let failures = sqlx::query!(
        r#"select o.business_number_id, o.kind, o.state, g.subject as "subject?", o.error_detail,
                  o.resolved_at as "at!: chrono::DateTime<chrono::Utc>"
           from operation o left join whatsapp_group g on g.group_id = o.group_id
           where o.tenant_id = $1 and o.state in ('failed', 'partially_failed')
             and o.resolved_at > now() - interval '7 days'
           order by o.resolved_at desc
           limit 200"#,
        tenant
    )
    .fetch_all(pool)
    .await?;
    Ok(numbers
        .into_iter()
        .map(|number| {
            let recent_failures = failures
                .iter()
                .filter(|failure| failure.business_number_id == number.id.0)
                .take(FAILURES_PER_NUMBER)
                .map(|failure| RecentFailure {
                    kind: failure.kind.clone(),
                    state: failure.state.clone(),
                    group: failure.subject.clone(),
                    at: failure.at,
                    problems: failure
                        .error_detail
                        .as_ref()
                        .map(crate::operations::explain_all)
                        .unwrap_or_default(),
                })
                .collect();
            NumberCapacity {
                id: number.id,
                display_phone_number: number.display_phone_number,
                groups_used: number.groups_used,
                pending_operations: number.pending,
                stale_operations: number.stale,
                recent_failures,
            }
        })
        .collect())
}
