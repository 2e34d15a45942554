//! Server function: how one can sign in here (the sign-in page asks before it draws its buttons).

use crate::AppError;
use leptos::prelude::*;

/// The browser starts a sign-in through the identity provider here (an axum route in `server`).
pub const OIDC_START_PATH: &str = "/auth/oidc/start";
/// The identity provider sends the browser back here.
pub const OIDC_CALLBACK_PATH: &str = "/auth/oidc/callback";

/// The identity provider's name when sign-in through OpenID Connect is configured.
#[server(prefix = "/api", endpoint = "sign_in_options")]
pub async fn sign_in_options() -> Result<Option<String>, AppError> {
    use crate::state::AppState;

    let state = expect_context::<AppState>();
    Ok(state
        .auth
        .oidc
        .as_ref()
        .map(|provider| provider.display_name().to_owned()))
}
