//! Configuration from the environment (and an optional `.env`). Secrets are typed so they never
//! print; a missing required value stops the start with the variable's name.

pub use crate::access_config::{AccessSettings, BootstrapAdmin, TokenKey};
pub use app::chat::media_store::StoreLocation;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::time::Duration;

/// Dev-only secrets used when the sandbox is on and none is configured. Safe: the sandbox is the
/// only party that signs with them.
const SANDBOX_APP_SECRET: &str = "groupdesk-sandbox-app-secret";
const SANDBOX_VERIFY_TOKEN: &str = "groupdesk-sandbox-verify-token";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Everything the process reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: the PostgreSQL database.
    pub database_url: SecretString,
    /// `GROUPDESK_ADDR`: where to listen.
    pub addr: SocketAddr,
    /// `GROUPDESK_PUBLIC_URL`: how browsers and the sandbox reach this server.
    pub public_url: Option<String>,
    /// `GROUPDESK_SANDBOX`: run the local Groups API emulator and the development sign-in.
    pub sandbox: bool,
    /// `GRAPH_API_BASE_URL`: Meta's Graph API.
    pub graph_base_url: String,
    /// `GRAPH_API_VERSION`: for example `v25.0`.
    pub graph_version: String,
    /// `META_APP_SECRET`: verifies webhook signatures.
    pub app_secret: SecretString,
    /// `META_APP_ID`: the Meta app, for Embedded Signup's code exchange and Facebook's SDK.
    pub app_id: Option<String>,
    /// `META_ES_CONFIG_ID`: the Embedded Signup configuration (App Dashboard, Facebook Login for
    /// Business); with `META_APP_ID` it turns on "Connect with Facebook" on the Numbers page.
    pub es_config_id: Option<String>,
    /// `WEBHOOK_VERIFY_TOKEN`: answers Meta's subscription handshake.
    pub verify_token: SecretString,
    /// `SANDBOX_WEBHOOK_DELAY_MS`: how long the sandbox waits before sending an outcome.
    pub sandbox_webhook_delay: Duration,
    /// `WEBHOOK_MAX_BODY_BYTES`: larger webhook bodies are refused.
    pub webhook_max_body_bytes: usize,
    /// `LOG_FORMAT`: `pretty` or `json`.
    pub log_format: LogFormat,
    /// `SANDBOX_FAULTS`: fault rates the sandbox starts with.
    pub sandbox_faults: crate::sandbox::FaultSettings,
    /// `SANDBOX_CALLBACK_URL`: where the sandbox sends webhooks (default: this server's endpoint).
    pub sandbox_callback_url: Option<String>,
    /// Sessions, the first platform admin and the token key (see [`AccessSettings`]).
    pub access: AccessSettings,
    /// `OUTBOX_RATE_PER_SECOND`, `OUTBOX_SEND_TIMEOUT_MS`: how the outbox paces and waits.
    pub outbox: crate::outbox::OutboxSettings,
    /// `SYNC_PAGE_SIZE`: groups per page when a sync reads a number's active groups.
    pub sync_page_size: u32,
    /// `MEDIA_STORE`: where media files are kept (default: the folder [`DEFAULT_MEDIA_FOLDER`]).
    pub media_store: StoreLocation,
}

/// Where media files are kept without `MEDIA_STORE`, relative to the working directory.
pub const DEFAULT_MEDIA_FOLDER: &str = ".data/media";

/// A setting that is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is not set.
    #[error("{0} is not set: {1}")]
    Missing(&'static str, &'static str),
    /// A variable has a value that cannot be used.
    #[error("{var} is not valid: {reason}")]
    Invalid {
        /// The variable.
        var: &'static str,
        /// Why.
        reason: String,
    },
}

