//! Simulated users and invite links: join, ask to join, cancel.

use super::super::groups::PARTICIPANT_CAP;
use super::super::{SandboxState, deliver, ids};
use super::{Refusal, UserInput, db, ensure_user, group, merge, refuse, user_row};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
pub(super) struct JoinInput {
    invite_link: String,
    user: UserInput,
}

/// A user opens an invite link (SPEC §8 rule 4): joins, or asks to join.
pub(super) async fn join(
    State(state): State<SandboxState>,
    Json(input): Json<JoinInput>,
) -> Result<Json<Value>, Refusal> {
    let user_key = ensure_user(&state, &input.user).await?;
    let group_id = sqlx::query_scalar!(
        "select wa_group_id from sandbox.wa_group where invite_link = $1 and deleted_at is null",
        input.invite_link
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(db)?
    .ok_or_else(|| {
        refuse(
            StatusCode::NOT_FOUND,
            "this invite link is not valid (reset, deleted or unknown)",
        )
    })?;
    let group = group(&state, &group_id).await?;
    if group.suspended {
        return Err(refuse(StatusCode::CONFLICT, "the group is suspended"));
    }
    let removed = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.removed_user where wa_group_id = $1 and user_key = $2) as "e!""#,
        group_id,
        user_key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    if removed {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "this user was removed from the group and cannot rejoin through the link",
        ));
    }
    let user = user_row(&state, &user_key).await?;
    let mut tx = state.pool.begin().await.map_err(db)?;
    let already = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.participant where wa_group_id = $1 and user_key = $2) as "e!""#,
        group_id,
        user_key
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    if already {
        return Ok(Json(json!({ "result": "already_member" })));
    }
    let count = sqlx::query_scalar!(
        r#"select count(*) as "n!" from sandbox.participant where wa_group_id = $1"#,
        group_id
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    if count >= PARTICIPANT_CAP {
        return Err(refuse(
            StatusCode::CONFLICT,
            "the group is full (8 participants)",
        ));
    }
    let (answer, event) = if group.join_approval_mode == "auto_approve" {
        sqlx::query!(
            "insert into sandbox.participant (wa_group_id, user_key, joined_via) values ($1, $2, 'invite_link')",
            group_id,
            user_key
        )
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        let event = json!({
            "timestamp": deliver::timestamp(),
            "group_id": group_id,
            "type": "group_participants_add",
            "reason": "invite_link",
            "added_participants": [user.clone()],
        });
        (json!({ "result": "joined" }), event)
    } else {
        let request_id = ids::join_request_id(&user_key);
        let inserted = sqlx::query!(
            r#"insert into sandbox.join_request (join_request_id, wa_group_id, user_key) values ($1, $2, $3)
               on conflict (wa_group_id, user_key) do nothing"#,
            request_id,
            group_id,
            user_key
        )
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
        if inserted == 0 {
            return Ok(Json(json!({ "result": "already_requested" })));
        }
        let mut event = json!({
            "timestamp": deliver::timestamp(),
            "group_id": group_id,
            "type": "group_join_request_created",
            "reason": "invite_link",
            "join_request_id": request_id,
        });
        merge(&mut event, &user);
        (
            json!({ "result": "requested", "join_request_id": request_id }),
            event,
        )
    };
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(answer))
}

/// The user cancels a pending join request: `group_join_request_revoked`.
pub(super) async fn cancel_request(
    State(state): State<SandboxState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    let mut tx = state.pool.begin().await.map_err(db)?;
    let row = sqlx::query!(
        "delete from sandbox.join_request where join_request_id = $1 returning wa_group_id, user_key",
        id
    )
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such pending join request"))?;
    let group = group(&state, &row.wa_group_id).await?;
    let mut event = json!({
        "timestamp": deliver::timestamp(),
        "group_id": row.wa_group_id,
        "type": "group_join_request_revoked",
        "reason": "user_cancelled",
        "join_request_id": id,
    });
    merge(&mut event, &user_row(&state, &row.user_key).await?);
    let envelope =
        deliver::groups_envelope(&group.number, "group_participants_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "result": "revoked" })))
}
