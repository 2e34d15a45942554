//! Filling a number up to WhatsApp's 10,000-group cap without creating each group, so the cap's
//! refusal (131211) can be tested; and taking the filler away again.

use super::super::SandboxState;
use super::super::groups::GROUP_CAP;
use super::{Refusal, db, refuse};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// How many live groups the number should have.
#[derive(Debug, Deserialize)]
pub struct Fill {
    up_to: i64,
}

/// `POST /numbers/{phone_number_id}/filler`: adds filler groups until the number has `up_to`.
pub async fn fill(
    State(state): State<SandboxState>,
    Path(phone_number_id): Path<String>,
    Json(fill): Json<Fill>,
) -> Result<Json<Value>, Refusal> {
    if !(0..=GROUP_CAP).contains(&fill.up_to) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "up_to must be between 0 and 10000",
        ));
    }
    let added = sqlx::query_scalar::<_, i64>(
        r#"with live as (
               select count(*) as n from sandbox.wa_group
               where phone_number_id = $1 and deleted_at is null),
           made as (
               insert into sandbox.wa_group
                   (wa_group_id, phone_number_id, subject, join_approval_mode, invite_link)
               select 'filler-' || $1 || '-' || g, $1, 'Filler ' || g, 'auto_approve',
                      'https://chat.whatsapp.com/filler-' || $1 || '-' || g
               from live, generate_series(1, greatest($2 - live.n, 0)) as g
               where exists (select 1 from sandbox.phone_number where phone_number_id = $1)
               on conflict do nothing
               returning 1)
           select count(*) from made"#,
    )
    .bind(&phone_number_id)
    .bind(fill.up_to)
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(json!({ "added": added })))
}

/// `DELETE /numbers/{phone_number_id}/filler`: removes the number's filler groups.
pub async fn empty(
    State(state): State<SandboxState>,
    Path(phone_number_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    let removed = sqlx::query(
        "delete from sandbox.wa_group where phone_number_id = $1 and wa_group_id like 'filler-%'",
    )
    .bind(&phone_number_id)
    .execute(&state.pool)
    .await
    .map_err(db)?
    .rows_affected();
    Ok(Json(json!({ "removed": removed })))
}
