//! WhatsApp itself: suspensions, the group overview, and behaviour and fault settings.

use super::super::{SandboxState, deliver};
use super::{Refusal, db, group, refuse};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

async fn set_suspended(
    state: &SandboxState,
    group_id: &str,
    suspended: bool,
) -> Result<Json<Value>, Refusal> {
    let group = group(state, group_id).await?;
    let mut tx = state.pool.begin().await.map_err(db)?;
    sqlx::query!(
        "update sandbox.wa_group set suspended = $2 where wa_group_id = $1",
        group_id,
        suspended
    )
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let event = json!({
        "timestamp": deliver::timestamp(),
        "type": if suspended { "group_suspend" } else { "group_suspend_cleared" },
        "group_id": group_id,
    });
    let envelope = deliver::groups_envelope(&group.number, "group_status_update", vec![event]);
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(db)?;
    tx.commit().await.map_err(db)?;
    state.wake.notify_one();
    Ok(Json(json!({ "suspended": suspended })))
}

/// The group is deleted on WhatsApp outside this app (another app of the number, or the
/// number left it): WhatsApp stops listing it and sends this app no webhook.
pub(super) async fn vanish(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    group(&state, &group_id).await?;
    sqlx::query("update sandbox.wa_group set deleted_at = now() where wa_group_id = $1")
        .bind(&group_id)
        .execute(&state.pool)
        .await
        .map_err(db)?;
    Ok(Json(json!({ "vanished": true })))
}

/// WhatsApp suspends a group (SPEC §8 rule 14).
pub(super) async fn suspend(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    set_suspended(&state, &group_id, true).await
}

/// WhatsApp clears a suspension.
pub(super) async fn clear_suspension(
    State(state): State<SandboxState>,
    Path(group_id): Path<String>,
) -> Result<Json<Value>, Refusal> {
    set_suspended(&state, &group_id, false).await
}

/// Every live group with its participants and pending requests, for the Sandbox page.
/// `?phone_number_ids=a,b` limits the list to those numbers' groups.
#[derive(Deserialize)]
pub(super) struct GroupsFilter {
    phone_number_ids: Option<String>,
}

pub(super) async fn groups(
    State(state): State<SandboxState>,
    axum::extract::Query(filter): axum::extract::Query<GroupsFilter>,
) -> Result<Json<Value>, Refusal> {
    let numbers: Option<Vec<String>> = filter.phone_number_ids.map(|ids| {
        ids.split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    });
    let rows = sqlx::query!(
        r#"select g.wa_group_id, g.subject, g.join_approval_mode, g.invite_link, g.suspended,
                  coalesce((select json_agg(json_build_object('user', u.user_key, 'name', u.name) order by p.joined_at)
                            from sandbox.participant p join sandbox.wa_user u using (user_key)
                            where p.wa_group_id = g.wa_group_id), '[]'::json) as "participants!",
                  coalesce((select json_agg(json_build_object('join_request_id', r.join_request_id, 'user', r.user_key))
                            from sandbox.join_request r where r.wa_group_id = g.wa_group_id), '[]'::json) as "join_requests!"
           from sandbox.wa_group g
           where g.deleted_at is null and ($1::text[] is null or g.phone_number_id = any($1))
           order by g.created_at desc limit 500"#,
        numbers.as_deref()
    )
    .fetch_all(&state.pool)
    .await
    .map_err(db)?;
    let groups: Vec<Value> = rows
        .into_iter()
        .map(|row| {
            json!({
                "group_id": row.wa_group_id,
                "subject": row.subject,
                "join_approval_mode": row.join_approval_mode,
                "invite_link": row.invite_link,
                "suspended": row.suspended,
                "participants": row.participants,
                "join_requests": row.join_requests,
            })
        })
        .collect();
    Ok(Json(json!({ "groups": groups })))
}

/// The behaviour and fault settings.
#[derive(Debug, Deserialize, serde::Serialize)]
pub struct Behaviour {
    auto_read: bool,
    error_5xx_rate: f64,
    throughput_rate: f64,
    group_rate_limit_rate: f64,
    timeout_rate: f64,
    latency_ms: i32,
    timeout_delay_ms: i32,
    duplicate_webhook_rate: f64,
    reorder_webhooks: bool,
}

pub(super) async fn behaviour(
    State(state): State<SandboxState>,
) -> Result<Json<Behaviour>, Refusal> {
    let row = sqlx::query_as!(
        Behaviour,
        r#"select auto_read, error_5xx_rate, throughput_rate, group_rate_limit_rate, timeout_rate,
                  latency_ms, timeout_delay_ms, duplicate_webhook_rate, reorder_webhooks
           from sandbox.behaviour"#
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(row))
}

pub(super) async fn set_behaviour(
    State(state): State<SandboxState>,
    Json(input): Json<Behaviour>,
) -> Result<Json<Behaviour>, Refusal> {
    let rates = [
        input.error_5xx_rate,
        input.throughput_rate,
        input.group_rate_limit_rate,
        input.timeout_rate,
        input.duplicate_webhook_rate,
    ];
    if rates.iter().any(|rate| !(0.0..=1.0).contains(rate)) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "rates are fractions from 0 to 1",
        ));
    }
    if !(0..=60_000).contains(&input.latency_ms) || !(0..=600_000).contains(&input.timeout_delay_ms)
    {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "latency is 0 to 60000 ms, timeout delay 0 to 600000 ms",
        ));
    }
    sqlx::query!(
        r#"update sandbox.behaviour set auto_read = $1, error_5xx_rate = $2, throughput_rate = $3,
             group_rate_limit_rate = $4, timeout_rate = $5, latency_ms = $6, timeout_delay_ms = $7,
             duplicate_webhook_rate = $8, reorder_webhooks = $9, updated_at = now()"#,
        input.auto_read,
        input.error_5xx_rate,
        input.throughput_rate,
        input.group_rate_limit_rate,
        input.timeout_rate,
        input.latency_ms,
        input.timeout_delay_ms,
        input.duplicate_webhook_rate,
        input.reorder_webhooks,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(input))
}
