//! The operations ledger: every asynchronous Graph call, pending until its webhook resolves it.

#[cfg(feature = "ssr")]
mod items;
mod list;
mod page;
mod table;
pub mod text;

pub use list::{ListOperations, OperationItem, OperationView, list_operations};
pub use page::OperationsPage;
pub use table::{ItemList, OperationTable};
