//! Server functions of pins: read a group's pins (any member), pin and unpin (admin and staff).

use super::pins::PinBoard;
use crate::AppError;
use leptos::prelude::*;

/// The group's pinned messages, the newest pinned message first, for any member of its tenant.
#[server(prefix = "/api", endpoint = "chat_pins")]
pub async fn chat_pins(group_id: String) -> Result<PinBoard, AppError> {
    use crate::state::AppState;
    use crate::tenants::Role;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, Role::ALL).await?;
        let target = super::db::send_target(&state.pool, &member, group_id).await?;
        let pins = super::pins_db::board(&state.pool, &member, group_id).await?;
        Ok(PinBoard {
            pins,
            may_change: matches!(member.role(), Role::Admin | Role::Staff),
            cannot_change: target.cannot_send.map(str::to_owned),
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Pins a message of the group for `days` (1 to 30); WhatsApp drops the oldest of 3 pins.
#[server(prefix = "/api", endpoint = "pin_message")]
pub async fn pin_message(
    group_id: String,
    message_id: String,
    days: String,
) -> Result<String, AppError> {
    use crate::state::AppState;
    use crate::tenants::Role;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let message_id = parse_message_id(&message_id)?;
        let days = super::pins::PinDays::parse(&days)?;
        super::pins_service::pin(&state, &member, group_id, message_id, days)
            .await
            .map(|id| id.to_string())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Unpins a pinned message of the group.
#[server(prefix = "/api", endpoint = "unpin_message")]
pub async fn unpin_message(group_id: String, message_id: String) -> Result<String, AppError> {
    use crate::state::AppState;
    use crate::tenants::Role;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let message_id = parse_message_id(&message_id)?;
        super::pins_service::unpin(&state, &member, group_id, message_id)
            .await
            .map(|id| id.to_string())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// A message ID that is not even an ID gets the same clear error as one not in the group.
#[cfg(feature = "ssr")]
fn parse_message_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::validation("message_id", super::text::PIN_UNKNOWN_MESSAGE))
}
