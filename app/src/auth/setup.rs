//! Server function: the one-time setup link creates the first platform admin.

use crate::AppError;
use leptos::prelude::*;

/// Creates the first platform admin from a setup link, signs them in and goes to the groups.
#[server(prefix = "/api", endpoint = "complete_setup")]
pub async fn complete_setup(
    token: String,
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use super::domain::{DisplayName, Email, NewPassword};
    use crate::state::AppState;

    let result = async {
        let email = Email::parse(&email)?;
        let name = DisplayName::parse(&display_name)?;
        let password = NewPassword::parse(&password)?;
        let state = expect_context::<AppState>();
        let session = super::session::from_request().await?;
        let user_id =
            super::bootstrap::complete_setup(&state, &token, &email, &name, &password).await?;
        let tenant_id = super::db::first_tenant(&state.pool, user_id).await?;
        super::session::start(&session, user_id, tenant_id).await?;
        leptos_axum::redirect("/groups");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
