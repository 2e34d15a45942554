//! Words a person reads for the generic errors. Translations replace this file only.

pub const NOT_FOUND: &str = "This item does not exist or is not visible to you.";
pub const SIGN_IN_REQUIRED: &str = "Please sign in to continue.";
pub const FORBIDDEN: &str = "Your role does not allow this action.";
pub const INTERNAL: &str = "Something went wrong on our side. Nothing was changed; please try again. If it keeps happening, tell your administrator.";
pub const TRANSPORT: &str =
    "The server could not be reached. Check your connection, then try again.";
pub const UNREADABLE_ANSWER: &str = "The server's answer could not be read. GroupDesk may have just been updated: reload the page, then try again.";
pub const BAD_REQUEST: &str = "The request was not understood";
pub const RATE_LIMITED: &str =
    "Too many attempts in a short time. Wait a few minutes, then try again.";
