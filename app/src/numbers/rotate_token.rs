//! Server function: an admin replaces a number's access token.

use crate::AppError;
use leptos::prelude::*;

/// Checks `access_token` against the number and, if WhatsApp accepts it, stores it instead of
/// the old one.
#[server(prefix = "/api", endpoint = "rotate_number_token")]
pub async fn rotate_number_token(number_id: String, access_token: String) -> Result<(), AppError> {
    use super::domain::parse_token;
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let number_id = number_id
            .parse()
            .map_err(|_| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
        let token = parse_token(access_token)?;
        super::service::rotate_token(&state, &member, number_id, &token).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
