//! Onboarding calls: number facts, webhook subscription, Embedded Signup (SPEC §5, §6).

use super::http::{Body, HttpGraphClient};
use super::types::{ELIGIBILITY_FIELDS, PhoneNumberInfo, SuccessResponse, TokenExchangeResponse};
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
        // Codes are single-use: sent once, never retried.
        let response = self
            .http
            .get(self.url("oauth/access_token"))
            .query(&[
                ("client_id", app_id),
                ("client_secret", app_secret.expose_secret()),
                ("code", code.expose_secret()),
            ])
            .send()
            .await
            .map_err(|_| GraphError::Transport("could not reach the token endpoint".to_owned()))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|_| GraphError::Transport("the token answer was cut off".to_owned()))?;
        if !(200..300).contains(&status) {
            return Err(
                match serde_json::from_slice::<super::types::ErrorEnvelope>(&bytes) {
                    Ok(envelope) => GraphError::from_envelope(status, envelope.error),
                    Err(_) => GraphError::Server { status },
                },
            );
        }
        let token: TokenExchangeResponse =
            serde_json::from_slice(&bytes).map_err(|_| GraphError::Decode {
                status,
                detail: "the token answer has no access_token".to_owned(),
            })?;
        Ok(SecretString::from(token.access_token))
    }
}
