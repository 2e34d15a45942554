//! Words of the tenants area that a person reads. Translations replace this file only.

pub const DEMO_TENANT_NAME: &str = "Demo";
pub const ROLE_ADMIN: &str = "Admin";
pub const ROLE_STAFF: &str = "Staff";
pub const ROLE_SUPPORT: &str = "Support";
