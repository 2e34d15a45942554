//! The two halves of a sign-in: sending the browser to the provider, and its way back.

use super::OidcProvider;
use super::discovery::Metadata;
use super::id_token::{IdClaims, TokenError, verify_id_token};
use super::link::{self, Resolved};
use super::pending::{self, Pending};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::auth::oidc_problem::OidcProblem;
use crate::auth::{db, session as sessions};
use crate::ids::UserId;
use crate::state::AppState;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// What the provider adds to the token response: the ID token.
#[derive(Clone, Deserialize, Serialize)]
struct IdTokenField {
    #[serde(default)]
    id_token: Option<String>,
}

impl std::fmt::Debug for IdTokenField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdTokenField(***)")
    }
}

impl ExtraTokenFields for IdTokenField {}

type OidcTokenResponse = StandardTokenResponse<IdTokenField, BasicTokenType>;

type Client = oauth2::Client<
    BasicErrorResponse,
    OidcTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// The query of the provider's redirect back to GroupDesk. Not `Debug`: the code is a secret.
#[derive(Deserialize)]
pub struct CallbackParams {
    /// The authorization code.
    pub code: Option<String>,
    /// The state GroupDesk sent.
    pub state: Option<String>,
    /// The provider's error code, e.g. `access_denied`.
    pub error: Option<String>,
    /// The issuer, from providers that name it (RFC 9207, against mix-ups between providers).
    pub iss: Option<String>,
}

/// A refused sign-in: what the person reads, what the audit log says, and whom it concerned.
struct Failure {
    problem: OidcProblem,
    reason: String,
    user: Option<UserId>,
}

fn fail(problem: OidcProblem, reason: impl Into<String>) -> Failure {
    Failure {
        problem,
        reason: reason.into(),
        user: None,
    }
}

impl From<AppError> for Failure {
    fn from(_: AppError) -> Self {
        // AppError::internal has logged the cause already.
        fail(OidcProblem::Failed, "internal")
    }
}

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        AppError::from(error).into()
    }
}

impl OidcProvider {
    fn client(&self, metadata: &Metadata) -> Result<Client, Failure> {
        let redirect = RedirectUrl::new(self.redirect_url.clone())
            .map_err(|_| fail(OidcProblem::Failed, "redirect_url"))?;
        let auth_type = if metadata.secret_in_body {
            AuthType::RequestBody
        } else {
            AuthType::BasicAuth
        };
        Ok(
            oauth2::Client::new(ClientId::new(self.settings.client_id.clone()))
                .set_client_secret(ClientSecret::new(
                    self.settings.client_secret.expose_secret().to_owned(),
                ))
                .set_auth_uri(metadata.authorization_endpoint.clone())
                .set_token_uri(metadata.token_endpoint.clone())
                .set_redirect_uri(redirect)
                .set_auth_type(auth_type),
        )
    }

    async fn metadata_or_fail(&self) -> Result<std::sync::Arc<Metadata>, Failure> {
        self.metadata().await.map_err(|error| {
            tracing::warn!(error = %error, "OpenID Connect discovery failed");
            fail(OidcProblem::Unreachable, "discovery")
        })
    }

    /// Starts a sign-in: remembers a fresh state, nonce and PKCE verifier in `session` and
    /// returns the provider's authorization URL to send the browser to.
    pub async fn start(&self, session: &Session) -> Result<String, OidcProblem> {
        let started = async {
            let metadata = self.metadata_or_fail().await?;
            let client = self.client(&metadata)?;
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            let nonce = crate::auth::token::issue().token;
            let (url, state) = client
                .authorize_url(CsrfToken::new_random)
                .add_scope(Scope::new("openid".to_owned()))
                .add_scope(Scope::new("email".to_owned()))
                .add_scope(Scope::new("profile".to_owned()))
                .set_pkce_challenge(challenge)
                .add_extra_param("nonce", nonce.clone())
                .url();
            let pending = Pending {
                state: state.secret().clone(),
                nonce,
                verifier: verifier.secret().clone(),
                started_at: chrono::Utc::now().timestamp(),
            };
            pending::keep(session, &pending).await?;
            Ok::<_, Failure>(url.to_string())
        };
        started.await.map_err(|failure| failure.problem)
    }

    /// Finishes a sign-in from the provider's redirect: checks state, age and the ID token,
    /// finds the person and starts their session (under a new ID). Audited either way.
    pub async fn finish(
        &self,
        state: &AppState,
        session: &Session,
        params: CallbackParams,
    ) -> Result<(), OidcProblem> {
        match self.complete(state, session, params).await {
            Ok(()) => Ok(()),
            Err(failure) => {
                let entry = Entry::failure(failure.user, None, actions::SIGN_IN)
                    .detail(serde_json::json!({ "method": "oidc", "reason": failure.reason }));
                if let Err(error) = audit::record(&state.pool, &entry).await {
                    AppError::internal(error);
                }
                tracing::info!(reason = %failure.reason, "OpenID Connect sign-in refused");
                Err(failure.problem)
            }
        }
    }

