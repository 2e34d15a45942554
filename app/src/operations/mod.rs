//! The operations ledger: every asynchronous Graph call, pending until its webhook resolves it.

mod list;
mod page;
mod table;
pub mod text;

pub use list::{ListOperations, OperationView, list_operations};
pub use page::OperationsPage;
pub use table::OperationTable;
