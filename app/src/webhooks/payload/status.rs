//! `group_status_update` (SPEC §4.4): WhatsApp suspending a group, or lifting the suspension.

use crate::ids::WaGroupId;
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `type` of a group status event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatusType {
    /// The group was suspended; it cannot be used until cleared (`131207`).
    GroupSuspend,
    /// The suspension was lifted.
    GroupSuspendCleared,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// One `group_status_update` event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct StatusEvent {
    /// Unix seconds (Meta sends a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
    /// The group.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// Suspended or cleared.
    #[serde(rename = "type")]
    pub kind: GroupStatusType,
}

#[cfg(test)]
mod tests {
    use super::super::FieldChange;
    use super::super::fixtures::{self, first_change};
    use super::*;

    fn status_events(json: &str) -> Vec<StatusEvent> {
        match first_change(json) {
            FieldChange::GroupStatus { metadata, groups } => {
                assert_eq!(metadata.phone_number_id.as_str(), "PHONE_NUMBER_ID");
                groups
            }
            other => panic!("expected a group status change, got {other:?}"),
        }
    }

    #[test]
    fn a_suspension_names_the_group() {
        let events = status_events(fixtures::STATUS_SUSPENDED);

        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, GroupStatusType::GroupSuspend);
        assert_eq!(events[0].group_id, Some(WaGroupId::from("GROUP_ID")));
    }

    #[test]
    fn a_cleared_suspension_names_the_group() {
        let events = status_events(fixtures::STATUS_SUSPENSION_CLEARED);

        assert_eq!(events[0].kind, GroupStatusType::GroupSuspendCleared);
        assert_eq!(events[0].group_id, Some(WaGroupId::from("GROUP_ID")));
    }

    #[test]
    fn an_unknown_status_and_a_numeric_timestamp_are_read() {
        let json = fixtures::STATUS_SUSPENDED
            .replace(r#""group_suspend""#, r#""group_archived""#)
            .replace(r#""TIMESTAMP""#, "1761000000");

        let events = status_events(&json);

        assert_eq!(
            events[0].kind,
            GroupStatusType::Other("group_archived".into())
        );
        assert_eq!(events[0].timestamp, Some(1_761_000_000));
    }
}
