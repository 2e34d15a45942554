//! Server function: the tenant's audit entries (admins and support).

use crate::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The most entries the page shows; the CSV export has no limit.
pub const PAGE_LIMIT: i64 = 500;

/// One audit entry as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Its sequence number.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (their email), if anyone.
    pub actor: Option<String>,
    /// What.
    pub action: String,
    /// To what.
    pub target: Option<String>,
    /// `success` or `failure`.
    pub outcome: String,
    /// Extra facts, as JSON text.
    pub detail: String,
}

/// The caller's tenant's audit entries matching the filter, newest first.
#[server(prefix = "/api", endpoint = "list_audit")]
pub async fn list_audit(
    action: String,
    from: String,
    to: String,
) -> Result<Vec<AuditRow>, AppError> {
    use super::filter::AuditFilter;
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Support]).await?;
        let filter = AuditFilter::parse(&action, &from, &to)?;
        let mut rows = Vec::new();
        super::db::each(&state.pool, &member, &filter, PAGE_LIMIT, |row| {
            rows.push(row);
            async { true }
        })
        .await?;
        Ok(rows)
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
