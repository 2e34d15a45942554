//! Browser-facing guards: the CSRF origin check and the sign-in redirect of pages.

use crate::state::ServerState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Paths servers call (Meta's webhooks, the sandbox's Graph API): no browser, no Origin check.
const MACHINE_PREFIXES: &[&str] = &["/webhooks/", "/sandbox/"];

/// GET paths anyone may open: sign-in, one-time links, assets, health, and the API (whose
/// endpoints answer 401 themselves).
const PUBLIC_PREFIXES: &[&str] = &[
    "/login",
    "/setup/",
    "/invite/",
    "/reset/",
    "/auth/oidc/",
    "/pkg/",
    "/api/",
    "/webhooks/",
    "/sandbox/",
    "/healthz",
    "/readyz",
    // Media and group pictures answer 401/404 themselves (an image in a page has no use for
    // a redirect).
    "/media/",
    "/group-pictures/",
    "/favicon.ico",
];

/// Refuses a state-changing request whose `Origin` is another site's.
///
/// Browsers send `Origin` on cross-site POSTs, so a form on another site cannot act for a
/// signed-in person; SameSite=Lax cookies are the second line.
pub async fn check_origin(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let path = request.uri().path();
    let machine = MACHINE_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix));
    if !safe && !machine {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .map(|value| value.to_str().unwrap_or("invalid"));
        if let Some(origin) = origin
            && origin != state.web.public_origin
        {
            tracing::warn!("cross-origin request refused");
            return (StatusCode::FORBIDDEN, "cross-origin request refused").into_response();
        }
    }
    next.run(request).await
}

/// Sends anonymous visitors of a page to `/login`. Everything not listed as public is a page
/// that needs a signed-in person, so a new page is protected by default.
pub async fn require_sign_in_for_pages(
    State(state): State<ServerState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    let page_view = matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path();
    let public = PUBLIC_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix));
    if page_view && !public {
        match app::auth::session::require_user(&state.app, &session).await {
            Ok(_) => {}
            Err(app::AppError::SignInRequired) => return Redirect::to("/login").into_response(),
            Err(error) => return error.into_response(),
        }
    }
    next.run(request).await
}

/// The origin part of a URL (`https://example.org:8443/x` gives `https://example.org:8443`).
pub fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_drops_path_and_query() {
        assert_eq!(
            origin_of("https://gd.example.org/app?x=1"),
            "https://gd.example.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
