//! Creating a group: ask Meta first, then record the group and its pending operation together.

use super::domain::NewGroup;
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::graph::NumberAccess;
use crate::graph::types::CreateGroupRequest;
use crate::ids::{BusinessNumberId, GroupId, PhoneNumberId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;
use secrecy::SecretString;

/// The token sent for sandbox numbers; the sandbox accepts any bearer token.
pub(super) const SANDBOX_TOKEN: &str = "sandbox-token";

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
    let number = super::db::number(&state.pool, member, number_id)
        .await?
        .ok_or_else(|| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
    if !number.sandbox {
        // Real numbers need their decrypted token; onboarding real numbers is not built yet.
        return Err(AppError::Conflict {
            message: super::text::REAL_NUMBERS_NOT_READY.to_owned(),
        });
    }
    let client = state
        .graph
        .for_number(number.sandbox)
        .ok_or_else(|| AppError::Conflict {
            message: super::text::SANDBOX_OFF.to_owned(),
        })?;
    let access = NumberAccess {
        phone_number_id: PhoneNumberId(number.phone_number_id),
        token: SecretString::from(SANDBOX_TOKEN),
    };
    let request_id = match client
        .create_group(&access, &CreateGroupRequest::new(group))
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
        super::db::insert_creating(&mut tx, member, number.id, group, &request_id).await?;
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
    tracing::info!(group.id = %group_id, "group creation requested");
    Ok(group_id)
}
