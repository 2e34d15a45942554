//! Server functions: approve or reject a join request.

use crate::AppError;
use leptos::prelude::*;

/// Approves a join request. The user becomes a participant when WhatsApp confirms by webhook.
#[server(prefix = "/api", endpoint = "approve_join_request")]
pub async fn approve_join_request(join_request_id: String) -> Result<(), AppError> {
    decide(join_request_id, true).await
}

/// Rejects a join request (WhatsApp sends no confirmation for rejections).
#[server(prefix = "/api", endpoint = "reject_join_request")]
pub async fn reject_join_request(join_request_id: String) -> Result<(), AppError> {
    decide(join_request_id, false).await
}

#[cfg(feature = "ssr")]
async fn decide(join_request_id: String, approve: bool) -> Result<(), AppError> {
    use crate::state::AppState;
    let result = async {
        let id = join_request_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        // Support moderates too: they may remove participants, so they may decide who joins.
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        super::join_request_service::decide(&state, &member, id, approve).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
