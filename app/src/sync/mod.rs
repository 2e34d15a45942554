//! "Sync from WhatsApp": a durable background run per business number that reads the number's
//! active groups (SPEC §2.4) and each group's info (SPEC §2.3), imports groups created outside
//! GroupDesk, corrects drift, and marks groups WhatsApp no longer lists.

mod panel;
mod status;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod reconcile;
#[cfg(feature = "ssr")]
pub mod runner;

pub use panel::SyncPanel;
pub use status::{
    NumberSync, StartSync, SyncJobView, SyncOverview, SyncState, SyncStatus, start_sync,
    sync_status,
};
