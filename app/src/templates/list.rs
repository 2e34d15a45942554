//! Server functions: the templates a group's number offers, and reading them again on demand.

use super::domain::{Purpose, TemplateView};
use crate::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The templates a picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateList {
    /// The templates, by name.
    pub templates: Vec<TemplateView>,
    /// When they were last read from WhatsApp.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Why the list may be out of date (a failed or refused refresh).
    pub notice: Option<String>,
}

/// The templates of the group's number that suit `purpose` (cached; read from WhatsApp when the
/// cache is empty or older than an hour).
#[server(prefix = "/api", endpoint = "group_templates")]
pub async fn group_templates(
    group_id: String,
    #[server(default)] purpose: Purpose,
) -> Result<TemplateList, AppError> {
    load(group_id, purpose, false)
        .await
        .map_err(AppError::into_server_fn_error)
}

/// Reads the group's number's templates from WhatsApp now (at most once a minute per number),
/// then answers like [`group_templates`].
#[server(prefix = "/api", endpoint = "refresh_templates")]
pub async fn refresh_templates(
    group_id: String,
    #[server(default)] purpose: Purpose,
) -> Result<TemplateList, AppError> {
    load(group_id, purpose, true)
        .await
        .map_err(AppError::into_server_fn_error)
}

#[cfg(feature = "ssr")]
async fn load(group_id: String, purpose: Purpose, force: bool) -> Result<TemplateList, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};
    let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
    let state = expect_context::<AppState>();
    let member = require_member(&state, &[Role::Admin, Role::Staff]).await?;
    super::service::for_group(&state, &member, group_id, purpose, force).await
}
