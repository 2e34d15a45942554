//! Onboarding calls: number facts, webhook subscription, Embedded Signup (SPEC §5, §6).

use super::http::{Body, HttpGraphClient};
use super::types::{ELIGIBILITY_FIELDS, PhoneNumberInfo, SuccessResponse};
use super::{GraphError, NumberAccess};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};

/// Onboarding a business number.
#[async_trait::async_trait]
pub trait NumbersApi: Send + Sync {
    /// `GET /<PNID>?fields=...` with the fields that decide Groups eligibility.
    async fn phone_number(&self, number: &NumberAccess) -> Result<PhoneNumberInfo, GraphError>;
    /// `POST /<WABA_ID>/subscribed_apps`: deliver this WABA's webhooks to the app.
    async fn subscribe_app(&self, waba_id: &str, token: &SecretString) -> Result<bool, GraphError>;
    /// Embedded Signup: exchanges the short-lived `code` for a business token.
    async fn exchange_code(
        &self,
        app_id: &str,
        app_secret: &SecretString,
        code: &SecretString,
    ) -> Result<SecretString, GraphError>;
}

#[async_trait::async_trait]
impl NumbersApi for HttpGraphClient {
    #[tracing::instrument(skip_all, fields(pnid = %number.phone_number_id))]
    async fn phone_number(&self, number: &NumberAccess) -> Result<PhoneNumberInfo, GraphError> {
        let fields = ELIGIBILITY_FIELDS.join(",");
        self.read(
            number.phone_number_id.as_str(),
            Some(&number.token),
            &[("fields", fields)],
        )
        .await
    }

    #[tracing::instrument(skip_all)]
    async fn subscribe_app(&self, waba_id: &str, token: &SecretString) -> Result<bool, GraphError> {
        let path = format!("{waba_id}/subscribed_apps");
        let response: SuccessResponse = self.write(Method::POST, &path, token, Body::None).await?;
        Ok(response.success)
    }

    #[tracing::instrument(skip_all)]
    async fn exchange_code(
        &self,
        app_id: &str,
        app_secret: &SecretString,
        code: &SecretString,
    ) -> Result<SecretString, GraphError> {
        use oauth2::basic::BasicClient;
        use oauth2::{
            AuthType, AuthorizationCode, ClientId, ClientSecret, TokenResponse, TokenUrl,
        };

        let token_url = TokenUrl::new(self.url("oauth/access_token"))
            .map_err(|_| GraphError::Transport("the token endpoint URL is not valid".to_owned()))?;
        // Meta reads client_id and client_secret as parameters, not from Basic authentication.
        let client = BasicClient::new(ClientId::new(app_id.to_owned()))
            .set_client_secret(ClientSecret::new(app_secret.expose_secret().to_owned()))
            .set_token_uri(token_url)
            .set_auth_type(AuthType::RequestBody);
        // Codes are single-use: sent once, never retried.
        let answer = client
            .exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()))
            .request_async(&self.http)
            .await;
        match answer {
            Ok(token) => Ok(SecretString::from(token.access_token().secret().clone())),
            Err(error) => Err(exchange_error(error)),
        }
    }
}

/// Meta answers a refused exchange with its own error envelope, not OAuth's: that is read first.
fn exchange_error<E: std::error::Error + 'static>(
    error: oauth2::RequestTokenError<oauth2::HttpClientError<E>, oauth2::basic::BasicErrorResponse>,
) -> GraphError {
    use oauth2::RequestTokenError;
    match error {
        RequestTokenError::Parse(_, body) => {
            match serde_json::from_slice::<super::types::ErrorEnvelope>(&body) {
                Ok(envelope) => GraphError::from_envelope(400, envelope.error),
                Err(_) => GraphError::Decode {
                    status: 200,
                    detail: "the token answer has no access_token".to_owned(),
                },
            }
        }
        RequestTokenError::ServerResponse(_) => GraphError::Decode {
            status: 400,
            detail: "the token endpoint refused the code".to_owned(),
        },
        RequestTokenError::Request(_) => {
            GraphError::Transport("could not reach the token endpoint".to_owned())
        }
        RequestTokenError::Other(_) => {
            GraphError::Transport("the token answer was cut off".to_owned())
        }
    }
}
