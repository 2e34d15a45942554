//! Meta's error envelope (SPEC §1.4), as the sandbox answers it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A Graph API error the sandbox answers with.
#[derive(Debug, Clone)]
pub struct MetaError {
    status: StatusCode,
    code: i64,
    subcode: Option<i64>,
    title: &'static str,
    details: String,
}

impl MetaError {
    /// Any error: HTTP status, Meta code, title and specifics.
    pub fn new(
        status: StatusCode,
        code: i64,
        title: &'static str,
        details: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            subcode: None,
            title,
            details: details.into(),
        }
    }

    /// `100 Invalid parameter` (HTTP 400).
    pub fn invalid_parameter(details: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 100, "Invalid parameter", details)
    }

    /// Adds an `error_subcode`.
    pub fn with_subcode(mut self, subcode: i64) -> Self {
        self.subcode = Some(subcode);
        self
    }
}

impl IntoResponse for MetaError {
    fn into_response(self) -> Response {
        let mut error = serde_json::json!({
            "message": format!("(#{}) {}", self.code, self.title),
            "type": "OAuthException",
            "code": self.code,
            "error_data": { "messaging_product": "whatsapp", "details": self.details },
            "fbtrace_id": super::ids::fbtrace_id(),
        });
        if let (Some(subcode), Some(object)) = (self.subcode, error.as_object_mut()) {
            object.insert("error_subcode".to_owned(), subcode.into());
        }
        (self.status, Json(serde_json::json!({ "error": error }))).into_response()
    }
}
