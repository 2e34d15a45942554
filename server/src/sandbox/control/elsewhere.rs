//! A group created outside GroupDesk: another app (or Meta's own tools) made it on the number,
//! so GroupDesk hears nothing about it (no webhook). Only "Sync from WhatsApp" finds it.

use super::super::{SandboxState, body, groups, ids, lookup};
use super::{Refusal, UserInput, db, ensure_user, refuse};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
pub(super) struct ElsewhereInput {
    subject: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    join_approval_mode: Option<String>,
    #[serde(default)]
    participants: Vec<UserInput>,
}

/// `POST /numbers/{phone_number_id}/groups`: stores the group directly, with its participants.
pub(super) async fn create_elsewhere(
    State(state): State<SandboxState>,
    Path(phone_number_id): Path<String>,
    Json(input): Json<ElsewhereInput>,
) -> Result<Json<Value>, Refusal> {
    let number = lookup::number(&state, &phone_number_id)
        .await?
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such sandbox number"))?;
    let invalid = |error: super::super::MetaError| {
        Refusal(StatusCode::UNPROCESSABLE_ENTITY, format!("{error:?}"))
    };
    let subject = body::subject(&input.subject).map_err(invalid)?;
    let description = body::description(&input.description).map_err(invalid)?;
    let mode = input
        .join_approval_mode
        .unwrap_or_else(|| "auto_approve".to_owned());
    if mode != "auto_approve" && mode != "approval_required" {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "join_approval_mode must be auto_approve or approval_required",
        ));
    }
    if i64::try_from(input.participants.len()).unwrap_or(i64::MAX) > groups::PARTICIPANT_CAP {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "a group has at most 8 participants",
        ));
    }
    let mut users = Vec::with_capacity(input.participants.len());
    for user in &input.participants {
        users.push(ensure_user(&state, user).await?);
    }
    let group_id = ids::group_id(&number.display_phone_number);
    let invite_link = ids::invite_link();
    let mut tx = state.pool.begin().await.map_err(db)?;
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
    .map_err(db)?;
    sqlx::query!(
        r#"insert into sandbox.participant (wa_group_id, user_key, joined_via)
           select $1, unnest($2::text[]), 'invite_link' on conflict do nothing"#,
        group_id,
        &users
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    tx.commit().await.map_err(db)?;
    Ok(Json(
        json!({ "group_id": group_id, "invite_link": invite_link, "subject": subject }),
    ))
}
