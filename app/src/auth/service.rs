//! Signing in with a local password.

use super::domain::Email;
use super::{db, password, rate_limit, session};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::state::AppState;
use std::net::IpAddr;
use tower_sessions::Session;

/// Checks the password, then starts a fresh session in the person's first tenant.
///
/// Every outcome is audited; a wrong address and a wrong password look the same to the caller.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: &AppState,
    session: &Session,
    email: &Email,
    password: &str,
    ip: Option<IpAddr>,
) -> Result<(), AppError> {
    let key = email.key();
    rate_limit::check(&state.pool, &key, ip).await?;
    let account = db::credential(&state.pool, email).await?;
    let (user_id, hash, disabled) = match account {
        Some(found) => (Some(found.user_id), found.password_hash, found.disabled),
        None => (None, None, false),
    };
    let verified = password::verify(password, hash).await? && !disabled;
    rate_limit::note(&state.pool, &key, ip, verified).await?;
    let Some(user_id) = user_id.filter(|_| verified) else {
        let reason = if disabled {
            "disabled"
        } else {
            "bad_credentials"
        };
        let entry = Entry::failure(user_id, None, actions::SIGN_IN)
            .detail(serde_json::json!({ "reason": reason }));
        audit::record(&state.pool, &entry).await?;
        tracing::info!(reason, "sign-in refused");
        return Err(AppError::validation(
            "password",
            super::text::WRONG_CREDENTIALS,
        ));
    };
    let tenant_id = db::first_tenant(&state.pool, user_id).await?;
    session::start(session, user_id, tenant_id).await?;
    let entry = Entry::success(Some(user_id), tenant_id, actions::SIGN_IN).target(user_id);
    audit::record(&state.pool, &entry).await?;
    tracing::info!(user.id = %user_id, "signed in");
    Ok(())
}
