//! Sending to a group, pins and the invite template (SPEC §2.9, §3.1, §3.2, §3.5).

use serde::{Deserialize, Serialize};

/// A media object: an uploaded media ID or a public link.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaRef {
    /// An uploaded media ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A public URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Shown under images, videos and documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Shown for documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// `text`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TextBody {
    /// The text.
    pub body: String,
    /// Whether to show a preview of the first link.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preview_url: bool,
}

/// A template message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Template {
    /// The template's name.
    pub name: String,
    /// `{code}`.
    pub language: TemplateLanguage,
    /// Header, body and button parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<serde_json::Value>,
}

/// `template.language`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TemplateLanguage {
    /// For example `en_US`.
    pub code: String,
}

/// `pin` (SPEC §3.5).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Pin {
    /// `pin` or `unpin`.
    #[serde(rename = "type")]
    pub kind: PinKind,
    /// The wamid to (un)pin.
    pub message_id: String,
    /// 1 to 30 days; only for `pin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_days: Option<u32>,
}

/// Pin or unpin.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PinKind {
    /// Pin a message.
    Pin,
    /// Unpin a message.
    Unpin,
}

/// What a group message carries (SPEC §3.1): text, media, a template or a pin.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MessageContent {
    /// A text message.
    Text {
        /// The text.
        text: TextBody,
    },
    /// An image.
    Image {
        /// The image.
        image: MediaRef,
    },
    /// A video.
    Video {
        /// The video.
        video: MediaRef,
    },
    /// An audio clip.
    Audio {
        /// The audio.
        audio: MediaRef,
    },
    /// A document.
    Document {
        /// The document.
        document: MediaRef,
    },
    /// A text or media template.
    Template {
        /// The template.
        template: Template,
    },
    /// Pin or unpin a message.
    Pin {
        /// The pin.
        pin: Pin,
    },
}

/// The body of `POST /<PNID>/messages`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SendMessageRequest {
    /// Always `"whatsapp"`.
    pub messaging_product: String,
    /// `group` for group messages, `individual` for 1:1 (the invite template).
    pub recipient_type: String,
    /// The group ID, or the user's number.
    pub to: String,
    /// The content, with its `type`.
    #[serde(flatten)]
    pub content: MessageContent,
    /// Our own tag, echoed in the message's status webhooks (GroupDesk's message ID), so a send
    /// whose answer was lost can still be matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_opaque_callback_data: Option<String>,
}

impl SendMessageRequest {
    /// A message to a group.
    pub fn to_group(group_id: &str, content: MessageContent) -> Self {
        Self {
            messaging_product: "whatsapp".to_owned(),
            recipient_type: "group".to_owned(),
            to: group_id.to_owned(),
            content,
            biz_opaque_callback_data: None,
        }
    }

    /// The group invite-link template sent 1:1 to a user (SPEC §2.9).
    pub fn invite_template(to: &str, template: &str, language: &str, group_id: &str) -> Self {
        let components = vec![serde_json::json!({
            "type": "body",
            "parameters": [{ "type": "group_id", "group_id": group_id }],
        })];
        Self {
            messaging_product: "whatsapp".to_owned(),
            recipient_type: "individual".to_owned(),
            to: to.to_owned(),
            content: MessageContent::Template {
                template: Template {
                    name: template.to_owned(),
                    language: TemplateLanguage {
                        code: language.to_owned(),
                    },
                    components,
                },
            },
            biz_opaque_callback_data: None,
        }
    }
}

/// The answer to a send (SPEC §3.2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SendMessageResponse {
    /// `[{input, wa_id}]`.
    #[serde(default)]
    pub contacts: Vec<SentContact>,
    /// `[{id, group_id?, message_status?}]`.
    #[serde(default)]
    pub messages: Vec<SentMessage>,
}

/// `contacts[]` of a send answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SentContact {
    /// What was sent to.
    #[serde(default)]
    pub input: Option<String>,
    /// Who it went to (the group ID for groups).
    #[serde(default)]
    pub wa_id: Option<String>,
}

/// `messages[]` of a send answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SentMessage {
    /// The wamid.
    pub id: String,
    /// The group, when sent to one (absent on pins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Template pacing state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_status: Option<String>,
}

impl SendMessageResponse {
    /// The wamid of the sent message.
    pub fn wamid(&self) -> Option<&str> {
        self.messages.first().map(|message| message.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_text_serializes_like_the_spec_example() {
        let request = SendMessageRequest::to_group(
            "GROUP",
            MessageContent::Text {
                text: TextBody {
                    body: "Hi".into(),
                    preview_url: true,
                },
            },
        );
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"messaging_product": "whatsapp", "recipient_type": "group", "to": "GROUP",
                "type": "text", "text": {"preview_url": true, "body": "Hi"}})
        );
    }

    #[test]
    fn a_pin_serializes_like_the_spec_example_and_an_unpin_omits_the_duration() {
        let pin = SendMessageRequest::to_group(
            "G",
            MessageContent::Pin {
                pin: Pin {
                    kind: PinKind::Pin,
                    message_id: "M".into(),
                    expiration_days: Some(4),
                },
            },
        );
        assert_eq!(
            serde_json::to_value(&pin).unwrap()["pin"],
            serde_json::json!({"type": "pin", "message_id": "M", "expiration_days": 4})
        );
        let unpin = MessageContent::Pin {
            pin: Pin {
                kind: PinKind::Unpin,
                message_id: "M".into(),
                expiration_days: None,
            },
        };
        assert_eq!(
            serde_json::to_value(&unpin).unwrap()["pin"],
            serde_json::json!({"type": "unpin", "message_id": "M"})
        );
    }

    #[test]
    fn the_invite_template_carries_the_group_id_parameter() {
        let request =
            SendMessageRequest::invite_template("15550001111", "group_invite", "en_US", "G");
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["recipient_type"], "individual");
        assert_eq!(json["type"], "template");
        assert_eq!(
            json["template"]["components"][0]["parameters"][0]["group_id"],
            "G"
        );
    }

    #[test]
    fn send_answers_with_and_without_group_id_parse() {
        let group = r#"{"messaging_product": "whatsapp", "contacts": [{"input": "G", "wa_id": "G"}],
            "messages": [{"id": "wamid.1", "group_id": "G"}]}"#;
        let response: SendMessageResponse = serde_json::from_str(group).unwrap();
        assert_eq!(response.wamid(), Some("wamid.1"));
        let pin = r#"{"messaging_product": "whatsapp", "contacts": [{"input": "G", "wa_id": "G"}],
            "messages": [{"id": "wamid.HBgLM..."}]}"#;
        let response: SendMessageResponse = serde_json::from_str(pin).unwrap();
        assert_eq!(response.messages[0].group_id, None);
    }
}
