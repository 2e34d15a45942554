//! Group management bodies (SPEC §2).

use super::{Paging, UserIdentity};
use crate::webhooks::lenient::opt_i64;
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

/// An answer that may carry a request ID (settings, removal: SPEC §9 open question 1).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct MaybeRequestId {
    /// The ID the outcome webhook will carry, when Meta sends one.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// Fields of `GET /<GROUP_ID>?fields=` (SPEC §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupField {
    /// `subject`.
    Subject,
    /// `description`.
    Description,
    /// `suspended`.
    Suspended,
    /// `creation_timestamp`.
    CreationTimestamp,
    /// `participants`.
    Participants,
    /// `total_participant_count`.
    TotalParticipantCount,
    /// `join_approval_mode`.
    JoinApprovalMode,
}

impl GroupField {
    /// Every field.
    pub const ALL: [Self; 7] = [
        Self::Subject,
        Self::Description,
        Self::Suspended,
        Self::CreationTimestamp,
        Self::Participants,
        Self::TotalParticipantCount,
        Self::JoinApprovalMode,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Description => "description",
            Self::Suspended => "suspended",
            Self::CreationTimestamp => "creation_timestamp",
            Self::Participants => "participants",
            Self::TotalParticipantCount => "total_participant_count",
            Self::JoinApprovalMode => "join_approval_mode",
        }
    }
}

/// The answer to `GET /<GROUP_ID>` (SPEC §2.3): only requested fields are present.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct GroupInfo {
    /// The group ID.
    pub id: String,
    /// The name.
    #[serde(default)]
    pub subject: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether WhatsApp suspended the group.
    #[serde(default, deserialize_with = "crate::webhooks::lenient::opt_bool")]
    pub suspended: Option<bool>,
    /// Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub creation_timestamp: Option<i64>,
    /// Current participants, the business excluded.
    #[serde(default)]
    pub participants: Option<Vec<UserIdentity>>,
    /// Number of participants, the business excluded.
    #[serde(default, deserialize_with = "opt_i64")]
    pub total_participant_count: Option<i64>,
    /// `auto_approve` or `approval_required`.
    #[serde(default)]
    pub join_approval_mode: Option<String>,
}

/// One item of the active-groups list. `created_at` may be `creation_timestamp` (SPEC §2.4).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ActiveGroup {
    /// The group ID.
    pub id: String,
    /// The name.
    #[serde(default)]
    pub subject: Option<String>,
    /// Unix seconds, from `created_at` or `creation_timestamp`.
    #[serde(default, alias = "creation_timestamp", deserialize_with = "opt_i64")]
    pub created_at: Option<i64>,
}

/// `data` of the active-groups answer: Meta's `{groups: [...]}` or a plain array (SPEC §2.4).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ActiveGroupsData {
    /// Meta's documented shape.
    Wrapped {
        /// The groups.
        #[serde(default)]
        groups: Vec<ActiveGroup>,
    },
    /// The BSP passthrough shape.
    List(Vec<ActiveGroup>),
}

/// The answer to `GET /<PNID>/groups`.
#[derive(Debug, Clone, Deserialize)]
pub struct ActiveGroupsResponse {
    /// The groups.
    pub data: ActiveGroupsData,
    /// Paging.
    #[serde(default)]
    pub paging: Paging,
}

impl ActiveGroupsData {
    /// The groups, whichever shape they came in.
    pub fn into_groups(self) -> Vec<ActiveGroup> {
        match self {
            Self::Wrapped { groups } => groups,
            Self::List(groups) => groups,
        }
    }
}

/// A JSON settings update (SPEC §2.5). Absent fields stay as they are.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct SettingsUpdate {
    /// The new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who can join with the link: `auto_approve` or `approval_required`. SPEC §2.5 lists only
    /// subject, description and picture; create takes this field (§2.1) and BSPs pass it through
    /// on updates too, so GroupDesk sends it here (the lenient reading) and WhatsApp's answer or
    /// the settings webhook says whether it held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_approval_mode: Option<String>,
}

/// `{messaging_product, invite_link}` (SPEC §2.6, §2.7).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct InviteLinkResponse {
    /// The current link.
    pub invite_link: String,
}

/// One pending join request (SPEC §2.12).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct JoinRequest {
    /// The request's ID.
    pub join_request_id: String,
    /// Who asked.
    #[serde(flatten)]
    pub user: UserIdentity,
    /// Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub creation_timestamp: Option<i64>,
}

/// The answer to `GET /<GROUP_ID>/join_requests`.
#[derive(Debug, Clone, Deserialize)]
pub struct JoinRequestsResponse {
    /// The requests.
    #[serde(default)]
    pub data: Vec<JoinRequest>,
    /// Paging.
    #[serde(default)]
    pub paging: Paging,
}

