//! Every word of the chat area that a person reads. Translations replace this file only.

pub const HEADING: &str = "Chat";
pub const LOADING: &str = "Loading messages…";
pub const EMPTY: &str = "No messages yet. Say hello below.";
pub const LOAD_OLDER: &str = "Load older messages";
pub const TODAY: &str = "Today";
pub const YESTERDAY: &str = "Yesterday";
pub const YOU: &str = "You";
pub const FORMER_STAFF: &str = "Staff";
pub const UNKNOWN_SENDER: &str = "Unknown participant";
pub const UNSUPPORTED: &str =
    "This message type is not supported in WhatsApp groups, so it cannot be shown here.";
pub const NO_TEXT: &str = "(no text)";

pub const COMPOSE_LABEL: &str = "Message";
pub const COMPOSE_PLACEHOLDER: &str = "Write a message…";
pub const SEND: &str = "Send";
pub const SENDING: &str = "Sending…";
pub const READ_ONLY: &str = "Your role can read this chat but not send messages.";

pub const BODY_EMPTY: &str = "Write something first: a message cannot be empty.";
pub const BODY_TOO_LONG: &str = "The message is too long: WhatsApp allows at most 4096 characters.";
pub const GROUP_NOT_ACTIVE: &str =
    "Messages can only be sent once the group is active (WhatsApp has confirmed it).";
pub const GROUP_SUSPENDED: &str =
    "This group is suspended by WhatsApp: no messages can be sent until the suspension is cleared.";
pub const NUMBER_DISABLED: &str =
    "The group's business number is disabled, so nothing can be sent from it.";
pub const NOT_RETRYABLE: &str = "Only a failed message can be sent again.";

pub const STATE_QUEUED: &str = "Sending…";
pub const STATE_ACCEPTED: &str = "Accepted by WhatsApp";
pub const STATE_SENT: &str = "Sent";
pub const STATE_UNKNOWN: &str =
    "Waiting for WhatsApp to confirm (the send timed out; it is not resent, to avoid a duplicate)";
pub const STATE_FAILED: &str = "Not sent";
pub const DELIVERED_TO: &str = "Delivered to";
pub const READ_BY: &str = "Read by";
pub const OF: &str = "of";
pub const RETRY: &str = "Send again";
pub const NOT_CONFIRMED: &str = "WhatsApp never confirmed this message after the send timed out. It may not have arrived; send it again if needed.";
pub const GAVE_UP: &str =
    "WhatsApp kept failing to take this message, so GroupDesk stopped trying.";

pub const RECEIPTS_HEADING: &str = "Receipts";
pub const RECEIPTS_LOADING: &str = "Loading receipts…";
pub const RECEIPTS_EMPTY: &str = "No participant has received it yet.";
pub const COLUMN_PARTICIPANT: &str = "Participant";
pub const COLUMN_STATE: &str = "State";
pub const COLUMN_TIME: &str = "Time";
pub const RECEIPT_READ: &str = "Read";
pub const RECEIPT_DELIVERED: &str = "Delivered";

pub const PINNED_HEADING: &str = "Pinned";
pub const PINNED_LABEL: &str = "Pinned messages";
pub const PIN_RULE: &str = "WhatsApp keeps at most 3 pinned messages in a group: pinning another unpins the one pinned longest ago.";
pub const PIN: &str = "Pin";
pub const PINNED_MARK: &str = "Pinned";
pub const UNPIN: &str = "Unpin";
pub const PIN_PENDING: &str = "Pinning…";
pub const UNPIN_PENDING: &str = "Unpinning…";
pub const EXPIRES: &str = "until";
pub const PIN_DIALOG_HEADING: &str = "Pin this message";
pub const PIN_DAYS_LABEL: &str = "Keep it pinned for";
pub const PIN_CONFIRM: &str = "Pin message";
pub const CANCEL: &str = "Cancel";
pub const PIN_WILL_DROP: &str =
    "3 messages are pinned already, so pinning this one unpins the one pinned longest ago:";
pub const PINNED_VERB: &str = "pinned";
pub const UNPINNED_VERB: &str = "unpinned";
pub const A_MESSAGE: &str = "a message";

pub const PIN_DAYS_RANGE: &str = "A pin lasts 1 to 30 days: choose a number of days in that range.";
pub const PIN_UNKNOWN_MESSAGE: &str =
    "That message is not in this group's chat, so it cannot be pinned or unpinned.";
pub const PIN_NOT_PINNABLE: &str =
    "Only a message WhatsApp has taken can be pinned: wait until it is sent, or pick another.";
pub const PIN_ALREADY: &str =
    "This message is pinned already (or about to be). Unpin it first to pin it for another time.";
pub const PIN_NOT_PINNED: &str = "This message is not pinned.";
pub const PIN_STILL_PENDING: &str =
    "WhatsApp has not taken this pin yet: it can be unpinned once it has.";
pub const PIN_NOT_RETRYABLE: &str =
    "A pin that was not sent is not sent again: pin the message again instead.";

/// "for 1 day" / "for 7 days".
pub fn for_days(days: u32) -> String {
    if days == 1 {
        "for 1 day".to_owned()
    } else {
        format!("for {days} days")
    }
}

/// An option of the duration list: "1 day" / "7 days".
pub fn days_option(days: u32) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

/// "Pinned (2 of 3)".
pub fn pinned_count(count: usize, cap: usize) -> String {
    format!("{PINNED_HEADING} ({count} of {cap})")
}
