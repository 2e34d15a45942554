//! Plain-language explanations of Meta's error codes. Translations replace this file only.

pub const TOKEN: &str = "WhatsApp did not accept this number's access token: it may have expired or been revoked. An admin must enter a new token.";
pub const PERMISSION: &str = "The access token lacks permission for this number or feature. An admin must check the token's permissions in Meta Business Suite.";
pub const APP_RATE_LIMIT: &str =
    "Too many management calls were made in a short time. Wait a few minutes and try again.";
pub const THROUGHPUT: &str =
    "This number reached its message rate limit. GroupDesk retries shortly; nothing was lost.";
pub const GROUP_RATE_LIMIT: &str =
    "Too many group operations from this number in a short time. Wait a minute and try again.";
pub const INVALID_PARAMETER: &str =
    "WhatsApp rejected a value in the request. Check the fields and try again.";
pub const TEMPORARY: &str = "WhatsApp is temporarily unavailable. Try again in a moment.";
pub const GROUP_TOO_SMALL: &str = "Nobody has joined this group yet, so messages cannot be sent to it. Share the invite link first.";
pub const GROUP_UNKNOWN: &str =
    "WhatsApp does not know this group: it was deleted or the business is no longer in it.";
pub const INVALID_CURSOR: &str =
    "The list changed while it was being read. Start again from the first page.";
pub const PARTIAL: &str = "Only part of the request succeeded. The details list what failed.";
pub const DUPLICATE_PARTICIPANT: &str =
    "The same person was listed twice. Remove the duplicate and try again.";
pub const CANNOT_ADD: &str = "WhatsApp could not add this person to the group (for example, they have not accepted WhatsApp's latest terms).";
pub const GROUP_FULL: &str = "The group is full: a WhatsApp group can have at most 8 participants.";
pub const SUSPENDED: &str = "This group is suspended by WhatsApp for breaking its policies. Nothing can be changed until the suspension is cleared.";
pub const PICTURE_NOT_SQUARE: &str = "The picture must be square (the same width and height).";
pub const PICTURE_TOO_SMALL: &str =
    "The picture is too small: it must be larger than 192 × 192 pixels.";
pub const GROUP_LIMIT: &str = "This number has reached WhatsApp's limit of 10,000 groups. Delete unused groups or use another number.";
pub const NOT_A_PARTICIPANT: &str = "This person is not in the group (any more).";
pub const JOIN_REQUEST_GONE: &str =
    "This join request no longer exists: it was cancelled, expired or already handled.";
pub const CREATION_DISABLED: &str = "WhatsApp has temporarily disabled group creation for this account because of recent marketing messages. Try again in a few days.";
pub const NOT_ELIGIBLE: &str = "This number may not use WhatsApp groups: Groups require an Official Business Account (the green badge). Apply for one in Meta Business Suite.";
pub const UNREACHABLE: &str =
    "WhatsApp could not be reached. Nothing was changed; try again in a moment.";
pub const UNKNOWN: &str = "WhatsApp refused the request.";
pub const PAIR_RATE_LIMIT: &str =
    "Too many messages to the same recipient in a short time. Wait a little before sending again.";
pub const UNSUPPORTED_TYPE: &str = "This kind of message cannot be sent to WhatsApp groups.";
pub const REENGAGEMENT: &str = "More than 24 hours have passed since the last message from this user; only a template can be sent now.";
pub const TEMPLATE_PARAMETERS: &str = "The template's fields do not match what WhatsApp expects: the template may have changed since GroupDesk read it. Refresh the templates and fill them in again.";
pub const TEMPLATE_MISSING: &str = "WhatsApp does not know this template in this language, or it is not approved (any more): it may have been deleted or be in review. Refresh the templates and pick another one.";
pub const TEMPLATE_PARAMETER_FORMAT: &str = "WhatsApp refused a template field: fields must be one line, without tabs or four spaces in a row.";
pub const TEMPLATE_PAUSED: &str = "WhatsApp paused or disabled this template because of its quality rating. Pick another template or edit it in WhatsApp Manager.";
pub const MEDIA: &str =
    "The media file could not be uploaded or downloaded. Check its type and size and try again.";
pub const BLOCKED: &str = "The account is restricted or locked by WhatsApp. An admin must check the account in Meta Business Suite.";
