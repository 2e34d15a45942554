//! Server functions that send: a new text or template message, and a failed message again.

use crate::AppError;
use leptos::prelude::*;

/// Queues a text message for the group; the outbox sends it and status webhooks report on it.
#[server(prefix = "/api", endpoint = "send_message")]
pub async fn send_message(group_id: String, body: String) -> Result<String, AppError> {
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(
            &state,
            &[crate::tenants::Role::Admin, crate::tenants::Role::Staff],
        )
        .await?;
        let body = super::domain::MessageBody::parse(&body)?;
        super::service::send_text(&state, &member, group_id, &body)
            .await
            .map(|id| id.to_string())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Puts a failed message back in the outbox.
#[server(prefix = "/api", endpoint = "retry_message")]
pub async fn retry_message(message_id: String) -> Result<(), AppError> {
    use crate::state::AppState;
    let result = async {
        let message_id = message_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(
            &state,
            &[crate::tenants::Role::Admin, crate::tenants::Role::Staff],
        )
        .await?;
        super::service::retry(&state, &member, message_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Queues a template message for the group: `name` and `language` pick one of the templates the
/// group's number offers, `values` fill its fields in order. The chat shows the filled-in text.
#[server(prefix = "/api", endpoint = "send_template")]
pub async fn send_template(
    group_id: String,
    name: String,
    language: String,
    #[server(default)] values: Vec<String>,
) -> Result<String, AppError> {
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(
            &state,
            &[crate::tenants::Role::Admin, crate::tenants::Role::Staff],
        )
        .await?;
        super::service::send_template(&state, &member, group_id, &name, &language, &values)
            .await
            .map(|id| id.to_string())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
