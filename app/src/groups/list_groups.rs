//! Server function: the groups of the caller's tenant.

use super::domain::{GroupState, JoinApprovalMode};
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
}

/// Lists the caller's tenant's groups, newest first.
#[server(prefix = "/api", endpoint = "list_groups")]
pub async fn list_groups() -> Result<Vec<GroupSummary>, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, Role::ALL).await?;
        super::db::list(&state.pool, &member).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
