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
