//! Every word of the groups area that a person reads. Translations replace this file only.

pub const PAGE_TITLE: &str = "Groups";
pub const LIST_EMPTY: &str =
    "No groups yet. Create one below: WhatsApp gives it an invite link you can share.";
pub const LIST_EMPTY_FILTERED: &str =
    "No group matches this search or filter. Clear the filter to see every group.";
pub const LIST_EMPTY_PAGE: &str = "No more groups. Go back to the first page.";
pub const LIST_LOADING: &str = "Loading groups…";
pub const COLUMN_PARTICIPANTS: &str = "People";
pub const PAGER_LABEL: &str = "Pages of groups";
pub const PAGE_FIRST: &str = "← First page";
pub const PAGE_NEXT: &str = "Next page →";
pub const PENDING_BADGE_TITLE: &str = "People waiting for approval to join";
pub const FILTER_SEARCH: &str = "Search";
pub const FILTER_SEARCH_HINT: &str = "Subject contains…";
pub const FILTER_STATE: &str = "State";
pub const FILTER_APPROVAL: &str = "Joining";
pub const FILTER_NUMBER: &str = "Number";
pub const FILTER_SORT: &str = "Order";
pub const FILTER_ANY: &str = "Any";
pub const FILTER_PENDING: &str = "Only with join requests";
pub const FILTER_BUTTON: &str = "Show";
pub const FILTER_CLEAR: &str = "Clear";
pub const SORT_NEWEST: &str = "Newest first";
pub const SORT_OLDEST: &str = "Oldest first";
pub const SORT_SUBJECT: &str = "Subject A–Z";
pub const SEARCH_TOO_LONG: &str = "The search is too long: use at most 128 characters.";
pub const FILTER_STATE_UNKNOWN: &str = "Choose a state from the list.";
pub const SORT_UNKNOWN: &str = "Choose an order from the list.";
pub const CURSOR_INVALID: &str =
    "This page link is damaged. Go back to the first page of the list.";

/// The badge of a group with people waiting for approval.
pub fn pending_badge(count: i64) -> String {
    if count == 1 {
        "1 request".to_owned()
    } else {
        format!("{count} requests")
    }
}
pub const CREATE_HEADING: &str = "Create a group";
pub const CREATE_BUTTON: &str = "Create group";
pub const CREATE_PENDING: &str = "Sending to WhatsApp…";
pub const CREATE_SENT: &str = "Asked WhatsApp to create the group. It becomes active in a moment.";
pub const FIELD_SUBJECT: &str = "Subject";
pub const FIELD_SUBJECT_HINT: &str = "1 to 128 characters";
pub const FIELD_DESCRIPTION: &str = "Description";
pub const FIELD_DESCRIPTION_HINT: &str = "Optional, up to 2048 characters";
pub const FIELD_APPROVAL_MODE: &str = "Who can join with the link";
pub const FIELD_NUMBER: &str = "Business number";
pub const COLUMN_SUBJECT: &str = "Subject";
pub const COLUMN_STATE: &str = "State";
pub const COLUMN_INVITE_LINK: &str = "Invite link";
pub const COLUMN_NUMBER: &str = "Number";
pub const NO_NUMBER: &str = "This tenant has no business number yet. An admin must onboard one before groups can be created.";

pub const SUBJECT_EMPTY: &str = "Enter a subject: it cannot be empty.";
pub const SUBJECT_TOO_LONG: &str =
    "The subject is too long: WhatsApp allows at most 128 characters.";
pub const DESCRIPTION_TOO_LONG: &str =
    "The description is too long: WhatsApp allows at most 2048 characters.";
pub const APPROVAL_MODE_UNKNOWN: &str =
    "Choose who can join: anyone with the link, or only people you approve.";
pub const NUMBER_UNKNOWN: &str = "Choose one of this tenant's business numbers.";

pub const MODE_AUTO_APPROVE: &str = "Anyone with the link";
pub const MODE_APPROVAL_REQUIRED: &str = "Only people we approve";

pub const STATE_CREATING: &str = "Creating";
pub const STATE_ACTIVE: &str = "Active";
pub const STATE_FAILED: &str = "Failed";
pub const STATE_DELETING: &str = "Deleting";
pub const STATE_DELETED: &str = "Deleted";
pub const SANDBOX_BADGE: &str = "sandbox";
pub const NUMBER_DISABLED: &str = "The business number of this group is disabled, so its join requests cannot be decided from GroupDesk.";
pub const SANDBOX_OFF: &str = "This is a sandbox number, but the sandbox is switched off on this server (GROUPDESK_SANDBOX=false).";
pub const BACK_TO_GROUPS: &str = "← All groups";
pub const TABS_LABEL: &str = "Group pages";
pub const TAB_DETAILS: &str = "Details";
pub const TAB_CHAT: &str = "Chat";
pub const JOIN_REQUESTS_HEADING: &str = "Join requests";
pub const JOIN_REQUESTS_EMPTY: &str =
    "No one is waiting. People who open the link of a group that needs approval appear here.";
