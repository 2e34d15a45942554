//! Proof that the caller acts for a tenant. Only [`require_member`] can make one, so a
//! tenant-scoped query that takes `&TenantMember` cannot be written without the check.

use crate::AppError;
use crate::ids::TenantId;
use crate::state::AppState;

/// What a member may do inside a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Numbers, people, settings and everything staff do.
    Admin,
    /// Groups, invites, join requests and chat.
    Staff,
    /// Moderation and the audit log.
    Support,
}

/// A checked membership of one tenant.
#[derive(Debug, Clone)]
pub struct TenantMember {
    tenant_id: TenantId,
    role: Role,
}

impl TenantMember {
    /// The tenant this member acts for.
    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    /// The member's role in that tenant.
    pub fn role(&self) -> Role {
        self.role
    }
}

/// Resolves the caller's membership, or refuses.
///
/// Until accounts exist, a development sign-in stands in: when it is switched on (sandbox
/// installs only), every caller acts as staff of the demo tenant. Otherwise everyone is refused.
pub async fn require_member(state: &AppState) -> Result<TenantMember, AppError> {
    if !state.dev_signin {
        return Err(AppError::SignInRequired);
    }
    let tenant_id = super::db::demo_tenant_id(&state.pool)
        .await?
        .ok_or(AppError::SignInRequired)?;
    Ok(TenantMember {
        tenant_id,
        role: Role::Staff,
    })
}
