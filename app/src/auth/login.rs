//! Server functions: sign in with a local password, and sign out.

use crate::AppError;
use leptos::prelude::*;

/// Signs in with an email address and password, then goes to the groups.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::state::AppState;
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;

    let result = async {
        let email = super::domain::Email::parse(&email)?;
        if password.is_empty() {
            return Err(AppError::validation(
                "password",
                super::text::PASSWORD_MISSING,
            ));
        }
        let state = expect_context::<AppState>();
        let session = super::session::from_request().await?;
        let ip = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .ok()
            .map(|ConnectInfo(addr)| addr.ip());
        super::service::sign_in(&state, &session, &email, &password, ip).await?;
        leptos_axum::redirect("/groups");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Ends the session (whoever calls it) and goes to the sign-in page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let session = super::session::from_request().await?;
        if let Some(auth) = super::session::current(&state, &session).await? {
            let entry = Entry::success(Some(auth.user_id), auth.tenant_id, actions::SIGN_OUT)
                .target(auth.user_id);
            audit::record(&state.pool, &entry).await?;
        }
        session.flush().await?;
        leptos_axum::redirect("/login");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
