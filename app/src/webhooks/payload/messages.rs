//! `messages` → `messages` and `contacts` (SPEC §3.4): what users post in a group, and who they are.

use super::common::{UserIdentity, WebhookError};
use crate::ids::{Bsuid, MediaId, WaGroupId, WaId, Wamid};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `type` of an inbound message; its content is in the key of the same name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageType {
    /// `text`.
    Text,
    /// `image`.
    Image,
    /// `video`.
    Video,
    /// `audio`, including voice notes.
    Audio,
    /// `document`.
    Document,
    /// `sticker`.
    Sticker,
    /// `location`.
    Location,
    /// `reaction` to an earlier message.
    Reaction,
    /// Shared contact cards (kept unread; SPEC §9.10).
    Contacts,
    /// A template quick-reply button press.
    Button,
    /// A type WhatsApp cannot deliver in groups; see `errors`.
    Unsupported,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `context`: the message this one replies to or quotes, or forwarding flags.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct MessageContext {
    /// The replied-to message's sender.
    #[serde(default)]
    pub from: Option<WaId>,
    /// The replied-to message's sender, by BSUID.
    #[serde(default)]
    pub from_user_id: Option<Bsuid>,
    /// The replied-to message.
    #[serde(default)]
    pub id: Option<Wamid>,
    /// The group the replied-to message was in.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// Forwarded (a bool, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub forwarded: Option<bool>,
    /// Forwarded many times.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub frequently_forwarded: Option<bool>,
}

/// `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Text {
    /// What was written.
    #[serde(default)]
    pub body: Option<String>,
}

/// `image`, `video`, `audio`, `document` or `sticker`: received media, fetched later by ID.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Media {
    /// The media object, to download.
    #[serde(default)]
    pub id: Option<MediaId>,
    /// Its type, for example `image/jpeg`.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Its hash.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The caption (image, video, document).
    #[serde(default)]
    pub caption: Option<String>,
    /// The file name (document).
    #[serde(default)]
    pub filename: Option<String>,
    /// A voice note rather than an audio file (audio).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub voice: Option<bool>,
    /// Animated (sticker).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub animated: Option<bool>,
}

/// `location`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Location {
    /// Degrees north.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub latitude: Option<f64>,
    /// Degrees east.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub longitude: Option<f64>,
    /// The place's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The place's address.
    #[serde(default)]
    pub address: Option<String>,
}

/// `reaction`: an emoji on an earlier message; an empty emoji removes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Reaction {
    /// The message reacted to.
    #[serde(default)]
    pub message_id: Option<Wamid>,
    /// The emoji.
    #[serde(default)]
    pub emoji: Option<String>,
}

/// `button`: a template quick-reply press.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Button {
    /// The business's payload for the button.
    #[serde(default)]
    pub payload: Option<String>,
    /// The button's label.
    #[serde(default)]
    pub text: Option<String>,
}

/// One inbound message; `group_id` is set for group messages.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct InboundMessage {
    /// The message, for de-duplication and replies.
    pub id: Wamid,
    /// The sender's `wa_id`; may be absent with BSUIDs.
    #[serde(default)]
    pub from: Option<WaId>,
    /// The sender's BSUID.
    #[serde(default)]
    pub from_user_id: Option<Bsuid>,
    /// The sender's parent BSUID.
    #[serde(default)]
    pub from_parent_user_id: Option<Bsuid>,
    /// The group the message was posted in; `None` for one-to-one messages.
    #[serde(default)]
    pub group_id: Option<WaGroupId>,
    /// Unix seconds (Meta sends a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
    /// Which content key is set.
    #[serde(rename = "type")]
    pub kind: MessageType,
    /// What it replies to, or forwarding flags.
    #[serde(default)]
    pub context: Option<MessageContext>,
    /// Text content.
    #[serde(default)]
    pub text: Option<Text>,
    /// Image content.
    #[serde(default)]
    pub image: Option<Media>,
    /// Video content.
    #[serde(default)]
    pub video: Option<Media>,
    /// Audio content.
    #[serde(default)]
    pub audio: Option<Media>,
    /// Document content.
    #[serde(default)]
    pub document: Option<Media>,
    /// Sticker content.
    #[serde(default)]
    pub sticker: Option<Media>,
    /// Location content.
    #[serde(default)]
    pub location: Option<Location>,
    /// Reaction content.
    #[serde(default)]
    pub reaction: Option<Reaction>,
    /// Button content.
    #[serde(default)]
    pub button: Option<Button>,
    /// Why the message could not be delivered (`unsupported`, code `130501`).
    #[serde(default)]
    pub errors: Option<Vec<WebhookError>>,
}

impl InboundMessage {
    /// Who sent the message, by `wa_id`, BSUID or both; the username is in `contacts`.
    pub fn sender(&self) -> UserIdentity {
        UserIdentity {
            wa_id: self.from.clone(),
            user_id: self.from_user_id.clone(),
            parent_user_id: self.from_parent_user_id.clone(),
            username: None,
        }
    }

    /// The media, whichever of image, video, audio, document or sticker it is.
    pub fn media(&self) -> Option<&Media> {
        [
            &self.image,
            &self.video,
            &self.audio,
            &self.document,
            &self.sticker,
        ]
        .into_iter()
        .find_map(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
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
}
