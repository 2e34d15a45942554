use super::super::FieldChange;
use super::super::fixtures::{self, first_change};
use super::*;
use crate::ids::{Bsuid, WaId};

fn participants_events(json: &str) -> Vec<ParticipantsEvent> {
    match first_change(json) {
        FieldChange::GroupParticipants { metadata, groups } => {
            assert!(
                metadata
                    .phone_number_id
                    .as_str()
                    .ends_with("PHONE_NUMBER_ID")
            );
            groups
        }
        other => panic!("expected a participants change, got {other:?}"),
    }
}

fn inputs(participants: &[Participant]) -> Vec<&str> {
    participants
        .iter()
        .filter_map(|p| p.input.as_deref())
        .collect()
}

#[test]
fn joining_by_invite_link_lists_the_new_participant() {
    let events = participants_events(fixtures::PARTICIPANTS_JOIN_VIA_INVITE_LINK);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupParticipantsAdd);
    assert_eq!(event.group_id, Some(WaGroupId::from("GROUP_ID")));
    assert_eq!(event.reason, Some(ParticipantsReason::InviteLink));
    assert_eq!(event.added_participants.len(), 1);
    let added = &event.added_participants[0];
    assert_eq!(added.user.wa_id, Some(WaId::from("WHATSAPP_ID")));
    assert_eq!(added.input, None);
    assert!(event.request_id.is_none() && event.errors.is_none());
}

#[test]
fn a_created_join_request_names_the_request_and_the_user() {
    let events = participants_events(fixtures::PARTICIPANTS_JOIN_REQUEST_CREATED);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupJoinRequestCreated);
    assert_eq!(
        event.join_request_id,
        Some(JoinRequestId::from("JOIN_REQUEST_ID"))
    );
    assert_eq!(event.user.wa_id, Some(WaId::from("WHATSAPP_USER_ID")));
    assert_eq!(
        event.reason,
        Some(ParticipantsReason::Other(
            "REASON_FOR_REQUEST_OUTCOME".into()
        ))
    );
    assert!(event.added_participants.is_empty());
}

#[test]
fn a_revoked_join_request_names_the_request_and_the_user() {
    let events = participants_events(fixtures::PARTICIPANTS_JOIN_REQUEST_REVOKED);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupJoinRequestRevoked);
    assert_eq!(
        event.join_request_id,
        Some(JoinRequestId::from("JOIN_REQUEST_ID"))
    );
    assert_eq!(event.user.wa_id, Some(WaId::from("WHATSAPP_USER_ID")));
}

#[test]
fn an_approved_join_request_adds_the_participant_with_its_input() {
    let events = participants_events(fixtures::PARTICIPANTS_JOIN_REQUEST_APPROVED);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupParticipantsAdd);
    assert_eq!(event.reason, Some(ParticipantsReason::InviteLink));
    let added = &event.added_participants[0];
    assert_eq!(added.input.as_deref(), Some("WHATSAPP_USER_PHONE_NUMBER"));
    assert_eq!(added.user.wa_id, Some(WaId::from("WHATSAPP_USER_ID")));
}

#[test]
fn a_successful_removal_by_the_business_lists_every_input() {
    let events = participants_events(fixtures::PARTICIPANTS_REMOVE_SUCCEED);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupParticipantsRemove);
    assert_eq!(event.request_id, Some(RequestId::from("REQUEST_ID")));
    assert_eq!(event.initiated_by, Some(InitiatedBy::Business));
    assert_eq!(inputs(&event.removed_participants).len(), 2);
    assert!(event.failed_participants.is_empty());
    assert!(event.errors.is_none());
}

#[test]
fn a_partly_failed_removal_splits_removed_from_failed_with_errors() {
    let events = participants_events(fixtures::PARTICIPANTS_REMOVE_PARTIAL_FAIL);

    let event = &events[0];
    assert_eq!(event.initiated_by, Some(InitiatedBy::Business));
    assert_eq!(
        inputs(&event.removed_participants),
        ["PHONE_NUMBER or WHATSAPP_ID"]
    );
    let failed = &event.failed_participants[0];
    assert_eq!(failed.input.as_deref(), Some("PHONE_NUMBER or WHATSAPP_ID"));
    let failed_errors = failed.errors.as_ref().unwrap();
    assert_eq!(failed_errors[0].title.as_deref(), Some("ERROR_TITLE"));
    let errors = event.errors.as_ref().unwrap();
    assert_eq!(
        errors[0].title.as_deref(),
        Some("Not All Participants Remove Succeeded")
    );
}

#[test]
fn a_wholly_failed_removal_lists_failures_without_per_participant_errors() {
    let events = participants_events(fixtures::PARTICIPANTS_REMOVE_FAIL);

    let event = &events[0];
    assert_eq!(event.initiated_by, Some(InitiatedBy::Business));
    assert!(event.removed_participants.is_empty());
    assert_eq!(inputs(&event.failed_participants).len(), 2);
    assert!(event.failed_participants.iter().all(|p| p.errors.is_none()));
    assert_eq!(event.errors.as_ref().map(Vec::len), Some(1));
}

