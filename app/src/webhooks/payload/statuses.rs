//! `messages` → `statuses` (SPEC §3.3): what became of messages the business sent to a group.

use super::common::{UserIdentity, WebhookError};
use super::pricing::Pricing;
use crate::ids::{Bsuid, WaGroupId, WaId, Wamid};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `status` of a sent message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Accepted for the whole group (group level).
    Sent,
    /// Delivered to one participant.
    Delivered,
    /// Read by one participant; a `delivered` may never come.
    Read,
    /// Not delivered (group level), with `errors`.
    Failed,
    /// A status this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `recipient_type` of a status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientType {
    /// `recipient_id` is a group ID.
    Group,
    /// `recipient_id` is a user.
    Individual,
    /// A recipient type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `conversation` of a status (v23.0 and lower); any `pricing` nested in it is moved beside it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Conversation {
    /// The conversation ID (a per-message ID on v23.0 and lower).
    #[serde(default)]
    pub id: Option<String>,
    /// `origin.type`, the conversation's category.
    #[serde(default)]
    pub origin: Option<ConversationOrigin>,
    /// When the conversation expires, in Unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub expiration_timestamp: Option<i64>,
}

/// `conversation.origin`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ConversationOrigin {
    /// The category, for example `marketing`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// One status object: a message's state, for the whole group or for one participant.
///
/// Both spellings of the participant field and both placements of `pricing` are read (SPEC §9.6);
/// the value is kept, and serialized, in the `recipient_participant_id` and sibling form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "RawStatus")]
pub struct MessageStatus {
    /// The message.
    pub id: Wamid,
    /// What happened to it.
    pub status: DeliveryStatus,
    /// Unix seconds (Meta sends a string).
    pub timestamp: Option<i64>,
    /// The group ID for group messages, otherwise the user's `wa_id`; see [`Self::group_id`].
    pub recipient_id: Option<String>,
    /// `group` for group messages.
    pub recipient_type: Option<RecipientType>,
    /// The participant's `wa_id` (per-participant statuses); may be absent with BSUIDs.
    pub recipient_participant_id: Option<WaId>,
    /// The participant's BSUID.
    pub recipient_participant_user_id: Option<Bsuid>,
    /// The participant's parent BSUID.
    pub recipient_participant_parent_user_id: Option<Bsuid>,
    /// The recipient's BSUID (one-to-one statuses).
    pub recipient_user_id: Option<Bsuid>,
    /// The recipient's parent BSUID (one-to-one statuses).
    pub recipient_parent_user_id: Option<Bsuid>,
    /// The conversation (v23.0 and lower).
    pub conversation: Option<Conversation>,
    /// What the message costs.
    pub pricing: Option<Pricing>,
    /// Why the message failed.
    pub errors: Option<Vec<WebhookError>>,
    /// The business's own tag, echoed from the send.
    pub biz_opaque_callback_data: Option<String>,
}

impl MessageStatus {
    /// The group, when the status is about a group message.
    pub fn group_id(&self) -> Option<WaGroupId> {
        match self.recipient_type {
            Some(RecipientType::Group) => self.recipient_id.as_deref().map(WaGroupId::from),
            _ => None,
        }
    }

    /// The participant a per-participant status is about; `None` for group-level statuses.
    pub fn participant(&self) -> Option<UserIdentity> {
        let identity = UserIdentity {
            wa_id: self.recipient_participant_id.clone(),
            user_id: self.recipient_participant_user_id.clone(),
            parent_user_id: self.recipient_participant_parent_user_id.clone(),
            username: None,
        };
        (!identity.is_anonymous()).then_some(identity)
    }
}

#[derive(Deserialize)]
struct RawConversation {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    origin: Option<ConversationOrigin>,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    expiration_timestamp: Option<i64>,
    #[serde(default)]
    pricing: Option<Pricing>,
}

