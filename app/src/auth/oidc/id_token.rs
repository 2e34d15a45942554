//! Verifying an ID token: the signature with one of the provider's published keys, then `iss`,
//! `aud` (and `azp`), `exp` and the `nonce` this browser's sign-in chose.

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::{Deserialize, Deserializer};
use std::str::FromStr;

/// Signature algorithms accepted in ID tokens: the asymmetric ones. `none` and the HMAC family
/// are refused (an HMAC key would be the client secret, which GroupDesk does not use for this).
const ALGORITHMS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Allowed clock difference with the provider, in seconds.
const LEEWAY_SECS: u64 = 60;

/// The claims GroupDesk reads from a verified ID token (or the provider's userinfo answer).
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    /// The person's stable identifier at the provider.
    pub sub: String,
    /// Their email address, if the provider shares it.
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the provider confirmed the address (some send `"true"` as a string).
    #[serde(default, deserialize_with = "flexible_bool")]
    pub email_verified: Option<bool>,
    /// Their full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Their user name at the provider.
    #[serde(default)]
    pub preferred_username: Option<String>,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    azp: Option<String>,
    #[serde(default)]
    aud: Option<serde_json::Value>,
}

/// Why an ID token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// No published key has the token's key ID (the provider may have rotated its keys).
    UnknownKey,
    /// The token's `exp` has passed.
    Expired,
    /// Another check failed; the text names it for the audit log.
    Invalid(&'static str),
}

impl TokenError {
    /// The reason written to the audit log.
    pub fn reason(self) -> &'static str {
        match self {
            Self::UnknownKey => "token_key_unknown",
            Self::Expired => "token_expired",
            Self::Invalid(reason) => reason,
        }
    }
}

/// Verifies `token` against `keys`, for the provider `issuer`, the client `client_id` and the
/// sign-in that chose `nonce`.
pub fn verify_id_token(
    token: &str,
    keys: &[Jwk],
    issuer: &str,
    client_id: &str,
    nonce: &str,
) -> Result<IdClaims, TokenError> {
    let header = decode_header(token).map_err(|_| TokenError::Invalid("token_malformed"))?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(TokenError::Invalid("token_algorithm"));
    }
    let key = match header.kid.as_deref() {
        Some(kid) => keys
            .iter()
            .find(|key| key.common.key_id.as_deref() == Some(kid)),
        // Without a key ID the provider must publish exactly one key.
        None if keys.len() == 1 => keys.first(),
        None => None,
    }
    .ok_or(TokenError::UnknownKey)?;
    if let Some(published) = key.common.key_algorithm
        && Algorithm::from_str(&published.to_string()).ok() != Some(header.alg)
    {
        return Err(TokenError::Invalid("token_algorithm"));
    }
    let decoding_key =
        DecodingKey::from_jwk(key).map_err(|_| TokenError::Invalid("token_key_unusable"))?;
    let mut validation = Validation::new(header.alg);
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = LEEWAY_SECS;
    let claims = decode::<IdClaims>(token, &decoding_key, &validation)
        .map_err(|error| {
            use jsonwebtoken::errors::ErrorKind;
            match error.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                ErrorKind::InvalidSignature => TokenError::Invalid("token_signature"),
                ErrorKind::InvalidAudience => TokenError::Invalid("token_audience"),
                ErrorKind::InvalidIssuer => TokenError::Invalid("token_issuer"),
                ErrorKind::InvalidAlgorithm => TokenError::Invalid("token_algorithm"),
                ErrorKind::MissingRequiredClaim(_) => TokenError::Invalid("token_claims"),
                _ => TokenError::Invalid("token_malformed"),
            }
        })?
        .claims;
    // Several audiences: the token must say it was issued to GroupDesk (OpenID Connect Core 3.1.3.7).
    let audiences = match &claims.aud {
        Some(serde_json::Value::Array(list)) => list.len(),
        _ => 1,
    };
    if audiences > 1 && claims.azp.as_deref() != Some(client_id) {
        return Err(TokenError::Invalid("token_audience"));
    }
    if claims.nonce.as_deref() != Some(nonce) {
        return Err(TokenError::Invalid("token_nonce"));
    }
    Ok(claims)
}

impl IdClaims {
    /// Fills the email address (and name) from the provider's userinfo answer, which must be
    /// about the same subject. Returns false when it is about someone else.
    pub fn complete_from(&mut self, userinfo: IdClaims) -> bool {
        if userinfo.sub != self.sub {
            return false;
        }
        if self.email.is_none() {
            self.email = userinfo.email;
            self.email_verified = userinfo.email_verified;
        }
        if self.name.is_none() {
            self.name = userinfo.name;
        }
        if self.preferred_username.is_none() {
            self.preferred_username = userinfo.preferred_username;
        }
        true
    }

    /// The email address, when the provider confirmed it.
    pub fn verified_email(&self) -> Option<&str> {
        self.email
            .as_deref()
            .filter(|_| self.email_verified == Some(true))
    }
}

fn flexible_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::Bool(value)) => Some(value),
            Some(serde_json::Value::String(text)) => Some(text.eq_ignore_ascii_case("true")),
            _ => None,
        },
    )
}
