//! Request and response bodies of the Groups API calls (SPEC §2).

use serde::{Deserialize, Serialize};

/// The body of `POST /<PNID>/groups` (SPEC §2.1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CreateGroupRequest {
    /// Always `"whatsapp"`.
    pub messaging_product: String,
    /// The group's name.
    pub subject: String,
    /// The description, omitted when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `auto_approve` or `approval_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_approval_mode: Option<String>,
}

impl CreateGroupRequest {
    /// The request for a validated new group.
    pub fn new(group: &crate::groups::domain::NewGroup) -> Self {
        Self {
            messaging_product: "whatsapp".to_owned(),
            subject: group.subject.as_str().to_owned(),
            description: (!group.description.is_empty())
                .then(|| group.description.as_str().to_owned()),
            join_approval_mode: Some(group.join_approval_mode.as_str().to_owned()),
        }
    }
}

/// The answer to an asynchronous call: `{messaging_product, request_id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RequestIdResponse {
    /// Always `"whatsapp"` (ignored when missing).
    #[serde(default)]
    pub messaging_product: Option<String>,
    /// The ID the outcome webhook will carry.
    pub request_id: String,
}

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
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ErrorData {
    /// `"whatsapp"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_product: Option<String>,
    /// Human-readable specifics.
    #[serde(default)]
    pub details: Option<String>,
}
