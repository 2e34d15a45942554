//! The router: pages, server functions, the webhook endpoint, the live stream, health checks,
//! the sandbox, and the middleware around them.

use crate::sandbox::{self, SandboxState};
use crate::state::ServerState;
use crate::{audit_csv, guard, health, live, media_routes, oidc, picture_route, webhook};
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method, Request};
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The path Meta posts webhooks to.
pub const WEBHOOK_PATH: &str = "/webhooks/whatsapp";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "groupdesk_session";

/// The routes besides Leptos's pages and server functions. The authorization matrix test reads
/// [`declared_routes`], so every route here must be listed in its table.
fn axum_routes() -> Vec<(&'static str, &'static [Method], MethodRouter<ServerState>)> {
    vec![
        ("/healthz", &[Method::GET], get(health::healthz)),
        ("/readyz", &[Method::GET], get(health::readyz)),
        (
            WEBHOOK_PATH,
            &[Method::GET, Method::POST],
            get(webhook::verify).post(webhook::receive),
        ),
        (app::live::STREAM_PATH, &[Method::GET], get(live::stream)),
        (app::audit::CSV_PATH, &[Method::GET], get(audit_csv::export)),
        (
            app::chat::media::UPLOAD_PATH,
            &[Method::POST],
            post(media_routes::upload).layer(DefaultBodyLimit::max(media_routes::BODY_LIMIT)),
        ),
        ("/media/{id}", &[Method::GET], get(media_routes::serve)),
        (
            app::groups::PICTURE_PATH,
            &[Method::POST],
            post(picture_route::upload).layer(DefaultBodyLimit::max(picture_route::BODY_LIMIT)),
        ),
        (
            app::groups::PICTURE_VIEW_PATH,
            &[Method::GET],
            get(picture_route::serve),
        ),
        (app::auth::OIDC_START_PATH, &[Method::GET], get(oidc::start)),
        (
            app::auth::OIDC_CALLBACK_PATH,
            &[Method::GET],
            get(oidc::callback),
        ),
    ]
}

/// Every axum route (path and methods) that [`router`] adds besides the Leptos ones.
pub fn declared_routes() -> Vec<(&'static str, &'static [Method])> {
    axum_routes()
        .into_iter()
        .map(|(path, methods, _)| (path, methods))
        .collect()
}

/// Builds the whole router. The sandbox is mounted under `/sandbox` when given.
pub fn router(state: ServerState, sandbox: Option<SandboxState>) -> Router {
    let app_state = state.app.clone();
    let fallback_state = state.app.clone();
    let leptos_options = state.app.leptos_options.clone();
    let routes = generate_route_list(App);
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.web.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::try_from(state.web.session_idle)
                .unwrap_or(tower_sessions::cookie::time::Duration::HOUR),
        ));
    let mut router = Router::new();
    for (path, _, handler) in axum_routes() {
        router = router.route(path, handler);
    }
    let mut router = router
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(app_state.clone()),
            move || shell(leptos_options.clone()),
        )
        // The fallback renders the app too (its 404 page has the frame), so it needs the state.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        .layer(from_fn_with_state(
            state.clone(),
            guard::require_sign_in_for_pages,
        ))
        .with_state(state.clone());
    if let Some(sandbox) = sandbox {
        router = router.nest(sandbox::MOUNT, sandbox::router(sandbox));
    }
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(request_span))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(from_fn_with_state(state, guard::check_origin))
            .layer(sessions),
    )
}

/// One span per request, with its ID. Only the path is recorded: query strings may carry tokens.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}
