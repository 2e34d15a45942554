//! Server functions: queue invitations for a batch of numbers, and read the latest job.

use super::domain::InviteJobView;
use crate::AppError;
use leptos::prelude::*;

/// Queues the invite template `name` (`language`) to each number of `numbers` (one per line or
/// comma-separated); a background worker sends them. Returns the job's ID.
#[server(prefix = "/api", endpoint = "start_invites")]
pub async fn start_invites(
    group_id: String,
    name: String,
    language: String,
    numbers: String,
) -> Result<String, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let list = super::phones::PhoneList::parse(&numbers);
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        list.check()
            .map_err(|message| AppError::validation("numbers", message))?;
        super::service::start(&state, &member, group_id, &name, &language, &list.numbers)
            .await
            .map(|id| id.to_string())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// The group's latest invitation job, if any, with each number's progress.
#[server(prefix = "/api", endpoint = "invite_progress")]
pub async fn invite_progress(group_id: String) -> Result<Option<InviteJobView>, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        super::service::latest(&state, &member, group_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
