//! Webhook payload types (SPEC §1.8, §4), read leniently: unknown fields are ignored and unknown
//! kinds land in `Other`, so a new Meta field never makes an event unreadable.

use super::lenient;
use crate::ids::{PhoneNumberId, RequestId, WaGroupId, WabaId};
use serde::{Deserialize, Serialize};

/// The envelope shared by all WhatsApp webhooks.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Envelope {
    /// `whatsapp_business_account`.
    pub object: String,
    /// One entry per WABA.
    #[serde(default)]
    pub entry: Vec<Entry>,
}

/// One WABA's changes.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Entry {
    /// The WABA ID.
    pub id: WabaId,
    /// The changes, one per field.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change: a field name and its value, read further by [`Change::parse`].
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Change {
    /// For example `group_lifecycle_update`.
    pub field: String,
    /// The field-specific value.
    pub value: serde_json::Value,
}

/// `value.metadata`: which business number the change is about.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct Metadata {
    /// The business number as displayed.
    #[serde(default)]
    pub display_phone_number: Option<String>,
    /// The business number's ID; routes the event to a tenant.
    pub phone_number_id: PhoneNumberId,
}

/// A change, read by its field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldChange {
    /// `group_lifecycle_update` (SPEC §4.1).
    GroupLifecycle {
        /// The business number.
        metadata: Metadata,
        /// The events, in the order Meta listed them.
        groups: Vec<LifecycleEvent>,
    },
    /// A field this version does not apply yet; kept as it came.
    Other {
        /// The field name.
        field: String,
    },
}

#[derive(Deserialize)]
struct GroupsValue<T> {
    metadata: Metadata,
    #[serde(default = "Vec::new")]
    groups: Vec<T>,
}

impl Change {
    /// Reads the value according to the field.
    pub fn parse(&self) -> Result<FieldChange, serde_json::Error> {
        match self.field.as_str() {
            "group_lifecycle_update" => {
                let value: GroupsValue<LifecycleEvent> =
                    serde_json::from_value(self.value.clone())?;
                Ok(FieldChange::GroupLifecycle {
                    metadata: value.metadata,
                    groups: value.groups,
                })
            }
            other => Ok(FieldChange::Other {
                field: other.to_owned(),
            }),
        }
    }

    /// The phone number ID in `value.metadata`, if there is one.
    pub fn phone_number_id(&self) -> Option<PhoneNumberId> {
        self.value
            .get("metadata")?
            .get("phone_number_id")?
            .as_str()
            .map(PhoneNumberId::from)
    }
}

/// `type` of a lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleType {
    /// The outcome of a create request.
    GroupCreate,
    /// The outcome of a delete request.
    GroupDelete,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// One `group_lifecycle_update` event. Success and failure differ only by `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct LifecycleEvent {
    /// Unix seconds (Meta sends a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
    /// The group; absent on some failed creates.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// Create or delete.
    #[serde(rename = "type")]
    pub kind: LifecycleType,
    /// Correlates with the call's answer.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// The subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// The description (failed creates).
    #[serde(default)]
    pub description: Option<String>,
    /// The invite link (successful creates).
    #[serde(default)]
    pub invite_link: Option<String>,
    /// The approval mode (successful creates).
    #[serde(default)]
    pub join_approval_mode: Option<String>,
    /// Present only when the operation failed.
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

/// An error inside a webhook: `{code, title, message, error_data: {details}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WebhookError {
    /// Meta's code (a number, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Short title.
    #[serde(default)]
    pub title: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// `{details}`.
    #[serde(default)]
    pub error_data: Option<WebhookErrorData>,
}

