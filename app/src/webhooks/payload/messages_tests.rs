use super::super::fixtures::{self, first_change};
use super::super::{Contact, FieldChange};
use super::*;

fn inbound(json: &str) -> (Vec<Contact>, Vec<InboundMessage>) {
    match first_change(json) {
        FieldChange::Messages {
            metadata,
            contacts,
            messages,
            statuses,
            ..
        } => {
            assert_eq!(metadata.phone_number_id.as_str(), "106540352242922");
            assert_eq!(
                metadata.display_phone_number.as_deref(),
                Some("15550783881")
            );
            assert!(statuses.is_empty());
            (contacts, messages)
        }
        other => panic!("expected a messages change, got {other:?}"),
    }
}

/// The SPEC's received example with its message object replaced.
fn with_message(message: &str) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(fixtures::MESSAGES_GROUP_MESSAGE_RECEIVED).unwrap();
    value["entry"][0]["changes"][0]["value"]["messages"][0] =
        serde_json::from_str(message).unwrap();
    value.to_string()
}

#[test]
fn a_group_text_message_names_its_group_sender_and_body() {
    let (contacts, messages) = inbound(fixtures::MESSAGES_GROUP_MESSAGE_RECEIVED);

    let contact = &contacts[0];
    assert_eq!(contact.wa_id, Some(WaId::from("16505551234")));
    let name = contact.profile.as_ref().and_then(|p| p.name.as_deref());
    assert_eq!(name, Some("Tiago Mingo"));
    let message = &messages[0];
    assert_eq!(message.kind, MessageType::Text);
    assert_eq!(
        message.id,
        Wamid::from("wamid.HASDI128HJOPUERIH82ahdasd09ASDHi5>")
    );
    assert_eq!(
        message.group_id,
        Some(WaGroupId::from(
            "HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA"
        ))
    );
    assert_eq!(message.sender().wa_id, Some(WaId::from("16505551234")));
    assert_eq!(message.timestamp, Some(1_744_344_496));
    let body = message.text.as_ref().and_then(|t| t.body.as_deref());
    assert_eq!(body, Some("What does everyone think about this?"));
    assert!(message.errors.is_none() && message.media().is_none());
}

#[test]
fn an_unsupported_group_message_carries_error_130501() {
    let (_, messages) = inbound(fixtures::MESSAGES_GROUP_MESSAGE_UNSUPPORTED);

    let message = &messages[0];
    assert_eq!(message.kind, MessageType::Unsupported);
    assert!(message.group_id.is_some());
    let error = &message.errors.as_ref().unwrap()[0];
    assert_eq!(error.code, Some(130_501));
    assert_eq!(error.title.as_deref(), Some("Unsupported message type"));
}

#[test]
fn media_messages_are_read_with_their_captions_and_flags() {
    let cases = [
        (
            r#"{"type": "image", "image": {"id": "M1", "mime_type": "image/jpeg", "sha256": "H", "caption": "Look"}}"#,
            MessageType::Image,
        ),
        (
            r#"{"type": "video", "video": {"id": "M1", "mime_type": "video/mp4", "caption": "Look"}}"#,
            MessageType::Video,
        ),
        (
            r#"{"type": "audio", "audio": {"id": "M1", "mime_type": "audio/ogg", "voice": "true"}}"#,
            MessageType::Audio,
        ),
        (
            r#"{"type": "document", "document": {"id": "M1", "filename": "a.pdf", "caption": "Look"}}"#,
            MessageType::Document,
        ),
        (
            r#"{"type": "sticker", "sticker": {"id": "M1", "mime_type": "image/webp", "animated": false}}"#,
            MessageType::Sticker,
        ),
    ];

    for (content, kind) in cases {
        let message = content.replacen(
            '{',
            r#"{"from": "1", "id": "wamid.M", "group_id": "G", "timestamp": 1744344496, "#,
            1,
        );
        let (_, messages) = inbound(&with_message(&message));

        let message = &messages[0];
        assert_eq!(message.kind, kind);
        assert_eq!(message.timestamp, Some(1_744_344_496));
        let media = message.media().unwrap();
        assert_eq!(media.id, Some(MediaId::from("M1")));
        match kind {
            MessageType::Audio => assert_eq!(media.voice, Some(true)),
            MessageType::Sticker => assert_eq!(media.animated, Some(false)),
            MessageType::Document => {
                assert_eq!(media.filename.as_deref(), Some("a.pdf"));
            }
            _ => assert_eq!(media.caption.as_deref(), Some("Look")),
        }
    }
}

