//! Server function: an admin invites someone by link.

use crate::AppError;
use leptos::prelude::*;

/// Creates an invitation to the caller's tenant and returns the link to copy.
#[server(prefix = "/api", endpoint = "create_invitation")]
pub async fn create_invitation(email: String, role: String) -> Result<String, AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::auth::domain::Email;
    use crate::auth::token;
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let email = Email::parse(&email)?;
        let role = Role::parse(&role)
            .ok_or_else(|| AppError::validation("role", super::text::ROLE_UNKNOWN))?;
        let issued = token::issue();
        let mut tx = state.pool.begin().await?;
        let invitation_id =
            super::db::insert_invitation(&mut tx, &member, &email, role, &issued.hash).await?;
        let entry = Entry::success(
            Some(member.user_id()),
            Some(member.tenant_id()),
            actions::INVITE,
        )
        .target(invitation_id)
        .detail(serde_json::json!({ "email": email.as_str(), "role": role.as_str() }));
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        Ok(format!("{}/invite/{}", state.auth.public_url, issued.token))
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
