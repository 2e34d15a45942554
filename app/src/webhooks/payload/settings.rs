//! `group_settings_update` (SPEC §4.3): the outcome of an update-settings request, per setting.

use super::common::{WebhookError, has_errors};
use crate::ids::{RequestId, WaGroupId};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `type` of a settings event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingsType {
    /// The outcome of an update-settings request.
    GroupSettingsUpdate,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// The outcome of a profile picture update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PictureOutcome {
    /// The picture's type, `image/jpeg`.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// The picture's hash.
    #[serde(default)]
    pub sha256: Option<String>,
    /// Whether the picture was set (a bool, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub update_successful: Option<bool>,
    /// Why it was not.
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

/// The outcome of a subject or description update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TextOutcome {
    /// The text that was asked for.
    #[serde(default)]
    pub text: Option<String>,
    /// Whether the text was set (a bool, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub update_successful: Option<bool>,
    /// Why it was not.
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

impl PictureOutcome {
    /// Whether the picture was set: `update_successful`, or, if Meta left it out, no errors.
    pub fn succeeded(&self) -> bool {
        self.update_successful
            .unwrap_or_else(|| !has_errors(self.errors.as_ref()))
    }
}

impl TextOutcome {
    /// Whether the text was set: `update_successful`, or, if Meta left it out, no errors.
    pub fn succeeded(&self) -> bool {
        self.update_successful
            .unwrap_or_else(|| !has_errors(self.errors.as_ref()))
    }
}

/// One `group_settings_update` event; a setting that was not in the request is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SettingsEvent {
    /// Unix seconds (Meta sends a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
    /// The group.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// Always `group_settings_update` so far.
    #[serde(rename = "type")]
    pub kind: SettingsType,
    /// Correlates with the call's answer.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// The picture's outcome.
    #[serde(default)]
    pub profile_picture: Option<PictureOutcome>,
    /// The subject's outcome.
    #[serde(default)]
    pub group_subject: Option<TextOutcome>,
    /// The description's outcome.
    #[serde(default)]
    pub group_description: Option<TextOutcome>,
    /// Present when at least one setting failed.
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

#[cfg(test)]
mod tests {
    use super::super::FieldChange;
    use super::super::fixtures::{self, first_change};
    use super::*;

    fn settings_event(json: &str) -> SettingsEvent {
        match first_change(json) {
            FieldChange::GroupSettings {
                metadata,
                mut groups,
            } => {
                assert_eq!(metadata.phone_number_id.as_str(), "PHONE_NUMBER_ID");
                assert_eq!(groups.len(), 1);
                groups.remove(0)
            }
            other => panic!("expected a settings change, got {other:?}"),
        }
    }

    #[test]
    fn a_successful_update_reports_each_setting_as_set() {
        let event = settings_event(fixtures::SETTINGS_SUCCEED);

        assert_eq!(event.kind, SettingsType::GroupSettingsUpdate);
        assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
        assert_eq!(event.request_id, Some(RequestId::from("REQUEST_ID")));
        let picture = event.profile_picture.unwrap();
        assert_eq!(picture.mime_type.as_deref(), Some("image/jpeg"));
        assert_eq!(picture.sha256.as_deref(), Some("PHOTO_HASH"));
        assert_eq!(picture.update_successful, Some(true));
        let subject = event.group_subject.unwrap();
        assert_eq!(subject.text.as_deref(), Some("Test Subject"));
        assert!(subject.succeeded());
        let description = event.group_description.unwrap();
        assert_eq!(description.text.as_deref(), Some("Test Description"));
        assert!(description.succeeded());
        assert!(event.errors.is_none());
    }

    #[test]
    fn a_partly_failed_update_reports_which_settings_failed_and_why() {
        let event = settings_event(fixtures::SETTINGS_PARTIAL_FAIL);

        assert!(event.profile_picture.unwrap().succeeded());
        let subject = event.group_subject.unwrap();
        assert_eq!(subject.update_successful, Some(false));
        let subject_errors = subject.errors.unwrap();
        assert_eq!(subject_errors[0].title.as_deref(), Some("ERROR_TITLE"));
        assert!(!event.group_description.unwrap().succeeded());
        assert_eq!(event.errors.map(|errors| errors.len()), Some(1));
    }

    #[test]
    fn a_wholly_failed_update_reports_every_setting_as_failed() {
        let event = settings_event(fixtures::SETTINGS_TOTAL_FAIL);

        let picture = event.profile_picture.unwrap();
        assert!(!picture.succeeded());
        assert_eq!(picture.errors.map(|errors| errors.len()), Some(1));
        assert!(!event.group_subject.unwrap().succeeded());
        assert!(!event.group_description.unwrap().succeeded());
        assert!(event.errors.is_some());
    }

    #[test]
    fn update_successful_is_read_from_strings_and_inferred_when_missing() {
        let json = fixtures::SETTINGS_PARTIAL_FAIL
            .replacen(
                r#""update_successful": true"#,
                r#""update_successful": "true""#,
                1,
            )
            .replacen(r#""update_successful": false,"#, "", 1);

        let event = settings_event(&json);

        assert_eq!(event.profile_picture.unwrap().update_successful, Some(true));
        let subject = event.group_subject.unwrap();
        assert_eq!(subject.update_successful, None);
        assert!(!subject.succeeded(), "errors without a flag mean failure");
    }

    #[test]
    fn settings_left_out_of_the_request_are_none() {
        let json = r#"{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{
          "field": "group_settings_update", "value": {"metadata": {"phone_number_id": "PHONE_NUMBER_ID"},
          "groups": [{"timestamp": 1761000000, "group_id": "G", "type": "group_settings_update",
            "request_id": "R", "group_subject": {"text": "New", "update_successful": true},
            "group_icon": {"emoji": "x"}}]}}]}]}"#;

        let event = settings_event(json);

        assert_eq!(event.timestamp, Some(1_761_000_000));
        assert!(event.group_subject.is_some());
        assert!(event.profile_picture.is_none() && event.group_description.is_none());
    }

    #[test]
    fn an_unknown_settings_type_is_kept() {
        let json = fixtures::SETTINGS_SUCCEED.replace(
            r#""type": "group_settings_update""#,
            r#""type": "group_settings_sync""#,
        );

        let event = settings_event(&json);

        assert_eq!(
            event.kind,
            SettingsType::Other("group_settings_sync".into())
        );
    }
}
