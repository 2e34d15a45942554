//! The webhook examples of SPEC §3.3, §3.4 and §4, one file each, and a check that none is missed.
//!
//! Most files are the SPEC's examples verbatim. Five are named but not printed in the SPEC and
//! were built from its prose: `join_request_revoked` and `suspension_cleared` (the printed sibling
//! with another `type`), `settings_update.total_fail` (all three settings failed),
//! `group_message_unsupported` (code 130501) and `group_status_bsuid_syntax` (§3.3 notes, §3.7).
//!
//! Every constant here must be used by a test, or the dead-code lint fails the build.

use super::{Envelope, FieldChange};

macro_rules! fixtures {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[doc = concat!("`", $file, "`.")]
            pub const $name: &str = include_str!(concat!("fixtures/", $file));
        )*
        /// Every fixture, by file name.
        const ALL: &[(&str, &str)] = &[$(($file, $name)),*];
    };
}

fixtures! {
    LIFECYCLE_CREATE_SUCCEED => "webhook.group_lifecycle_update.create_succeed.json",
    LIFECYCLE_CREATE_FAIL => "webhook.group_lifecycle_update.create_fail.json",
    LIFECYCLE_DELETE_SUCCEED => "webhook.group_lifecycle_update.delete_succeed.json",
    LIFECYCLE_DELETE_FAIL => "webhook.group_lifecycle_update.delete_fail.json",
    PARTICIPANTS_JOIN_VIA_INVITE_LINK => "webhook.group_participants_update.join_via_invite_link.json",
    PARTICIPANTS_JOIN_REQUEST_CREATED => "webhook.group_participants_update.join_request_created.json",
    PARTICIPANTS_JOIN_REQUEST_REVOKED => "webhook.group_participants_update.join_request_revoked.json",
    PARTICIPANTS_JOIN_REQUEST_APPROVED => "webhook.group_participants_update.join_request_approved.json",
    PARTICIPANTS_REMOVE_SUCCEED => "webhook.group_participants_update.remove_succeed.json",
    PARTICIPANTS_REMOVE_PARTIAL_FAIL => "webhook.group_participants_update.remove_partial_fail.json",
    PARTICIPANTS_REMOVE_FAIL => "webhook.group_participants_update.remove_fail.json",
    PARTICIPANTS_PARTICIPANT_LEFT => "webhook.group_participants_update.participant_left.json",
    SETTINGS_SUCCEED => "webhook.group_settings_update.succeed.json",
    SETTINGS_PARTIAL_FAIL => "webhook.group_settings_update.partial_fail.json",
    SETTINGS_TOTAL_FAIL => "webhook.group_settings_update.total_fail.json",
    STATUS_SUSPENDED => "webhook.group_status_update.suspended.json",
    STATUS_SUSPENSION_CLEARED => "webhook.group_status_update.suspension_cleared.json",
    MESSAGES_STATUS_AGGREGATED => "webhook.messages.group_status_aggregated_multi_participant.json",
    MESSAGES_STATUS_SENT => "webhook.messages.group_status_sent.json",
    MESSAGES_STATUS_FAILED => "webhook.messages.group_status_failed.json",
    MESSAGES_STATUS_BSUID_SYNTAX => "webhook.messages.group_status_bsuid_syntax.json",
    MESSAGES_GROUP_MESSAGE_RECEIVED => "webhook.messages.group_message_received.example.json",
    MESSAGES_GROUP_MESSAGE_UNSUPPORTED => "webhook.messages.group_message_unsupported.json",
}

/// Reads the first change of the first entry.
pub fn first_change(json: &str) -> FieldChange {
    let envelope: Envelope = serde_json::from_str(json).unwrap();
    envelope.entry[0].changes[0].parse().unwrap()
}

#[test]
fn every_fixture_file_is_listed_and_every_listed_fixture_exists() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/src/webhooks/payload/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();

    let mut listed: Vec<String> = ALL.iter().map(|(file, _)| (*file).to_owned()).collect();
    listed.sort();

    assert_eq!(on_disk, listed);
}

#[test]
fn every_fixture_is_one_whatsapp_envelope_with_a_known_field() {
    for (file, json) in ALL {
        let envelope: Envelope = serde_json::from_str(json).unwrap();
        assert_eq!(envelope.object, "whatsapp_business_account", "{file}");
        assert_eq!(envelope.entry.len(), 1, "{file}");
        let changes = &envelope.entry[0].changes;
        assert_eq!(changes.len(), 1, "{file}");
        assert!(
            file.starts_with(&format!("webhook.{}.", changes[0].field)),
            "{file}"
        );

        let parsed = changes[0].parse().unwrap();

        assert!(!matches!(parsed, FieldChange::Other { .. }), "{file}");
    }
}
