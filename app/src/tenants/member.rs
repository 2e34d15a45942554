//! Proof that the caller acts for a tenant with a role. Only the membership check here can make
//! one, so a tenant-scoped query that takes `&TenantMember` cannot be written without the check.

use super::Role;
use crate::AppError;
use crate::auth::session;
use crate::ids::{TenantId, UserId};
use crate::state::AppState;
use tower_sessions::Session;

/// A checked membership of one tenant, with a role the endpoint allows.
#[derive(Debug, Clone)]
pub struct TenantMember {
    user_id: UserId,
    tenant_id: TenantId,
    role: Role,
}

impl TenantMember {
    /// The person acting.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// The tenant this member acts for.
    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    /// The member's role in that tenant.
    pub fn role(&self) -> Role {
        self.role
    }
}

/// Inside a server function: the caller's membership of their current tenant, if their role is
/// one of `allowed`. Anonymous callers get `SignInRequired`, everyone else `Forbidden`.
pub async fn require_member(state: &AppState, allowed: &[Role]) -> Result<TenantMember, AppError> {
    let session = session::from_request().await?;
    member_of(state, &session, allowed).await
}

/// The same check for an axum route that extracted the session itself.
pub async fn member_of(
    state: &AppState,
    session: &Session,
    allowed: &[Role],
) -> Result<TenantMember, AppError> {
    let user = session::require_user(state, session).await?;
    let tenant_id = user.tenant_id.ok_or(AppError::Forbidden)?;
    let role = sqlx::query_scalar!(
        r#"select m.role
           from membership m
           join tenant t using (tenant_id)
           where m.app_user_id = $1 and m.tenant_id = $2 and t.suspended_at is null"#,
        user.user_id as UserId,
        tenant_id as TenantId,
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::Forbidden)?;
    let role = Role::parse(&role)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown role in membership")))?;
    if !allowed.contains(&role) {
        return Err(AppError::Forbidden);
    }
    Ok(TenantMember {
        user_id: user.user_id,
        tenant_id,
        role,
    })
}
