//! Onboarding input parsed at the edge, and the eligibility decision (SPEC §5, §6).

use super::text;
use crate::AppError;
use crate::ids::{PhoneNumberId, WabaId};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
/// The longest access token GroupDesk accepts (Meta's are a few hundred characters).
const TOKEN_MAX_CHARS: usize = 4096;

/// A Meta numeric ID: 1 to 64 digits (the schema's check).
fn meta_digits(raw: &str, field: &str, message: &str) -> Result<String, AppError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.len() > 64 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::validation(field, message));
    }
    Ok(trimmed.to_owned())
}

/// Parses a phone number ID from a form.
pub fn parse_pnid(raw: &str) -> Result<PhoneNumberId, AppError> {
    meta_digits(raw, "phone_number_id", text::PNID_INVALID).map(PhoneNumberId)
}

/// Parses a WABA ID from a form.
pub fn parse_waba(raw: &str) -> Result<WabaId, AppError> {
    meta_digits(raw, "waba_id", text::WABA_INVALID).map(WabaId)
}

/// Checks an access token's shape and wraps it so it never prints. The error never repeats it.
#[cfg(feature = "ssr")]
pub fn parse_token(raw: String) -> Result<secrecy::SecretString, AppError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(AppError::validation("access_token", text::TOKEN_EMPTY));
    }
    if trimmed.chars().count() > TOKEN_MAX_CHARS
        || trimmed.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AppError::validation("access_token", text::TOKEN_INVALID));
    }
    Ok(secrecy::SecretString::from(trimmed.to_owned()))
}

/// The facts WhatsApp reports about a number, as a person reads them (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NumberFacts {
    /// The verified business name.
    pub verified_name: Option<String>,
    /// Official Business Account.
    pub official_business_account: Option<bool>,
    /// `TIER_250` … `TIER_UNLIMITED`.
    pub messaging_limit: Option<String>,
    /// `CLOUD_API`, `ON_PREMISE` or `NOT_APPLICABLE`.
    pub platform_type: Option<String>,
    /// On the WhatsApp Business app (Coexistence).
    pub on_biz_app: Option<bool>,
    /// `STANDARD` or `HIGH`.
    pub throughput: Option<String>,
    /// `GREEN`, `YELLOW`, `RED`, …
    pub quality_rating: Option<String>,
}

impl NumberFacts {
    /// Why this number may not use Groups, or `None` when nothing speaks against it.
    ///
    /// Meta has no eligibility flag; an OBA on the Cloud API, not on the Business app, is what
    /// its pages require today. The Groups calls themselves still answer 131215 if Meta disagrees.
    pub fn refusal(&self) -> Option<&'static str> {
        if self.official_business_account != Some(true) {
            return Some(text::NOT_OBA);
        }
        if self.on_biz_app == Some(true) {
            return Some(text::ON_BIZ_APP);
        }
        match self.platform_type.as_deref() {
            Some(platform) if platform != "CLOUD_API" => Some(text::NOT_CLOUD_API),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<&crate::graph::types::PhoneNumberInfo> for NumberFacts {
    fn from(info: &crate::graph::types::PhoneNumberInfo) -> Self {
        Self {
            verified_name: info.verified_name.clone(),
            official_business_account: info.is_official_business_account,
            messaging_limit: info.whatsapp_business_manager_messaging_limit.clone(),
            platform_type: info.platform_type.clone(),
            on_biz_app: info.is_on_biz_app,
            throughput: info.throughput.as_ref().map(|t| t.level.clone()),
            quality_rating: info.quality_rating.clone(),
        }
    }
}

/// The answer to an onboarding attempt: the facts, and why nothing was saved, if it was not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardAnswer {
    /// What WhatsApp reported.
    pub facts: NumberFacts,
    /// Set when the number was refused (nothing saved): the plain explanation.
    pub refused: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eligible() -> NumberFacts {
        NumberFacts {
            official_business_account: Some(true),
            on_biz_app: Some(false),
            platform_type: Some("CLOUD_API".into()),
            ..NumberFacts::default()
        }
    }

    #[test]
    fn an_official_cloud_api_number_is_eligible_and_others_are_refused_with_a_reason() {
        assert_eq!(eligible().refusal(), None);
        let not_oba = NumberFacts {
            official_business_account: Some(false),
            ..eligible()
        };
        assert_eq!(not_oba.refusal(), Some(text::NOT_OBA));
        let unknown_oba = NumberFacts {
            official_business_account: None,
            ..eligible()
        };
        assert_eq!(unknown_oba.refusal(), Some(text::NOT_OBA));
        let coexistence = NumberFacts {
            on_biz_app: Some(true),
            ..eligible()
        };
        assert_eq!(coexistence.refusal(), Some(text::ON_BIZ_APP));
        let on_premise = NumberFacts {
            platform_type: Some("ON_PREMISE".into()),
            ..eligible()
        };
        assert_eq!(on_premise.refusal(), Some(text::NOT_CLOUD_API));
    }

    #[test]
    fn meta_ids_are_digits_only() {
        assert_eq!(parse_pnid(" 1234 ").unwrap().as_str(), "1234");
        assert!(parse_pnid("12a4").is_err());
        assert!(parse_pnid("").is_err());
        assert!(parse_waba(&"1".repeat(65)).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_bad_token_is_refused_without_repeating_it() {
        use secrecy::ExposeSecret;
        assert_eq!(parse_token(" abc ".into()).unwrap().expose_secret(), "abc");
        let error = parse_token("has space-secret".into()).unwrap_err();
        assert!(!error.to_string().contains("secret"));
        assert!(parse_token("   ".into()).is_err());
    }
}
