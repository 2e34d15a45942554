//! Tenants and who acts for them.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod member;
pub mod numbers;
pub mod text;

#[cfg(feature = "ssr")]
pub use member::{Role, TenantMember, require_member};
