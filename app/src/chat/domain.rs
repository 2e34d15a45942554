//! Chat values shared by the browser and the server: what a message looks like in the chat, its
//! send state and receipts, and the checked text of a new message.

use super::text;
use crate::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most characters a text message may have (WhatsApp's limit).
pub const BODY_MAX_CHARS: usize = 4096;
/// How many messages one page of history holds.
pub const PAGE_SIZE: u32 = 50;
/// The most pages the chat loads at once.
pub const MAX_PAGES: u32 = 40;

/// The text of a message to send: trimmed, 1 to 4096 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    /// Checks a raw text; white space around it is dropped.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(AppError::validation("body", text::BODY_EMPTY));
        }
        if trimmed.chars().count() > BODY_MAX_CHARS {
            return Err(AppError::validation("body", text::BODY_TOO_LONG));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where one of our messages stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendState {
    /// Waiting in the outbox.
    Queued,
    /// Being sent right now.
    Sending,
    /// WhatsApp answered with a message ID.
    Accepted,
    /// The send timed out; a status webhook will tell (never resent blindly).
    Unknown,
    /// WhatsApp reported it sent to the group.
    Sent,
    /// Not sent; see the reason.
    Failed,
}

impl SendState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Accepted => "accepted",
            Self::Unknown => "unknown",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "accepted" => Self::Accepted,
            "unknown" => Self::Unknown,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// What became of one of our messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Where the send stands.
    pub state: SendState,
    /// Participants it reached (read counts as reached).
    pub delivered: i64,
    /// Participants who read it.
    pub read: i64,
    /// Participants it was sent to ("of m").
    pub recipients: i64,
    /// Why it failed, in plain words.
    pub failure: Option<String>,
}

impl Delivery {
    /// The one-line summary: sent / delivered to n of m / read by n of m / failed.
    pub fn summary(&self) -> String {
        match self.state {
            SendState::Failed => {
                let reason = self.failure.as_deref().unwrap_or(text::GAVE_UP);
                format!("{}: {reason}", text::STATE_FAILED)
            }
            SendState::Queued | SendState::Sending => text::STATE_QUEUED.to_owned(),
            SendState::Unknown => text::STATE_UNKNOWN.to_owned(),
            _ if self.read > 0 => format!(
                "{} {} {} {}",
                text::READ_BY,
                self.read,
                text::OF,
                self.recipients
            ),
            _ if self.delivered > 0 => format!(
                "{} {} {} {}",
                text::DELIVERED_TO,
                self.delivered,
                text::OF,
                self.recipients
            ),
            SendState::Accepted => text::STATE_ACCEPTED.to_owned(),
            SendState::Sent => text::STATE_SENT.to_owned(),
        }
    }
}

/// One message as the chat shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// GroupDesk's ID.
    pub id: Uuid,
    /// Ours (outbound) or a participant's.
    pub outbound: bool,
    /// Who sent it: the participant's name or masked number, or the staff member's name.
    pub sender: String,
    /// `text`, `image`, ..., or `unsupported`.
    pub message_type: String,
    /// The text or caption (for templates: the filled-in text).
    pub body: Option<String>,
    /// For template messages: the template's name.
    pub template: Option<String>,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// For our messages: what became of it.
    pub delivery: Option<Delivery>,
    /// The file of a media message.
    pub media: Option<super::media::MediaView>,
    /// Whether it can be pinned: WhatsApp knows it (inbound, or ours once accepted) and it is not
    /// itself a pin.
    pub pinnable: bool,
    /// Whether it is pinned (or a pin of it is on its way).
    pub pinned: bool,
    /// For a `pin` message: what it pinned or unpinned (its `body` quotes that message).
    pub pin: Option<super::pins::PinNote>,
}

impl ChatMessage {
    /// What the chat shows as the message's content.
    pub fn shown_text(&self) -> String {
        match (self.message_type.as_str(), &self.body) {
            ("unsupported", _) => text::UNSUPPORTED.to_owned(),
            (_, Some(body)) => body.clone(),
            // The file itself is shown.
            (_, None) if self.media.is_some() => String::new(),
            ("text", None) => text::NO_TEXT.to_owned(),
            (kind, None) => format!("[{kind}]"),
        }
    }
}

