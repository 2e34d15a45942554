//! The access part of the configuration: session timeouts, the first platform admin, the identity
//! provider, and the key that encrypts access tokens at rest. Secrets here never print.

use crate::config::{ConfigError, number};
use secrecy::SecretString;
use std::time::Duration;

/// Settings of sign-in, sessions and secrets at rest.
#[derive(Debug, Clone)]
pub struct AccessSettings {
    /// `GROUPDESK_SESSION_IDLE_MINUTES`: a session unused this long ends.
    pub session_idle: Duration,
    /// `GROUPDESK_SESSION_ABSOLUTE_HOURS`: a session ends this long after sign-in.
    pub session_absolute: Duration,
    /// `GROUPDESK_BOOTSTRAP_ADMIN_EMAIL` and `_PASSWORD`: the first platform admin, if configured.
    pub bootstrap_admin: Option<BootstrapAdmin>,
    /// `GROUPDESK_TOKEN_KEY`: the AES-256-GCM key of access tokens (32 bytes). Sandbox installs
    /// without it use a key generated into `.data/token.key`.
    pub token_key: Option<TokenKey>,
    /// `GROUPDESK_OIDC_*`: sign-in through an OpenID Connect provider, if configured.
    pub oidc: Option<app::auth::oidc::OidcSettings>,
}

/// The first platform admin, from configuration.
#[derive(Debug, Clone)]
pub struct BootstrapAdmin {
    /// Their address.
    pub email: String,
    /// Their initial password (at least 12 characters).
    pub password: SecretString,
}

/// The 32 bytes of the token key. Never printed.
#[derive(Clone)]
pub struct TokenKey(pub [u8; 32]);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(***)")
    }
}

impl AccessSettings {
    /// Reads the settings through `get`; `sandbox` makes the token key optional.
    pub fn read(get: &impl Fn(&str) -> Option<String>, sandbox: bool) -> Result<Self, ConfigError> {
        let token_key = match get("GROUPDESK_TOKEN_KEY") {
            Some(raw) => Some(token_key(&raw)?),
            None if sandbox => None,
            None => {
                return Err(ConfigError::Missing(
                    "GROUPDESK_TOKEN_KEY",
                    "set it to 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`; it encrypts access tokens at rest",
                ));
            }
        };
        Ok(Self {
            session_idle: Duration::from_secs(
                60 * positive(get, "GROUPDESK_SESSION_IDLE_MINUTES", 8 * 60)?,
            ),
            session_absolute: Duration::from_secs(
                3600 * positive(get, "GROUPDESK_SESSION_ABSOLUTE_HOURS", 7 * 24)?,
            ),
            bootstrap_admin: bootstrap_admin(get)?,
            token_key,
            oidc: crate::oidc_config::read(get)?,
        })
    }
}

fn bootstrap_admin(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<BootstrapAdmin>, ConfigError> {
    match (
        get("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL"),
        get("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD"),
    ) {
        (None, None) => Ok(None),
        (Some(_), Some(password)) if password.chars().count() < 12 => Err(ConfigError::Invalid {
            var: "GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD",
            reason: "use at least 12 characters".to_owned(),
        }),
        (Some(email), Some(password)) => Ok(Some(BootstrapAdmin {
            email,
            password: SecretString::from(password),
        })),
        (None, Some(_)) => Err(ConfigError::Missing(
            "GROUPDESK_BOOTSTRAP_ADMIN_EMAIL",
            "set it together with GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD, or unset both",
        )),
        (Some(_), None) => Err(ConfigError::Missing(
            "GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD",
            "set it together with GROUPDESK_BOOTSTRAP_ADMIN_EMAIL, or unset both",
        )),
    }
}

fn token_key(raw: &str) -> Result<TokenKey, ConfigError> {
    use base64::Engine;
    let invalid = || ConfigError::Invalid {
        var: "GROUPDESK_TOKEN_KEY",
        reason: "expected 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`"
            .to_owned(),
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(raw.trim())
        .map_err(|_| invalid())?;
    let key: [u8; 32] = bytes.try_into().map_err(|_| invalid())?;
    Ok(TokenKey(key))
}

fn positive(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: u64,
) -> Result<u64, ConfigError> {
    match number(get, var, default)? {
        0 => Err(ConfigError::Invalid {
            var,
            reason: "must be at least 1".to_owned(),
        }),
        value => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    fn read(pairs: &[(&str, &str)], sandbox: bool) -> Result<AccessSettings, ConfigError> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        AccessSettings::read(&|name| map.get(name).map(|v| (*v).to_owned()), sandbox)
    }

    #[test]
    fn outside_the_sandbox_the_token_key_is_required_and_must_be_32_bytes() {
        assert!(matches!(
            read(&[], false).unwrap_err(),
            ConfigError::Missing("GROUPDESK_TOKEN_KEY", _)
        ));
        let short = read(&[("GROUPDESK_TOKEN_KEY", "c2hvcnQ=")], false).unwrap_err();
        assert!(short.to_string().contains("GROUPDESK_TOKEN_KEY"));
        let good = read(&[("GROUPDESK_TOKEN_KEY", KEY)], false).unwrap();
        assert_eq!(
            good.token_key.unwrap().0,
            *b"0123456789abcdef0123456789abcdef"
        );
        assert!(read(&[], true).unwrap().token_key.is_none());
    }

    #[test]
    fn the_bootstrap_admin_needs_both_variables_and_secrets_never_print() {
        let only_email = read(&[("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL", "a@b.c")], true);
        assert!(matches!(
            only_email.unwrap_err(),
            ConfigError::Missing("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD", _)
        ));
        let short = read(
            &[
                ("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL", "a@b.c"),
                ("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD", "short"),
            ],
            true,
        );
        assert!(short.unwrap_err().to_string().contains("PASSWORD"));
        let both = read(
            &[
                ("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL", "a@b.c"),
                ("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD", "a long password 1"),
                ("GROUPDESK_TOKEN_KEY", KEY),
            ],
            true,
        )
        .unwrap();
        assert!(both.bootstrap_admin.is_some());
        let printed = format!("{both:?}");
        assert!(!printed.contains("a long password 1"), "{printed}");
        assert!(!printed.contains("48, 49, 50"), "{printed}");
    }

    #[test]
    fn session_timeouts_default_to_8_hours_and_7_days_and_refuse_zero() {
        let defaults = read(&[], true).unwrap();
        assert_eq!(defaults.session_idle, Duration::from_secs(8 * 3600));
        assert_eq!(
            defaults.session_absolute,
            Duration::from_secs(7 * 24 * 3600)
        );
        let zero = read(&[("GROUPDESK_SESSION_IDLE_MINUTES", "0")], true).unwrap_err();
        assert!(zero.to_string().contains("GROUPDESK_SESSION_IDLE_MINUTES"));
    }
}
