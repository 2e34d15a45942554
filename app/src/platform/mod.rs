//! The platform admin's area: tenants (create, rename, suspend, reactivate) and their first admins.

pub mod domain;
mod invite_admin_form;
mod list_tenants;
mod manage;
mod page;
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
