//! Message templates of a WhatsApp Business Account (`GET /<WABA_ID>/message_templates`).
//!
//! The Cloud API's template object: `{name, language, status, category, id, parameter_format,
//! components: [{type: HEADER|BODY|FOOTER|BUTTONS, format?, text?, buttons?}]}`. Unknown values
//! keep their text (SPEC §8: unknown enum values map to `Other`).

use serde::{Deserialize, Serialize};

/// The fields GroupDesk asks for.
pub const TEMPLATE_FIELDS: [&str; 8] = [
    "id",
    "name",
    "language",
    "status",
    "category",
    "parameter_format",
    "library_template_name",
    "components",
];

/// A template's review status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum TemplateStatus {
    /// May be sent.
    Approved,
    /// In review.
    Pending,
    /// Refused in review.
    Rejected,
    /// Paused for low quality.
    Paused,
    /// Disabled for low quality.
    Disabled,
    /// Any other status Meta reports.
    Other(String),
}

impl From<String> for TemplateStatus {
    fn from(raw: String) -> Self {
        match raw.to_ascii_uppercase().as_str() {
            "APPROVED" => Self::Approved,
            "PENDING" | "IN_APPEAL" => Self::Pending,
            "REJECTED" => Self::Rejected,
            "PAUSED" => Self::Paused,
            "DISABLED" => Self::Disabled,
            _ => Self::Other(raw),
        }
    }
}

impl From<TemplateStatus> for String {
    fn from(status: TemplateStatus) -> Self {
        status.as_str().to_owned()
    }
}

impl TemplateStatus {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Approved => "APPROVED",
            Self::Pending => "PENDING",
            Self::Rejected => "REJECTED",
            Self::Paused => "PAUSED",
            Self::Disabled => "DISABLED",
            Self::Other(raw) => raw,
        }
    }
}

/// A template's category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum TemplateCategory {
    /// Promotions; always billed in groups (SPEC §7).
    Marketing,
    /// Updates about something the user asked for.
    Utility,
    /// One-time codes: never sent to groups (SPEC §3.1, §3.6).
    Authentication,
    /// Any other category (older templates say `TRANSACTIONAL`, ...).
    Other(String),
}

impl From<String> for TemplateCategory {
    fn from(raw: String) -> Self {
        match raw.to_ascii_uppercase().as_str() {
            "MARKETING" => Self::Marketing,
            "UTILITY" => Self::Utility,
            "AUTHENTICATION" => Self::Authentication,
            _ => Self::Other(raw),
        }
    }
}

impl From<TemplateCategory> for String {
    fn from(category: TemplateCategory) -> Self {
        category.as_str().to_owned()
    }
}

impl TemplateCategory {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Marketing => "MARKETING",
            Self::Utility => "UTILITY",
            Self::Authentication => "AUTHENTICATION",
            Self::Other(raw) => raw,
        }
    }
}

/// One component of a template: header, body, footer or buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateComponent {
    /// `HEADER`, `BODY`, `FOOTER` or `BUTTONS`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Headers: `TEXT`, `IMAGE`, `VIDEO`, `DOCUMENT`, `LOCATION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The text, with `{{1}}` or `{{name}}` placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `BUTTONS`: the buttons, as Meta describes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buttons: Option<Vec<serde_json::Value>>,
    /// Example values, as Meta describes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

/// A message template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageTemplate {
    /// Meta's template ID.
    pub id: String,
    /// The name a send refers to.
    pub name: String,
    /// The language code, for example `en_US`.
    pub language: String,
    /// Review status.
    pub status: TemplateStatus,
    /// Category.
    pub category: TemplateCategory,
    /// `POSITIONAL` (`{{1}}`) or `NAMED` (`{{first_name}}`); positional when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<String>,
    /// The Template Library entry it was made from, for example `group_invite_link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library_template_name: Option<String>,
    /// Header, body, footer, buttons.
    #[serde(default)]
    pub components: Vec<TemplateComponent>,
}

/// The answer to `GET /<WABA_ID>/message_templates`.
#[derive(Debug, Clone, Deserialize)]
pub struct MessageTemplatesResponse {
    /// The templates of this page.
    #[serde(default)]
    pub data: Vec<MessageTemplate>,
    /// Paging (SPEC §1.6).
    #[serde(default)]
    pub paging: super::Paging,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metas_documented_template_list_parses() {
        let json = r#"{"data": [
            {"name": "reservation_confirmation", "parameter_format": "NAMED",
             "components": [
               {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["https://x"]}},
               {"type": "BODY", "text": "Your reservation for {{number_of_guests}} is confirmed.",
                "example": {"body_text_named_params": [{"param_name": "number_of_guests", "example": "4"}]}},
               {"type": "FOOTER", "text": "Lucky Shrub"},
               {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Cancel"}]}],
             "language": "en_US", "status": "APPROVED", "category": "UTILITY", "id": "546151681022936"},
            {"name": "old", "components": [], "language": "de", "status": "IN_REVIEW_LATER",
             "category": "TRANSACTIONAL", "id": "2"}],
            "paging": {"cursors": {"before": "MAZDZD", "after": "MjQZD"},
                       "next": "https://graph.facebook.com/v23.0/1/message_templates?after=MjQZD"}}"#;
        let response: MessageTemplatesResponse = serde_json::from_str(json).unwrap();
        let first = &response.data[0];
        assert_eq!(first.status, TemplateStatus::Approved);
        assert_eq!(first.category, TemplateCategory::Utility);
        assert_eq!(first.parameter_format.as_deref(), Some("NAMED"));
        assert_eq!(first.components[0].format.as_deref(), Some("IMAGE"));
        assert_eq!(first.components[3].buttons.as_ref().unwrap().len(), 1);
        let second = &response.data[1];
        assert_eq!(
            second.status,
            TemplateStatus::Other("IN_REVIEW_LATER".into())
        );
        assert_eq!(
            second.category,
            TemplateCategory::Other("TRANSACTIONAL".into())
        );
        assert_eq!(response.paging.next_cursor(), Some("MjQZD"));
        assert_eq!(
            serde_json::to_value(&second.status).unwrap(),
            "IN_REVIEW_LATER"
        );
    }
}
