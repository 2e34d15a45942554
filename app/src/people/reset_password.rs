//! Server function: a person sets a new password through a reset link.

use crate::AppError;
use leptos::prelude::*;

/// Uses a reset link: sets the new password, then goes to the sign-in page.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::auth::domain::NewPassword;
    use crate::auth::{db, password as pw, token as tokens};
    use crate::state::AppState;

    let result = async {
        let password = NewPassword::parse(&password)?;
        let state = expect_context::<AppState>();
        let hash = pw::hash(&password).await?;
        let mut tx = state.pool.begin().await?;
        let user_id = super::db::use_reset(&mut tx, &tokens::hash(&token))
            .await?
            .ok_or_else(|| AppError::Conflict {
                message: super::text::LINK_INVALID.to_owned(),
            })?;
        db::set_password(&mut *tx, user_id, &hash).await?;
        let entry = Entry::success(Some(user_id), None, actions::RESET_USE).target(user_id);
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        leptos_axum::redirect("/login");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
