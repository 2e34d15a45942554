//! The operations ledger: every asynchronous Graph call, pending until its webhook resolves it.

#[cfg(feature = "ssr")]
mod items;
mod list;
mod page;
mod table;
pub mod text;

#[cfg(feature = "ssr")]
pub use list::explain_all;
pub use list::{ListOperations, OperationItem, OperationView, list_operations};
pub use page::OperationsPage;
pub use table::{ItemList, OperationTable, kind_label, state_label};
