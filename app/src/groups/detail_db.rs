//! Queries of the group page. Each takes the caller's [`TenantMember`] and filters by its tenant.

use super::group_detail::{GroupView, JoinRequestView, ParticipantView};
use crate::AppError;
use crate::ids::GroupId;
use crate::tenants::TenantMember;
use sqlx::PgPool;

/// The group with its participants and open join requests.
pub async fn load(
    pool: &PgPool,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<GroupView, AppError> {
    let group = super::list_db::one(pool, member, group_id).await?;
    let tenant = member.tenant_id().0;
    // The description, and the newest picture GroupDesk sent that WhatsApp accepted.
    let (description, picture): (String, Option<uuid::Uuid>) = sqlx::query_as(
        r#"select g.description,
                  (select p.group_picture_id from group_picture p
                   where p.group_id = g.group_id and p.state = 'accepted'
                   order by p.decided_at desc limit 1)
           from whatsapp_group g where g.tenant_id = $1 and g.group_id = $2"#,
    )
    .bind(tenant)
    .bind(group_id.0)
    .fetch_one(pool)
    .await?;
    let participants = sqlx::query_as!(
        ParticipantView,
        r#"select wa_id, user_id, username, joined_via,
                  joined_at as "joined_at!: chrono::DateTime<chrono::Utc>" from participant
           where tenant_id = $1 and group_id = $2 and left_at is null order by joined_at"#,
        tenant,
        group_id.0
    )
    .fetch_all(pool)
    .await?;
    let join_requests = sqlx::query_as!(
        JoinRequestView,
        r#"select join_request_id as id, coalesce(wa_id, username, user_id) as "who!", state,
                  failure_reason, created_at as "created_at: chrono::DateTime<chrono::Utc>"
           from join_request
           where tenant_id = $1 and group_id = $2 and state in ('pending', 'approving', 'failed')
           order by created_at"#,
        tenant,
        group_id.0
    )
    .fetch_all(pool)
    .await?;
    Ok(GroupView {
        group,
        description,
        participants,
        join_requests,
        role: member.role(),
        picture,
    })
}
