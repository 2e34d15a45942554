//! Words of the tenants area that a person reads. Translations replace this file only.

pub const DEMO_TENANT_NAME: &str = "Demo";
pub const DEV_SIGNIN_BANNER: &str =
    "Development sign-in: you act as staff of the Demo tenant. Real sign-in comes with accounts.";