/// An error inside a synchronous answer or a webhook: `{code, title, message, error_data}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct ItemError {
    /// Meta's code.
    #[serde(default, deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    /// Short title.
    #[serde(default)]
    pub title: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// `{details}`.
    #[serde(default)]
    pub error_data: Option<super::ErrorData>,
}

/// One failed join request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FailedJoinRequest {
    /// The request's ID.
    pub join_request_id: String,
    /// Why it failed.
    #[serde(default)]
    pub errors: Vec<ItemError>,
}

/// The answer to approving or rejecting join requests (SPEC §2.13, §2.14).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct JoinRequestsOutcome {
    /// Approved IDs (approve only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approved_join_requests: Vec<String>,
    /// Rejected IDs (reject only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_join_requests: Vec<String>,
    /// Items that failed, only when some did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_join_requests: Vec<FailedJoinRequest>,
    /// Top-level errors, only when some item failed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ItemError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_group_info_example_with_placeholders_parses() {
        let json = r#"{"messaging_product": "whatsapp", "id": "<GROUP_ID>", "subject": "<SUBJECT>",
            "creation_timestamp": "<TIMESTAMP>", "suspended": "<SUSPENDED>", "description": "<DESCRIPTION>",
            "total_participant_count": "<TOTAL_PARTICIPANT_COUNT>",
            "participants": [{"wa_id": "<WA_ID>"}, {"wa_id": "<WA_ID>"}],
            "join_approval_mode": "<JOIN_APPROVAL_MODE>"}"#;
        let info: GroupInfo = serde_json::from_str(json).unwrap();
        assert_eq!(info.id, "<GROUP_ID>");
        assert_eq!(info.participants.unwrap().len(), 2);
        assert_eq!(info.suspended, None);
        assert_eq!(info.creation_timestamp, None);
    }

    #[test]
    fn group_info_with_real_types_and_bsuid_participants_parses() {
        let json = r#"{"id": "G", "suspended": true, "creation_timestamp": 1755548877,
            "total_participant_count": 2,
            "participants": [{"wa_id": "16505551234"}, {"user_id": "US.abc", "username": "kim"}]}"#;
        let info: GroupInfo = serde_json::from_str(json).unwrap();
        assert_eq!(info.suspended, Some(true));
        assert_eq!(info.total_participant_count, Some(2));
        let participants = info.participants.unwrap();
        assert_eq!(participants[1].key(), Some("US.abc"));
    }

    #[test]
    fn both_active_group_shapes_parse() {
        let meta = r#"{"data": {"groups": [{"id": "G1", "subject": "S", "created_at": "1700000000"}]},
            "paging": {"cursors": {"after": "A", "before": "B"},
            "next": "https://graph.facebook.com/v25.0/1/groups?limit=25&after=A"}}"#;
        let response: ActiveGroupsResponse = serde_json::from_str(meta).unwrap();
        assert_eq!(response.paging.next_cursor(), Some("A"));
        let groups = response.data.into_groups();
        assert_eq!(groups[0].created_at, Some(1_700_000_000));

        let passthrough =
            r#"{"data": [{"id": "G2", "subject": "S", "creation_timestamp": 1700000001}]}"#;
        let response: ActiveGroupsResponse = serde_json::from_str(passthrough).unwrap();
        assert!(response.paging.next_cursor().is_none());
        assert_eq!(
            response.data.into_groups()[0].created_at,
            Some(1_700_000_001)
        );
    }

    #[test]
    fn the_spec_join_request_examples_parse() {
        let list = r#"{"data": [{"join_request_id": "MTY0", "wa_id": "16505551234", "creation_timestamp": 1755548877}],
            "paging": {"cursors": {"before": "x", "after": "y"}}}"#;
        let response: JoinRequestsResponse = serde_json::from_str(list).unwrap();
        assert_eq!(response.data[0].user.key(), Some("16505551234"));
        assert!(
            response.paging.next_cursor().is_none(),
            "no next means the last page"
        );

        let partial = r#"{"messaging_product": "whatsapp", "approved_join_requests": ["A"],
            "failed_join_requests": [{"join_request_id": "B", "errors": [{"code": 131203,
            "message": "(#131203) Recipient has not accepted our new Terms of Service and Privacy Policy.",
            "title": "Unable to add participant to group",
            "error_data": {"details": "Recipient has not accepted our new Terms of Service and Privacy Policy."}}]}]}"#;
        let outcome: JoinRequestsOutcome = serde_json::from_str(partial).unwrap();
        assert_eq!(outcome.approved_join_requests, vec!["A"]);
        assert_eq!(outcome.failed_join_requests[0].errors[0].code, Some(131203));
    }
}
