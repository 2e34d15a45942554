//! `POST /<PNID>/groups` (SPEC §2.1, §8 rule 2).

use super::error::MetaError;
use super::{SandboxState, deliver, ids};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::json;

/// Most groups one number may have (SPEC §2.0).
pub const GROUP_CAP: i64 = 10_000;

#[derive(Deserialize)]
struct CreateBody {
    messaging_product: Option<String>,
    subject: Option<serde_json::Value>,
    description: Option<serde_json::Value>,
    join_approval_mode: Option<serde_json::Value>,
}

/// A number as the sandbox knows it.
pub(super) struct Number {
    pub phone_number_id: String,
    pub waba_id: String,
    pub display_phone_number: String,
    pub eligible: bool,
}

/// Checks the token and the version, and loads the number (SPEC §1.1, §1.2, §8 rule 1).
pub(super) async fn authorize(
    state: &SandboxState,
    headers: &HeaderMap,
    version: &str,
    phone_number_id: &str,
) -> Result<Number, MetaError> {
    let token = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match token {
        None => {
            return Err(MetaError::new(
                StatusCode::FORBIDDEN,
                200,
                "Permissions error",
                "An access token is required to request this resource.",
            ));
        }
        Some("") => {
            return Err(MetaError::new(
                StatusCode::UNAUTHORIZED,
                190,
                "Invalid OAuth access token",
                "The access token could not be decrypted.",
            ));
        }
        Some(_) => {}
    }
    if !is_version(version) {
        return Err(MetaError::invalid_parameter(format!(
            "Unknown path components: /{version}"
        )));
    }
    let number = sqlx::query_as!(
        Number,
        r#"select phone_number_id, waba_id, display_phone_number,
                  is_official_business_account as eligible
           from sandbox.phone_number where phone_number_id = $1"#,
        phone_number_id
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)?;
    let Some(number) = number else {
        return Err(MetaError::invalid_parameter(format!(
            "Unsupported post request. Object with ID '{phone_number_id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
        ))
        .with_subcode(33));
    };
    if !number.eligible {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131215,
            "This phone number is not eligible to access Groups APIs",
            "Groups require an Official Business Account.",
        ));
    }
    Ok(number)
}

fn is_version(raw: &str) -> bool {
    raw.strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) && minor == "0"
        })
}

pub(super) fn internal(error: sqlx::Error) -> MetaError {
    tracing::error!(error = %error, "sandbox database error");
    MetaError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        131000,
        "Something went wrong",
        "The sandbox could not reach its database.",
    )
}

/// Reads an optional string field; a non-string value is a parameter error.
fn string_field(value: Option<serde_json::Value>, name: &str) -> Result<Option<String>, MetaError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(MetaError::invalid_parameter(format!(
            "Param {name} must be a string."
        ))),
    }
}

/// Creates a group and schedules its `group_create` webhook.
pub async fn create(
    State(state): State<SandboxState>,
    Path((version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, MetaError> {
    let number = authorize(&state, &headers, &version, &phone_number_id).await?;
    let body: CreateBody = serde_json::from_slice(&body)
        .map_err(|_| MetaError::invalid_parameter("The request body must be a JSON object."))?;
    if body.messaging_product.as_deref() != Some("whatsapp") {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131008,
            "Required parameter is missing",
            "Param messaging_product must be 'whatsapp'.",
        ));
    }
    let subject = string_field(body.subject, "subject")?.unwrap_or_default();
    let subject = subject.trim();
    if subject.is_empty() {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131008,
            "Required parameter is missing",
            "Param subject is required and must not be empty.",
        ));
    }
    if subject.chars().count() > 128 {
        return Err(MetaError::invalid_parameter(
            "Param subject must be at most 128 characters long.",
        ));
    }
    let description = string_field(body.description, "description")?.unwrap_or_default();
    if description.chars().count() > 2048 {
        return Err(MetaError::invalid_parameter(
            "Param description must be at most 2048 characters long.",
        ));
    }
    let mode = string_field(body.join_approval_mode, "join_approval_mode")?
        .unwrap_or_else(|| "auto_approve".to_owned());
    if mode != "auto_approve" && mode != "approval_required" {
        return Err(MetaError::invalid_parameter(
            "Param join_approval_mode must be one of {auto_approve, approval_required}.",
        ));
    }

    let mut tx = state.pool.begin().await.map_err(internal)?;
    // Serialize creates per number so the cap holds under concurrency.
    sqlx::query!(
        "select phone_number_id from sandbox.phone_number where phone_number_id = $1 for update",
        number.phone_number_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(internal)?;
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from sandbox.wa_group
           where phone_number_id = $1 and deleted_at is null"#,
        number.phone_number_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(internal)?;
    if count >= GROUP_CAP {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131211,
            "Group create limit reached",
            "This phone number has reached its maximum number of groups.",
        ));
    }

    let group_id = ids::group_id(&number.display_phone_number);
    let invite_link = ids::invite_link();
    let request_id = ids::request_id();
    sqlx::query!(
        r#"insert into sandbox.wa_group
             (wa_group_id, phone_number_id, subject, description, join_approval_mode, invite_link)
           values ($1, $2, $3, $4, $5, $6)"#,
        group_id,
        number.phone_number_id,
        subject,
        description,
        mode,
        invite_link,
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": group_id,
        "type": "group_create",
        "request_id": request_id,
        "subject": subject,
        "invite_link": invite_link,
        "join_approval_mode": mode,
    });
    let envelope = deliver::groups_envelope(&number, "group_lifecycle_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(Json(
        json!({ "messaging_product": "whatsapp", "request_id": request_id }),
    ))
}
