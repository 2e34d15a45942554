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

pub const OIDC_BUTTON: &str = "Sign in with";
pub const OIDC_OR_PASSWORD: &str = "or with your email and password:";
pub const OIDC_ACCEPT_HINT: &str = "Or sign in there with the invited email address: that accepts this invitation too. Otherwise choose a name and password:";
pub const OIDC_UNAVAILABLE: &str = "Sign-in through an identity provider is not set up on this server. Sign in with your email and password.";
pub const OIDC_DENIED: &str = "The identity provider did not sign you in: it was cancelled or refused there. Try again, or sign in with your password.";
pub const OIDC_STATE: &str = "This sign-in was not started in this browser, or it was finished already. Start again with the button below.";
pub const OIDC_EXPIRED: &str =
    "The sign-in took longer than 10 minutes. Start again with the button below.";
pub const OIDC_UNREACHABLE: &str = "GroupDesk could not reach the identity provider. Try again in a moment; if it keeps failing, tell your admin.";
pub const OIDC_TOKEN: &str = "The identity provider's answer could not be verified, so you were not signed in. Try again; if it keeps failing, tell your admin.";
pub const OIDC_UNVERIFIED: &str = "The identity provider did not confirm your email address, so GroupDesk cannot tell which account is yours. Confirm the address there, or ask your admin.";
pub const OIDC_NOT_INVITED: &str = "You signed in at the identity provider, but GroupDesk has no account for your email address. Ask your admin to invite you: GroupDesk does not create accounts on its own.";
pub const OIDC_DISABLED: &str = "Your GroupDesk account is disabled. Ask your admin.";
pub const OIDC_LINKED: &str =
    "Your GroupDesk account is linked to another identity at this provider. Ask your admin.";
pub const OIDC_FAILED: &str = "Something went wrong on the server while signing you in. Try again; if it keeps failing, tell your admin.";
