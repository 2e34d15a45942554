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
pub const MODES_LABEL: &str = "Compose as";
pub const MODE_TEXT: &str = "Text message";
pub const MODE_TEMPLATE: &str = "Template message";
pub const SEND_TEMPLATE: &str = "Send template";
pub const TEMPLATE_BADGE: &str = "Template";
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

pub const PREVIEW: &str = "Preview";
pub const FORMAT_HINT: &str = "*bold*  _italic_  ~strikethrough~  `code`  ```monospace```";

pub const SEARCH: &str = "Search";
pub const SEARCH_LABEL: &str = "Search this group's chat";
pub const SEARCH_PLACEHOLDER: &str = "Search the chat…";
pub const SEARCH_CLEAR: &str = "Clear search";
pub const SEARCH_RESULTS: &str = "Search results";
pub const SEARCH_NONE: &str = "No message contains";
pub const SEARCH_NEWEST: &str = "Showing the newest";
pub const SEARCH_MATCHES: &str = "matching messages.";
pub const SEARCH_TOO_SHORT: &str = "Type at least 2 characters to search.";
pub const SEARCH_TOO_LONG: &str = "A search can be at most 100 characters.";
pub const LOADING_OLDER: &str = "Loading older messages…";

// Media (files in the chat).
pub const ATTACH_LABEL: &str = "Attach a file";
pub const CAPTION_LABEL: &str = "Caption (optional)";
pub const SHARE_FILE: &str = "Share file";
pub const UPLOADING: &str = "Uploading";
pub const UPLOAD_PROGRESS: &str = "Upload progress";
pub const UPLOAD_FAILED: &str = "The upload failed: check the connection and try again.";
pub const CHOOSE_FILE: &str = "Choose a file first.";
pub const FILE_EMPTY: &str = "The file is empty.";
pub const NO_AUDIO_CAPTION: &str =
    "WhatsApp shows no caption on audio: send the text as its own message.";
pub const CAPTION_TOO_LONG: &str =
    "The caption is too long: WhatsApp allows at most 1024 characters.";
pub const UPLOAD_TOO_LARGE: &str =
    "The upload is larger than any file WhatsApp accepts (documents: at most 100 MB).";
pub const BAD_UPLOAD: &str =
    "The upload could not be read: send the group, an optional caption, then the file.";
pub const CONTENT_MISMATCH: &str = "The file's content does not match its type";
pub const KIND_IMAGES: &str = "images";
pub const KIND_VIDEOS: &str = "videos";
pub const KIND_AUDIO: &str = "audio";
pub const KIND_DOCUMENTS: &str = "documents";
pub const BYTES: &str = "bytes";
pub const IMAGE_FROM: &str = "Image from";
pub const MEDIA_PENDING: &str = "Downloading the file from WhatsApp…";
pub const MEDIA_FAILED: &str = "The file could not be downloaded from WhatsApp.";
pub const DOCUMENT: &str = "Document";
pub const DOWNLOAD: &str = "Download";

/// "The file is too large (6.2 MB): WhatsApp accepts images up to 5 MB."
pub fn file_too_large(size: Option<&str>, kind: &str, limit: &str) -> String {
    match size {
        Some(size) => {
            format!("The file is too large ({size}): WhatsApp accepts {kind} up to {limit}.")
        }
        None => format!("The file is too large: WhatsApp accepts {kind} up to {limit}."),
    }
}

/// "Wrong type of file (text/html): WhatsApp accepts images (JPEG, PNG), ..."
pub fn wrong_type(mime: &str, allowed: &str) -> String {
    let shown = if mime.is_empty() { "unknown" } else { mime };
    format!("Wrong type of file ({shown}): WhatsApp accepts {allowed}.")
}

/// "The file's content does not match its type (image/png)."
pub fn content_mismatch(mime: &str) -> String {
    format!("{CONTENT_MISMATCH} ({mime}).")
}
pub const MEDIA_MISSING: &str =
    "The file is no longer in GroupDesk's media store, so it cannot be sent.";

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
