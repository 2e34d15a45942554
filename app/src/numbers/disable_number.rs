//! Server function: an admin disables a business number.

use crate::AppError;
use leptos::prelude::*;

/// Disables one of the tenant's numbers; groups on it can no longer be managed from GroupDesk.
#[server(prefix = "/api", endpoint = "disable_number")]
pub async fn disable_number(number_id: String) -> Result<(), AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let number_id = number_id
            .parse()
            .map_err(|_| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
        super::service::disable(&state, &member, number_id).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
