//! Sending a new group picture to WhatsApp (SPEC §2.5, multipart `file`); its outcome arrives
//! with the `group_settings_update` webhook and shows as the "picture" item of the change.

use super::acting;
use super::picture::{self};
use super::text;
use crate::AppError;
use crate::audit::actions;
use crate::ids::GroupId;
use crate::state::AppState;
use crate::tenants::TenantMember;
use serde_json::json;

/// Checks the picture (the browser checked it too, but is never trusted) and sends it.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id, bytes = bytes.len()))]
pub async fn update_picture(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let action = actions::GROUP_UPDATE_SETTINGS;
    let attempt = async {
        let acting = acting::load(state, member, group_id).await?;
        let (width, _) = picture::check(&bytes)
            .map_err(|problem| AppError::validation("file", problem.reason()))?;
        acting.refuse_if_suspended()?;
        let request_id = acting
            .number
            .client
            .update_picture(&acting.number.access, &acting.wa_group_id, bytes.clone())
            .await?;
        Ok::<_, AppError>((acting, width, request_id))
    };
    let (acting, width, request_id) = match attempt.await {
        Ok(done) => done,
        Err(error) => return Err(acting::refused(state, member, action, group_id, error).await),
    };
    let request_id = acting::request_id_or_local(request_id);
    let size = format!("{width}×{width}");
    let asked = json!({ "picture": text::PICTURE_ASKED.replace("{size}", &size) });
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
    keep(state, &mut tx, member, group_id, &request_id, bytes).await?;
    acting::commit(state, tx, member, action, group_id, asked).await
}

/// Keeps the picture sent, filed under its operation, so the group page can show it once
/// WhatsApp accepts it. WhatsApp already has it: failing to keep it costs only the preview.
async fn keep(
    state: &AppState,
    tx: &mut sqlx::PgConnection,
    member: &TenantMember,
    group_id: GroupId,
    request_id: &crate::ids::RequestId,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let picture_id = uuid::Uuid::new_v4();
    let key = crate::chat::media_store::MediaStore::key(member.tenant_id().0, picture_id);
    let (size, sha256) = match state.media.put(&key, bytes).await {
        Ok(stored) => stored,
        Err(error) => {
            tracing::warn!(error = %error, "could not keep the group picture sent");
            return Ok(());
        }
    };
    sqlx::query(
        r#"insert into group_picture
             (group_picture_id, tenant_id, group_id, operation_id, storage_key, byte_size, sha256)
           select $1, $2, $3, operation_id, $5, $6, $7 from operation
           where tenant_id = $2 and group_id = $3 and request_id = $4
             and kind = 'group_settings_update'"#,
    )
    .bind(picture_id)
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .bind(request_id.as_str())
    .bind(&key)
    .bind(i64::try_from(size).unwrap_or(i64::MAX))
    .bind(sha256)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Where the picture `picture_id` is stored, if `user` belongs to the tenant of its group (in a
/// tenant that is not suspended); for anyone else it does not exist.
pub async fn readable(
    pool: &sqlx::PgPool,
    user: crate::ids::UserId,
    picture_id: uuid::Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        r#"select p.storage_key from group_picture p
           join membership m on m.tenant_id = p.tenant_id and m.app_user_id = $2
           join tenant t on t.tenant_id = p.tenant_id and t.suspended_at is null
           where p.group_picture_id = $1"#,
    )
    .bind(picture_id)
    .bind(user.0)
    .fetch_optional(pool)
    .await
}
