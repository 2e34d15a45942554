//! The router: pages, server functions, the webhook endpoint, the live stream, health checks,
//! the sandbox, and the middleware around them.

use crate::sandbox::{self, SandboxState};
use crate::state::ServerState;
use crate::{health, live, webhook};
use app::{App, shell};
use axum::Router;
use axum::http::{HeaderName, Request};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The path Meta posts webhooks to.
pub const WEBHOOK_PATH: &str = "/webhooks/whatsapp";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole router. The sandbox is mounted under `/sandbox` when given.
pub fn router(state: ServerState, sandbox: Option<SandboxState>) -> Router {
    let app_state = state.app.clone();
    let leptos_options = state.app.leptos_options.clone();
    let routes = generate_route_list(App);
    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(WEBHOOK_PATH, get(webhook::verify).post(webhook::receive))
        .route(app::live::STREAM_PATH, get(live::stream))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(app_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(shell))
        .with_state(state);
    if let Some(sandbox) = sandbox {
        router = router.nest(sandbox::MOUNT, sandbox::router(sandbox));
    }
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(request_span))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID)),
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
