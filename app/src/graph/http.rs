//! The reqwest transport behind [`HttpGraphClient`]: URLs, bearer tokens, Meta's error envelope,
//! timeouts, and retries for reads.

use super::GraphError;
use super::types::ErrorEnvelope;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How long one call may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How many times a read is tried in all.
const READ_ATTEMPTS: u32 = 3;

/// A Graph API client for one base URL and version.
#[derive(Clone)]
pub struct HttpGraphClient {
    pub(super) http: reqwest::Client,
    base_url: String,
    version: String,
}

/// A request body.
pub(super) enum Body {
    /// No body.
    None,
    /// A JSON body.
    Json(serde_json::Value),
    /// A multipart form (never retried: forms cannot be replayed).
    Multipart(reqwest::multipart::Form),
}

impl HttpGraphClient {
    /// A client for `base_url` (for example `https://graph.facebook.com`) and `version` (`v25.0`).
    pub fn new(base_url: &str, version: &str) -> Result<Self, GraphError> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|error| GraphError::Transport(error.to_string()))?;
        Ok(Self {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            version: version.to_owned(),
        })
    }

    /// The URL of a Graph path such as `<PNID>/groups`.
    pub(super) fn url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.base_url, self.version, path)
    }

    /// A write: sent once, never retried (repeating it could act twice).
    pub(super) async fn write<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: &SecretString,
        body: Body,
    ) -> Result<T, GraphError> {
        let mut request = self
            .http
            .request(method, self.url(path))
            .bearer_auth(token.expose_secret());
        request = match body {
            Body::None => request,
            Body::Json(json) => request.json(&json),
            Body::Multipart(form) => request.multipart(form),
        };
        decode(request.send().await).await
    }

    /// A read of `path` with `query`: retried with backoff on failures that may pass.
    pub(super) async fn read<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&SecretString>,
        query: &[(&str, String)],
    ) -> Result<T, GraphError> {
        self.read_url(&self.url(path), token, query).await
    }

    /// A read of an absolute URL (media downloads, `next` links).
    pub(super) async fn read_url<T: DeserializeOwned>(
        &self,
        url: &str,
        token: Option<&SecretString>,
        query: &[(&str, String)],
    ) -> Result<T, GraphError> {
        let mut attempt = 1;
        loop {
            let mut request = self.http.get(url).query(query);
            if let Some(token) = token {
                request = request.bearer_auth(token.expose_secret());
            }
            match decode(request.send().await).await {
                Err(error) if attempt < READ_ATTEMPTS && error.is_retryable() => {
                    tokio::time::sleep(error.backoff(attempt)).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// Downloads raw bytes (media), retried like a read.
    pub(super) async fn download(
        &self,
        url: &str,
        token: &SecretString,
    ) -> Result<Vec<u8>, GraphError> {
        let mut attempt = 1;
        loop {
            let result = async {
                let response = self
                    .http
                    .get(url)
                    .bearer_auth(token.expose_secret())
                    .send()
                    .await
                    .map_err(|error| transport(&error))?;
                let status = response.status().as_u16();
                let bytes = response.bytes().await.map_err(|error| transport(&error))?;
                if (200..300).contains(&status) {
                    Ok(bytes.to_vec())
                } else {
                    Err(error_from(status, &bytes))
                }
            }
            .await;
            match result {
                Err(error) if attempt < READ_ATTEMPTS && error.is_retryable() => {
                    tokio::time::sleep(error.backoff(attempt)).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
}

async fn decode<T: DeserializeOwned>(
    sent: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, GraphError> {
    let response = sent.map_err(|error| transport(&error))?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|error| transport(&error))?;
    if (200..300).contains(&status) {
        return serde_json::from_slice(&bytes).map_err(|error| GraphError::Decode {
            status,
            detail: error.to_string(),
        });
    }
    Err(error_from(status, &bytes))
}

fn error_from(status: u16, bytes: &[u8]) -> GraphError {
    match serde_json::from_slice::<ErrorEnvelope>(bytes) {
        Ok(envelope) => GraphError::from_envelope(status, envelope.error),
        Err(_) if status >= 500 => GraphError::Server { status },
        Err(error) => GraphError::Decode {
            status,
            detail: error.to_string(),
        },
    }
}

/// The transport detail of a call that never reached the server.
pub(super) const NOT_CONNECTED: &str = "could not connect";

/// reqwest's messages include the URL (and so IDs); keep errors short and uniform.
fn transport(error: &reqwest::Error) -> GraphError {
    if error.is_timeout() {
        GraphError::Timeout
    } else if error.is_connect() {
        GraphError::Transport(NOT_CONNECTED.to_owned())
    } else {
        GraphError::Transport("request failed".to_owned())
    }
}
