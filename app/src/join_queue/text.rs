//! Every word of the join-request queue that a person reads. Translations replace this file only.

pub const PAGE_TITLE: &str = "Join requests";
pub const INTRO: &str = "People waiting to join any of your groups that need approval. Tick some, then approve or reject them together.";
pub const LOADING: &str = "Loading join requests…";
pub const FILTER_GROUP: &str = "Group";
pub const FILTER_ALL_GROUPS: &str = "All groups";
pub const FILTER_AGE: &str = "Waiting";
pub const AGE_ANY: &str = "Any time";
pub const AGE_HOUR: &str = "Longer than 1 hour";
pub const AGE_DAY: &str = "Longer than 1 day";
pub const AGE_WEEK: &str = "Longer than 1 week";
pub const FILTER_BUTTON: &str = "Show";
pub const FILTER_CLEAR: &str = "Clear";
pub const AGE_UNKNOWN: &str = "Choose how long they have been waiting from the list.";
pub const GROUP_UNKNOWN: &str = "Choose a group from the list.";
pub const EMPTY: &str = "No one is waiting to join. When someone opens the invite link of a group that needs approval, their request appears here. If you expected someone, open the group and use “Check WhatsApp for requests”.";
pub const EMPTY_FILTERED: &str =
    "No request matches this filter. Clear the filter to see every waiting request.";
pub const COLUMN_WHO: &str = "Who";
pub const COLUMN_GROUP: &str = "Group";
pub const COLUMN_ASKED: &str = "Asked";
pub const COLUMN_OUTCOME: &str = "Status";
pub const SELECT_ALL: &str = "Select all waiting requests";
pub const SELECT_ONE: &str = "Select";
pub const APPROVE_SELECTED: &str = "Approve selected";
pub const REJECT_SELECTED: &str = "Reject selected";
pub const DECIDING: &str = "Sending to WhatsApp…";
pub const NONE_SELECTED: &str = "Tick at least one request first.";
pub const STATE_PENDING: &str = "Waiting";
pub const STATE_APPROVING: &str = "Approved, waiting for WhatsApp to add them…";
pub const STATE_APPROVED: &str = "Approved: now a participant";
pub const STATE_REJECTED: &str = "Rejected";
pub const STATE_REVOKED: &str = "Withdrawn by the person";
pub const STATE_FAILED: &str = "Failed";
pub const NOT_PENDING: &str =
    "Already decided, being decided by someone else, or withdrawn: nothing was sent.";
pub const SUMMARY_APPROVING: &str = "approved";
pub const SUMMARY_REJECTED: &str = "rejected";
pub const SUMMARY_FAILED: &str = "failed (see each row)";
pub const SUMMARY_SKIPPED: &str = "already decided";
pub const TOO_MANY: &str = "Choose at most 100 requests at a time.";
pub const BAD_IDS: &str =
    "Some of the chosen requests are not valid. Reload the page and choose again.";
pub const BAD_DECISION: &str = "Choose approve or reject.";
pub const REFRESH: &str = "Check WhatsApp for requests";
pub const REFRESHING: &str = "Checking WhatsApp…";
pub const REFRESH_NONE: &str = "WhatsApp lists no requests GroupDesk did not already show.";
pub const REFRESH_ADDED: &str = "requests added from WhatsApp";
pub const REFRESH_FOUND: &str = "waiting at WhatsApp";
pub const REFRESH_NOT_ACTIVE: &str =
    "This group is not active on WhatsApp, so it has no requests to check.";
pub const NUMBER_DISABLED: &str = "The group's business number is disabled, so GroupDesk cannot act for it. An admin can reconnect it on the Numbers page.";
