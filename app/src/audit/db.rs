//! Reading the audit log. Always the member's tenant only.

use super::filter::AuditFilter;
use super::list_audit::AuditRow;
use crate::ids::TenantId;
use crate::tenants::TenantMember;
use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use sqlx::PgPool;

/// Calls `each_row` for the matching entries, newest first, at most `limit` of them, as they
/// arrive from the database; stops early when its future yields `false`.
pub async fn each<F, Fut>(
    pool: &PgPool,
    member: &TenantMember,
    filter: &AuditFilter,
    limit: i64,
    mut each_row: F,
) -> Result<(), sqlx::Error>
where
    F: FnMut(AuditRow) -> Fut,
    Fut: Future<Output = bool>,
{
    let from = filter.from.map(|d| d.to_string());
    let to = filter.to.map(|d| d.to_string());
    let mut rows = sqlx::query!(
        r#"select a.audit_log_id, a.at as "at: DateTime<Utc>", u.email as "actor?", a.action,
                  a.target, a.outcome, a.detail::text as "detail!"
           from audit_log a left join app_user u on u.app_user_id = a.actor_user_id
           where a.tenant_id = $1
             and ($2::text is null or a.action = $2)
             and ($3::text is null or a.at >= $3::text::date)
             and ($4::text is null or a.at < $4::text::date + 1)
           order by a.at desc, a.audit_log_id desc
           limit $5"#,
        member.tenant_id() as TenantId,
        filter.action,
        from,
        to,
        limit,
    )
    .fetch(pool);
    while let Some(row) = rows.try_next().await? {
        let go_on = each_row(AuditRow {
            id: row.audit_log_id,
            at: row.at,
            actor: row.actor,
            action: row.action,
            target: row.target,
            outcome: row.outcome,
            detail: row.detail,
        })
        .await;
        if !go_on {
            break;
        }
    }
    Ok(())
}
