//! Every word of invitations by template that a person reads. Translations replace this file only.

pub const HEADING: &str = "Invite by template";
pub const INTRO: &str = "Send the group's invite link to phone numbers, one WhatsApp message each, with an approved invite template. WhatsApp puts the group's link in place of {{1}}.";
pub const NONE_APPROVED: &str = "No approved invite template yet. Create one from WhatsApp Manager's Template Library (\"Group invite link\", utility), wait for its approval (it can take up to 24 hours), then refresh the templates.";
pub const NUMBERS_LABEL: &str = "Phone numbers";
pub const NUMBERS_HINT: &str = "One per line or separated by commas, in international format with + and the country code, e.g. +1 555 123 4567.";
pub const SEND: &str = "Send invitations";
pub const SENDING: &str = "Queuing…";
pub const READY: &str = "ready to send";
pub const DUPLICATES_REMOVED: &str = "duplicates removed";
pub const INVALID_HEADING: &str = "Not phone numbers (fix or remove them):";

pub const NEEDS_PLUS: &str = "must start with + and the country code";
pub const NOT_A_NUMBER: &str = "is not a phone number";
pub const BAD_CHARACTER: &str = "may only hold digits, spaces, dashes and parentheses after the +";
pub const LEADING_ZERO: &str = "country codes never start with 0";
pub const TOO_SHORT: &str = "is too short (at least 8 digits)";
pub const TOO_LONG: &str = "is too long (at most 15 digits)";
pub const FIX_INVALID: &str = "entries are not phone numbers; fix or remove them first.";
pub const NO_NUMBERS: &str = "Enter at least one phone number.";
pub const TOO_MANY: &str = "numbers: one batch may hold at most";
pub const SPLIT: &str = "Split the list and send it in parts.";
pub const NOT_AVAILABLE: &str = "This template cannot be used for invitations (any more): it was deleted, is no longer approved, or is not an invite template. Refresh the templates and pick another one.";
pub const GROUP_NOT_OPEN: &str =
    "Invitations can only be sent for an active group that is not suspended.";

pub const JOB_HEADING: &str = "Latest invitations";
pub const SENT_OF: &str = "sent of";
pub const FAILED: &str = "failed";
pub const WAITING: &str = "waiting";
pub const STATE_QUEUED: &str = "Waiting";
pub const STATE_SENDING: &str = "Sending";
pub const STATE_SENT: &str = "Sent";
pub const STATE_DELIVERED: &str = "Delivered";
pub const STATE_READ: &str = "Read";
pub const STATE_FAILED: &str = "Failed";
pub const STATE_UNKNOWN: &str = "Unknown: WhatsApp's answer was lost; it was not sent again";
pub const NUMBER_DISABLED: &str = "The group's WhatsApp number is disabled.";
pub const GAVE_UP: &str = "WhatsApp kept refusing for a while; GroupDesk gave up.";
