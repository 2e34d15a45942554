//! Server function: an admin makes a password-reset link for a member.

use crate::AppError;
use leptos::prelude::*;

/// Creates a one-time reset link for a member of the caller's tenant and returns it.
#[server(prefix = "/api", endpoint = "create_password_reset")]
pub async fn create_password_reset(user_id: String) -> Result<String, AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::auth::token;
    use crate::ids::UserId;
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let user: UserId = user_id
            .parse()
            .map_err(|_| AppError::validation("user_id", super::text::PERSON_UNKNOWN))?;
        match super::db::resettable_by(&state.pool, &member, user).await? {
            None => return Err(AppError::validation("user_id", super::text::PERSON_UNKNOWN)),
            Some(false) => {
                return Err(AppError::Conflict {
                    message: super::text::RESET_NOT_ALLOWED.to_owned(),
                });
            }
            Some(true) => {}
        }
        let issued = token::issue();
        let mut tx = state.pool.begin().await?;
        super::db::insert_reset(&mut tx, &member, user, &issued.hash).await?;
        let entry = Entry::success(
            Some(member.user_id()),
            Some(member.tenant_id()),
            actions::RESET_CREATE,
        )
        .target(user);
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        Ok(format!("{}/reset/{}", state.auth.public_url, issued.token))
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
