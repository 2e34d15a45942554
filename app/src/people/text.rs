//! Words of the people area. Translations replace this file only.

pub const PAGE_TITLE: &str = "People";
pub const LOADING: &str = "Loading people…";
pub const MEMBERS_HEADING: &str = "Members";
pub const INVITATIONS_HEADING: &str = "Open invitations";
pub const NO_INVITATIONS: &str = "No open invitations.";
pub const COLUMN_NAME: &str = "Name";
pub const COLUMN_EMAIL: &str = "Email";
pub const COLUMN_ROLE: &str = "Role";
pub const COLUMN_EXPIRES: &str = "Expires";
pub const INVITE_HEADING: &str = "Invite someone";
pub const INVITE_HINT: &str =
    "GroupDesk sends no email: copy the link and give it to the person. It works once, for 7 days.";
pub const INVITE_BUTTON: &str = "Create invitation link";
pub const FIELD_ROLE: &str = "Role";
pub const LINK_LABEL: &str = "Link to copy";
pub const RESET_BUTTON: &str = "Make password-reset link";
pub const RESET_HINT: &str = "Give this link to the person; it works once, for 24 hours.";

pub const ACCEPT_TITLE: &str = "Join a tenant";
pub const ACCEPT_INTRO: &str = "Choose your name and a password. If you already have an account with this email address, enter its password instead.";
pub const ACCEPT_BUTTON: &str = "Join and sign in";
pub const RESET_TITLE: &str = "Choose a new password";
pub const RESET_SUBMIT: &str = "Set password";
pub const RESET_DONE: &str = "Your password is set. Sign in with it now.";

pub const ROLE_UNKNOWN: &str = "Choose a role: admin, staff or support.";
pub const ALREADY_MEMBER: &str = "This person is a member of this tenant already.";
pub const LINK_INVALID: &str =
    "This link is not valid any more: it was used or it expired. Ask an admin for a new one.";
pub const EXISTING_ACCOUNT_PASSWORD: &str =
    "An account with this email address exists: enter its current password to join.";
pub const RESET_NOT_ALLOWED: &str = "This person also belongs to another tenant or runs the installation; only a platform admin can reset their password.";
pub const PERSON_UNKNOWN: &str = "Choose a member of this tenant.";
