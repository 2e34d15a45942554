//! The OpenID Connect part of the configuration: the provider's issuer, GroupDesk's client at it,
//! and the name on the sign-in button. The client secret never prints.

use crate::config::ConfigError;
use app::auth::oidc::OidcSettings;
use secrecy::SecretString;

/// The button says "Sign in with <this>" when `GROUPDESK_OIDC_NAME` is not set.
const DEFAULT_NAME: &str = "single sign-on";

/// Reads `GROUPDESK_OIDC_*`: none set means no provider; issuer, client ID and secret go together.
pub fn read(get: &impl Fn(&str) -> Option<String>) -> Result<Option<OidcSettings>, ConfigError> {
    let issuer = get("GROUPDESK_OIDC_ISSUER");
    let client_id = get("GROUPDESK_OIDC_CLIENT_ID");
    let secret = get("GROUPDESK_OIDC_CLIENT_SECRET");
    let (issuer, client_id, secret) = match (issuer, client_id, secret) {
        (None, None, None) => return Ok(None),
        (Some(issuer), Some(client_id), Some(secret)) => (issuer, client_id, secret),
        (issuer, client_id, _) => {
            let missing = if issuer.is_none() {
                "GROUPDESK_OIDC_ISSUER"
            } else if client_id.is_none() {
                "GROUPDESK_OIDC_CLIENT_ID"
            } else {
                "GROUPDESK_OIDC_CLIENT_SECRET"
            };
            return Err(ConfigError::Missing(
                missing,
                "set GROUPDESK_OIDC_ISSUER, GROUPDESK_OIDC_CLIENT_ID and GROUPDESK_OIDC_CLIENT_SECRET together, or none of them",
            ));
        }
    };
    let issuer = issuer.trim().trim_end_matches('/').to_owned();
    if !secure_or_local(&issuer) {
        return Err(ConfigError::Invalid {
            var: "GROUPDESK_OIDC_ISSUER",
            reason: format!(
                "expected an https URL such as https://id.example.org/realms/acme (http only for localhost), got {issuer:?}"
            ),
        });
    }
    Ok(Some(OidcSettings {
        issuer,
        client_id: client_id.trim().to_owned(),
        client_secret: SecretString::from(secret),
        display_name: get("GROUPDESK_OIDC_NAME")
            .map(|name| name.trim().to_owned())
            .unwrap_or_else(|| DEFAULT_NAME.to_owned()),
    }))
}

/// https, or http to this machine (a provider started for development or tests).
fn secure_or_local(url: &str) -> bool {
    if url.starts_with("https://") && url.len() > "https://".len() {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "localhost" | "127.0.0.1") || rest.starts_with("[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read_map(pairs: &[(&str, &str)]) -> Result<Option<OidcSettings>, ConfigError> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        read(&|name| map.get(name).map(|v| (*v).to_owned()))
    }

    #[test]
    fn no_variables_means_no_provider_and_a_partial_set_names_the_missing_one() {
        assert!(read_map(&[]).unwrap().is_none());
        let partial = read_map(&[("GROUPDESK_OIDC_ISSUER", "https://id.example.org")]);
        assert!(matches!(
            partial.unwrap_err(),
            ConfigError::Missing("GROUPDESK_OIDC_CLIENT_ID", _)
        ));
    }

    #[test]
    fn the_issuer_must_be_https_except_on_this_machine_and_the_secret_never_prints() {
        let with = |issuer: &str| {
            read_map(&[
                ("GROUPDESK_OIDC_ISSUER", issuer),
                ("GROUPDESK_OIDC_CLIENT_ID", "groupdesk"),
                ("GROUPDESK_OIDC_CLIENT_SECRET", "very-secret-value"),
            ])
        };
        assert!(with("http://id.example.org").is_err());
        assert!(with("http://127.0.0.1:4100").unwrap().is_some());
        let settings = with("https://id.example.org/realms/acme/")
            .unwrap()
            .unwrap();
        assert_eq!(settings.issuer, "https://id.example.org/realms/acme");
        assert_eq!(settings.display_name, DEFAULT_NAME);
        assert!(!format!("{settings:?}").contains("very-secret-value"));
    }
}
