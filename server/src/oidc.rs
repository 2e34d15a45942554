//! The two OpenID Connect routes: `GET /auth/oidc/start` sends the browser to the provider,
//! `GET /auth/oidc/callback` is where it comes back. Both are public (signing in is what they
//! are for); any failure ends on the sign-in page with the reason in plain words.

use crate::state::ServerState;
use app::auth::OidcProblem;
use app::auth::oidc::CallbackParams;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Remembers a fresh sign-in in the session and redirects to the provider.
pub async fn start(State(state): State<ServerState>, session: Session) -> Response {
    let Some(provider) = state.app.auth.oidc.clone() else {
        return to_login(OidcProblem::Unavailable);
    };
    match provider.start(&session).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(problem) => to_login(problem),
    }
}

/// Finishes the sign-in and opens the groups.
pub async fn callback(
    State(state): State<ServerState>,
    session: Session,
    Query(params): Query<CallbackParams>,
) -> Response {
    let Some(provider) = state.app.auth.oidc.clone() else {
        return to_login(OidcProblem::Unavailable);
    };
    match provider.finish(&state.app, &session, params).await {
        Ok(()) => Redirect::to("/groups").into_response(),
        Err(problem) => to_login(problem),
    }
}

fn to_login(problem: OidcProblem) -> Response {
    Redirect::to(&problem.login_path()).into_response()
}