#[test]
fn a_participant_leaving_is_a_removal_initiated_by_the_participant() {
    let events = participants_events(fixtures::PARTICIPANTS_PARTICIPANT_LEFT);

    let event = &events[0];
    assert_eq!(event.kind, ParticipantsType::GroupParticipantsRemove);
    assert_eq!(event.initiated_by, Some(InitiatedBy::Participant));
    assert_eq!(event.request_id, None);
    let removed = &event.removed_participants[0];
    assert_eq!(removed.user.wa_id, Some(WaId::from("WHATSAPP_ID")));
    assert_eq!(removed.input, None);
}

#[test]
fn initiated_by_beside_groups_applies_to_events_without_one() {
    // SPEC §9.16: Meta's example puts `initiated_by` outside the event; one repair puts it in `value`.
    let mut value: serde_json::Value =
        serde_json::from_str(fixtures::PARTICIPANTS_PARTICIPANT_LEFT).unwrap();
    let change = &mut value["entry"][0]["changes"][0]["value"];
    let initiated_by = change["groups"][0]
        .as_object_mut()
        .unwrap()
        .remove("initiated_by")
        .unwrap();
    change["initiated_by"] = initiated_by;

    let events = participants_events(&value.to_string());

    assert_eq!(events[0].initiated_by, Some(InitiatedBy::Participant));
}

#[test]
fn initiated_by_as_its_own_item_applies_to_the_events_before_it() {
    // SPEC §9.16, the other repair: `initiated_by` as a separate object after the event.
    let json = r#"{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{
      "field": "group_participants_update", "value": {"metadata": {"phone_number_id": "PHONE_NUMBER_ID"},
      "groups": [
        {"type": "group_participants_remove", "group_id": "G1", "removed_participants": [{"wa_id": "1"}]},
        {"initiated_by": "participant"},
        {"type": "group_participants_remove", "group_id": "G2", "request_id": "R",
         "removed_participants": [{"input": "2"}]},
        {"initiated_by": "business"}
      ]}}]}]}"#;

    let events = participants_events(json);

    assert_eq!(events.len(), 2);
    assert_eq!(events[0].initiated_by, Some(InitiatedBy::Participant));
    assert_eq!(events[1].initiated_by, Some(InitiatedBy::Business));
}

#[test]
fn initiated_by_inside_the_event_wins_over_one_beside_it() {
    let json = fixtures::PARTICIPANTS_REMOVE_SUCCEED.replace(
        r#""groups": ["#,
        r#""initiated_by": "participant", "groups": ["#,
    );

    let events = participants_events(&json);

    assert_eq!(events[0].initiated_by, Some(InitiatedBy::Business));
}

#[test]
fn participants_known_only_by_bsuid_are_read() {
    let json = r#"{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{
      "field": "group_participants_update", "value": {"metadata": {"phone_number_id": "PHONE_NUMBER_ID"},
      "groups": [
        {"type": "group_participants_add", "group_id": "G", "reason": "invite_link", "timestamp": 1761000000,
         "added_participants": [{"user_id": "US.1349", "parent_user_id": "US.ENT.77", "username": "@ana"}]},
        {"type": "group_join_request_created", "group_id": "G", "join_request_id": "J",
         "user_id": "BR.88", "username": "@bo"},
        {"type": "group_participants_remove", "group_id": "G", "request_id": "R", "initiated_by": "business",
         "removed_participants": [{"input": "US.1349", "user_id": "US.1349"}]}
      ]}}]}]}"#;

    let events = participants_events(json);

    let added = &events[0].added_participants[0].user;
    assert_eq!(added.wa_id, None);
    assert_eq!(added.user_id, Some(Bsuid::from("US.1349")));
    assert_eq!(added.parent_user_id, Some(Bsuid::from("US.ENT.77")));
    assert_eq!(added.username.as_deref(), Some("@ana"));
    assert!(!added.is_anonymous());
    assert_eq!(events[0].timestamp, Some(1_761_000_000));
    assert_eq!(events[1].user.user_id, Some(Bsuid::from("BR.88")));
    assert_eq!(events[1].user.wa_id, None);
    assert_eq!(
        events[2].removed_participants[0].input.as_deref(),
        Some("US.1349")
    );
}

#[test]
fn unknown_types_reasons_initiators_and_keys_are_tolerated() {
    let json = fixtures::PARTICIPANTS_PARTICIPANT_LEFT
        .replace("group_participants_remove", "group_participants_demote")
        .replace(r#""participant""#, r#""whatsapp""#)
        .replace(r#""wa_id""#, r#""shiny": [1], "wa_id""#);

    let events = participants_events(&json);

    assert_eq!(
        events[0].kind,
        ParticipantsType::Other("group_participants_demote".into())
    );
    assert_eq!(
        events[0].initiated_by,
        Some(InitiatedBy::Other("whatsapp".into()))
    );
    assert_eq!(
        events[0].removed_participants[0].user.wa_id,
        Some(WaId::from("WHATSAPP_ID"))
    );
}
