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
#[path = "statuses_tests.rs"]
mod tests;
