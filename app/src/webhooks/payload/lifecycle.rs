//! `group_lifecycle_update` (SPEC §4.1): the outcome of create and delete requests.

use super::common::WebhookError;
use crate::ids::{RequestId, WaGroupId};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::super::FieldChange;
    use super::super::fixtures::{self, first_change};
    use super::*;

    fn lifecycle_events(json: &str) -> Vec<LifecycleEvent> {
        match first_change(json) {
            FieldChange::GroupLifecycle { metadata, groups } => {
                assert_eq!(metadata.phone_number_id.as_str(), "PHONE_NUMBER_ID");
                assert_eq!(
                    metadata.display_phone_number.as_deref(),
                    Some("DISPLAY_PHONE_NUMBER")
                );
                groups
            }
            other => panic!("expected a lifecycle change, got {other:?}"),
        }
    }

    #[test]
    fn a_successful_create_carries_the_group_and_its_invite_link() {
        let events = lifecycle_events(fixtures::LIFECYCLE_CREATE_SUCCEED);

        let event = &events[0];
        assert_eq!(event.kind, LifecycleType::GroupCreate);
        assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
        assert_eq!(event.request_id, Some(RequestId::from("REQUEST_ID")));
        assert_eq!(event.subject.as_deref(), Some("test invite link"));
        assert_eq!(
            event.invite_link.as_deref(),
            Some("https://chat.whatsapp.com/LINK_ID")
        );
        assert_eq!(
            event.join_approval_mode.as_deref(),
            Some("JOIN_APPROVAL_MODE")
        );
        assert_eq!(
            event.timestamp, None,
            "a placeholder timestamp is not a number"
        );
        assert!(event.errors.is_none());
    }

    #[test]
    fn a_failed_create_carries_its_errors_subject_and_description() {
        let events = lifecycle_events(fixtures::LIFECYCLE_CREATE_FAIL);

        let event = &events[0];
        assert_eq!(event.kind, LifecycleType::GroupCreate);
        assert_eq!(event.request_id, Some(RequestId::from("REQUEST_ID")));
        assert_eq!(event.subject.as_deref(), Some("GROUP_SUBJECT"));
        assert_eq!(event.description.as_deref(), Some("GROUP_DESCRIPTION"));
        // SPEC §9.15: the failure example has a group_id although no group was made.
        assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
        let error = &event.errors.as_ref().unwrap()[0];
        assert_eq!(error.code, None, "a placeholder code is not a number");
        assert_eq!(error.title.as_deref(), Some("ERROR_TITLE"));
        assert_eq!(error.message.as_deref(), Some("ERROR_MESSAGE"));
        let details = error.error_data.as_ref().unwrap().details.as_deref();
        assert_eq!(details, Some("ERROR_DETAILS"));
    }

    #[test]
    fn a_failed_create_without_a_group_id_is_read() {
        let json = fixtures::LIFECYCLE_CREATE_FAIL.replace(r#""group_id": "GROUP_ID","#, "");

        let events = lifecycle_events(&json);

        assert_eq!(events[0].group_id, None);
        assert!(events[0].errors.is_some());
    }

    #[test]
    fn a_successful_delete_names_the_group_and_request() {
        let events = lifecycle_events(fixtures::LIFECYCLE_DELETE_SUCCEED);

        let event = &events[0];
        assert_eq!(event.kind, LifecycleType::GroupDelete);
        assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
        assert_eq!(event.request_id, Some(RequestId::from("REQUEST_ID")));
        assert!(event.errors.is_none());
        assert_eq!(event.invite_link, None);
    }

    #[test]
    fn a_failed_delete_carries_its_errors() {
        let events = lifecycle_events(fixtures::LIFECYCLE_DELETE_FAIL);

        let event = &events[0];
        assert_eq!(event.kind, LifecycleType::GroupDelete);
        assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
        let errors = event.errors.as_ref().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].title.as_deref(), Some("ERROR_TITLE"));
    }

    #[test]
    fn unknown_types_and_keys_are_tolerated() {
        let json = fixtures::LIFECYCLE_CREATE_SUCCEED
            .replace("group_create", "group_archive")
            .replace(r#""subject""#, r#""brand_new_key": {"x": 1}, "subject""#);

        let events = lifecycle_events(&json);

        assert_eq!(events[0].kind, LifecycleType::Other("group_archive".into()));
        assert_eq!(events[0].subject.as_deref(), Some("test invite link"));
    }

    #[test]
    fn a_numeric_timestamp_and_code_are_read_as_are_numeric_strings() {
        let numeric = fixtures::LIFECYCLE_CREATE_FAIL
            .replace(r#""TIMESTAMP""#, "1761000000")
            .replace(r#""ERROR_CODE""#, "131211");
        let strings = fixtures::LIFECYCLE_CREATE_FAIL
            .replace(r#""TIMESTAMP""#, r#""1761000000""#)
            .replace(r#""ERROR_CODE""#, r#""131211""#);

        for json in [numeric, strings] {
            let events = lifecycle_events(&json);
            assert_eq!(events[0].timestamp, Some(1_761_000_000));
            assert_eq!(events[0].errors.as_ref().unwrap()[0].code, Some(131_211));
        }
    }

    #[test]
    fn errors_serialize_as_before_without_an_empty_href() {
        let events = lifecycle_events(fixtures::LIFECYCLE_DELETE_FAIL);

        let stored = serde_json::to_value(events[0].errors.as_ref().unwrap()).unwrap();

        assert_eq!(
            stored,
            serde_json::json!([{"code": null, "title": "ERROR_TITLE", "message": "ERROR_MESSAGE",
                "error_data": {"details": "ERROR_DETAILS"}}])
        );
    }
}
