//! A tenant's business numbers, as the UI lists them.

use crate::AppError;
use crate::ids::BusinessNumberId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One business number, as a person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberSummary {
    /// GroupDesk's ID of the number.
    pub id: BusinessNumberId,
    /// The number as WhatsApp displays it.
    pub display_phone_number: String,
    /// Whether it talks to the local sandbox instead of Meta.
    pub sandbox: bool,
}

/// Lists the caller's tenant's business numbers.
#[server(prefix = "/api", endpoint = "list_numbers")]
pub async fn list_numbers() -> Result<Vec<NumberSummary>, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let rows = sqlx::query_as!(
            NumberSummary,
            r#"select business_number_id as "id: BusinessNumberId", display_phone_number, sandbox
               from business_number where tenant_id = $1 and disabled_at is null
               order by created_at"#,
            member.tenant_id().0
        )
        .fetch_all(&state.pool)
        .await?;
        Ok(rows)
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
