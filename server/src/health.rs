//! `/healthz` (the process is up) and `/readyz` (the database answers).

use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database is reachable.
pub async fn readyz(State(state): State<ServerState>) -> (StatusCode, &'static str) {
    match sqlx::query_scalar!("select 1 as \"one!\"")
        .fetch_one(&state.app.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
