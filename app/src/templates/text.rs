//! Every word of the templates area that a person reads. Translations replace this file only.

pub const PICK_LABEL: &str = "Template";
pub const PICK_NONE: &str = "Choose a template…";
pub const NONE_AVAILABLE: &str = "No approved templates can be sent to groups from this number yet. Create one in WhatsApp Manager (marketing or utility), wait for its approval, then refresh.";
pub const LOADING: &str = "Loading templates…";
pub const REFRESH: &str = "Refresh templates";
pub const REFRESHING: &str = "Refreshing…";
pub const REFRESHED_AT: &str = "Templates as of";
pub const NEVER_REFRESHED: &str = "Templates have not been read from WhatsApp yet.";
pub const REFRESH_TOO_SOON: &str = "Templates were read from WhatsApp less than a minute ago; WhatsApp limits how often they may be read. Try again in a minute.";
pub const REFRESH_FAILED: &str =
    "The templates could not be read from WhatsApp, so the list may be out of date:";
pub const NOT_REACHED: &str = "WhatsApp could not be reached.";
pub const TEMPLATE_TEXT: &str = "Template text";
pub const FIELDS: &str = "Fields";
pub const VALUE_FOR: &str = "Value for";
pub const EXAMPLE: &str = "e.g.";
pub const PREVIEW: &str = "Preview";
pub const NO_FIELDS: &str = "This template has no fields to fill in.";

pub const CATEGORY_MARKETING: &str = "Marketing";
pub const CATEGORY_UTILITY: &str = "Utility";
pub const CATEGORY_OTHER: &str = "Other";

pub const PICK_FIRST: &str = "Choose a template first.";
pub const FILL_IN: &str = "Fill in";
pub const ALL_REQUIRED: &str = "(every field of the template is required).";
pub const ONE_LINE: &str = "must be one line: WhatsApp does not allow line breaks, tabs or four spaces in a row in a field.";
pub const FIELD_COUNT: &str = "The number of values does not match the template's fields:";
pub const BODY_TOO_LONG: &str =
    "The filled-in template is too long: WhatsApp allows at most 1024 characters in its body.";
pub const HEADER_TOO_LONG: &str =
    "The filled-in header is too long: WhatsApp allows at most 60 characters in a header.";
pub const NOT_AVAILABLE: &str = "This template cannot be sent (any more): it was deleted, is no longer approved, or is not meant for groups. Refresh the templates and pick another one.";
