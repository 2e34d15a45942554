//! The envelope every WhatsApp webhook shares (SPEC §1.8), and the reading of a change by its field.

use super::common::{Contact, WebhookError};
use super::lifecycle::LifecycleEvent;
use super::messages::InboundMessage;
use super::participants::{self, ParticipantsEvent};
use super::settings::SettingsEvent;
use super::status::StatusEvent;
use super::statuses::MessageStatus;
use crate::ids::{PhoneNumberId, WabaId};
use crate::webhooks::lenient;
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
    /// `group_participants_update` (SPEC §4.2).
    GroupParticipants {
        /// The business number.
        metadata: Metadata,
        /// The events, in the order Meta listed them.
        groups: Vec<ParticipantsEvent>,
    },
    /// `group_settings_update` (SPEC §4.3).
    GroupSettings {
        /// The business number.
        metadata: Metadata,
        /// The events, in the order Meta listed them.
        groups: Vec<SettingsEvent>,
    },
    /// `group_status_update` (SPEC §4.4).
    GroupStatus {
        /// The business number.
        metadata: Metadata,
        /// The events, in the order Meta listed them.
        groups: Vec<StatusEvent>,
    },
    /// `messages`: inbound messages and delivery statuses, group or not (SPEC §3.3, §3.4).
    Messages {
        /// The business number.
        metadata: Metadata,
        /// The users the messages or statuses are about.
        contacts: Vec<Contact>,
        /// Inbound messages.
        messages: Vec<InboundMessage>,
        /// Statuses of messages the business sent; several may share one message ID.
        statuses: Vec<MessageStatus>,
        /// Errors about the change as a whole.
        errors: Vec<WebhookError>,
    },
    /// A field this version does not apply yet; kept as it came.
    Other {
        /// The field name.
        field: String,
    },
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct GroupsValue<T> {
    metadata: Metadata,
    #[serde(default, deserialize_with = "lenient::list")]
    groups: Vec<T>,
}

#[derive(Deserialize)]
struct MessagesValue {
    metadata: Metadata,
    #[serde(default, deserialize_with = "lenient::list")]
    contacts: Vec<Contact>,
    #[serde(default, deserialize_with = "lenient::list")]
    messages: Vec<InboundMessage>,
    #[serde(default, deserialize_with = "lenient::list")]
    statuses: Vec<MessageStatus>,
    #[serde(default, deserialize_with = "lenient::list")]
    errors: Vec<WebhookError>,
}

impl Change {
    /// Reads the value according to the field.
    pub fn parse(&self) -> Result<FieldChange, serde_json::Error> {
        let value = &self.value;
        Ok(match self.field.as_str() {
            "group_lifecycle_update" => {
                let GroupsValue { metadata, groups } = GroupsValue::deserialize(value)?;
                FieldChange::GroupLifecycle { metadata, groups }
            }
            "group_participants_update" => {
                let (metadata, groups) = participants::read(value)?;
                FieldChange::GroupParticipants { metadata, groups }
            }
            "group_settings_update" => {
                let GroupsValue { metadata, groups } = GroupsValue::deserialize(value)?;
                FieldChange::GroupSettings { metadata, groups }
            }
            "group_status_update" => {
                let GroupsValue { metadata, groups } = GroupsValue::deserialize(value)?;
                FieldChange::GroupStatus { metadata, groups }
            }
            "messages" => {
                let MessagesValue {
                    metadata,
                    contacts,
                    messages,
                    statuses,
                    errors,
                } = MessagesValue::deserialize(value)?;
                FieldChange::Messages {
                    metadata,
                    contacts,
                    messages,
                    statuses,
                    errors,
                }
            }
            other => FieldChange::Other {
                field: other.to_owned(),
            },
        })
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, first_change};
    use super::*;

    #[test]
    fn an_unknown_field_is_kept_by_name() {
        let json =
            fixtures::LIFECYCLE_CREATE_SUCCEED.replace("group_lifecycle_update", "brand_new_field");

        let change = first_change(&json);

        assert_eq!(
            change,
            FieldChange::Other {
                field: "brand_new_field".into()
            }
        );
    }

    #[test]
    fn the_phone_number_id_is_found_without_reading_the_field() {
        let envelope: Envelope = serde_json::from_str(fixtures::STATUS_SUSPENDED).unwrap();

        let id = envelope.entry[0].changes[0].phone_number_id();

        assert_eq!(id, Some(PhoneNumberId::from("PHONE_NUMBER_ID")));
    }

    #[test]
    fn null_lists_and_unknown_top_level_keys_are_tolerated() {
        let json = r#"{"object": "whatsapp_business_account", "shiny": 1, "entry": [{"id": "1",
          "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"phone_number_id": "2"}, "contacts": null, "statuses": null,
            "brand_new_key": {"x": 1}}}]}]}"#;

        let FieldChange::Messages {
            metadata,
            contacts,
            messages,
            statuses,
            errors,
        } = first_change(json)
        else {
            panic!("expected a messages change");
        };

        assert_eq!(metadata.phone_number_id.as_str(), "2");
        assert_eq!(metadata.display_phone_number, None);
        assert!(contacts.is_empty() && messages.is_empty());
        assert!(statuses.is_empty() && errors.is_empty());
    }

    #[test]
    fn a_change_without_metadata_is_an_error_not_a_panic() {
        let change = Change {
            field: "group_status_update".into(),
            value: serde_json::json!({"groups": []}),
        };

        assert!(change.parse().is_err());
    }
}
