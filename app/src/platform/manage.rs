//! Server functions: a platform admin creates, renames, suspends and reactivates tenants.

use crate::AppError;
use crate::ids::TenantId;
use leptos::prelude::*;

/// Creates a tenant with a name and a unique slug.
#[server(prefix = "/api", endpoint = "create_tenant")]
pub async fn create_tenant(name: String, slug: String) -> Result<TenantId, AppError> {
    use super::domain::{TenantName, TenantSlug};
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let name = TenantName::parse(&name)?;
        let slug = TenantSlug::parse(&slug)?;
        super::service::create(&state, &admin, &name, &slug).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Renames a tenant.
#[server(prefix = "/api", endpoint = "rename_tenant")]
pub async fn rename_tenant(tenant_id: String, name: String) -> Result<(), AppError> {
    use super::domain::TenantName;
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let tenant = super::service::parse_tenant(&tenant_id)?;
        let name = TenantName::parse(&name)?;
        super::service::rename(&state, &admin, tenant, &name).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Suspends a tenant: its members can no longer act for it.
#[server(prefix = "/api", endpoint = "suspend_tenant")]
pub async fn suspend_tenant(tenant_id: String) -> Result<(), AppError> {
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let tenant = super::service::parse_tenant(&tenant_id)?;
        super::service::set_suspended(&state, &admin, tenant, true).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Reactivates a suspended tenant.
#[server(prefix = "/api", endpoint = "reactivate_tenant")]
pub async fn reactivate_tenant(tenant_id: String) -> Result<(), AppError> {
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let tenant = super::service::parse_tenant(&tenant_id)?;
        super::service::set_suspended(&state, &admin, tenant, false).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Invites a tenant's admin by link (the same invitation as on the People page).
#[server(prefix = "/api", endpoint = "invite_tenant_admin")]
pub async fn invite_tenant_admin(tenant_id: String, email: String) -> Result<String, AppError> {
    use crate::auth::domain::Email;
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let tenant = super::service::parse_tenant(&tenant_id)?;
        let email = Email::parse(&email)?;
        super::service::invite_admin(&state, &admin, tenant, &email).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
