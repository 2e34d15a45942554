//! Server functions: webhook events that were set aside (quarantined for an unknown number,
//! parked after failing, never matched, unreadable), and replaying them (platform admins only).

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One set-aside event as a platform admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAsideEvent {
    /// The stored event's ID.
    pub id: i64,
    /// `quarantined`, `parked`, `unmatched` or `unreadable`.
    pub outcome: String,
    /// The business number's phone number ID (an ID, not a phone number).
    pub phone_number_id: Option<String>,
    /// How often applying it was tried.
    pub attempts: i32,
    /// The last failure, if any.
    pub last_error: Option<String>,
    /// When it arrived, RFC 3339.
    pub received_at: String,
}

/// The newest events set aside (platform admins only).
#[server(prefix = "/api", endpoint = "list_set_aside_events")]
pub async fn list_set_aside_events() -> Result<Vec<SetAsideEvent>, AppError> {
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        super::admin::require_platform_admin(&state).await?;
        let events = crate::webhooks::set_aside::list(&state.pool, 200).await?;
        Ok(events
            .into_iter()
            .map(|event| SetAsideEvent {
                id: event.id,
                outcome: event.outcome,
                phone_number_id: event.phone_number_id,
                attempts: event.attempts,
                last_error: event.last_error,
                received_at: event.received_at.to_rfc3339(),
            })
            .collect())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Puts one set-aside event back in the queue (platform admins only); audited.
#[server(prefix = "/api", endpoint = "replay_set_aside_event")]
pub async fn replay_set_aside_event(id: String) -> Result<(), AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::state::AppState;

    let result = async {
        let state = expect_context::<AppState>();
        let admin = super::admin::require_platform_admin(&state).await?;
        let id: i64 = id
            .trim()
            .parse()
            .map_err(|_| AppError::validation("id", super::text::EVENT_UNKNOWN))?;
        let mut tx = state.pool.begin().await?;
        let requeued = crate::webhooks::set_aside::replay(&mut *tx, Some(id), None).await?;
        if requeued == 0 {
            return Err(AppError::validation("id", super::text::EVENT_UNKNOWN));
        }
        let entry = Entry::success(Some(admin.user_id()), None, actions::WEBHOOK_REPLAY).target(id);
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        tracing::info!(webhook_event.id = id, "set-aside webhook event replayed");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
