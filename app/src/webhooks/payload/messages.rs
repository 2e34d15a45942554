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
#[path = "messages_tests.rs"]
mod tests;
