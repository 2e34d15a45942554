//! A client of the sandbox's control API (`/sandbox/control`), which plays WhatsApp users.

use crate::AppError;
use serde_json::Value;
use std::time::Duration;

/// Talks to the sandbox's control API over HTTP, like any other client would.
#[derive(Clone)]
pub struct SandboxControl {
    base_url: String,
    http: reqwest::Client,
}

impl SandboxControl {
    /// A client for the control API at `base_url` (`.../sandbox/control`).
    pub fn new(base_url: &str) -> Result<Self, AppError> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(AppError::internal)?;
        Ok(Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            http,
        })
    }

    /// Calls the control API; its refusals become a conflict with the sandbox's reason.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> Result<Value, AppError> {
        let response = self
            .http
            .request(method, format!("{}{path}", self.base_url))
            .json(&body)
            .send()
            .await
            .map_err(AppError::internal)?;
        let status = response.status();
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            Ok(answer)
        } else {
            let reason = answer["error"]
                .as_str()
                .unwrap_or("the sandbox refused")
                .to_owned();
            Err(AppError::Conflict { message: reason })
        }
    }
}
