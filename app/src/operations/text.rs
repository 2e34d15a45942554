//! Words of the operations ledger. Translations replace this file only.

pub const TITLE: &str = "Operations";
pub const INTRO: &str = "Every change GroupDesk asked WhatsApp for. WhatsApp answers later; each row shows the outcome when it arrives.";
pub const EMPTY: &str =
    "No operations yet. Creating a group, changing settings or removing participants adds one.";
pub const COLUMN_WHAT: &str = "What";
pub const COLUMN_GROUP: &str = "Group";
pub const COLUMN_STATE: &str = "State";
pub const COLUMN_ASKED: &str = "Asked";
pub const COLUMN_DETAIL: &str = "Details";
pub const STALE: &str =
    "No answer from WhatsApp for over 10 minutes. It may still come; WhatsApp retries for days.";
pub const KIND_CREATE: &str = "Create group";
pub const KIND_DELETE: &str = "Delete group";
pub const KIND_SETTINGS: &str = "Change settings";
pub const KIND_REMOVE: &str = "Remove participants";
pub const KIND_APPROVE: &str = "Approve join requests";
pub const STATE_PENDING: &str = "Waiting for WhatsApp";
pub const STATE_SUCCEEDED: &str = "Done";
pub const STATE_PARTIAL: &str = "Partly done";
pub const STATE_FAILED: &str = "Failed";
pub const HEADING_FOR_GROUP: &str = "Operations";
pub const ITEM_SUBJECT: &str = "Subject";
pub const ITEM_DESCRIPTION: &str = "Description";
pub const ITEM_PICTURE: &str = "Picture";
pub const ITEM_APPROVAL_MODE: &str = "Who can join";
pub const ITEM_PENDING: &str = "waiting";
pub const ITEM_DONE: &str = "done";
pub const ITEM_FAILED: &str = "failed";
