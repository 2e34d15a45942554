//! Creating a group: ask Meta first, then record the group and its pending operation together.

use super::domain::NewGroup;
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::graph::types::CreateGroupRequest;
use crate::ids::{BusinessNumberId, GroupId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;

/// Asks WhatsApp to create `group` on `number`, and records it as "creating".
///
/// Nothing is stored when Meta refuses: the caller gets Meta's reason, explained.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), number.id = %number_id))]
pub async fn create(
    state: &AppState,
    member: &TenantMember,
    number_id: BusinessNumberId,
    group: &NewGroup,
) -> Result<GroupId, AppError> {
    let number = crate::numbers::access::load(state, member, number_id)
        .await?
        .ok_or_else(|| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
    let request_id = match number
        .client
        .create_group(&number.access, &CreateGroupRequest::new(group))
        .await
    {
        Ok(request_id) => request_id,
        Err(error) => {
            let error = AppError::from(error);
            let code = match &error {
                AppError::Upstream { code, .. } => *code,
                _ => 0,
            };
            let entry = Entry::failure(
                Some(member.user_id()),
                Some(member.tenant_id()),
                actions::GROUP_CREATE,
            )
            .target(number_id)
            .detail(serde_json::json!({ "subject": group.subject.as_str(), "meta_code": code }));
            audit::record(&state.pool, &entry).await?;
            return Err(error);
        }
    };

    let mut tx = state.pool.begin().await?;
    let group_id =
        super::db::insert_creating(&mut tx, member, number_id, group, &request_id).await?;
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::GROUP_CREATE,
    )
    .target(group_id)
    .detail(serde_json::json!({ "subject": group.subject.as_str() }));
    audit::record(&mut *tx, &entry).await?;
    let event = LiveEvent {
        tenant_id: member.tenant_id(),
        change: Change::Group { group_id },
    };
    crate::live::store::publish(&mut tx, &event).await?;
    tx.commit().await?;
    crate::live::store::notify(&state.pool).await?;
    tracing::info!(group.id = %group_id, "group creation requested");
    Ok(group_id)
}
