//! Server function: the group's invite link as a QR code (SVG to show, PNG to download).

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The invite link and its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCode {
    /// The link the code encodes.
    pub link: String,
    /// An `<svg>` element.
    pub svg: String,
    /// A `data:image/png;base64,...` URL, for the download link.
    pub png_data_url: String,
}

/// The QR code of the group's current invite link. Any member may see it.
#[server(prefix = "/api", endpoint = "invite_qr")]
pub async fn invite_qr(group_id: String) -> Result<InviteCode, AppError> {
    use crate::tenants::{Role, require_member};
    use base64::Engine;
    let result = async {
        let state = expect_context::<crate::state::AppState>();
        let member = require_member(&state, Role::ALL).await?;
        let group_id: crate::ids::GroupId = group_id.parse().map_err(|_| AppError::NotFound)?;
        let link = super::list_db::one(&state.pool, &member, group_id)
            .await?
            .invite_link
            .ok_or(AppError::NotFound)?;
        let svg = super::qr::svg(&link).map_err(AppError::internal)?;
        let png = super::qr::png(&link).map_err(AppError::internal)?;
        let png_data_url = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png)
        );
        Ok(InviteCode {
            link,
            svg,
            png_data_url,
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
