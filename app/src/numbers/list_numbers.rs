//! Server function: the Numbers page's list (admins).

use crate::AppError;
use crate::ids::BusinessNumberId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One business number as an admin manages it. Carries no token, not even whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRow {
    /// GroupDesk's ID of the number.
    pub id: BusinessNumberId,
    /// The number as WhatsApp displays it.
    pub display_phone_number: String,
    /// Meta's phone number ID.
    pub phone_number_id: String,
    /// Meta's WABA ID.
    pub waba_id: String,
    /// Whether it talks to the local sandbox.
    pub sandbox: bool,
    /// Whether an admin disabled it.
    pub disabled: bool,
}

/// The Numbers page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumbersOverview {
    /// Every number of the tenant, enabled ones first.
    pub numbers: Vec<NumberRow>,
    /// Whether this server runs the sandbox (the form then offers sandbox numbers).
    pub sandbox_available: bool,
    /// Facebook's Embedded Signup, when a Meta app and a signup configuration are set.
    pub facebook: Option<FacebookSignup>,
}

/// What Facebook's JavaScript SDK needs for Embedded Signup (public values, no secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacebookSignup {
    /// The Meta app ID.
    pub app_id: String,
    /// The Embedded Signup configuration ID.
    pub config_id: String,
    /// The Graph API version for `FB.init`.
    pub graph_version: String,
}

/// Lists the caller's tenant's business numbers, disabled ones included.
#[server(prefix = "/api", endpoint = "list_business_numbers")]
pub async fn list_business_numbers() -> Result<NumbersOverview, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let numbers = super::db::list(&state.pool, &member).await?;
        Ok(NumbersOverview {
            numbers,
            sandbox_available: state.graph.sandbox.is_some(),
            facebook: match (&state.signup.app_id, &state.signup.config_id) {
                (Some(app_id), Some(config_id)) => Some(FacebookSignup {
                    app_id: app_id.clone(),
                    config_id: config_id.clone(),
                    graph_version: state.signup.graph_version.clone(),
                }),
                _ => None,
            },
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
