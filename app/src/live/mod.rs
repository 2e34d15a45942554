//! Live updates: the server tells open browsers that something changed, and pages refetch.

#[cfg(feature = "ssr")]
mod bus;
mod indicator;
#[cfg(feature = "ssr")]
pub mod store;
mod subscribe;
mod text;

#[cfg(feature = "ssr")]
pub use bus::{LiveBus, Numbered};
pub use indicator::LiveIndicator;
pub use subscribe::{LiveUpdates, use_live_updates};

use crate::ids::{BusinessNumberId, GroupId, TenantId};
use serde::{Deserialize, Serialize};

/// The path of the server-sent-events stream.
pub const STREAM_PATH: &str = "/api/live";

/// Something changed that a page may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// Only members of this tenant receive the event.
    pub tenant_id: TenantId,
    /// What changed.
    pub change: Change,
}

/// The kinds of change a page listens for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A group was created, changed state, or changed settings.
    Group {
        /// Which group.
        group_id: GroupId,
    },
    /// A "Sync from WhatsApp" run of a number started, progressed or finished.
    Sync {
        /// Which number.
        business_number_id: BusinessNumberId,
    },
}
