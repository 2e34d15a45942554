//! Server function: the tenant's members and open invitations (admins only).

use crate::AppError;
use crate::ids::UserId;
use crate::tenants::Role;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A member of the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Their ID.
    pub user_id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their address.
    pub email: String,
    /// Their role here.
    pub role: Role,
    /// Whether their account is disabled.
    pub disabled: bool,
}

/// An invitation not used yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invited {
    /// The invited address.
    pub email: String,
    /// The role it gives.
    pub role: Role,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Everything the people page lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    /// Members, by name.
    pub members: Vec<Person>,
    /// Open invitations, newest first.
    pub invitations: Vec<Invited>,
}

/// The caller's tenant's members and open invitations.
#[server(prefix = "/api", endpoint = "list_people")]
pub async fn list_people() -> Result<People, AppError> {
    use crate::state::AppState;
    use crate::tenants::require_member;

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        Ok(People {
            members: super::db::members(&state.pool, &member).await?,
            invitations: super::db::open_invitations(&state.pool, &member).await?,
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