#[derive(Deserialize)]
struct RawStatus {
    id: Wamid,
    status: DeliveryStatus,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    timestamp: Option<i64>,
    #[serde(default)]
    recipient_id: Option<String>,
    #[serde(default)]
    recipient_type: Option<RecipientType>,
    #[serde(default)]
    recipient_participant_id: Option<WaId>,
    #[serde(default)]
    participant_recipient_id: Option<WaId>,
    #[serde(default)]
    recipient_participant_user_id: Option<Bsuid>,
    #[serde(default)]
    recipient_participant_parent_user_id: Option<Bsuid>,
    #[serde(default)]
    recipient_user_id: Option<Bsuid>,
    #[serde(default)]
    recipient_parent_user_id: Option<Bsuid>,
    #[serde(default)]
    conversation: Option<RawConversation>,
    #[serde(default)]
    pricing: Option<Pricing>,
    #[serde(default)]
    errors: Option<Vec<WebhookError>>,
    #[serde(default)]
    biz_opaque_callback_data: Option<String>,
}

impl From<RawStatus> for MessageStatus {
    fn from(raw: RawStatus) -> Self {
        let (conversation, nested_pricing) = match raw.conversation {
            Some(RawConversation {
                id,
                origin,
                expiration_timestamp,
                pricing,
            }) => (
                Some(Conversation {
                    id,
                    origin,
                    expiration_timestamp,
                }),
                pricing,
            ),
            None => (None, None),
        };
        Self {
            id: raw.id,
            status: raw.status,
            timestamp: raw.timestamp,
            recipient_id: raw.recipient_id,
            recipient_type: raw.recipient_type,
            recipient_participant_id: raw
                .recipient_participant_id
                .or(raw.participant_recipient_id),
            recipient_participant_user_id: raw.recipient_participant_user_id,
            recipient_participant_parent_user_id: raw.recipient_participant_parent_user_id,
            recipient_user_id: raw.recipient_user_id,
            recipient_parent_user_id: raw.recipient_parent_user_id,
            conversation,
            pricing: raw.pricing.or(nested_pricing),
            errors: raw.errors,
            biz_opaque_callback_data: raw.biz_opaque_callback_data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, first_change};
    use super::super::pricing::{PricingCategory, PricingModel, PricingType};
    use super::super::{Contact, FieldChange};
    use super::*;

    fn statuses(json: &str) -> (Vec<Contact>, Vec<MessageStatus>) {
        match first_change(json) {
            FieldChange::Messages {
                metadata,
                contacts,
                messages,
                statuses,
                errors,
            } => {
                assert!(
                    metadata
                        .phone_number_id
                        .as_str()
                        .contains("PHONE_NUMBER_ID")
                );
                assert!(messages.is_empty() && errors.is_empty());
                (contacts, statuses)
            }
            other => panic!("expected a messages change, got {other:?}"),
        }
    }

    #[test]
    fn an_aggregated_read_lists_one_status_per_participant_with_nested_pricing_moved_out() {
        let (_, statuses) = statuses(fixtures::MESSAGES_STATUS_AGGREGATED);

        assert_eq!(statuses.len(), 2);
        let participants: Vec<_> = statuses
            .iter()
            .map(|s| s.recipient_participant_id.as_ref().map(WaId::as_str))
            .collect();
        assert_eq!(
            participants,
            [
                Some("GROUP_PARTICIPANT_PHONE_NUMBER_1"),
                Some("GROUP_PARTICIPANT_PHONE_NUMBER_2")
            ]
        );
        let first = &statuses[0];
        assert_eq!(first.id, Wamid::from("WHATSAPP_MESSAGE_ID"));
        assert_eq!(first.status, DeliveryStatus::Read);
        assert_eq!(first.group_id(), Some(WaGroupId::from("GROUP_ID")));
        let conversation = first.conversation.as_ref().unwrap();
        assert_eq!(conversation.id.as_deref(), Some("CONVERSATION_ID"));
        let origin = conversation.origin.as_ref().unwrap();
        assert_eq!(origin.kind.as_deref(), Some("CONVERSATION_CATEGORY"));
        let pricing = first.pricing.as_ref().unwrap();
        assert_eq!(pricing.billable, None, "IS_BILLABLE is a placeholder");
        assert_eq!(
            pricing.pricing_model,
            Some(PricingModel::Other("PRICING_MODEL".into()))
        );
        assert_eq!(
            pricing.category,
            Some(PricingCategory::Other("CONVERSATION_CATEGORY".into()))
        );
    }

    #[test]
    fn a_sent_status_is_group_level_without_a_participant() {
        let (contacts, statuses) = statuses(fixtures::MESSAGES_STATUS_SENT);

        assert!(contacts.is_empty());
        let status = &statuses[0];
        assert_eq!(status.id, Wamid::from("<WHATSAPP_MESSAGE_ID>"));
        assert_eq!(status.status, DeliveryStatus::Sent);
        assert_eq!(status.recipient_type, Some(RecipientType::Group));
        assert_eq!(status.group_id(), Some(WaGroupId::from("<GROUP_ID>")));
        assert_eq!(status.participant(), None);
        assert_eq!(status.timestamp, None);
        assert!(status.pricing.is_none() && status.errors.is_none());
    }

    #[test]
    fn a_failed_status_carries_its_errors_and_their_link() {
        let (_, statuses) = statuses(fixtures::MESSAGES_STATUS_FAILED);

        let status = &statuses[0];
        assert_eq!(status.status, DeliveryStatus::Failed);
        assert_eq!(status.participant(), None);
        let error = &status.errors.as_ref().unwrap()[0];
        assert_eq!(error.title.as_deref(), Some("<ERROR_TITLE>"));
        assert_eq!(error.message.as_deref(), Some("<ERROR_MESSAGE>"));
        assert_eq!(
            error.href.as_deref(),
            Some("/documentation/business-messaging/whatsapp/support/error-codes")
        );
        let details = error.error_data.as_ref().unwrap().details.as_deref();
        assert_eq!(details, Some("<ERROR_DETAILS>"));
    }

    #[test]
    fn bsuid_statuses_name_participants_without_a_phone_number() {
        let (contacts, statuses) = statuses(fixtures::MESSAGES_STATUS_BSUID_SYNTAX);

        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[1].wa_id, None);
        assert_eq!(
            contacts[1].identity().username.as_deref(),
            Some("@participant_two")
        );
        let with_phone = statuses[0].participant().unwrap();
        assert_eq!(
            with_phone.wa_id,
            Some(WaId::from("GROUP_PARTICIPANT_PHONE_NUMBER_1"))
        );
        let bsuid_only = statuses[1].participant().unwrap();
        assert_eq!(bsuid_only.wa_id, None);
        assert_eq!(
            bsuid_only.user_id,
            Some(Bsuid::from("US.PARTICIPANT_BSUID_2"))
        );
        assert_eq!(
            bsuid_only.parent_user_id,
            Some(Bsuid::from("US.ENT.PARTICIPANT_PARENT_BSUID_2"))
        );
        let pricing = statuses[1].pricing.as_ref().unwrap();
        assert_eq!(pricing.billable, Some(true));
        assert_eq!(pricing.pricing_model, Some(PricingModel::PerMessage));
        assert_eq!(pricing.kind, Some(PricingType::Regular));
        assert_eq!(pricing.category, Some(PricingCategory::GroupMarketing));
    }

