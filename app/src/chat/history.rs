//! Server functions that read the chat: the newest messages and one message's receipts.

use super::domain::{ChatPage, ReceiptView};
use crate::AppError;
use leptos::prelude::*;

/// The newest `pages` pages of a group's messages (oldest first), for any member of its tenant.
#[server(prefix = "/api", endpoint = "chat_messages")]
pub async fn chat_messages(group_id: String, pages: u32) -> Result<ChatPage, AppError> {
    use super::domain::{MAX_PAGES, PAGE_SIZE};
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        let group = super::db::chat_group(&state.pool, &member, group_id).await?;
        let limit = i64::from(pages.clamp(1, MAX_PAGES) * PAGE_SIZE);
        let (messages, has_older) =
            super::db::newest(&state.pool, &member, group_id, limit, None).await?;
        Ok(ChatPage {
            group,
            messages,
            has_older,
            today: chrono::Utc::now().date_naive(),
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Who received and read one of our messages, and when.
#[server(prefix = "/api", endpoint = "message_receipts")]
pub async fn message_receipts(message_id: String) -> Result<Vec<ReceiptView>, AppError> {
    use crate::state::AppState;
    let result = async {
        let message_id = message_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        super::db::receipts(&state.pool, &member, message_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
