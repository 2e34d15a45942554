//! Managing an existing group through the Groups API: remove participants, delete, reset the
//! invite link, change settings (SPEC §2.2, §2.5, §2.7, §2.10). Asynchronous calls become pending
//! operations that their webhook resolves.

use super::acting::{self, Acting};
use super::domain::{JoinApprovalMode, Removal, SettingsChange};
use super::text;
use crate::AppError;
use crate::audit::actions;
use crate::graph::types::SettingsUpdate;
use crate::ids::GroupId;
use crate::state::AppState;
use crate::tenants::TenantMember;
use serde_json::json;

/// Asks WhatsApp to remove current participants; the outcome per user arrives by webhook.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id, count = removal.users().len()))]
pub async fn remove_participants(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    removal: &Removal,
) -> Result<(), AppError> {
    let action = actions::GROUP_REMOVE_PARTICIPANTS;
    let attempt = async {
        let acting = acting::load(state, member, group_id).await?;
        acting.refuse_if_suspended()?;
        let current = sqlx::query_scalar!(
            r#"select user_key as "user_key!" from participant
               where tenant_id = $1 and group_id = $2 and left_at is null and user_key = any($3)"#,
            member.tenant_id().0,
            group_id.0,
            removal.users()
        )
        .fetch_all(&state.pool)
        .await?;
        if removal.users().iter().any(|user| !current.contains(user)) {
            return Err(AppError::validation(
                "participants",
                text::REMOVE_NOT_PARTICIPANT,
            ));
        }
        let request_id = acting
            .number
            .client
            .remove_participants(&acting.number.access, &acting.wa_group_id, removal.users())
            .await?;
        Ok::<_, AppError>((acting, request_id))
    };
    let (acting, request_id) = match attempt.await {
        Ok(done) => done,
        Err(error) => return Err(acting::refused(state, member, action, group_id, error).await),
    };
    let request_id = acting::request_id_or_local(request_id);
    let mut tx = state.pool.begin().await?;
    let asked = json!({ "participants": removal.users() });
    acting::record_pending(
        &mut tx,
        member,
        &acting,
        "participants_remove",
        &request_id,
        asked,
    )
    .await?;
    // Phone numbers stay out of the audit log: the count says enough.
    let detail = json!({ "count": removal.users().len() });
    acting::commit(state, tx, member, action, group_id, detail).await
}

/// Asks WhatsApp to delete the group once the person typed its subject; it turns "deleting",
/// then "deleted" when the webhook confirms.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn delete_group(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    typed_subject: &str,
) -> Result<(), AppError> {
    let action = actions::GROUP_DELETE;
    let attempt = async {
        let acting = acting::load(state, member, group_id).await?;
        if typed_subject.trim() != acting.subject {
            return Err(AppError::validation(
                "confirm_subject",
                text::DELETE_MISMATCH,
            ));
        }
        let answer = acting
            .number
            .client
            .delete_group(&acting.number.access, &acting.wa_group_id)
            .await?;
        Ok::<_, AppError>((acting, answer))
    };
    let (acting, answer) = match attempt.await {
        Ok(done) => done,
        Err(error) => return Err(acting::refused(state, member, action, group_id, error).await),
    };
    let request_id = acting::request_id_or_local(answer.request_id.map(crate::ids::RequestId));
    let mut tx = state.pool.begin().await?;
    sqlx::query!(
        r#"update whatsapp_group set state = 'deleting', updated_at = now()
           where tenant_id = $1 and group_id = $2 and state = 'active'"#,
        member.tenant_id().0,
        group_id.0
    )
    .execute(&mut *tx)
    .await?;
    let asked = json!({ "subject": acting.subject });
    acting::record_pending(&mut tx, member, &acting, "group_delete", &request_id, asked).await?;
    let detail = json!({ "subject": acting.subject });
    acting::commit(state, tx, member, action, group_id, detail).await
}

/// Asks WhatsApp for a new invite link; every earlier link stops working at once.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn reset_invite_link(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<String, AppError> {
    let action = actions::GROUP_RESET_LINK;
    let attempt = async {
        let acting: Acting = acting::load(state, member, group_id).await?;
        acting.refuse_if_suspended()?;
        let link = acting
            .number
            .client
            .reset_invite_link(&acting.number.access, &acting.wa_group_id)
            .await?;
        Ok::<_, AppError>(link)
    };
    let link = match attempt.await {
        Ok(link) => link,
        Err(error) => return Err(acting::refused(state, member, action, group_id, error).await),
    };
    let mut tx = state.pool.begin().await?;
    sqlx::query!(
        r#"update whatsapp_group set invite_link = $3, updated_at = now()
           where tenant_id = $1 and group_id = $2"#,
        member.tenant_id().0,
        group_id.0,
        link
    )
    .execute(&mut *tx)
    .await?;
    acting::commit(state, tx, member, action, group_id, json!({})).await?;
    Ok(link)
}

