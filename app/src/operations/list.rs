//! Server function: the tenant's operations, or one group's, newest first.

use crate::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One operation as the ledger shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationView {
    /// GroupDesk's ID.
    pub id: Uuid,
    /// `group_create`, `group_settings_update`, ...
    pub kind: String,
    /// `pending`, `succeeded`, `partially_failed` or `failed`.
    pub state: String,
    /// The group's subject, when the operation is about one.
    pub group: Option<String>,
    /// When GroupDesk asked.
    pub created_at: DateTime<Utc>,
    /// Pending for longer than WhatsApp usually takes.
    pub stale: bool,
    /// What went wrong, explained (empty when nothing did).
    pub problems: Vec<String>,
    /// What was asked item by item (each participant, each setting), with each one's outcome.
    pub items: Vec<OperationItem>,
}

/// One participant or setting of an operation, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationItem {
    /// Who or what: a participant's number or ID, or the setting's name.
    pub label: String,
    /// `pending`, `done` or `failed`.
    pub state: String,
    /// Why it failed, explained.
    pub reason: Option<String>,
}

/// The most operations one page lists.
#[cfg(feature = "ssr")]
const LIMIT: i64 = 200;

/// The ledger of the caller's tenant; with `group_id`, only that group's operations.
#[server(prefix = "/api", endpoint = "list_operations")]
pub async fn list_operations(group_id: Option<String>) -> Result<Vec<OperationView>, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group: Option<Uuid> = match group_id.as_deref().filter(|id| !id.is_empty()) {
            Some(raw) => Some(raw.parse().map_err(|_| AppError::NotFound)?),
            None => None,
        };
        let rows = sqlx::query!(
            r#"select o.operation_id, o.kind, o.state, g.subject as "subject?", o.error_detail,
                      o.request_detail, o.created_at as "created_at: DateTime<Utc>",
                      (o.state = 'pending' and o.created_at < now() - interval '10 minutes') as "stale!"
               from operation o left join whatsapp_group g on g.group_id = o.group_id
               where o.tenant_id = $1 and ($2::uuid is null or o.group_id = $2)
               order by o.created_at desc limit $3"#,
            member.tenant_id().0,
            group,
            LIMIT
        )
        .fetch_all(&state.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| OperationView {
                items: super::items::items(
                    &row.kind,
                    &row.state,
                    row.request_detail.as_ref(),
                    row.error_detail.as_ref(),
                ),
                id: row.operation_id,
                kind: row.kind,
                state: row.state,
                group: row.subject,
                created_at: row.created_at,
                stale: row.stale,
                problems: row.error_detail.as_ref().map(explain_all).unwrap_or_default(),
            })
            .collect())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Every distinct Meta error code inside an error detail, explained; Meta's own words for codes
/// without an explanation of ours. Works for every shape the ledger keeps (create errors, failed
/// participants, per-setting errors).
#[cfg(feature = "ssr")]
pub fn explain_all(detail: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, codes: &mut Vec<i64>) {
        match value {
            serde_json::Value::Object(map) => {
                let code = map.get("code").and_then(|code| {
                    code.as_i64()
                        .or_else(|| code.as_str().and_then(|text| text.parse().ok()))
                });
                if let Some(code) = code
                    && !codes.contains(&code)
                {
                    codes.push(code);
                }
                map.values().for_each(|child| walk(child, codes));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|child| walk(child, codes)),
            _ => {}
        }
    }
    let mut codes = Vec::new();
    walk(detail, &mut codes);
    codes
        .into_iter()
        .map(|code| format!("{} (Meta error {code})", crate::graph::explain(code)))
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::explain_all;
    use serde_json::json;

    #[test]
    fn every_code_in_any_shape_is_explained_once() {
        let detail = json!([
            {"input": "1", "errors": [{"code": 131212, "title": "x"}]},
            {"input": "2", "errors": [{"code": "131212"}]},
            {"group_subject": {"errors": [{"code": 131207}]}}
        ]);
        let problems = explain_all(&detail);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("131212"));
        assert!(problems[1].contains("suspended"));
    }
}
