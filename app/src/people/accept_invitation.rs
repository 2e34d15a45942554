//! Server function: the invitee joins the tenant through their link.

use crate::AppError;
use leptos::prelude::*;

/// Uses an invitation: creates the account (or, for an existing account, checks its password),
/// adds the membership, signs in to the invited tenant and goes to the groups.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::audit::{self, Entry, actions};
    use crate::auth::domain::{DisplayName, Email, NewPassword};
    use crate::auth::{db, password as pw, session, token as tokens};
    use crate::state::AppState;
    use crate::tenants::Role;

    let result = async {
        let state = expect_context::<AppState>();
        let session = session::from_request().await?;
        let mut tx = state.pool.begin().await?;
        let invitation = super::db::take_invitation(&mut tx, &tokens::hash(&token))
            .await?
            .ok_or_else(|| AppError::Conflict {
                message: super::text::LINK_INVALID.to_owned(),
            })?;
        let email = Email::parse(&invitation.email)?;
        let role = Role::parse(&invitation.role)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown invited role")))?;
        let user_id = match db::credential(&mut *tx, &email).await? {
            Some(existing) => {
                let matches = pw::verify(&password, existing.password_hash).await?;
                if !matches || existing.disabled {
                    return Err(AppError::validation(
                        "password",
                        super::text::EXISTING_ACCOUNT_PASSWORD,
                    ));
                }
                existing.user_id
            }
            None => {
                let name = DisplayName::parse(&display_name)?;
                let hash = pw::hash(&NewPassword::parse(&password)?).await?;
                db::create_user(&mut tx, &email, &name, &hash, false).await?
            }
        };
        db::add_membership(&mut *tx, user_id, invitation.tenant_id, role).await?;
        super::db::mark_accepted(&mut tx, invitation.invitation_id).await?;
        let entry = Entry::success(
            Some(user_id),
            Some(invitation.tenant_id),
            actions::INVITE_ACCEPT,
        )
        .target(invitation.invitation_id)
        .detail(serde_json::json!({ "role": role.as_str() }));
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        session::start(&session, user_id, Some(invitation.tenant_id)).await?;
        leptos_axum::redirect("/groups");
        Ok(())
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
