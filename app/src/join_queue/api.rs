//! Server functions of the queue: list it, decide many requests at once, and check WhatsApp for
//! a group's requests. Admins, staff and support may do all three, as on the group page.

use super::domain::{ItemOutcome, QueueView, RefreshOutcome};
use crate::AppError;
use leptos::prelude::*;

/// The tenant's waiting join requests across its groups; `group` (an ID) and `age` (`1h`, `1d`,
/// `1w`) narrow it, empty means any.
#[server(prefix = "/api", endpoint = "join_queue")]
pub async fn join_queue(group: String, age: String) -> Result<QueueView, AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let filter = super::domain::QueueFilter::parse(&group, &age)?;
        super::queue_db::load(&state.pool, &member, filter).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Approves or rejects (`decision`) 1 to 100 requests (`join_request_ids`, comma-separated),
/// one WhatsApp call per group; answers each request's outcome.
#[server(prefix = "/api", endpoint = "decide_join_requests")]
pub async fn decide_join_requests(
    join_request_ids: String,
    decision: String,
) -> Result<Vec<ItemOutcome>, AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let chosen = super::domain::ChosenRequests::parse(&join_request_ids)?;
        let decision = super::domain::Decision::parse(&decision)?;
        super::decide_service::decide_many(&state, &member, chosen.ids(), decision).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Reads the group's waiting requests from WhatsApp and adds any GroupDesk missed.
#[server(prefix = "/api", endpoint = "refresh_join_requests")]
pub async fn refresh_join_requests(group_id: String) -> Result<RefreshOutcome, AppError> {
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        super::refresh_service::refresh(&state, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