    #[test]
    fn participant_recipient_id_is_read_as_recipient_participant_id() {
        // SPEC §9.6: one WEBHOOKS example spells the participant field the other way round.
        let json = fixtures::MESSAGES_STATUS_AGGREGATED
            .replace("recipient_participant_id", "participant_recipient_id");

        let (_, statuses) = statuses(&json);

        assert_eq!(
            statuses[1].recipient_participant_id,
            Some(WaId::from("GROUP_PARTICIPANT_PHONE_NUMBER_2"))
        );
        let emitted = serde_json::to_value(&statuses[1]).unwrap();
        assert_eq!(
            emitted["recipient_participant_id"],
            "GROUP_PARTICIPANT_PHONE_NUMBER_2"
        );
        assert!(emitted.get("participant_recipient_id").is_none());
    }

    #[test]
    fn both_participant_spellings_together_are_not_a_duplicate_field() {
        let json = fixtures::MESSAGES_STATUS_AGGREGATED.replace(
            r#""recipient_participant_id": "GROUP_PARTICIPANT_PHONE_NUMBER_1","#,
            r#""recipient_participant_id": "GROUP_PARTICIPANT_PHONE_NUMBER_1",
               "participant_recipient_id": "SOMEONE_ELSE","#,
        );

        let (_, statuses) = statuses(&json);

        assert_eq!(
            statuses[0].recipient_participant_id,
            Some(WaId::from("GROUP_PARTICIPANT_PHONE_NUMBER_1"))
        );
    }

