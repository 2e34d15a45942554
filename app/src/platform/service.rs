//! Tenant management by a platform admin; every change is audited with the tenant it concerns.

use super::admin::PlatformAdmin;
use super::domain::{TenantName, TenantSlug};
use super::{db, text};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::auth::bootstrap::is_constraint;
use crate::auth::domain::Email;
use crate::auth::token;
use crate::ids::TenantId;
use crate::state::AppState;

/// Parses a tenant ID from a form.
pub fn parse_tenant(raw: &str) -> Result<TenantId, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::validation("tenant_id", text::TENANT_UNKNOWN))
}

fn unknown() -> AppError {
    AppError::validation("tenant_id", text::TENANT_UNKNOWN)
}

/// Creates a tenant.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    admin: &PlatformAdmin,
    name: &TenantName,
    slug: &TenantSlug,
) -> Result<TenantId, AppError> {
    let mut tx = state.pool.begin().await?;
    let id = match db::insert(&mut *tx, admin, name, slug).await {
        Ok(id) => id,
        Err(error) if is_constraint(&error, "tenant_slug_key") => {
            return Err(AppError::validation("slug", text::SLUG_TAKEN));
        }
        Err(error) => return Err(error.into()),
    };
    let entry = Entry::success(Some(admin.user_id()), Some(id), actions::TENANT_CREATE)
        .target(id)
        .detail(serde_json::json!({ "name": name.as_str(), "slug": slug.as_str() }));
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    tracing::info!(tenant.id = %id, "tenant created");
    Ok(id)
}

/// Renames a tenant.
#[tracing::instrument(skip_all, fields(tenant.id = %id))]
pub async fn rename(
    state: &AppState,
    admin: &PlatformAdmin,
    id: TenantId,
    name: &TenantName,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    if !db::rename(&mut *tx, admin, id, name).await? {
        return Err(unknown());
    }
    let entry = Entry::success(Some(admin.user_id()), Some(id), actions::TENANT_RENAME)
        .target(id)
        .detail(serde_json::json!({ "name": name.as_str() }));
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Suspends or reactivates a tenant.
#[tracing::instrument(skip_all, fields(tenant.id = %id))]
pub async fn set_suspended(
    state: &AppState,
    admin: &PlatformAdmin,
    id: TenantId,
    suspended: bool,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    if !db::set_suspended(&mut *tx, admin, id, suspended).await? {
        return Err(unknown());
    }
    let action = if suspended {
        actions::TENANT_SUSPEND
    } else {
        actions::TENANT_REACTIVATE
    };
    let entry = Entry::success(Some(admin.user_id()), Some(id), action).target(id);
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Invites `email` to become admin of the tenant; returns the link to hand over.
#[tracing::instrument(skip_all, fields(tenant.id = %id))]
pub async fn invite_admin(
    state: &AppState,
    admin: &PlatformAdmin,
    id: TenantId,
    email: &Email,
) -> Result<String, AppError> {
    let issued = token::issue();
    let mut tx = state.pool.begin().await?;
    let invitation = match db::insert_admin_invitation(&mut tx, admin, id, email, &issued.hash)
        .await
    {
        Ok(invitation) => invitation,
        Err(error) if is_constraint(&error, "invitation_tenant_id_fkey") => return Err(unknown()),
        Err(error) => return Err(error.into()),
    };
    let entry = Entry::success(
        Some(admin.user_id()),
        Some(id),
        actions::TENANT_INVITE_ADMIN,
    )
    .target(invitation)
    .detail(serde_json::json!({ "email": email.as_str(), "role": "admin" }));
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    Ok(format!("{}/invite/{}", state.auth.public_url, issued.token))
}
