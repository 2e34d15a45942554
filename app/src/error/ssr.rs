//! Server-side behaviour of [`AppError`]: HTTP status, logging of internal causes, conversions.

use super::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

impl AppError {
    /// The HTTP status that carries this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::SignInRequired => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Upstream { .. } => StatusCode::BAD_GATEWAY,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Transport { .. } | Self::UnreadableAnswer { .. } => StatusCode::BAD_REQUEST,
        }
    }

    /// Logs the whole cause chain once, here, and hides it from the caller.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        let cause = cause.into();
        tracing::error!(error = format!("{cause:#}"), "internal error");
        Self::Internal
    }

    /// Sets the status of the current server-function response to match this error.
    pub fn into_server_fn_error(self) -> Self {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(self.status());
        }
        self
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        Self::internal(error)
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        Self::internal(error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self, "message": self.to_string() });
        (self.status(), axum::Json(body)).into_response()
    }
}