pub const JOIN_REQUEST_APPROVING: &str = "Approving…";
pub const APPROVE: &str = "Approve";
pub const REJECT: &str = "Reject";
pub const PARTICIPANTS_HEADING: &str = "Participants";
pub const PARTICIPANTS_EMPTY: &str = "Nobody has joined yet. Share the invite link.";
pub const NO_DIRECT_ADD: &str = "WhatsApp lets no business add people to a group directly: people join through the invite link (shared as a link, a QR code or an invitation template).";
pub const JOINED_BY_LINK: &str = "joined with the link";
pub const JOINED_BY_REQUEST: &str = "approved request";
pub const SUSPENDED_BADGE: &str = "Suspended";
pub const MISSING_BADGE: &str = "Not found on WhatsApp";
pub const MISSING_BADGE_TITLE: &str =
    "The last Sync from WhatsApp did not find this group among the number's active groups";

/// When the group was created, on its page.
pub fn created_on(at: chrono::DateTime<chrono::Utc>) -> String {
    format!("Created {}", crate::dates::day(at))
}
pub const PICTURE_ALT: &str = "The group's picture";

/// The group page's banner for a group the last sync did not find on WhatsApp.
pub fn missing_banner(since: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Not found on WhatsApp: since {}, WhatsApp no longer lists this group among the number's active groups. It may have been deleted outside GroupDesk, or the number may have left it. GroupDesk keeps the group and its history; if WhatsApp lists it again, the next Sync from WhatsApp clears this mark. If it is gone for good, staff can mark it deleted below.",
        crate::dates::minute_utc(since)
    )
}
pub const SUSPENDED_BANNER: &str = "WhatsApp suspended this group for breaking its policies. Nobody can send or change anything until WhatsApp clears the suspension.";

pub const NOT_ACTIVE: &str = "This group is not active on WhatsApp (it is being created, deleted, or failed), so it cannot be changed.";
pub const NUMBER_DISABLED_ACTION: &str =
    "The business number of this group is disabled, so the group cannot be changed from GroupDesk.";
pub const SUSPENDED_REFUSED: &str = "WhatsApp suspended this group, so it cannot be changed until WhatsApp clears the suspension. Nothing was sent.";
pub const SUSPENDED_ACTIONS_OFF: &str = "Removing participants, resetting the link and changing settings are off while the group is suspended.";
pub const GROUP_DELETED_BANNER: &str =
    "This group was deleted on WhatsApp. Nobody can send to it or join it any more.";
pub const GROUP_DELETING_BANNER: &str =
    "Asked WhatsApp to delete this group. It disappears when WhatsApp confirms.";

pub const GROUP_FULL_NOTICE: &str = "The group is full: WhatsApp allows 8 participants. Nobody else can join until someone leaves or is removed.";
pub const SELECT_PARTICIPANT: &str = "Select";
pub const REMOVE_SELECTED: &str = "Remove selected";
pub const REMOVING: &str = "Asking WhatsApp to remove…";
pub const REMOVE_CONFIRM_COUNT: &str = "Remove from the group:";
pub const REMOVE_CONFIRM_NO_REJOIN: &str =
    "Removed people cannot rejoin through the invite link, even if someone sends it to them again.";
pub const REMOVE_CONFIRM: &str = "Yes, remove";
pub const CANCEL: &str = "Cancel";
pub const REMOVE_NONE: &str = "Select at least one participant to remove.";
pub const REMOVE_TOO_MANY: &str = "WhatsApp removes at most 8 participants at once. Select fewer.";
pub const REMOVE_NOT_PARTICIPANT: &str =
    "One of the selected people is no longer in the group. Reload the page and select again.";
pub const LAST_REMOVAL: &str = "Last removal, per person:";

pub const INVITE_HEADING: &str = "Invite link";
pub const COPY_LINK: &str = "Copy link";
pub const COPIED: &str = "Link copied.";
pub const QR_LABEL: &str = "QR code of the invite link";
pub const DOWNLOAD_PNG: &str = "Download QR code (PNG)";
pub const RESET_LINK: &str = "Reset link";
pub const RESETTING: &str = "Asking WhatsApp for a new link…";
pub const RESET_CONFIRM_TEXT: &str = "Reset the invite link? The current link stops working at once: people who have it can no longer join. Share the new link instead.";
pub const RESET_CONFIRM: &str = "Yes, reset the link";
pub const RESET_DONE: &str = "New link ready. The old link no longer works.";