impl Config {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
    }

    /// Reads settings through `get` (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let sandbox = match get("GROUPDESK_SANDBOX").as_deref() {
            None | Some("false" | "0" | "no" | "off") => false,
            Some("true" | "1" | "yes" | "on") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    var: "GROUPDESK_SANDBOX",
                    reason: format!("expected true or false, got {other:?}"),
                });
            }
        };
        let database_url = get("DATABASE_URL").ok_or(ConfigError::Missing(
            "DATABASE_URL",
            "set it to a PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/groupdesk",
        ))?;
        let addr = get("GROUPDESK_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let addr = addr.parse().map_err(|_| ConfigError::Invalid {
            var: "GROUPDESK_ADDR",
            reason: format!("expected host:port such as 127.0.0.1:3000, got {addr:?}"),
        })?;
        let secret = |var: &'static str, dev: &str, hint: &'static str| match get(var) {
            Some(value) => Ok(SecretString::from(value)),
            None if sandbox => Ok(SecretString::from(dev.to_owned())),
            None => Err(ConfigError::Missing(var, hint)),
        };
        let app_secret = secret(
            "META_APP_SECRET",
            SANDBOX_APP_SECRET,
            "copy the app secret from your Meta app's Basic settings (or set GROUPDESK_SANDBOX=true)",
        )?;
        let verify_token = secret(
            "WEBHOOK_VERIFY_TOKEN",
            SANDBOX_VERIFY_TOKEN,
            "choose a random string and enter the same one in your Meta app's webhook settings",
        )?;
        let log_format = match get("LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    var: "LOG_FORMAT",
                    reason: format!("expected pretty or json, got {other:?}"),
                });
            }
        };
        let graph_version = get("GRAPH_API_VERSION").unwrap_or_else(|| "v25.0".to_owned());
        if !is_graph_version(&graph_version) {
            return Err(ConfigError::Invalid {
                var: "GRAPH_API_VERSION",
                reason: format!("expected a version such as v25.0, got {graph_version:?}"),
            });
        }
        let access = AccessSettings::read(&get, sandbox)?;
        Ok(Self {
            database_url: SecretString::from(database_url),
            addr,
            public_url: get("GROUPDESK_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_owned()),
            sandbox,
            graph_base_url: get("GRAPH_API_BASE_URL")
                .unwrap_or_else(|| "https://graph.facebook.com".to_owned()),
            graph_version,
            app_secret,
            app_id: get("META_APP_ID").map(|value| value.trim().to_owned()),
            es_config_id: get("META_ES_CONFIG_ID").map(|value| value.trim().to_owned()),
            verify_token,
            sandbox_webhook_delay: Duration::from_millis(number(
                &get,
                "SANDBOX_WEBHOOK_DELAY_MS",
                300,
            )?),
            webhook_max_body_bytes: usize::try_from(number(
                &get,
                "WEBHOOK_MAX_BODY_BYTES",
                4 << 20,
            )?)
            .map_err(|_| ConfigError::Invalid {
                var: "WEBHOOK_MAX_BODY_BYTES",
                reason: "too large".to_owned(),
            })?,
            log_format,
            sandbox_faults: crate::sandbox::FaultSettings::parse(
                &get("SANDBOX_FAULTS").unwrap_or_default(),
            )
            .map_err(|reason| ConfigError::Invalid {
                var: "SANDBOX_FAULTS",
                reason,
            })?,
            sandbox_callback_url: get("SANDBOX_CALLBACK_URL"),
            access,
            outbox: crate::outbox::OutboxSettings::read(&get)?,
            sync_page_size: crate::sync::page_size(&get)?,
            media_store: match get("MEDIA_STORE") {
                None => StoreLocation::Folder(DEFAULT_MEDIA_FOLDER.into()),
                Some(raw) => StoreLocation::parse(&raw).map_err(|reason| ConfigError::Invalid {
                    var: "MEDIA_STORE",
                    reason,
                })?,
            },
        })
    }

    /// Whether browsers reach the server over https (then cookies are `Secure`).
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }
}

pub(crate) fn number(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: u64,
) -> Result<u64, ConfigError> {
    match get(var) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|_| ConfigError::Invalid {
            var,
            reason: format!("expected a whole number, got {raw:?}"),
        }),
    }
}

fn is_graph_version(raw: &str) -> bool {
    raw.strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            !major.is_empty()
                && major.bytes().all(|b| b.is_ascii_digit())
                && !minor.is_empty()
                && minor.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn a_missing_database_url_is_named() {
        let error = read(&[("GROUPDESK_SANDBOX", "true")]).unwrap_err();
        assert!(error.to_string().starts_with("DATABASE_URL is not set"));
    }

    #[test]
    fn outside_the_sandbox_the_app_secret_and_verify_token_are_required() {
        let error = read(&[("DATABASE_URL", "postgres://x")]).unwrap_err();
        assert!(matches!(error, ConfigError::Missing("META_APP_SECRET", _)));
        let error =
            read(&[("DATABASE_URL", "postgres://x"), ("META_APP_SECRET", "s")]).unwrap_err();
        assert!(matches!(
            error,
            ConfigError::Missing("WEBHOOK_VERIFY_TOKEN", _)
        ));
    }

    #[test]
    fn the_sandbox_gets_safe_defaults() {
        let config = read(&[
            ("DATABASE_URL", "postgres://x"),
            ("GROUPDESK_SANDBOX", "true"),
        ])
        .unwrap();
        assert!(config.sandbox);
        assert_eq!(config.graph_version, "v25.0");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.app_secret.expose_secret(), SANDBOX_APP_SECRET);
        assert_eq!(
            config.media_store,
            StoreLocation::Folder(DEFAULT_MEDIA_FOLDER.into())
        );
    }

    const KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    #[test]
    fn secrets_never_print() {
        let config = read(&[
            ("DATABASE_URL", "postgres://user:hunter2@db/x"),
            ("META_APP_SECRET", "top-secret-value"),
            ("WEBHOOK_VERIFY_TOKEN", "verify-me"),
            ("GROUPDESK_TOKEN_KEY", KEY),
        ])
        .unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("MDEyMzQ1"));
        assert!(
            !printed.contains("48, 49, 50"),
            "no key bytes either: {printed}"
        );
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains("top-secret-value"));
        assert!(!printed.contains("verify-me"));
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (var, value) in [
            ("GROUPDESK_SANDBOX", "maybe"),
            ("GROUPDESK_ADDR", "localhost"),
            ("GRAPH_API_VERSION", "25"),
            ("LOG_FORMAT", "xml"),
            ("SANDBOX_WEBHOOK_DELAY_MS", "soon"),
            ("MEDIA_STORE", "ftp://files"),
        ] {
            let error = read(&[
                ("DATABASE_URL", "postgres://x"),
                ("GROUPDESK_SANDBOX", "true"),
                (var, value),
            ])
            .unwrap_err();
            assert!(error.to_string().contains(var), "{error}");
        }
    }
}
