//! Group settings (SPEC §2.5): subject, description, picture and, leniently, who can join;
//! each setting's outcome goes out in a `group_settings_update` webhook.

use super::body::{self, JsonBody};
use super::error::MetaError;
use super::groups::{approval_mode, webhook_error};
use super::lookup::{self, Group, internal};
use super::{SandboxState, deliver, ids, jpeg};
use axum::Json;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Largest group picture.
const PICTURE_MAX_BYTES: usize = 5 * 1024 * 1024;

/// A requested settings change, before it is applied.
#[derive(Default)]
pub struct SettingsChange {
    /// New subject.
    pub subject: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// A new picture's bytes.
    pub picture: Option<Vec<u8>>,
    /// Who can join with the link. SPEC §2.5 does not list it; the sandbox takes it (the lenient
    /// reading, as create does) and reports no object for it in the webhook, since §4.3 has none.
    pub join_approval_mode: Option<String>,
}

/// `POST /<GROUP_ID>` (JSON body): subject and description.
pub fn settings_from_json(bytes: &[u8]) -> Result<SettingsChange, MetaError> {
    let body = JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    let subject = body.string("subject")?;
    let description = body.string("description")?;
    let join_approval_mode = body.string("join_approval_mode")?;
    if subject.is_none() && description.is_none() && join_approval_mode.is_none() {
        return Err(body::missing(
            "subject",
            "Give at least one of subject, description or file.",
        ));
    }
    Ok(SettingsChange {
        subject,
        description,
        picture: None,
        join_approval_mode,
    })
}

/// Validates and applies a settings change; the outcome goes out as `group_settings_update`,
/// with per-setting results (SPEC §4.3, §8 rule 9).
pub async fn apply_settings(
    state: &SandboxState,
    group: &Group,
    change: SettingsChange,
) -> Result<Json<Value>, MetaError> {
    if group.suspended {
        return Err(lookup::group_suspended());
    }
    let subject = change.subject.as_deref().map(body::subject).transpose()?;
    let description = change
        .description
        .as_deref()
        .map(body::description)
        .transpose()?;
    if let Some(mode) = &change.join_approval_mode {
        approval_mode(mode)?;
    }
    let picture = match &change.picture {
        None => None,
        Some(bytes) if bytes.len() > PICTURE_MAX_BYTES => {
            return Err(MetaError::invalid_parameter(
                "The picture must be at most 5 MB.",
            ));
        }
        Some(bytes) => {
            let Some((width, height)) = jpeg::dimensions(bytes) else {
                return Err(MetaError::invalid_parameter(
                    "The picture must be a JPEG image.",
                ));
            };
            Some((bytes, width, height))
        }
    };

    let request_id = ids::request_id();
    let mut event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group.wa_group_id,
        "type": "group_settings_update",
        "request_id": request_id,
    });
    let mut failed = false;
    let mut tx = state.pool.begin().await.map_err(internal)?;
    if let Some((bytes, width, height)) = picture {
        let sha = hex::encode(Sha256::digest(bytes));
        let mut result =
            json!({ "mime_type": "image/jpeg", "sha256": sha, "update_successful": true });
        let problem = if width != height {
            Some((
                131209,
                "Invalid Group Profile Picture Aspect Ratio",
                "Picture width and height must be equal.",
            ))
        } else if width <= 192 {
            Some((
                131210,
                "Image is Too Small to Process",
                "Picture width and height must be greater than 192px.",
            ))
        } else {
            None
        };
        match problem {
            Some((code, title, details)) => {
                failed = true;
                result["update_successful"] = json!(false);
                result["errors"] = json!([webhook_error(code, title, details)]);
            }
            None => {
                sqlx::query!(
                    "update sandbox.wa_group set picture_sha256 = $2 where wa_group_id = $1",
                    group.wa_group_id,
                    sha
                )
                .execute(&mut *tx)
                .await
                .map_err(internal)?;
            }
        }
        event["profile_picture"] = result;
    }
    if let Some(subject) = subject {
        sqlx::query!(
            "update sandbox.wa_group set subject = $2 where wa_group_id = $1",
            group.wa_group_id,
            subject
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        event["group_subject"] = json!({ "text": subject, "update_successful": true });
    }
    if let Some(description) = description {
        sqlx::query!(
            "update sandbox.wa_group set description = $2 where wa_group_id = $1",
            group.wa_group_id,
            description
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        event["group_description"] = json!({ "text": description, "update_successful": true });
    }
    if let Some(mode) = &change.join_approval_mode {
        sqlx::query("update sandbox.wa_group set join_approval_mode = $2 where wa_group_id = $1")
            .bind(&group.wa_group_id)
            .bind(mode)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
    }
    if failed {
        event["errors"] = json!([webhook_error(
            131201,
            "Request partially succeeded",
            "Not every setting was updated."
        )]);
    }
    let envelope = deliver::groups_envelope(&group.number, "group_settings_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "request_id": request_id }),
    ))
}
