//! Group rows. Every query takes the caller's [`TenantMember`] and filters by its tenant.

use super::domain::NewGroup;
use crate::ids::{BusinessNumberId, GroupId, RequestId};
use crate::tenants::TenantMember;
use sqlx::PgConnection;

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
