//! Meta's synchronous error envelope (SPEC §1.4).

use serde::{Deserialize, Serialize};

/// Meta's synchronous error envelope (SPEC §1.4).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    /// The error.
    pub error: ErrorBody,
}

/// The inside of [`ErrorEnvelope`]. Codes may come as numbers or strings.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ErrorBody {
    /// Usually `"(#<code>) <title>"`.
    #[serde(default)]
    pub message: String,
    /// For example `OAuthException`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The code to branch on.
    #[serde(default, deserialize_with = "crate::webhooks::lenient::opt_i64")]
    pub code: Option<i64>,
    /// Deprecated, still present on some errors.
    #[serde(default, deserialize_with = "crate::webhooks::lenient::opt_i64")]
    pub error_subcode: Option<i64>,
    /// `{messaging_product, details}`.
    #[serde(default)]
    pub error_data: Option<ErrorData>,
    /// Meta's support trace ID.
    #[serde(default)]
    pub fbtrace_id: Option<String>,
}

/// `error_data` of an error.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
pub struct ErrorData {
    /// `"whatsapp"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_product: Option<String>,
    /// Human-readable specifics.
    #[serde(default)]
    pub details: Option<String>,
}