/// Deletes the invite link (SPEC §2.8, beta): nobody can join through a link until a reset
/// makes a new one.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn delete_invite_link(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<(), AppError> {
    let action = actions::GROUP_RESET_LINK;
    let attempt = async {
        let acting: Acting = acting::load(state, member, group_id).await?;
        acting.refuse_if_suspended()?;
        acting
            .number
            .client
            .delete_invite_link(&acting.number.access, &acting.wa_group_id)
            .await?;
        Ok::<_, AppError>(())
    };
    if let Err(error) = attempt.await {
        return Err(acting::refused(state, member, action, group_id, error).await);
    }
    let mut tx = state.pool.begin().await?;
    sqlx::query(
        "update whatsapp_group set invite_link = null, updated_at = now()
         where tenant_id = $1 and group_id = $2",
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .execute(&mut *tx)
    .await?;
    acting::commit(
        state,
        tx,
        member,
        action,
        group_id,
        json!({ "deleted": true }),
    )
    .await
}

/// Asks WhatsApp to change the subject and/or description; each setting's outcome arrives by
/// webhook and is applied then.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn update_settings(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    subject: &str,
    description: &str,
) -> Result<(), AppError> {
    ask_settings(state, member, group_id, |acting| {
        let change =
            SettingsChange::parse(subject, description, &acting.subject, &acting.description)?;
        acting.refuse_if_suspended()?;
        Ok(SettingsUpdate {
            subject: change.subject.as_ref().map(|s| s.as_str().to_owned()),
            description: change.description.as_ref().map(|d| d.as_str().to_owned()),
            join_approval_mode: None,
        })
    })
    .await
}

/// Sends the settings update `prepare` makes from the loaded group (or refuses with its error,
/// audited) and records it as a pending `group_settings_update` operation for its webhook.
async fn ask_settings(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    prepare: impl FnOnce(&Acting) -> Result<SettingsUpdate, AppError>,
) -> Result<(), AppError> {
    let action = actions::GROUP_UPDATE_SETTINGS;
    let attempt = async {
        let acting = acting::load(state, member, group_id).await?;
        let update = prepare(&acting)?;
        let request_id = acting
            .number
            .client
            .update_settings(&acting.number.access, &acting.wa_group_id, &update)
            .await?;
        Ok::<_, AppError>((acting, update, request_id))
    };
    let (acting, update, request_id) = match attempt.await {
        Ok(done) => done,
        Err(error) => return Err(acting::refused(state, member, action, group_id, error).await),
    };
    let request_id = acting::request_id_or_local(request_id);
    let asked = serde_json::to_value(&update).map_err(AppError::internal)?;
    let mut tx = state.pool.begin().await?;
    acting::record_pending(
        &mut tx,
        member,
        &acting,
        "group_settings_update",
        &request_id,
        asked.clone(),
    )
    .await?;
    acting::commit(state, tx, member, action, group_id, asked).await
}

/// Asks WhatsApp to change who can join with the link; the group's mode changes when the
/// settings webhook confirms it.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn change_approval_mode(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    mode: &str,
) -> Result<(), AppError> {
    let mode = match JoinApprovalMode::parse(mode) {
        Ok(mode) => mode,
        Err(error) => {
            let action = actions::GROUP_UPDATE_SETTINGS;
            return Err(acting::refused(state, member, action, group_id, error).await);
        }
    };
    ask_settings(state, member, group_id, |acting| {
        if acting.join_approval_mode == mode.as_str() {
            return Err(AppError::validation(
                "join_approval_mode",
                text::APPROVAL_MODE_UNCHANGED,
            ));
        }
        acting.refuse_if_suspended()?;
        Ok(SettingsUpdate {
            join_approval_mode: Some(mode.as_str().to_owned()),
            ..SettingsUpdate::default()
        })
    })
    .await
}

/// Reads the group's current invite link from WhatsApp (SPEC §2.6) and keeps it when it differs
/// from the stored one (a reset made elsewhere, or a group imported without one). `true` when
/// the stored link changed.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn check_invite_link(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<bool, AppError> {
    let acting: Acting = acting::load(state, member, group_id).await?;
    let link = acting
        .number
        .client
        .invite_link(&acting.number.access, &acting.wa_group_id)
        .await?;
    let changed = sqlx::query(
        "update whatsapp_group set invite_link = $3, updated_at = now()
         where tenant_id = $1 and group_id = $2 and invite_link is distinct from $3",
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .bind(&link)
    .execute(&state.pool)
    .await?
    .rows_affected()
        > 0;
    if changed {
        let event = crate::live::LiveEvent {
            tenant_id: member.tenant_id(),
            change: crate::live::Change::Group { group_id },
        };
        let mut conn = state.pool.acquire().await?;
        crate::live::store::publish(&mut conn, &event).await?;
        crate::live::store::notify(&state.pool).await?;
    }
    Ok(changed)
}
