//! An invitation job as the panel shows it: one line per number (masked) and a summary.

use super::text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What became of one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientState {
    /// Waiting for its turn (or for a retry).
    Queued,
    /// Being sent now.
    Sending,
    /// WhatsApp took it (a wamid).
    Sent,
    /// WhatsApp delivered it.
    Delivered,
    /// The person read it.
    Read,
    /// It will not be sent; the reason is kept.
    Failed,
    /// The answer was lost; it is never sent again blindly.
    Unknown,
}

impl RecipientState {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    /// From the stored value (unknown values read as unknown).
    pub fn parse(raw: &str) -> Self {
        match raw {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "delivered" => Self::Delivered,
            "read" => Self::Read,
            "failed" => Self::Failed,
            _ => Self::Unknown,
        }
    }

    /// As a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => text::STATE_QUEUED,
            Self::Sending => text::STATE_SENDING,
            Self::Sent => text::STATE_SENT,
            Self::Delivered => text::STATE_DELIVERED,
            Self::Read => text::STATE_READ,
            Self::Failed => text::STATE_FAILED,
            Self::Unknown => text::STATE_UNKNOWN,
        }
    }

    /// WhatsApp took it.
    pub fn is_sent(self) -> bool {
        matches!(self, Self::Sent | Self::Delivered | Self::Read)
    }

    /// Nothing more will happen on GroupDesk's side.
    pub fn is_settled(self) -> bool {
        !matches!(self, Self::Queued | Self::Sending)
    }
}

/// One number of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientView {
    /// The number, all but its last four digits hidden.
    pub masked: String,
    /// Where it is.
    pub state: RecipientState,
    /// Why it failed, explained.
    pub reason: Option<String>,
}

/// A job: its template, when, and its numbers in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteJobView {
    /// The job.
    pub id: String,
    /// The template sent.
    pub template: String,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// One line per number.
    pub recipients: Vec<RecipientView>,
}

impl InviteJobView {
    /// "n of m sent, k failed, w waiting".
    pub fn summary(&self) -> String {
        let total = self.recipients.len();
        let count = |keep: fn(RecipientState) -> bool| {
            self.recipients
                .iter()
                .filter(|recipient| keep(recipient.state))
                .count()
        };
        let sent = count(RecipientState::is_sent);
        let failed = count(|state| state == RecipientState::Failed);
        let waiting = count(|state| !state.is_settled());
        let mut line = format!(
            "{sent} {} {total}, {failed} {}",
            text::SENT_OF,
            text::FAILED
        );
        if waiting > 0 {
            line.push_str(&format!(", {waiting} {}", text::WAITING));
        }
        line
    }
}