    async fn complete(
        &self,
        state: &AppState,
        session: &Session,
        params: CallbackParams,
    ) -> Result<(), Failure> {
        // Taken out first: whatever happens next, this answer cannot be used twice.
        let pending = pending::take(session).await?;
        if let Some(error) = params.error.as_deref() {
            return Err(fail(
                OidcProblem::Denied,
                format!("provider_error:{}", plain_code(error)),
            ));
        }
        let pending = pending.ok_or_else(|| fail(OidcProblem::State, "state_missing"))?;
        if params.state.as_deref() != Some(pending.state.as_str()) {
            return Err(fail(OidcProblem::State, "state_mismatch"));
        }
        if pending.expired(chrono::Utc::now().timestamp()) {
            return Err(fail(OidcProblem::Expired, "expired"));
        }
        let code = params
            .code
            .ok_or_else(|| fail(OidcProblem::Token, "code_missing"))?;
        let metadata = self.metadata_or_fail().await?;
        if params
            .iss
            .as_deref()
            .is_some_and(|iss| iss != metadata.issuer)
        {
            return Err(fail(OidcProblem::Token, "issuer_mismatch"));
        }
        let response = self
            .client(&metadata)?
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&self.http)
            .await
            .map_err(|error| match error {
                RequestTokenError::ServerResponse(answer) => fail(
                    OidcProblem::Token,
                    format!("token_endpoint:{}", plain_code(answer.error().as_ref())),
                ),
                RequestTokenError::Request(_) => {
                    fail(OidcProblem::Unreachable, "token_endpoint_unreachable")
                }
                RequestTokenError::Parse(..) | RequestTokenError::Other(_) => {
                    fail(OidcProblem::Token, "token_response")
                }
            })?;
        let id_token = response
            .extra_fields()
            .id_token
            .as_deref()
            .ok_or_else(|| fail(OidcProblem::Token, "id_token_missing"))?;
        let mut claims = self.verify(&metadata, id_token, &pending.nonce).await?;
        if claims.email.is_none()
            && let Some(endpoint) = metadata.userinfo_endpoint.as_deref()
        {
            let userinfo = self
                .userinfo(endpoint, response.access_token().secret())
                .await?;
            if !claims.complete_from(userinfo) {
                return Err(fail(OidcProblem::Token, "userinfo_subject"));
            }
        }
        let mut tx = state.pool.begin().await?;
        let user_id = match link::resolve(&mut tx, &metadata.issuer, &claims).await? {
            Resolved::Person(user_id) => user_id,
            Resolved::Disabled(user_id) => {
                return Err(Failure {
                    user: Some(user_id),
                    ..fail(OidcProblem::Disabled, "disabled")
                });
            }
            Resolved::LinkedElsewhere(user_id) => {
                return Err(Failure {
                    user: Some(user_id),
                    ..fail(OidcProblem::Linked, "linked_to_other_subject")
                });
            }
            Resolved::Unverified if claims.email.is_some() => {
                return Err(fail(OidcProblem::Unverified, "email_unverified"));
            }
            Resolved::Unverified => return Err(fail(OidcProblem::Unverified, "email_missing")),
            Resolved::NotInvited => return Err(fail(OidcProblem::NotInvited, "not_invited")),
        };
        tx.commit().await?;
        let tenant_id = db::first_tenant(&state.pool, user_id).await?;
        sessions::start(session, user_id, tenant_id).await?;
        let entry = Entry::success(Some(user_id), tenant_id, actions::SIGN_IN)
            .target(user_id)
            .detail(serde_json::json!({ "method": "oidc" }));
        audit::record(&state.pool, &entry).await?;
        tracing::info!(user.id = %user_id, "signed in through OpenID Connect");
        Ok(())
    }

    /// Verifies the ID token; a key ID the cached keys lack makes GroupDesk read the keys again
    /// once (the provider may have rotated them).
    async fn verify(
        &self,
        metadata: &Metadata,
        id_token: &str,
        nonce: &str,
    ) -> Result<IdClaims, Failure> {
        let client_id = self.settings.client_id.as_str();
        let mut refreshed = false;
        loop {
            let keys = self.keys(metadata, refreshed).await.map_err(|error| {
                tracing::warn!(error = %error, "could not read the provider's keys");
                fail(OidcProblem::Unreachable, "jwks")
            })?;
            match verify_id_token(id_token, &keys.0, &metadata.issuer, client_id, nonce) {
                Err(TokenError::UnknownKey) if !refreshed => refreshed = true,
                Err(error) => return Err(fail(OidcProblem::Token, error.reason())),
                Ok(claims) => return Ok(claims),
            }
        }
    }

    /// The provider's userinfo answer, for providers that keep the email address out of the ID
    /// token (OpenID Connect Core 5.4 with `response_type=code`).
    async fn userinfo(&self, endpoint: &str, access_token: &str) -> Result<IdClaims, Failure> {
        let answer = self
            .http
            .get(endpoint)
            .bearer_auth(access_token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|_| fail(OidcProblem::Unreachable, "userinfo_unreachable"))?;
        answer
            .json::<IdClaims>()
            .await
            .map_err(|_| fail(OidcProblem::Token, "userinfo_response"))
    }
}

/// A provider's error code as a short, safe word for the audit log.
fn plain_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}