/// `error_data` of a webhook error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WebhookErrorData {
    /// Specifics.
    #[serde(default)]
    pub details: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_change(json: &str) -> FieldChange {
        let envelope: Envelope = serde_json::from_str(json).unwrap();
        envelope.entry[0].changes[0].parse().unwrap()
    }

    const CREATE_SUCCEEDED: &str = r#"{
      "object": "whatsapp_business_account",
      "entry": [{"id": "WHATSAPP_ACCOUNT_ID", "changes": [{"value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "DISPLAY_PHONE_NUMBER", "phone_number_id": "PHONE_NUMBER_ID"},
        "groups": [{"timestamp": "TIMESTAMP", "group_id": "GROUP_ID", "type": "group_create",
          "request_id": "REQUEST_ID", "subject": "test invite link",
          "invite_link": "https://chat.whatsapp.com/LINK_ID", "join_approval_mode": "JOIN_APPROVAL_MODE"}]},
        "field": "group_lifecycle_update"}]}]}"#;

    const CREATE_FAILED: &str = r#"{
      "object": "whatsapp_business_account",
      "entry": [{"id": "WHATSAPP_ACCOUNT_ID", "changes": [{"value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "DISPLAY_PHONE_NUMBER", "phone_number_id": "PHONE_NUMBER_ID"},
        "groups": [{"timestamp": "TIMESTAMP", "type": "group_create", "subject": "GROUP_SUBJECT",
          "description": "GROUP_DESCRIPTION", "request_id": "REQUEST_ID", "group_id": "GROUP_ID",
          "errors": [{"code": "ERROR_CODE", "message": "ERROR_MESSAGE", "title": "ERROR_TITLE",
            "error_data": {"details": "ERROR_DETAILS"}}]}]},
        "field": "group_lifecycle_update"}]}]}"#;

    #[test]
    fn the_spec_create_succeeded_example_parses() {
        let FieldChange::GroupLifecycle { metadata, groups } = first_change(CREATE_SUCCEEDED)
        else {
            panic!("expected a lifecycle change");
        };
        assert_eq!(metadata.phone_number_id.as_str(), "PHONE_NUMBER_ID");
        let event = &groups[0];
        assert_eq!(event.kind, LifecycleType::GroupCreate);
        assert_eq!(
            event.request_id.as_ref().map(RequestId::as_str),
            Some("REQUEST_ID")
        );
        assert_eq!(
            event.invite_link.as_deref(),
            Some("https://chat.whatsapp.com/LINK_ID")
        );
        assert_eq!(
            event.timestamp, None,
            "a placeholder timestamp is not a number"
        );
        assert!(event.errors.is_none());
    }

    #[test]
    fn the_spec_create_failed_example_parses_with_its_errors() {
        let FieldChange::GroupLifecycle { groups, .. } = first_change(CREATE_FAILED) else {
            panic!("expected a lifecycle change");
        };
        let errors = groups[0].errors.as_ref().unwrap();
        assert_eq!(errors[0].title.as_deref(), Some("ERROR_TITLE"));
        assert_eq!(errors[0].code, None);
    }

    #[test]
    fn unknown_fields_types_and_keys_are_tolerated() {
        let json = CREATE_SUCCEEDED
            .replace("group_create", "group_archive")
            .replace(r#""subject""#, r#""brand_new_key": {"x": 1}, "subject""#);
        let FieldChange::GroupLifecycle { groups, .. } = first_change(&json) else {
            panic!("expected a lifecycle change");
        };
        assert_eq!(groups[0].kind, LifecycleType::Other("group_archive".into()));

        let other = CREATE_SUCCEEDED.replace("group_lifecycle_update", "brand_new_field");
        assert_eq!(
            first_change(&other),
            FieldChange::Other {
                field: "brand_new_field".into()
            }
        );
    }

    #[test]
    fn a_numeric_timestamp_and_code_are_read() {
        let json = CREATE_FAILED
            .replace(r#""TIMESTAMP""#, "1761000000")
            .replace(r#""ERROR_CODE""#, "131211");
        let FieldChange::GroupLifecycle { groups, .. } = first_change(&json) else {
            panic!("expected a lifecycle change");
        };
        assert_eq!(groups[0].timestamp, Some(1_761_000_000));
        assert_eq!(groups[0].errors.as_ref().unwrap()[0].code, Some(131211));
    }
}
