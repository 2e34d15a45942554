//! Who is calling and about what: token, version, numbers and groups (SPEC §1.1, §1.2, §8 rule 1).

use super::SandboxState;
use super::error::MetaError;
use axum::http::{HeaderMap, StatusCode};

/// A business number as the sandbox knows it.
#[derive(Debug, Clone)]
pub struct Number {
    /// Phone number ID.
    pub phone_number_id: String,
    /// WABA ID.
    pub waba_id: String,
    /// Display number.
    pub display_phone_number: String,
    /// Official Business Account: required for Groups.
    pub eligible: bool,
    /// When set, the only token accepted.
    pub access_token: Option<String>,
}

/// A group and the number that owns it.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group ID.
    pub wa_group_id: String,
    /// Its owner.
    pub number: Number,
    /// Name.
    pub subject: String,
    /// Description.
    pub description: String,
    /// `auto_approve` or `approval_required`.
    pub join_approval_mode: String,
    /// The current link, if not deleted.
    pub invite_link: Option<String>,
    /// Suspended by WhatsApp.
    pub suspended: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// The bearer token of a request, checked (SPEC §1.2).
pub fn token(headers: &HeaderMap) -> Result<String, MetaError> {
    let token = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    match token {
        None => Err(MetaError::new(
            StatusCode::FORBIDDEN,
            200,
            "Permissions error",
            "An access token is required to request this resource.",
        )),
        Some("") => Err(invalid_token()),
        Some(token) => Ok(token.to_owned()),
    }
}

fn invalid_token() -> MetaError {
    MetaError::new(
        StatusCode::UNAUTHORIZED,
        190,
        "Invalid OAuth access token",
        "The access token could not be decrypted or has expired.",
    )
}

/// `vNN.0`, as Meta accepts (SPEC §1.1).
pub fn version(raw: &str) -> Result<(), MetaError> {
    let ok = raw
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) && minor == "0"
        });
    if ok {
        Ok(())
    } else {
        Err(MetaError::invalid_parameter(format!(
            "Unknown path components: /{raw}"
        )))
    }
}

/// The error for an ID that names nothing the caller can see.
pub fn unknown_object(id: &str, method: &str) -> MetaError {
    MetaError::invalid_parameter(format!(
        "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
    ))
    .with_subcode(33)
}

/// Logs a database failure and answers Meta's generic error.
pub fn internal(error: sqlx::Error) -> MetaError {
    tracing::error!(error = %error, "sandbox database error");
    MetaError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        131000,
        "Something went wrong",
        "The sandbox could not reach its database.",
    )
}

impl Number {
    /// Checks the token against the number (any non-empty token, unless one is set).
    pub fn authorize(&self, token: &str) -> Result<(), MetaError> {
        match &self.access_token {
            Some(expected) if expected != token => Err(invalid_token()),
            _ => Ok(()),
        }
    }

    /// Groups calls on an ineligible number fail with 131215 (SPEC §8 rule 1).
    pub fn require_eligible(&self) -> Result<(), MetaError> {
        if self.eligible {
            Ok(())
        } else {
            Err(MetaError::new(
                StatusCode::BAD_REQUEST,
                131215,
                "This phone number is not eligible to access Groups APIs",
                "Groups require an Official Business Account.",
            ))
        }
    }
}

/// The number with this phone number ID, if any.
pub async fn number(
    state: &SandboxState,
    phone_number_id: &str,
) -> Result<Option<Number>, MetaError> {
    sqlx::query_as!(
        Number,
        r#"select phone_number_id, waba_id, display_phone_number,
                  is_official_business_account as eligible, access_token
           from sandbox.phone_number where phone_number_id = $1"#,
        phone_number_id
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)
}

/// The numbers of a WABA.
pub async fn waba_numbers(state: &SandboxState, waba_id: &str) -> Result<Vec<Number>, MetaError> {
    sqlx::query_as!(
        Number,
        r#"select phone_number_id, waba_id, display_phone_number,
                  is_official_business_account as eligible, access_token
           from sandbox.phone_number where waba_id = $1"#,
        waba_id
    )
    .fetch_all(&state.pool)
    .await
    .map_err(internal)
}

/// A group that is not deleted, with its number; `None` when unknown or deleted.
pub async fn group(state: &SandboxState, wa_group_id: &str) -> Result<Option<Group>, MetaError> {
    let row = sqlx::query!(
        r#"select g.wa_group_id, g.subject, g.description, g.join_approval_mode, g.invite_link,
                  g.suspended, extract(epoch from g.created_at)::bigint as "created_at!",
                  n.phone_number_id, n.waba_id, n.display_phone_number,
                  n.is_official_business_account as eligible, n.access_token
           from sandbox.wa_group g join sandbox.phone_number n using (phone_number_id)
           where g.wa_group_id = $1 and g.deleted_at is null"#,
        wa_group_id
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)?;
    Ok(row.map(|row| Group {
        wa_group_id: row.wa_group_id,
        number: Number {
            phone_number_id: row.phone_number_id,
            waba_id: row.waba_id,
            display_phone_number: row.display_phone_number,
            eligible: row.eligible,
            access_token: row.access_token,
        },
        subject: row.subject,
        description: row.description,
        join_approval_mode: row.join_approval_mode,
        invite_link: row.invite_link,
        suspended: row.suspended,
        created_at: row.created_at,
    }))
}

/// Whether any group (deleted or not) has this ID.
pub async fn group_ever_existed(
    state: &SandboxState,
    wa_group_id: &str,
) -> Result<bool, MetaError> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.wa_group where wa_group_id = $1) as "e!""#,
        wa_group_id
    )
    .fetch_one(&state.pool)
    .await
    .map_err(internal)
}

/// 131041: the group does not exist or the business is not in it.
pub fn group_unknown() -> MetaError {
    MetaError::new(
        StatusCode::BAD_REQUEST,
        131041,
        "Group unknown",
        "The group does not exist or the business is not a member of it.",
    )
}

/// 131207: the group is suspended.
pub fn group_suspended() -> MetaError {
    MetaError::new(
        StatusCode::FORBIDDEN,
        131207,
        "Group suspended",
        "The group violates platform policies and is suspended.",
    )
}

/// How many participants a group has (the business not counted).
pub async fn participant_count(state: &SandboxState, wa_group_id: &str) -> Result<i64, MetaError> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.participant where wa_group_id = $1"#,
        wa_group_id
    )
    .fetch_one(&state.pool)
    .await
    .map_err(internal)
}
