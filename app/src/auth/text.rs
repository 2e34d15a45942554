//! Words of signing in and out. Translations replace this file only.

pub const LOGIN_TITLE: &str = "Sign in";
pub const LOGIN_BUTTON: &str = "Sign in";
pub const LOGIN_PENDING: &str = "Signing in…";
pub const FIELD_EMAIL: &str = "Email";
pub const FIELD_PASSWORD: &str = "Password";
pub const FIELD_NEW_PASSWORD: &str = "Password (at least 12 characters)";
pub const FIELD_DISPLAY_NAME: &str = "Your name";
pub const LOGOUT_BUTTON: &str = "Sign out";
pub const SWITCH_LABEL: &str = "Tenant";
pub const SWITCH_BUTTON: &str = "Switch";
pub const NO_TENANT: &str = "You are not a member of any tenant yet.";
pub const PLATFORM_ADMIN_BADGE: &str = "platform admin";
pub const SETUP_TITLE: &str = "Set up GroupDesk";
pub const SETUP_INTRO: &str =
    "Create the first platform admin: the person who runs this installation. This link works once.";
pub const SETUP_BUTTON: &str = "Create admin and sign in";

pub const WRONG_CREDENTIALS: &str = "Wrong email or password.";
pub const PASSWORD_MISSING: &str = "Enter your password.";
pub const EMAIL_INVALID: &str = "Enter an email address such as ana@example.org.";
pub const EMAIL_TAKEN: &str = "An account with this email address exists already.";
pub const NAME_INVALID: &str = "Enter a name of 1 to 100 characters.";
pub const PASSWORD_TOO_SHORT: &str = "Choose a password of at least 12 characters.";
pub const PASSWORD_TOO_LONG: &str = "Choose a password of at most 256 characters.";
pub const TENANT_UNKNOWN: &str = "Choose one of your tenants.";
pub const SETUP_LINK_INVALID: &str = "This setup link is no longer valid: it was used, it expired, or an admin exists already. Restart the server for a new link if no admin exists.";