#[test]
fn a_reply_in_a_group_names_the_quoted_message() {
    let message = r#"{"from": "1", "id": "wamid.R", "group_id": "G", "type": "text",
      "text": {"body": "Agreed"},
      "context": {"from": "2", "id": "wamid.Q", "group_id": "G", "forwarded": "false"}}"#;

    let (_, messages) = inbound(&with_message(message));

    let context = messages[0].context.as_ref().unwrap();
    assert_eq!(context.id, Some(Wamid::from("wamid.Q")));
    assert_eq!(context.from, Some(WaId::from("2")));
    assert_eq!(context.group_id, Some(WaGroupId::from("G")));
    assert_eq!(context.forwarded, Some(false));
}

#[test]
fn reactions_locations_and_buttons_are_read() {
    let reaction = r#"{"from": "1", "id": "wamid.X", "type": "reaction",
      "reaction": {"message_id": "wamid.Q", "emoji": "👍"}}"#;
    let location = r#"{"from": "1", "id": "wamid.Y", "type": "location",
      "location": {"latitude": "52.37", "longitude": 4.89, "name": "Dam"}}"#;
    let button = r#"{"from": "1", "id": "wamid.Z", "type": "button",
      "button": {"payload": "YES", "text": "Yes"}}"#;

    let (_, reacted) = inbound(&with_message(reaction));
    let (_, located) = inbound(&with_message(location));
    let (_, pressed) = inbound(&with_message(button));

    let reaction = reacted[0].reaction.as_ref().unwrap();
    assert_eq!(reaction.message_id, Some(Wamid::from("wamid.Q")));
    assert_eq!(reaction.emoji.as_deref(), Some("👍"));
    let location = located[0].location.as_ref().unwrap();
    assert_eq!(location.latitude, Some(52.37));
    assert_eq!(location.longitude, Some(4.89));
    assert_eq!(
        pressed[0].button.as_ref().unwrap().payload.as_deref(),
        Some("YES")
    );
}

#[test]
fn a_sender_known_only_by_bsuid_is_read() {
    let mut value: serde_json::Value =
        serde_json::from_str(fixtures::MESSAGES_GROUP_MESSAGE_RECEIVED).unwrap();
    let change = &mut value["entry"][0]["changes"][0]["value"];
    change["contacts"][0] = serde_json::json!({"user_id": "US.1349", "parent_user_id": "US.ENT.9",
        "profile": {"name": "Tiago", "username": "@tiago"}});
    let message = change["messages"][0].as_object_mut().unwrap();
    message.remove("from");
    message.insert("from_user_id".into(), "US.1349".into());
    message.insert("from_parent_user_id".into(), "US.ENT.9".into());

    let (contacts, messages) = inbound(&value.to_string());

    let sender = messages[0].sender();
    assert_eq!(sender.wa_id, None);
    assert_eq!(sender.user_id, Some(Bsuid::from("US.1349")));
    assert_eq!(sender.parent_user_id, Some(Bsuid::from("US.ENT.9")));
    let contact = contacts[0].identity();
    assert_eq!(contact.user_id, sender.user_id);
    assert_eq!(contact.username.as_deref(), Some("@tiago"));
}

#[test]
fn an_unknown_message_type_and_unknown_keys_are_tolerated() {
    let message = r#"{"from": "1", "id": "wamid.P", "type": "poll", "poll": {"q": "?"},
      "brand_new": true}"#;

    let (_, messages) = inbound(&with_message(message));

    assert_eq!(messages[0].kind, MessageType::Other("poll".into()));
    assert_eq!(messages[0].group_id, None);
}
