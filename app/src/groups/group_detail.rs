//! Server functions: one group with its participants and join requests, for its page; and the
//! group alone, for the header of its chat.

use super::list_groups::GroupSummary;
use crate::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A participant as the group page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    /// The phone number, when the user shows it.
    pub wa_id: Option<String>,
    /// The business-scoped user ID, when known.
    pub user_id: Option<String>,
    /// The WhatsApp username, when known.
    pub username: Option<String>,
    /// `invite_link` or `join_request`.
    pub joined_via: String,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
}

impl ParticipantView {
    /// What identifies them to WhatsApp: the phone number, else the BSUID.
    pub fn key(&self) -> String {
        self.wa_id
            .clone()
            .or_else(|| self.user_id.clone())
            .unwrap_or_default()
    }
}

/// A join request waiting for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequestView {
    /// GroupDesk's ID of the request.
    pub id: Uuid,
    /// Who asked: phone number, else username or BSUID.
    pub who: String,
    /// `pending`, `approving`, `failed`, ...
    pub state: String,
    /// Why it failed, in plain words.
    pub failure_reason: Option<String>,
    /// When they asked.
    pub created_at: DateTime<Utc>,
}

/// Everything the group page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    /// The row of the list.
    pub group: GroupSummary,
    /// The description.
    pub description: String,
    /// Current participants.
    pub participants: Vec<ParticipantView>,
    /// Join requests still open (pending, being approved, or failed).
    pub join_requests: Vec<JoinRequestView>,
    /// The viewer's role, which decides the actions offered.
    pub role: crate::tenants::Role,
    /// The newest picture GroupDesk sent that WhatsApp accepted (see [`super::picture_url`]).
    pub picture: Option<Uuid>,
}

/// Loads one group of the caller's tenant.
#[server(prefix = "/api", endpoint = "group_detail")]
pub async fn group_detail(group_id: String) -> Result<GroupView, AppError> {
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        super::detail_db::load(&state.pool, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Loads one group of the caller's tenant without its participants and requests: the header of
/// its chat.
#[server(prefix = "/api", endpoint = "group_header")]
pub async fn group_header(group_id: String) -> Result<GroupSummary, AppError> {
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        super::list_db::one(&state.pool, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
