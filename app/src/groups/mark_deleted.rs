//! Marking a group deleted in GroupDesk only: for a group the last Sync from WhatsApp did not
//! find (deleted outside GroupDesk, or the number left it), so WhatsApp is not asked. The person
//! types its subject to confirm; the group keeps its history.

use crate::AppError;
use leptos::prelude::*;

/// Marks a group that WhatsApp no longer lists as deleted once `confirm_subject` repeats its
/// subject. Admins and staff only.
#[server(prefix = "/api", endpoint = "mark_group_deleted")]
pub async fn mark_group_deleted(group_id: String, confirm_subject: String) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        service::mark_deleted(&state, &member, group_id, &confirm_subject).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

#[cfg(feature = "ssr")]
mod service {
    use super::super::{acting, text};
    use crate::AppError;
    use crate::audit::actions;
    use crate::ids::GroupId;
    use crate::state::AppState;
    use crate::tenants::TenantMember;

    /// Marks the group deleted, refusing a group WhatsApp still lists (or one no longer active)
    /// and a subject typed wrong. The check and the change hold the group's row, so a sync
    /// that finds the group meanwhile waits and then sees it deleted.
    #[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
    pub async fn mark_deleted(
        state: &AppState,
        member: &TenantMember,
        group_id: GroupId,
        typed_subject: &str,
    ) -> Result<(), AppError> {
        let mut tx = state.pool.begin().await?;
        let row: Option<(String, String, bool)> = sqlx::query_as(
            r#"select subject, state, missing_since is not null from whatsapp_group
               where tenant_id = $1 and group_id = $2 for update"#,
        )
        .bind(member.tenant_id().0)
        .bind(group_id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (subject, group_state, missing) = row.ok_or(AppError::NotFound)?;
        if group_state != "active" || !missing {
            return Err(AppError::Conflict {
                message: text::MARK_DELETED_NOT_MISSING.to_owned(),
            });
        }
        if typed_subject.trim() != subject {
            return Err(AppError::validation(
                "confirm_subject",
                text::DELETE_MISMATCH,
            ));
        }
        sqlx::query(
            "update whatsapp_group set state = 'deleted', updated_at = now() where group_id = $1",
        )
        .bind(group_id.0)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "subject": subject });
        acting::commit(
            state,
            tx,
            member,
            actions::GROUP_MARK_DELETED,
            group_id,
            detail,
        )
        .await
    }
}
