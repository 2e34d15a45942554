//! Server functions of the capacity cockpit (admins): per number, the groups used out of
//! WhatsApp's 10,000, the operations still waiting for WhatsApp, and recent failures explained;
//! and, on demand, the facts WhatsApp reports about the number now.

use super::domain::NumberFacts;
use crate::AppError;
use crate::ids::BusinessNumberId;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The most groups one business number may have (SPEC §1).
pub const GROUPS_PER_NUMBER: i64 = 10_000;
/// From this share of the cap on, the cockpit warns.
pub const GROUPS_WARN_PERCENT: i64 = 90;

/// One number's capacity and health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberCapacity {
    /// GroupDesk's ID.
    pub id: BusinessNumberId,
    /// The number as WhatsApp displays it.
    pub display_phone_number: String,
    /// Groups that count against the cap (creating, active, deleting).
    pub groups_used: i64,
    /// Asynchronous calls still waiting for WhatsApp's answer.
    pub pending_operations: i64,
    /// Of those, the ones waiting longer than WhatsApp usually takes.
    pub stale_operations: i64,
    /// Failed or partly failed operations of the last 7 days, newest first (at most 5).
    pub recent_failures: Vec<RecentFailure>,
}

/// A failed operation, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFailure {
    /// `group_create`, `participants_remove`, ...
    pub kind: String,
    /// `failed` or `partially_failed`.
    pub state: String,
    /// The group's subject, when there is one.
    pub group: Option<String>,
    /// When WhatsApp answered.
    pub at: DateTime<Utc>,
    /// What went wrong, in plain words with Meta's codes.
    pub problems: Vec<String>,
}

/// The cockpit of the caller's tenant: one entry per enabled number.
#[server(prefix = "/api", endpoint = "capacity_overview")]
pub async fn capacity_overview() -> Result<Vec<NumberCapacity>, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        super::capacity_db::load(&state.pool, &member).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Reads what WhatsApp reports about one of the tenant's numbers now (eligibility, messaging
/// limit, throughput tier, quality).
#[server(prefix = "/api", endpoint = "check_number_facts")]
pub async fn check_number_facts(number_id: String) -> Result<NumberFacts, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let id = number_id
            .trim()
            .parse()
            .map(BusinessNumberId)
            .map_err(|_| AppError::NotFound)?;
        let number = super::access::load(&state, &member, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let info = number.client.phone_number(&number.access).await?;
        Ok(NumberFacts::from(&info))
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
