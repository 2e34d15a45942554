//! Proof that the caller runs the installation. Only [`require_platform_admin`] makes one, so a
//! query that acts across tenants cannot be written without the check.

use crate::AppError;
use crate::auth::session;
use crate::ids::UserId;
use crate::state::AppState;

/// A signed-in platform admin.
#[derive(Debug, Clone, Copy)]
pub struct PlatformAdmin {
    user_id: UserId,
}

impl PlatformAdmin {
    /// The person acting.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }
}

/// Inside a server function: the caller, if they are a platform admin. Anonymous callers get
/// `SignInRequired`, everyone else `Forbidden`.
pub async fn require_platform_admin(state: &AppState) -> Result<PlatformAdmin, AppError> {
    let session = session::from_request().await?;
    let user = session::require_user(state, &session).await?;
    if !user.platform_admin {
        return Err(AppError::Forbidden);
    }
    Ok(PlatformAdmin {
        user_id: user.user_id,
    })
}
