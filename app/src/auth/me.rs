//! Server functions: who is signed in, and switching the current tenant.

use crate::AppError;
use crate::ids::{TenantId, UserId};
use crate::tenants::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One tenant the person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipSummary {
    /// The tenant.
    pub tenant_id: TenantId,
    /// Its name.
    pub tenant_name: String,
    /// The person's role there.
    pub role: Role,
}

/// The signed-in person, as the frame shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Their ID.
    pub user_id: UserId,
    /// Their name.
    pub display_name: String,
    /// Whether they run this installation.
    pub platform_admin: bool,
    /// The tenant they act for now, if any.
    pub current_tenant: Option<TenantId>,
    /// Every active tenant they belong to.
    pub memberships: Vec<MembershipSummary>,
    /// Whether this server runs the sandbox (the frame then links to the Sandbox page).
    pub sandbox: bool,
}

impl Me {
    /// Their role in the current tenant.
    pub fn current_role(&self) -> Option<Role> {
        let current = self.current_tenant?;
        self.memberships
            .iter()
            .find(|m| m.tenant_id == current)
            .map(|m| m.role)
    }
}

/// The signed-in person, or `None` for an anonymous visitor.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let session = super::session::from_request().await?;
        let user = match super::session::require_user(&state, &session).await {
            Ok(user) => user,
            Err(AppError::SignInRequired) => return Ok(None),
            Err(other) => return Err(other),
        };
        let name = sqlx::query_scalar!(
            "select display_name from app_user where app_user_id = $1",
            user.user_id as UserId
        )
        .fetch_one(&state.pool)
        .await?;
        let rows = sqlx::query!(
            r#"select t.tenant_id as "tenant_id: TenantId", t.name, m.role
               from membership m join tenant t using (tenant_id)
               where m.app_user_id = $1 and t.suspended_at is null
               order by t.name"#,
            user.user_id as UserId
        )
        .fetch_all(&state.pool)
        .await?;
        let memberships = rows
            .into_iter()
            .filter_map(|row| {
                Role::parse(&row.role).map(|role| MembershipSummary {
                    tenant_id: row.tenant_id,
                    tenant_name: row.name,
                    role,
                })
            })
            .collect();
        Ok(Some(Me {
            user_id: user.user_id,
            display_name: name,
            platform_admin: user.platform_admin,
            current_tenant: user.tenant_id,
            memberships,
            sandbox: state.sandbox_control.is_some(),
        }))
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Makes another of the person's tenants the current one.
#[server(prefix = "/api", endpoint = "switch_tenant")]
pub async fn switch_tenant(tenant_id: String) -> Result<(), AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::state::AppState;

    let result = async {
        let tenant_id: TenantId = tenant_id
            .parse()
            .map_err(|_| AppError::validation("tenant_id", super::text::TENANT_UNKNOWN))?;
        let state = expect_context::<AppState>();
        let session = super::session::from_request().await?;
        let user = super::session::require_user(&state, &session).await?;
        let auth = super::session::current(&state, &session)
            .await?
            .ok_or(AppError::SignInRequired)?;
        let member = sqlx::query_scalar!(
            r#"select exists (select 1 from membership m join tenant t using (tenant_id)
                 where m.app_user_id = $1 and m.tenant_id = $2 and t.suspended_at is null)
               as "member!""#,
            user.user_id as UserId,
            tenant_id as TenantId,
        )
        .fetch_one(&state.pool)
        .await?;
        if !member {
            return Err(AppError::Forbidden);
        }
        super::session::set_tenant(&session, auth, tenant_id).await?;
        let entry = Entry::success(Some(user.user_id), Some(tenant_id), actions::SWITCH_TENANT)
            .target(tenant_id);
        audit::record(&state.pool, &entry).await?;
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
