//! Who the session belongs to. Sign-in stores [`SessionAuth`] under one key; everything else reads
//! it through [`require_user`], which also enforces the absolute timeout and disabled accounts.

use crate::AppError;
use crate::ids::{TenantId, UserId};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "groupdesk.auth";

/// What a signed-in session remembers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct SessionAuth {
    /// The person.
    pub user_id: UserId,
    /// The tenant they chose to act for (none when they belong to none).
    pub tenant_id: Option<TenantId>,
    /// Unix seconds of the sign-in; the absolute timeout counts from here.
    pub signed_in_at: i64,
}

/// A signed-in person whose account is enabled.
#[derive(Debug, Clone, Copy)]
pub struct SignedIn {
    /// The person.
    pub user_id: UserId,
    /// Their current tenant.
    pub tenant_id: Option<TenantId>,
    /// Whether they run this installation.
    pub platform_admin: bool,
}

/// The session of the request a server function serves.
pub async fn from_request() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|error| AppError::internal(anyhow::anyhow!("no session layer: {error}")))
}

/// The session's sign-in, unless there is none or it is older than the absolute timeout.
pub async fn current(state: &AppState, session: &Session) -> Result<Option<SessionAuth>, AppError> {
    let Some(auth) = session.get::<SessionAuth>(KEY).await? else {
        return Ok(None);
    };
    if outlived(
        &auth,
        state.auth.absolute_timeout,
        chrono::Utc::now().timestamp(),
    ) {
        session.flush().await?;
        return Ok(None);
    }
    Ok(Some(auth))
}

/// Whether a sign-in at `auth.signed_in_at` is older than `limit` at unix time `now`.
fn outlived(auth: &SessionAuth, limit: std::time::Duration, now: i64) -> bool {
    let limit = i64::try_from(limit.as_secs()).unwrap_or(i64::MAX);
    now.saturating_sub(auth.signed_in_at) > limit
}

/// The signed-in, enabled person, or `SignInRequired` (which also ends a stale session).
pub async fn require_user(state: &AppState, session: &Session) -> Result<SignedIn, AppError> {
    let auth = current(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let user = sqlx::query!(
        "select platform_admin from app_user where app_user_id = $1 and disabled_at is null",
        auth.user_id as UserId
    )
    .fetch_optional(&state.pool)
    .await?;
    let Some(user) = user else {
        session.flush().await?;
        return Err(AppError::SignInRequired);
    };
    Ok(SignedIn {
        user_id: auth.user_id,
        tenant_id: auth.tenant_id,
        platform_admin: user.platform_admin,
    })
}

/// Starts a signed-in session under a new ID, so an ID known before sign-in is worthless after.
pub async fn start(
    session: &Session,
    user_id: UserId,
    tenant_id: Option<TenantId>,
) -> Result<(), AppError> {
    session.cycle_id().await?;
    session
        .insert(
            KEY,
            SessionAuth {
                user_id,
                tenant_id,
                signed_in_at: chrono::Utc::now().timestamp(),
            },
        )
        .await?;
    Ok(())
}

/// Makes `tenant_id` the session's current tenant (the caller checked the membership).
pub async fn set_tenant(
    session: &Session,
    auth: SessionAuth,
    tenant_id: TenantId,
) -> Result<(), AppError> {
    session
        .insert(
            KEY,
            SessionAuth {
                tenant_id: Some(tenant_id),
                ..auth
            },
        )
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_session_ends_once_the_absolute_timeout_has_passed_since_sign_in() {
        let auth = SessionAuth {
            user_id: UserId(uuid::Uuid::nil()),
            tenant_id: None,
            signed_in_at: 1_000_000,
        };
        let week = Duration::from_secs(7 * 24 * 3600);
        assert!(!outlived(&auth, week, 1_000_000 + 7 * 24 * 3600));
        assert!(outlived(&auth, week, 1_000_000 + 7 * 24 * 3600 + 1));
    }
}