    #[test]
    fn sibling_pricing_is_read_and_wins_over_nested_pricing() {
        // SPEC §9.6: the status reference puts `pricing` beside `conversation`, v24+ drops `conversation`.
        let json = r#"{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{
          "field": "messages", "value": {"metadata": {"phone_number_id": "PHONE_NUMBER_ID"},
          "statuses": [
            {"id": "wamid.A", "status": "delivered", "timestamp": 1761000000, "recipient_id": "G",
             "recipient_type": "group", "recipient_participant_id": "1",
             "pricing": {"billable": "false", "pricing_model": "PMP", "type": "free_group_customer_service",
                         "category": "group_service"}},
            {"id": "wamid.A", "status": "delivered", "timestamp": "1761000001", "recipient_id": "G",
             "recipient_type": "group", "recipient_participant_id": "2",
             "conversation": {"id": "C", "expiration_timestamp": "1761086400",
                              "pricing": {"pricing_model": "CBP", "category": "group_utility"}},
             "pricing": {"pricing_model": "PMP", "type": "regular", "category": "group_utility"}}
          ]}}]}]}"#;

        let (_, statuses) = statuses(json);

        let free = statuses[0].pricing.as_ref().unwrap();
        assert_eq!(free.billable, Some(false));
        assert_eq!(free.kind, Some(PricingType::FreeGroupCustomerService));
        assert_eq!(free.category, Some(PricingCategory::GroupService));
        assert!(statuses[0].conversation.is_none());
        assert_eq!(statuses[0].timestamp, Some(1_761_000_000));
        assert_eq!(statuses[1].timestamp, Some(1_761_000_001));
        let sibling = statuses[1].pricing.as_ref().unwrap();
        assert_eq!(sibling.pricing_model, Some(PricingModel::PerMessage));
        let conversation = statuses[1].conversation.as_ref().unwrap();
        assert_eq!(conversation.expiration_timestamp, Some(1_761_086_400));
        let emitted = serde_json::to_value(&statuses[1]).unwrap();
        assert!(emitted["conversation"].get("pricing").is_none());
    }

    #[test]
    fn unknown_statuses_and_one_to_one_statuses_are_read() {
        let json = fixtures::MESSAGES_STATUS_SENT
            .replace(r#""sent""#, r#""played""#)
            .replace(r#""group""#, r#""individual""#)
            .replace(r#""status""#, r#""shiny": {"a": 1}, "status""#);

        let (_, statuses) = statuses(&json);

        assert_eq!(statuses[0].status, DeliveryStatus::Other("played".into()));
        assert_eq!(statuses[0].recipient_type, Some(RecipientType::Individual));
        assert_eq!(statuses[0].group_id(), None);
    }
}
