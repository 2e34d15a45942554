//! Words of the platform admin's Tenants page. Translations replace this file only.

pub const PAGE_TITLE: &str = "Tenants";
pub const LOADING: &str = "Loading tenants…";
pub const NO_TENANTS: &str = "No tenants yet.";
pub const COLUMN_NAME: &str = "Name";
pub const COLUMN_SLUG: &str = "Slug";
pub const COLUMN_MEMBERS: &str = "Members";
pub const COLUMN_STATE: &str = "State";
pub const COLUMN_ACTIONS: &str = "Actions";
pub const STATE_ACTIVE: &str = "Active";
pub const STATE_SUSPENDED: &str = "Suspended";
pub const RENAME_BUTTON: &str = "Rename";
pub const SUSPEND_BUTTON: &str = "Suspend";
pub const REACTIVATE_BUTTON: &str = "Reactivate";
pub const INVITE_BUTTON: &str = "Invite admin";
pub const NEW_NAME: &str = "New name";
pub const ADMIN_EMAIL: &str = "Admin's email";
pub const LINK_LABEL: &str = "Invitation link to copy (works once, for 7 days)";

pub const CREATE_HEADING: &str = "Create a tenant";
pub const CREATE_HINT: &str = "A tenant is one business. After creating it, invite its first admin: they add the business's numbers and people.";
pub const FIELD_NAME: &str = "Name";
pub const FIELD_SLUG: &str = "Slug (lowercase letters, digits and dashes)";
pub const CREATE_BUTTON: &str = "Create tenant";
pub const SUSPEND_HINT: &str =
    "Members of a suspended tenant cannot act for it until it is reactivated.";

pub const NAME_INVALID: &str = "Enter a name of 1 to 200 characters.";
pub const SLUG_INVALID: &str =
    "A slug is 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit.";
pub const SLUG_TAKEN: &str = "Another tenant has this slug already.";
pub const TENANT_UNKNOWN: &str = "Choose one of the tenants.";

pub const SET_ASIDE_TITLE: &str = "Webhook events set aside";
pub const SET_ASIDE_HINT: &str = "Events GroupDesk received but could not apply: for a number no tenant has (quarantined), or that kept failing (parked). Fix the cause, for example onboard the number, then replay the event.";
pub const SET_ASIDE_LOADING: &str = "Loading events…";
pub const SET_ASIDE_NONE: &str = "No events are set aside.";
pub const COLUMN_RECEIVED: &str = "Received";
pub const COLUMN_REASON: &str = "Reason";
pub const COLUMN_NUMBER: &str = "Phone number ID";
pub const COLUMN_ATTEMPTS: &str = "Attempts";
pub const REPLAY_BUTTON: &str = "Replay";
pub const REPLAYED: &str = "The event is back in the queue and will be applied again.";
pub const EVENT_UNKNOWN: &str =
    "This event is no longer set aside (it may have been replayed already).";

/// Why an event was set aside, in words.
pub fn outcome(outcome: &str) -> &'static str {
    match outcome {
        "quarantined" => "Quarantined: no tenant has this number",
        "parked" => "Parked: applying it kept failing",
        "unmatched" => "Unmatched: the group or operation it is about never became known",
        "unreadable" => "Unreadable: the event could not be read",
        _ => "Set aside",
    }
}
