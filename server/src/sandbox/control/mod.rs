//! The control API: play WhatsApp users and Meta's moderators, and set faults. Not part of
//! Meta's API; only mounted in sandbox mode, under `/sandbox/control`.

mod capacity;
mod elsewhere;
mod join;
mod messages;
mod moderation;
mod signup;

use super::SandboxState;
use super::lookup::{self, Group};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

/// A control-API refusal: a status and a plain reason.
pub struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<super::MetaError> for Refusal {
    fn from(error: super::MetaError) -> Self {
        Self(StatusCode::INTERNAL_SERVER_ERROR, format!("{error:?}"))
    }
}

fn refuse(status: StatusCode, reason: &str) -> Refusal {
    Refusal(status, reason.to_owned())
}

pub(super) fn db(error: sqlx::Error) -> Refusal {
    tracing::error!(error = %error, "sandbox control database error");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the sandbox database failed",
    )
}

/// The control routes.
pub fn router() -> Router<SandboxState> {
    Router::new()
        .route("/users", post(upsert_user))
        .route("/numbers", post(register_number))
        .route(
            "/numbers/{phone_number_id}/filler",
            post(capacity::fill).delete(capacity::empty),
        )
        .route(
            "/numbers/{phone_number_id}/groups",
            post(elsewhere::create_elsewhere),
        )
        .route("/signup", post(signup::signup))
        .route("/join", post(join::join))
        .route("/join_requests/{id}/cancel", post(join::cancel_request))
        .route("/groups", get(moderation::groups))
        .route("/groups/{group_id}/messages", post(messages::post_message))
        .route("/groups/{group_id}/leave", post(messages::leave))
        .route("/groups/{group_id}/read", post(messages::read))
        .route("/groups/{group_id}/suspend", post(moderation::suspend))
        .route("/groups/{group_id}/vanish", post(moderation::vanish))
        .route(
            "/groups/{group_id}/clear_suspension",
            post(moderation::clear_suspension),
        )
        .route(
            "/behaviour",
            get(moderation::behaviour).put(moderation::set_behaviour),
        )
}

/// A simulated WhatsApp user: a phone number, a BSUID, or both.
#[derive(Debug, Deserialize)]
pub struct UserInput {
    wa_id: Option<String>,
    user_id: Option<String>,
    username: Option<String>,
    name: Option<String>,
}

async fn ensure_user(state: &SandboxState, user: &UserInput) -> Result<String, Refusal> {
    let wa_id = user
        .wa_id
        .as_ref()
        .map(|raw| raw.chars().filter(char::is_ascii_digit).collect::<String>());
    if let Some(wa_id) = &wa_id
        && !(6..=20).contains(&wa_id.len())
    {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "wa_id must be a phone number of 6 to 20 digits",
        ));
    }
    let Some(key) = wa_id.clone().or_else(|| user.user_id.clone()) else {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "a user needs a wa_id or a user_id",
        ));
    };
    sqlx::query!(
        r#"insert into sandbox.wa_user (user_key, wa_id, user_id, username, name)
           values ($1, $2, $3, $4, coalesce($5, ''))
           on conflict (user_key) do update set name = coalesce(nullif($5, ''), sandbox.wa_user.name)"#,
        key,
        wa_id,
        user.user_id,
        user.username,
        user.name,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(key)
}

async fn upsert_user(
    State(state): State<SandboxState>,
    Json(user): Json<UserInput>,
) -> Result<Json<Value>, Refusal> {
    Ok(Json(
        json!({ "user_key": ensure_user(&state, &user).await? }),
    ))
}

#[derive(Deserialize)]
struct NumberInput {
    phone_number_id: String,
    waba_id: String,
    display_phone_number: String,
    #[serde(default = "yes")]
    eligible: bool,
    access_token: Option<String>,
}

pub(super) fn yes() -> bool {
    true
}

async fn register_number(
    State(state): State<SandboxState>,
    Json(input): Json<NumberInput>,
) -> Result<Json<Value>, Refusal> {
    sqlx::query!(
        r#"insert into sandbox.phone_number
             (phone_number_id, waba_id, display_phone_number, is_official_business_account, access_token)
           values ($1, $2, $3, $4, $5)
           on conflict (phone_number_id) do update set is_official_business_account = $4, access_token = $5"#,
        input.phone_number_id,
        input.waba_id,
        input.display_phone_number,
        input.eligible,
        input.access_token,
    )
    .execute(&state.pool)
    .await
    .map_err(db)?;
    Ok(Json(json!({ "phone_number_id": input.phone_number_id })))
}

fn merge(target: &mut Value, extra: &Value) {
    if let (Some(target), Some(extra)) = (target.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            target.insert(key.clone(), value.clone());
        }
    }
}

async fn group(state: &SandboxState, group_id: &str) -> Result<Group, Refusal> {
    lookup::group(state, group_id)
        .await?
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such group (or it was deleted)"))
}

/// `{wa_id?, user_id?, username?}` of a user, as webhooks name them.
async fn user_row(state: &SandboxState, user_key: &str) -> Result<Value, Refusal> {
    let row = sqlx::query!(
        "select wa_id, user_id, username from sandbox.wa_user where user_key = $1",
        user_key
    )
    .fetch_one(&state.pool)
    .await
    .map_err(db)?;
    Ok(super::groups::identity(
        row.wa_id,
        row.user_id,
        row.username,
    ))
}
