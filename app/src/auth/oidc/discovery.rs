//! The provider's discovery document (`<issuer>/.well-known/openid-configuration`) and its
//! signing keys (JWKS).

use jsonwebtoken::jwk::{Jwk, PublicKeyUse};
use serde::Deserialize;

/// What GroupDesk uses of the discovery document.
#[derive(Debug)]
pub struct Metadata {
    /// The issuer, exactly as the provider writes it into its ID tokens.
    pub issuer: String,
    /// Where the browser signs in.
    pub authorization_endpoint: oauth2::AuthUrl,
    /// Where GroupDesk exchanges the code.
    pub token_endpoint: oauth2::TokenUrl,
    /// The signing keys.
    pub jwks_uri: String,
    /// Claims the ID token lacks (such as the email address) can be read here.
    pub userinfo_endpoint: Option<String>,
    /// Whether the client secret goes in the form body (`client_secret_post`) rather than the
    /// `Authorization` header (`client_secret_basic`, the default of RFC 6749).
    pub secret_in_body: bool,
}

#[derive(Deserialize)]
struct Document {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    #[serde(default)]
    userinfo_endpoint: Option<String>,
    #[serde(default)]
    token_endpoint_auth_methods_supported: Option<Vec<String>>,
}

/// The provider could not be read, or published something unusable.
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// The HTTP request failed or answered an error status.
    #[error("the identity provider could not be reached: {0}")]
    Http(#[from] reqwest::Error),
    /// The document is not what OpenID Connect Discovery describes.
    #[error("the identity provider's {0} is not usable: {1}")]
    Invalid(&'static str, String),
}

/// Reads the discovery document of `issuer` and checks that it names the same issuer.
pub async fn fetch(http: &reqwest::Client, issuer: &str) -> Result<Metadata, DiscoveryError> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let document: Document = http
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    if document.issuer.trim_end_matches('/') != issuer.trim_end_matches('/') {
        return Err(DiscoveryError::Invalid(
            "discovery document",
            format!(
                "it names the issuer {:?}, not the configured {issuer:?}",
                document.issuer
            ),
        ));
    }
    let invalid = |what: &'static str| {
        move |error: oauth2::url::ParseError| DiscoveryError::Invalid(what, error.to_string())
    };
    let methods = document
        .token_endpoint_auth_methods_supported
        .unwrap_or_default();
    let secret_in_body = !methods.is_empty()
        && !methods.iter().any(|m| m == "client_secret_basic")
        && methods.iter().any(|m| m == "client_secret_post");
    Ok(Metadata {
        authorization_endpoint: oauth2::AuthUrl::new(document.authorization_endpoint)
            .map_err(invalid("authorization endpoint"))?,
        token_endpoint: oauth2::TokenUrl::new(document.token_endpoint)
            .map_err(invalid("token endpoint"))?,
        issuer: document.issuer,
        jwks_uri: document.jwks_uri,
        userinfo_endpoint: document.userinfo_endpoint,
        secret_in_body,
    })
}

/// The provider's signing keys. Keys GroupDesk cannot use (encryption keys, unknown types) are
/// left out rather than spoiling the whole set.
#[derive(Debug)]
pub struct Keys(pub Vec<Jwk>);

#[derive(Deserialize)]
struct KeySet {
    keys: Vec<serde_json::Value>,
}

/// Reads the key set at `jwks_uri`.
pub async fn fetch_keys(http: &reqwest::Client, jwks_uri: &str) -> Result<Keys, DiscoveryError> {
    let set: KeySet = http
        .get(jwks_uri)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let keys = set
        .keys
        .into_iter()
        .filter_map(|key| serde_json::from_value::<Jwk>(key).ok())
        .filter(|key| !matches!(key.common.public_key_use, Some(PublicKeyUse::Encryption)))
        .collect();
    Ok(Keys(keys))
}
