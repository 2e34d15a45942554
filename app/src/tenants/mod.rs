//! Tenants and who acts for them.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod member;
pub mod numbers;
mod role;
pub mod text;

#[cfg(feature = "ssr")]
pub use member::{TenantMember, member_of, require_member};
pub use role::Role;
