//! The reqwest implementation of [`GraphApi`].

use super::types::{CreateGroupRequest, ErrorEnvelope, RequestIdResponse};
use super::{GraphApi, GraphError, NumberAccess};
use crate::ids::RequestId;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How long one call may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A Graph API client for one base URL and version.
#[derive(Clone)]
pub struct HttpGraphClient {
    http: reqwest::Client,
    base_url: String,
    version: String,
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

    fn url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.base_url, self.version, path)
    }

    async fn send<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, GraphError> {
        let response = request
            .send()
            .await
            .map_err(|error| GraphError::Transport(without_url(&error)))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|error| GraphError::Transport(without_url(&error)))?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&bytes).map_err(|error| GraphError::Decode {
                status,
                detail: error.to_string(),
            });
        }
        match serde_json::from_slice::<ErrorEnvelope>(&bytes) {
            Ok(envelope) => Err(GraphError::from_envelope(status, envelope.error)),
            Err(error) => Err(GraphError::Decode {
                status,
                detail: error.to_string(),
            }),
        }
    }
}

/// reqwest's messages include the URL; ours carry no secrets, but keep errors short and uniform.
fn without_url(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    kind.to_owned()
}

#[async_trait::async_trait]
impl GraphApi for HttpGraphClient {
    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn create_group(
        &self,
        number: &NumberAccess,
        request: &CreateGroupRequest,
    ) -> Result<RequestId, GraphError> {
        let url = self.url(&format!("{}/groups", number.phone_number_id));
        let builder = self
            .http
            .post(url)
            .bearer_auth(number.token.expose_secret())
            .json(request);
        let response: RequestIdResponse = self.send(builder).await?;
        Ok(RequestId(response.request_id))
    }
}
