//! Signing in through an OpenID Connect provider (Keycloak, Entra ID, Google, Authentik, ...):
//! the authorization code flow with PKCE, done with the `oauth2` crate, with `state` and `nonce`
//! checked and the ID token verified against the provider's published keys.
//!
//! [`OidcProvider::start`] remembers a fresh state, nonce and PKCE verifier in the browser's
//! session and returns the provider's authorization URL; [`OidcProvider::finish`] takes them back
//! (once, within ten minutes), exchanges the code, verifies the ID token, finds the person (by the
//! provider's subject, else by a verified email address, else through open invitations) and
//! starts the session. Every outcome is audited; no token is ever logged or stored.

mod discovery;
mod id_token;
mod link;
mod pending;
mod service;

pub use id_token::{IdClaims, TokenError, verify_id_token};
pub use pending::MAX_AGE_SECS;
pub use service::CallbackParams;

use discovery::{Keys, Metadata};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

pub use super::{OIDC_CALLBACK_PATH as CALLBACK_PATH, OIDC_START_PATH as START_PATH};

/// How long the provider's discovery document is reused before it is read again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// The provider, as configured.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer URL, e.g. `https://id.example.org/realms/acme`.
    pub issuer: String,
    /// GroupDesk's client ID at the provider.
    pub client_id: String,
    /// GroupDesk's client secret at the provider. Never printed.
    pub client_secret: SecretString,
    /// The provider's name on the sign-in button.
    pub display_name: String,
}

/// A configured provider, with its discovery document and keys cached.
pub struct OidcProvider {
    settings: OidcSettings,
    redirect_url: String,
    http: reqwest::Client,
    metadata: RwLock<Option<(Instant, Arc<Metadata>)>>,
    keys: RwLock<Option<Arc<Keys>>>,
}

impl std::fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcProvider")
            .field("issuer", &self.settings.issuer)
            .field("client_id", &self.settings.client_id)
            .finish_non_exhaustive()
    }
}

impl OidcProvider {
    /// A provider whose callback is under `public_url` (how browsers reach GroupDesk).
    pub fn new(settings: OidcSettings, public_url: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            // The provider's endpoints are used as published; following redirects could lead
            // a server-side request anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            redirect_url: format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/')),
            settings,
            http,
            metadata: RwLock::new(None),
            keys: RwLock::new(None),
        })
    }

    /// The name on the sign-in button.
    pub fn display_name(&self) -> &str {
        &self.settings.display_name
    }

    /// The issuer as configured.
    pub fn issuer(&self) -> &str {
        &self.settings.issuer
    }

    /// The discovery document, read at most once an hour.
    async fn metadata(&self) -> Result<Arc<Metadata>, discovery::DiscoveryError> {
        if let Some((at, metadata)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let fresh = Arc::new(discovery::fetch(&self.http, &self.settings.issuer).await?);
        *self.metadata.write().await = Some((Instant::now(), fresh.clone()));
        Ok(fresh)
    }

    /// The provider's signing keys; `refresh` reads them again (a key was not found: the
    /// provider may have rotated its keys).
    async fn keys(
        &self,
        metadata: &Metadata,
        refresh: bool,
    ) -> Result<Arc<Keys>, discovery::DiscoveryError> {
        if !refresh && let Some(keys) = self.keys.read().await.as_ref() {
            return Ok(keys.clone());
        }
        let fresh = Arc::new(discovery::fetch_keys(&self.http, &metadata.jwks_uri).await?);
        *self.keys.write().await = Some(fresh.clone());
        Ok(fresh)
    }
}
