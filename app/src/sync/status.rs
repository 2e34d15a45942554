//! Server functions: the sync state of each number, and starting a sync.

use crate::AppError;
use crate::ids::{BusinessNumberId, SyncJobId};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Reading WhatsApp now (or waiting out a rate limit).
    Running,
    /// Read every page; GroupDesk is in line.
    Succeeded,
    /// Stopped; `last_error` says why.
    Failed,
}

impl SyncState {
    /// Reads the stored value (anything unknown reads as failed).
    pub fn parse(raw: &str) -> Self {
        match raw {
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            _ => Self::Failed,
        }
    }
}

/// One run and its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncJobView {
    /// The run.
    pub id: SyncJobId,
    /// Where it is.
    pub state: SyncState,
    /// Pages of the active-groups list read.
    pub pages_read: i64,
    /// Groups WhatsApp listed.
    pub groups_seen: i64,
    /// Groups created outside GroupDesk, now imported.
    pub imported: i64,
    /// Groups whose subject, description, participants or suspension were corrected.
    pub updated: i64,
    /// Groups GroupDesk had as active that WhatsApp no longer lists.
    pub flagged: i64,
    /// Groups that could not be read.
    pub failed: i64,
    /// The last problem, explained (why it failed, what it waits out, or a group it could not read).
    pub last_error: Option<String>,
    /// Running, but waiting out a failure that may pass (`last_error` says which).
    pub waiting: bool,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
}

/// A number and its latest run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberSync {
    /// The number.
    pub number_id: BusinessNumberId,
    /// As WhatsApp displays it.
    pub display_phone_number: String,
    /// The latest run, if any.
    pub job: Option<SyncJobView>,
}

/// The sync panel's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncOverview {
    /// Whether the caller may start a run (admins and staff).
    pub can_start: bool,
    /// The tenant's enabled numbers.
    pub numbers: Vec<NumberSync>,
}

/// Each enabled number of the caller's tenant with its latest sync run.
#[server(prefix = "/api", endpoint = "sync_status")]
pub async fn sync_status() -> Result<SyncOverview, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let numbers = super::db::overview(&state.pool, &member).await?;
        Ok(SyncOverview {
            can_start: matches!(member.role(), Role::Admin | Role::Staff),
            numbers,
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Starts a sync of one of the tenant's numbers, or returns the run already going on.
#[server(prefix = "/api", endpoint = "start_sync")]
pub async fn start_sync(number_id: String) -> Result<SyncJobView, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let number = number_id
            .trim()
            .parse()
            .map(BusinessNumberId)
            .map_err(|_| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
        super::db::start(&state.pool, &member, number).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
