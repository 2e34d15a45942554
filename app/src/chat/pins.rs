//! Pinned messages, as the browser and the server share them (SPEC §3.5): the checked duration, a
//! pin as the strip shows it, and which pin WhatsApp drops when a 4th is added.

use super::text;
use crate::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most messages WhatsApp keeps pinned in a group; a 4th pin unpins the one pinned longest ago.
pub const PIN_CAP: usize = 3;
/// The duration the pin dialog offers first.
pub const DEFAULT_DAYS: u32 = 7;
/// The longest pin WhatsApp allows, in days.
pub const MAX_DAYS: u32 = 30;

/// How long a pin lasts: 1 to 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinDays(u32);

impl PinDays {
    /// Checks a duration as typed or chosen (white space around it is dropped).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim().parse::<i64>() {
            Ok(days) if (1..=i64::from(MAX_DAYS)).contains(&days) => {
                Ok(Self(u32::try_from(days).unwrap_or(DEFAULT_DAYS)))
            }
            _ => Err(AppError::validation("days", text::PIN_DAYS_RANGE)),
        }
    }

    /// The number of days.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Where a pin stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PinState {
    /// The pin waits in the outbox or for WhatsApp's answer.
    Pending,
    /// WhatsApp took it.
    Active,
    /// An unpin is on its way.
    Unpinning,
}

impl PinState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Active => "active",
            Self::Unpinning => "unpinning",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "pending" => Self::Pending,
            "active" => Self::Active,
            "unpinning" => Self::Unpinning,
            _ => return None,
        })
    }
}

/// One pinned message, as the strip shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinView {
    /// The pinned message (GroupDesk's ID).
    pub message_id: Uuid,
    /// Who wrote the pinned message.
    pub sender: String,
    /// Its text or caption, if any.
    pub body: Option<String>,
    /// Its type (`text`, `image`, ...).
    pub message_type: String,
    /// When the pinned message was sent: the strip's order, newest first.
    pub message_sent_at: DateTime<Utc>,
    /// When it was pinned (or asked to be): the order in which WhatsApp drops pins.
    pub pinned_at: DateTime<Utc>,
    /// When WhatsApp unpins it by itself.
    pub expires_at: DateTime<Utc>,
    /// Pending, active or unpinning.
    pub state: PinState,
}

impl PinView {
    /// A short quote of the pinned message, for the strip and the dialog.
    pub fn quote(&self) -> String {
        quote(self.body.as_deref(), &self.message_type)
    }
}

/// A short quote of a message: its first 80 characters, or its type.
pub fn quote(body: Option<&str>, message_type: &str) -> String {
    match body.map(str::trim).filter(|body| !body.is_empty()) {
        Some(body) if body.chars().count() > 80 => {
            let cut: String = body.chars().take(79).collect();
            format!("{cut}…")
        }
        Some(body) => body.to_owned(),
        None => format!("[{message_type}]"),
    }
}

/// The pins of a group, and whether the caller may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinBoard {
    /// Pinned messages (and pins on their way), the newest pinned message first.
    pub pins: Vec<PinView>,
    /// Whether the caller's role may pin and unpin.
    pub may_change: bool,
    /// Why nothing can be pinned now, if so (the group is not active, suspended, ...).
    pub cannot_change: Option<String>,
}

impl PinBoard {
    /// The pin that WhatsApp will drop when one more message is pinned, if the group has
    /// [`PIN_CAP`] already: the one pinned longest ago (pins on their way count, unpins do not).
    pub fn will_drop(&self) -> Option<&PinView> {
        let mut kept: Vec<&PinView> = self
            .pins
            .iter()
            .filter(|pin| pin.state != PinState::Unpinning)
            .collect();
        if kept.len() < PIN_CAP {
            return None;
        }
        kept.sort_by_key(|pin| pin.pinned_at);
        kept.get(kept.len() - PIN_CAP).copied()
    }
}

/// What a `pin` message of the history did, for its line in the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinNote {
    /// An unpin rather than a pin.
    pub unpin: bool,
    /// For a pin, how many days.
    pub days: Option<u32>,
}

impl PinNote {
    /// Reads the `pin` object of a message's content (`{type, message_id, expiration_days}`).
    pub fn from_content(pin: Option<&serde_json::Value>) -> Self {
        let pin = pin.unwrap_or(&serde_json::Value::Null);
        Self {
            unpin: pin.get("type").and_then(serde_json::Value::as_str) == Some("unpin"),
            days: pin
                .get("expiration_days")
                .and_then(serde_json::Value::as_u64)
                .and_then(|days| u32::try_from(days).ok()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_pin_lasts_1_to_30_days() {
        assert_eq!(PinDays::parse(" 7 ").unwrap().get(), 7);
        assert_eq!(PinDays::parse("1").unwrap().get(), 1);
        assert_eq!(PinDays::parse("30").unwrap().get(), 30);
        for bad in ["0", "31", "-1", "", "seven", "2.5"] {
            assert_eq!(
                PinDays::parse(bad).unwrap_err(),
                AppError::validation("days", text::PIN_DAYS_RANGE),
                "{bad}"
            );
        }
    }

    fn pin(n: u32, state: PinState) -> PinView {
        let at = |minute| Utc.with_ymd_and_hms(2026, 11, 27, 10, minute, 0).unwrap();
        PinView {
            message_id: Uuid::from_u128(u128::from(n)),
            sender: "A".into(),
            body: Some(format!("m{n}")),
            message_type: "text".into(),
            message_sent_at: at(0),
            pinned_at: at(n),
            expires_at: at(59),
            state,
        }
    }

    fn board(pins: Vec<PinView>) -> PinBoard {
        PinBoard {
            pins,
            may_change: true,
            cannot_change: None,
        }
    }

    #[test]
    fn the_pin_pinned_longest_ago_drops_once_three_are_pinned() {
        let two = board(vec![pin(2, PinState::Active), pin(1, PinState::Active)]);
        assert_eq!(two.will_drop(), None);
        let three = board(vec![
            pin(3, PinState::Active),
            pin(1, PinState::Active),
            pin(2, PinState::Active),
        ]);
        assert_eq!(three.will_drop().unwrap().body.as_deref(), Some("m1"));
        // A 4th on its way already drops m1: the next one drops m2.
        let four = board(vec![
            pin(3, PinState::Active),
            pin(1, PinState::Active),
            pin(2, PinState::Active),
            pin(4, PinState::Pending),
        ]);
        assert_eq!(four.will_drop().unwrap().body.as_deref(), Some("m2"));
        // A pin being unpinned leaves room.
        let unpinning = board(vec![
            pin(3, PinState::Active),
            pin(1, PinState::Unpinning),
            pin(2, PinState::Active),
        ]);
        assert_eq!(unpinning.will_drop(), None);
    }

    #[test]
    fn quotes_are_short_and_name_the_type_without_text() {
        assert_eq!(quote(Some(" hi "), "text"), "hi");
        assert_eq!(quote(None, "image"), "[image]");
        let long = "x".repeat(100);
        assert_eq!(quote(Some(&long), "text").chars().count(), 80);
    }

    #[test]
    fn a_pin_note_reads_the_pin_object() {
        let pin = serde_json::json!({"type": "pin", "message_id": "M", "expiration_days": 4});
        assert_eq!(
            PinNote::from_content(Some(&pin)),
            PinNote {
                unpin: false,
                days: Some(4)
            }
        );
        let unpin = serde_json::json!({"type": "unpin", "message_id": "M"});
        assert!(PinNote::from_content(Some(&unpin)).unpin);
        assert_eq!(PinNote::from_content(None).days, None);
    }
}
