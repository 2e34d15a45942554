//! Words of the app frame. Translations replace this file only.

pub const APP_NAME: &str = "GroupDesk";
pub const NAV_GROUPS: &str = "Groups";
pub const NAV_JOIN_REQUESTS: &str = "Join requests";
pub const NAV_SANDBOX: &str = "Sandbox";
pub const NAV_OPERATIONS: &str = "Operations";
pub const NAV_PEOPLE: &str = "People";
pub const NAV_AUDIT: &str = "Audit log";
pub const NAV_NUMBERS: &str = "Numbers";
pub const NAV_TENANTS: &str = "Tenants";
pub const NAV_WEBHOOK_EVENTS: &str = "Webhook events";
pub const NOT_FOUND_TITLE: &str = "Page not found";
pub const NOT_FOUND_BODY: &str = "This address does not lead anywhere. Use the menu above.";
