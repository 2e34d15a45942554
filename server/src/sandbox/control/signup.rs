//! Plays Embedded Signup: a new business number finishes Meta's signup and the browser gets a
//! code (SPEC §6). The code is exchanged at `/oauth/access_token` like Meta's.

use super::{Refusal, db};
use crate::sandbox::SandboxState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

/// What the signup may set; by default an eligible number.
#[derive(Deserialize)]
pub struct SignupInput {
    #[serde(default = "super::yes")]
    eligible: bool,
}

/// `POST /control/signup`: registers a fresh number whose token only the code reveals, and
/// answers what the `WA_EMBEDDED_SIGNUP` `FINISH` message and `FB.login` would carry.
pub async fn signup(
    State(state): State<SandboxState>,
    Json(input): Json<SignupInput>,
) -> Result<Json<Value>, Refusal> {
    let number = sqlx::query!(
        r#"with fresh as (
             select lpad((floor(random() * 1e13))::bigint::text, 13, '0') as digits)
           insert into sandbox.phone_number
             (phone_number_id, waba_id, display_phone_number, is_official_business_account, access_token)
           select '31' || digits, '41' || digits, '1555' || right(digits, 7), $1,
                  'sandbox-es-' || replace(gen_random_uuid()::text, '-', '')
             from fresh
           returning phone_number_id, waba_id"#,
        input.eligible,
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    let code = crate::sandbox::numbers::issue_code(&state.pool, &number.phone_number_id)
        .await
        .map_err(db)?;
    Ok(Json(json!({
        "code": code,
        "phone_number_id": number.phone_number_id,
        "waba_id": number.waba_id,
    })))
}
