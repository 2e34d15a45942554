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
    refuse_at_cap(state, number_id).await?;
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

/// Refuses before asking WhatsApp when GroupDesk already counts the number's 10,000 groups (the
/// same count as the capacity cockpit). Groups made elsewhere are unknown here: WhatsApp's own
/// refusal (131211) covers them and is explained the same way.
async fn refuse_at_cap(state: &AppState, number_id: BusinessNumberId) -> Result<(), AppError> {
    let used: i64 = sqlx::query_scalar(
        "select count(*) from whatsapp_group
         where business_number_id = $1 and state in ('creating', 'active', 'deleting')",
    )
    .bind(number_id.0)
    .fetch_one(&state.pool)
    .await?;
    if used >= crate::numbers::GROUPS_PER_NUMBER {
        return Err(AppError::Conflict {
            message: crate::graph::explain(131211).to_owned(),
        });
    }
    Ok(())
}
