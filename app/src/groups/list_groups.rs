//! Server function: a page of the caller's tenant's groups.

use super::domain::{GroupState, JoinApprovalMode};
use super::list_filter::GroupFilter;
use crate::AppError;
use crate::ids::GroupId;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One group as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// GroupDesk's ID.
    pub id: GroupId,
    /// The name.
    pub subject: String,
    /// Where it is in its life.
    pub state: GroupState,
    /// Who may join with the link.
    pub join_approval_mode: JoinApprovalMode,
    /// The invite link, once WhatsApp created the group.
    pub invite_link: Option<String>,
    /// Why WhatsApp refused it, when it failed.
    pub failure_reason: Option<String>,
    /// The business number's display number.
    pub number: String,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
    /// Suspended by WhatsApp for breaking its policies.
    pub suspended: bool,
    /// Since when WhatsApp no longer lists the group as active (found by "Sync from WhatsApp").
    #[serde(default)]
    pub missing_since: Option<DateTime<Utc>>,
    /// People in the group now (WhatsApp allows 8).
    pub participants: i64,
    /// Join requests waiting for a decision.
    pub pending_requests: i64,
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPage {
    /// The groups on this page, in the asked order.
    pub groups: Vec<GroupSummary>,
    /// The cursor of the next page, when there is one.
    pub next_cursor: Option<String>,
}

/// One page of the caller's tenant's groups, searched, filtered and ordered as `filter` says
/// (newest first when it says nothing).
#[server(prefix = "/api", endpoint = "list_groups")]
pub async fn list_groups(#[server(default)] filter: GroupFilter) -> Result<GroupPage, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let query = filter.check()?;
        super::list_db::page(&state.pool, &member, &query).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
