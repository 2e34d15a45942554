//! Server function: ask WhatsApp to create a group.

use crate::AppError;
use crate::ids::GroupId;
use leptos::prelude::*;

/// Creates a group on one of the tenant's numbers. The group starts as "creating" and becomes
/// active when WhatsApp's webhook arrives.
#[server(prefix = "/api", endpoint = "create_group")]
pub async fn create_group(
    subject: String,
    description: String,
    join_approval_mode: String,
    number_id: String,
) -> Result<GroupId, AppError> {
    use super::domain::NewGroup;
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
        let new = NewGroup::parse(&subject, &description, &join_approval_mode)?;
        let number_id = number_id
            .parse()
            .map_err(|_| AppError::validation("number_id", super::text::NUMBER_UNKNOWN))?;
        super::service::create(&state, &member, number_id, &new).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
