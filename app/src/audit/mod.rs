//! The audit log: who did what, where, to what, and how it ended. Append-only in the database;
//! admins and support read it on the audit page or download it as CSV.

pub mod actions;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
mod entry_table;
pub mod filter;
mod list_audit;
mod page;
#[cfg(feature = "ssr")]
mod record;
pub mod text;

pub use list_audit::{AuditRow, ListAudit, PAGE_LIMIT, list_audit};
pub use page::AuditPage;
#[cfg(feature = "ssr")]
pub use record::{Entry, Outcome, record};

/// The CSV export route (axum, in `server`).
pub const CSV_PATH: &str = "/api/audit.csv";
