//! Phone number facts, webhook subscription, registration and the Embedded Signup code
//! exchange (SPEC §5, §6).

use super::SandboxState;
use super::error::MetaError;
use super::lookup::{Number, internal};
use axum::Json;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

/// `GET /<PNID>?fields=...`.
pub async fn get(
    state: &SandboxState,
    number: &Number,
    fields: Option<&str>,
) -> Result<Json<Value>, MetaError> {
    let row = sqlx::query!(
        r#"select platform_type, is_on_biz_app, messaging_limit, quality_rating, throughput_level
           from sandbox.phone_number where phone_number_id = $1"#,
        number.phone_number_id
    )
    .fetch_one(&state.pool)
    .await
    .map_err(internal)?;
    let mut answer = json!({ "id": number.phone_number_id });
    for field in fields
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        let value = match field {
            "display_phone_number" => json!(number.display_phone_number),
            "verified_name" => json!("GroupDesk Sandbox"),
            "is_official_business_account" => json!(number.eligible),
            "whatsapp_business_manager_messaging_limit" | "messaging_limit_tier" => {
                json!(row.messaging_limit)
            }
            "platform_type" => json!(row.platform_type),
            "is_on_biz_app" => json!(row.is_on_biz_app),
            "throughput" => json!({ "level": row.throughput_level }),
            "quality_rating" => json!(row.quality_rating),
            "status" => json!("CONNECTED"),
            "id" => continue,
            other => {
                return Err(MetaError::invalid_parameter(format!(
                    "(#100) Tried accessing nonexisting field ({other}) on node type (WhatsAppBusinessPhoneNumber)"
                )));
            }
        };
        answer[field] = value;
    }
    Ok(Json(answer))
}

/// `POST /<WABA_ID>/subscribed_apps`.
pub async fn subscribe(state: &SandboxState, waba_id: &str) -> Result<Json<Value>, MetaError> {
    sqlx::query!(
        "update sandbox.phone_number set subscribed = true where waba_id = $1",
        waba_id
    )
    .execute(&state.pool)
    .await
    .map_err(internal)?;
    Ok(Json(json!({ "success": true })))
}

/// `GET /<WABA_ID>/subscribed_apps`.
pub async fn subscriptions(state: &SandboxState, waba_id: &str) -> Result<Json<Value>, MetaError> {
    let subscribed = sqlx::query_scalar!(
        r#"select bool_or(subscribed) as "s!" from sandbox.phone_number where waba_id = $1"#,
        waba_id
    )
    .fetch_one(&state.pool)
    .await
    .map_err(internal)?;
    let data = if subscribed {
        json!([{ "whatsapp_business_api_data": { "name": "GroupDesk", "id": "sandbox-app" } }])
    } else {
        json!([])
    };
    Ok(Json(json!({ "data": data })))
}

/// `POST /<PNID>/register`: a 6-digit PIN is required.
pub fn register(bytes: &[u8]) -> Result<Json<Value>, MetaError> {
    let body = super::body::JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    let pin = body.string("pin")?.unwrap_or_default();
    if pin.len() != 6 || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MetaError::invalid_parameter("Param pin must be 6 digits."));
    }
    Ok(Json(json!({ "success": true })))
}

/// How long an Embedded Signup code can be exchanged (SPEC §6).
pub const CODE_LIFETIME_SECONDS: i32 = 30;

/// `GET /oauth/access_token?client_id&client_secret&code` (SPEC §6), or the same parameters as a
/// `POST` form (Graph's OAuth endpoint takes both; OAuth clients post a form). A code is one the
/// control API issued, not older than [`CODE_LIFETIME_SECONDS`], and works once.
pub async fn exchange(
    state: &SandboxState,
    params: &HashMap<String, String>,
) -> Result<Json<Value>, MetaError> {
    let present = |name: &str| params.get(name).is_some_and(|value| !value.is_empty());
    if !present("client_id") || !present("client_secret") {
        return Err(MetaError::invalid_parameter(
            "Missing client_id or client_secret.",
        ));
    }
    let code = params.get("code").map(String::as_str).unwrap_or_default();
    let token = sqlx::query_scalar!(
        r#"update sandbox.signup_code c set used_at = now()
            from sandbox.phone_number n
           where c.code = $1 and c.used_at is null
             and c.issued_at > now() - make_interval(secs => $2)
             and n.phone_number_id = c.phone_number_id
       returning n.access_token"#,
        code,
        f64::from(CODE_LIFETIME_SECONDS),
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)?;
    match token.flatten() {
        Some(token) => Ok(Json(
            json!({ "access_token": token, "token_type": "bearer" }),
        )),
        None => Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            100,
            "Invalid verification code format.",
            "The code has expired or was already used.",
        )),
    }
}

/// Issues a fresh code for `phone_number_id` (the control API's Embedded Signup).
pub async fn issue_code(pool: &sqlx::PgPool, phone_number_id: &str) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into sandbox.signup_code (code, phone_number_id)
           values (replace(gen_random_uuid()::text, '-', ''), $1)
           returning code"#,
        phone_number_id
    )
    .fetch_one(pool)
    .await
}
