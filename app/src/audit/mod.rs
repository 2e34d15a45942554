//! The audit log: who did what, where, to what, and how it ended. Append-only in the database.

pub mod actions;
#[cfg(feature = "ssr")]
mod record;

#[cfg(feature = "ssr")]
pub use record::{Entry, Outcome, record};
