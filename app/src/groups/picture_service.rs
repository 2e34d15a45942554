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
            .update_picture(&acting.number.access, &acting.wa_group_id, bytes)
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
    acting::commit(state, tx, member, action, group_id, asked).await
}
