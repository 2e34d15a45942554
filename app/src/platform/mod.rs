//! The platform admin's area: tenants (create, rename, suspend, reactivate) and their first
//! admins, and webhook events set aside (list, replay).

pub mod domain;
mod invite_admin_form;
mod list_tenants;
mod manage;
mod page;
mod set_aside;
mod set_aside_page;
mod tenant_create_form;
mod tenant_row;
mod tenant_table;
pub mod text;

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

pub use list_tenants::{ListTenants, TenantSummary, list_tenants};
pub use manage::{
    CreateTenant, InviteTenantAdmin, ReactivateTenant, RenameTenant, SuspendTenant, create_tenant,
    invite_tenant_admin, reactivate_tenant, rename_tenant, suspend_tenant,
};
pub use page::TenantsPage;
pub use set_aside::{
    ListSetAsideEvents, ReplaySetAsideEvent, SetAsideEvent, list_set_aside_events,
    replay_set_aside_event,
};
pub use set_aside_page::SetAsidePage;
