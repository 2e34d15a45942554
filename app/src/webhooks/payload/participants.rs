//! `group_participants_update` (SPEC §4.2): joins, join requests, removals and leaves.

use super::Metadata;
use super::common::{UserIdentity, WebhookError};
use crate::ids::{JoinRequestId, RequestId, WaGroupId};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `type` of a participants event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantsType {
    /// Users joined: by invite link, or because the business approved their request.
    GroupParticipantsAdd,
    /// Users were removed by the business, or left.
    GroupParticipantsRemove,
    /// A user asked to join a group that requires approval.
    GroupJoinRequestCreated,
    /// A user withdrew their request to join.
    GroupJoinRequestRevoked,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `reason` of a join or join-request event; only `invite_link` is documented (SPEC §9.9).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantsReason {
    /// The user came through the group's invite link.
    InviteLink,
    /// A reason this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `initiated_by` of a removal: who made the participant go.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiatedBy {
    /// The business removed them (the answer to a remove-participants call).
    Business,
    /// The participant left.
    Participant,
    /// An initiator this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// One participant in an added, removed or failed list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Participant {
    /// What the business sent (a phone number, `wa_id` or BSUID); absent when the user acted.
    #[serde(default)]
    pub input: Option<String>,
    /// Who the participant is; may be empty when only `input` is given.
    #[serde(flatten)]
    pub user: UserIdentity,
    /// Why this participant failed (failed lists only, and not always).
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

/// One `group_participants_update` event; which keys are set depends on `type` (SPEC §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ParticipantsEvent {
    /// Unix seconds (Meta sends a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
    /// The group.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: ParticipantsType,
    /// Correlates a removal by the business with the call's answer.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// Why users joined, or why a join request changed.
    #[serde(default)]
    pub reason: Option<ParticipantsReason>,
    /// Who started a removal; read from the event or, failing that, from beside it.
    #[serde(default)]
    pub initiated_by: Option<InitiatedBy>,
    /// The join request (join-request events).
    #[serde(default)]
    pub join_request_id: Option<JoinRequestId>,
    /// The user who asked to join (join-request events); empty otherwise.
    #[serde(flatten)]
    pub user: UserIdentity,
    /// Users who joined.
    #[serde(default, deserialize_with = "lenient::list")]
    pub added_participants: Vec<Participant>,
    /// Users who were removed or left.
    #[serde(default, deserialize_with = "lenient::list")]
    pub removed_participants: Vec<Participant>,
    /// Users the business asked to remove who could not be.
    #[serde(default, deserialize_with = "lenient::list")]
    pub failed_participants: Vec<Participant>,
    /// Present when at least part of a removal failed.
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

/// `initiated_by` standing alone in `groups`, a reading of Meta's broken examples (SPEC §9.16).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrayInitiator {
    initiated_by: InitiatedBy,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Item {
    Event(Box<ParticipantsEvent>),
    Stray(StrayInitiator),
}

#[derive(Deserialize)]
struct ParticipantsValue {
    metadata: Metadata,
    #[serde(default, deserialize_with = "lenient::list")]
    groups: Vec<Item>,
    #[serde(default)]
    initiated_by: Option<InitiatedBy>,
}

/// Reads the change value, placing an `initiated_by` found outside an event onto the events it
/// belongs to: a stray `{"initiated_by"}` item covers the events before it, a key beside `groups`
/// covers every event still without one.
pub(super) fn read(
    value: &serde_json::Value,
) -> Result<(Metadata, Vec<ParticipantsEvent>), serde_json::Error> {
    let ParticipantsValue {
        metadata,
        groups,
        initiated_by,
    } = ParticipantsValue::deserialize(value)?;
    let mut events = Vec::with_capacity(groups.len());
    let mut uncovered = 0;
    for item in groups {
        match item {
            Item::Event(event) => events.push(*event),
            Item::Stray(stray) => {
                for event in &mut events[uncovered..] {
                    event
                        .initiated_by
                        .get_or_insert_with(|| stray.initiated_by.clone());
                }
                uncovered = events.len();
            }
        }
    }
    if let Some(initiated_by) = initiated_by {
        for event in &mut events {
            event
                .initiated_by
                .get_or_insert_with(|| initiated_by.clone());
        }
    }
    Ok((metadata, events))
}

#[cfg(test)]
#[path = "participants_tests.rs"]
mod tests;