pub const SETTINGS_HEADING: &str = "Settings";
pub const EDIT_SETTINGS: &str = "Edit subject and description";
pub const SAVE_SETTINGS: &str = "Save";
pub const SAVING: &str = "Sending to WhatsApp…";
pub const SETTINGS_UNCHANGED: &str = "Nothing changed: edit the subject or the description first.";
pub const APPROVAL_HEADING: &str = "Who can join with the link";
pub const APPROVAL_CHANGE: &str = "Change";
pub const APPROVAL_CHANGING: &str = "Asking WhatsApp…";
pub const APPROVAL_ASKED: &str =
    "Asked WhatsApp; the group shows the new setting once WhatsApp confirms it.";
pub const APPROVAL_TO_AUTO: &str = "Pending requests stay until someone approves or rejects them.";
pub const APPROVAL_MODE_UNCHANGED: &str =
    "Nothing changed: the group already has this setting. Choose the other one to change it.";
pub const LAST_SETTINGS_CHANGE: &str = "Last settings change, per setting:";

pub const DELETE_HEADING: &str = "Delete group";
pub const MARK_DELETED_HEADING: &str = "Mark as deleted";
pub const MARK_DELETED_EXPLAINED: &str = "WhatsApp no longer lists this group, so GroupDesk cannot ask WhatsApp to delete it. Marking it deleted closes it here only: it leaves the active groups and its history stays. If WhatsApp lists it again, the next Sync from WhatsApp makes it active again.";
pub const MARK_DELETED_BUTTON: &str = "Mark this group deleted";
pub const MARKING_DELETED: &str = "Marking…";
pub const MARK_DELETED_NOT_MISSING: &str = "Only a group that the last Sync from WhatsApp did not find can be marked deleted; delete this one through WhatsApp instead.";
pub const DELETE_EXPLAINED: &str = "WhatsApp removes everyone, the business included. Nobody can send to the group afterwards. This cannot be undone.";
pub const DELETE_TYPE_SUBJECT: &str = "To confirm, type the subject";
pub const DELETE_BUTTON: &str = "Delete this group";
pub const DELETING: &str = "Asking WhatsApp to delete…";
pub const DELETE_MISMATCH: &str =
    "The text typed does not match the group's subject, so nothing was deleted.";

pub const PICTURE_TOO_LARGE: &str =
    "This picture is larger than 5 MB, the most WhatsApp accepts. Choose a smaller one.";
pub const PICTURE_NOT_IMAGE: &str = "This file is not a JPEG picture (a GIF, for example, is not accepted). Choose a square JPEG of at least 193×193 px.";
pub const PICTURE_NOT_JPEG: &str = "WhatsApp accepts group pictures as JPEG only, and this picture is in another format (PNG, for example). Save it as JPEG and try again.";
pub const PICTURE_NOT_SQUARE: &str =
    "The picture is {size} px: WhatsApp needs a square picture (width equal to height).";
pub const PICTURE_TOO_SMALL: &str =
    "The picture is {size} px: WhatsApp needs it larger than 192×192 px.";
pub const PICTURE_CHOOSE: &str = "Choose a picture file first.";
pub const PICTURE_ASKED: &str = "new picture, {size} px";
pub const FIELD_PICTURE: &str = "New group picture";
pub const PICTURE_HINT: &str = "A square JPEG, larger than 192×192 px, at most 5 MB. Another picture can be cropped to a square JPEG here.";
pub const PICTURE_READING: &str = "Reading the picture…";
pub const PICTURE_CROP_OFFER: &str =
    "GroupDesk can send the centre of this picture instead, as a {side}×{side} px JPEG (shown).";
pub const PICTURE_CROP_BUTTON: &str = "Crop to a square JPEG";
pub const PICTURE_CROP_CHOSEN: &str = "The {side}×{side} px JPEG shown will be sent.";
pub const PICTURE_CROP_FIRST: &str =
    "Choose “Crop to a square JPEG” to send its centre instead, or pick another picture.";
pub const PICTURE_PREVIEW_ALT: &str = "The centre of the picture, as it would be sent";
pub const SEND_PICTURE: &str = "Send picture";
pub const PICTURE_SENT: &str =
    "Picture sent to WhatsApp; its outcome shows with the last settings change.";
pub const DELETE_LINK: &str = "Delete link";
pub const CHECK_LINK: &str = "Check with WhatsApp";
pub const CHECKING_LINK: &str = "Asking WhatsApp…";
pub const LINK_CURRENT: &str = "WhatsApp has the same link: it is current.";
pub const LINK_UPDATED: &str =
    "WhatsApp had another link (it was changed elsewhere); that one is shown now.";
pub const DELETING_LINK: &str = "Asking WhatsApp to delete the link…";
pub const DELETE_LINK_CONFIRM_TEXT: &str = "Delete the invite link? Nobody can join through a link until a new one is made (Reset link makes one).";
pub const DELETE_LINK_CONFIRM: &str = "Yes, delete the link";
pub const NO_INVITE_LINK: &str =
    "This group has no invite link: nobody can join through a link. Reset link makes a new one.";
