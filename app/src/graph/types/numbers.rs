//! Phone number facts and onboarding (SPEC §5, §6).

use serde::{Deserialize, Serialize};

/// The fields of `GET /<PNID>?fields=...` that decide Groups eligibility (SPEC §5).
pub const ELIGIBILITY_FIELDS: [&str; 9] = [
    "display_phone_number",
    "verified_name",
    "is_official_business_account",
    "whatsapp_business_manager_messaging_limit",
    "platform_type",
    "is_on_biz_app",
    "throughput",
    "quality_rating",
    "status",
];

/// A phone number's facts (only requested fields are present).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct PhoneNumberInfo {
    /// The phone number ID.
    pub id: String,
    /// The number as displayed.
    #[serde(default)]
    pub display_phone_number: Option<String>,
    /// The verified business name.
    #[serde(default)]
    pub verified_name: Option<String>,
    /// Official Business Account (required for Groups).
    #[serde(default, deserialize_with = "crate::webhooks::lenient::opt_bool")]
    pub is_official_business_account: Option<bool>,
    /// `TIER_250` ... `TIER_UNLIMITED` (v24+), or the older `messaging_limit_tier`.
    #[serde(default, alias = "messaging_limit_tier")]
    pub whatsapp_business_manager_messaging_limit: Option<String>,
    /// `CLOUD_API`, `ON_PREMISE` or `NOT_APPLICABLE`.
    #[serde(default)]
    pub platform_type: Option<String>,
    /// On the WhatsApp Business app (Coexistence): not eligible.
    #[serde(default, deserialize_with = "crate::webhooks::lenient::opt_bool")]
    pub is_on_biz_app: Option<bool>,
    /// `{level: STANDARD|HIGH}`.
    #[serde(default)]
    pub throughput: Option<Throughput>,
    /// `GREEN`, `YELLOW`, `RED`, ...
    #[serde(default)]
    pub quality_rating: Option<String>,
    /// For example `CONNECTED`.
    #[serde(default)]
    pub status: Option<String>,
}

/// `throughput`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Throughput {
    /// `STANDARD` (80 mps) or `HIGH` (1,000 mps).
    pub level: String,
}

/// The answer to the Embedded Signup code exchange (SPEC §6).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TokenExchangeResponse {
    /// The business token.
    pub access_token: String,
    /// `bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Seconds until it expires, when it does.
    #[serde(default)]
    pub expires_in: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_facts_parse_with_either_messaging_limit_field() {
        let new = r#"{"id": "1", "is_official_business_account": true, "platform_type": "CLOUD_API",
            "whatsapp_business_manager_messaging_limit": "TIER_100K", "throughput": {"level": "STANDARD"}}"#;
        let info: PhoneNumberInfo = serde_json::from_str(new).unwrap();
        assert_eq!(info.is_official_business_account, Some(true));
        assert_eq!(info.throughput.unwrap().level, "STANDARD");
        let old = r#"{"id": "1", "messaging_limit_tier": "TIER_1K", "is_on_biz_app": "false"}"#;
        let info: PhoneNumberInfo = serde_json::from_str(old).unwrap();
        assert_eq!(
            info.whatsapp_business_manager_messaging_limit.as_deref(),
            Some("TIER_1K")
        );
        assert_eq!(info.is_on_biz_app, Some(false));
    }
}