/// The group, as far as the chat needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatGroup {
    /// Why nothing can be sent now, if so (not active, suspended).
    pub cannot_send: Option<String>,
    /// Whether the caller's role may send.
    pub may_send: bool,
}

/// The newest messages of a group, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatPage {
    /// The group.
    pub group: ChatGroup,
    /// The messages, oldest first.
    pub messages: Vec<ChatMessage>,
    /// Whether older messages exist.
    pub has_older: bool,
    /// The server's date (UTC), for "Today" and "Yesterday" (the browser's clock is not used, so
    /// the page renders the same on both sides).
    pub today: chrono::NaiveDate,
}

/// One participant's receipt of one of our messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    /// The participant: masked number or BSUID.
    pub participant: String,
    /// Delivered or read.
    pub read: bool,
    /// When it was delivered, if reported.
    pub delivered_at: Option<DateTime<Utc>>,
    /// When it was read, if it was.
    pub read_at: Option<DateTime<Utc>>,
}

/// A phone number with all but its last four digits hidden (`•••••••1234`); the chat never shows
/// a participant's full number.
pub fn mask_phone(wa_id: &str) -> String {
    let digits: Vec<char> = wa_id.chars().collect();
    let shown = digits.len().min(4);
    let hidden = digits.len() - shown;
    let mut masked = "+".to_owned();
    masked.extend(std::iter::repeat_n('•', hidden));
    masked.extend(&digits[hidden..]);
    masked
}

/// How a participant is named: their profile name, else their masked number, else their BSUID.
pub fn participant_label(name: Option<&str>, wa_id: Option<&str>, user_id: Option<&str>) -> String {
    if let Some(name) = name.map(str::trim).filter(|name| !name.is_empty()) {
        return name.to_owned();
    }
    if let Some(wa_id) = wa_id {
        return mask_phone(wa_id);
    }
    user_id.map_or_else(|| text::UNKNOWN_SENDER.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_trimmed_and_must_be_1_to_4096_characters() {
        assert_eq!(MessageBody::parse("  hi ").unwrap().as_str(), "hi");
        assert_eq!(
            MessageBody::parse(" \n ").unwrap_err(),
            AppError::validation("body", text::BODY_EMPTY)
        );
        assert!(MessageBody::parse(&"é".repeat(4096)).is_ok());
        assert_eq!(
            MessageBody::parse(&"é".repeat(4097)).unwrap_err(),
            AppError::validation("body", text::BODY_TOO_LONG)
        );
    }

    #[test]
    fn numbers_are_masked_but_names_and_bsuids_are_shown() {
        assert_eq!(mask_phone("15550090001"), "+•••••••0001");
        assert_eq!(mask_phone("12"), "+12");
        assert_eq!(
            participant_label(Some(" Ann "), Some("15550090001"), None),
            "Ann"
        );
        assert_eq!(
            participant_label(Some(""), Some("15550090001"), None),
            "+•••••••0001"
        );
        assert_eq!(participant_label(None, None, Some("US.123")), "US.123");
        assert_eq!(participant_label(None, None, None), text::UNKNOWN_SENDER);
    }

    #[test]
    fn the_summary_counts_reads_before_deliveries() {
        let mut delivery = Delivery {
            state: SendState::Sent,
            delivered: 0,
            read: 0,
            recipients: 3,
            failure: None,
        };
        assert_eq!(delivery.summary(), text::STATE_SENT);
        delivery.delivered = 2;
        assert_eq!(delivery.summary(), "Delivered to 2 of 3");
        delivery.read = 1;
        assert_eq!(delivery.summary(), "Read by 1 of 3");
        delivery.state = SendState::Failed;
        delivery.failure = Some("Nope.".into());
        assert_eq!(delivery.summary(), "Not sent: Nope.");
    }
}
