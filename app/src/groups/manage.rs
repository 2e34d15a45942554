//! Server functions that change an existing group: remove participants, delete it, reset its
//! invite link, change its settings. Each checks the role first, then parses its input.

use crate::AppError;
use leptos::prelude::*;

/// Removes 1 to 8 current participants (`participants`: their numbers or BSUIDs, comma-separated).
/// Removed users cannot rejoin through the invite link. Staff, admins and support may remove.
#[server(prefix = "/api", endpoint = "remove_participants")]
pub async fn remove_participants(group_id: String, participants: String) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let removal = super::domain::Removal::parse(&participants)?;
        super::manage_service::remove_participants(&state, &member, group_id, &removal).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Deletes a group once `confirm_subject` repeats its subject exactly. Admins and staff only.
#[server(prefix = "/api", endpoint = "delete_group")]
pub async fn delete_group(group_id: String, confirm_subject: String) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::delete_group(&state, &member, group_id, &confirm_subject).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Replaces the invite link; old links stop working. Staff, admins and support may reset.
#[server(prefix = "/api", endpoint = "reset_invite_link")]
pub async fn reset_invite_link(group_id: String) -> Result<String, AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::reset_invite_link(&state, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Deletes the invite link; nobody can join through a link until a reset makes a new one.
/// Staff, admins and support may delete it.
#[server(prefix = "/api", endpoint = "delete_invite_link")]
pub async fn delete_invite_link(group_id: String) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::delete_invite_link(&state, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Changes the subject and/or description (only what differs is sent). Admins and staff only.
#[server(prefix = "/api", endpoint = "update_group_settings")]
pub async fn update_group_settings(
    group_id: String,
    subject: String,
    description: String,
) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::update_settings(&state, &member, group_id, &subject, &description)
            .await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Changes who can join with the link (`auto_approve` or `approval_required`). Staff, admins and
/// support may change it.
#[server(prefix = "/api", endpoint = "change_approval_mode")]
pub async fn change_approval_mode(group_id: String, mode: String) -> Result<(), AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::change_approval_mode(&state, &member, group_id, &mode).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Reads the invite link from WhatsApp and keeps it if it changed elsewhere; `true` when it did.
/// Staff, admins and support may check.
#[server(prefix = "/api", endpoint = "check_invite_link")]
pub async fn check_invite_link(group_id: String) -> Result<bool, AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::manage_service::check_invite_link(&state, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
