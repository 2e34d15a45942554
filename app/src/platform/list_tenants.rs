//! Server function: every tenant, for the platform admin's Tenants page.

use crate::AppError;
use crate::ids::TenantId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One tenant as a platform admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantSummary {
    /// Its ID.
    pub id: TenantId,
    /// Its name.
    pub name: String,
    /// Its unique short name.
    pub slug: String,
    /// Whether it is suspended.
    pub suspended: bool,
    /// How many people belong to it.
    pub members: i64,
}

/// Lists every tenant (platform admins only).
#[server(prefix = "/api", endpoint = "list_tenants")]
pub async fn list_tenants() -> Result<Vec<TenantSummary>, AppError> {
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        Ok(super::db::list(&state.pool, &admin).await?)
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
