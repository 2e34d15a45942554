//! Server functions of Embedded Signup: finishing it with the browser's code, and the sandbox's
//! stand-in for Facebook's dialog.

use super::domain::OnboardAnswer;
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What Facebook's dialog hands the browser; the sandbox stand-in answers the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxSignup {
    /// The short-lived code to exchange.
    pub code: String,
    /// The new number's phone number ID.
    pub phone_number_id: String,
    /// Its WABA ID.
    pub waba_id: String,
}

/// Exchanges an Embedded Signup `code` for the business token and onboards the number with it.
/// The answer is the same as for a pasted token; it never carries the token.
#[server(prefix = "/api", endpoint = "complete_embedded_signup")]
pub async fn complete_embedded_signup(
    code: String,
    phone_number_id: String,
    waba_id: String,
    sandbox: Option<String>,
) -> Result<OnboardAnswer, AppError> {
    use super::domain::{parse_pnid, parse_waba};
    use super::signup::{self, FinishedSignup};
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let code = code.trim();
        if code.is_empty() || code.len() > 2048 || code.chars().any(char::is_whitespace) {
            return Err(AppError::validation("code", super::text::CODE_REFUSED));
        }
        let signup = FinishedSignup {
            code: secrecy::SecretString::from(code.to_owned()),
            phone_number_id: parse_pnid(&phone_number_id)?,
            waba_id: parse_waba(&waba_id)?,
            sandbox: sandbox.is_some_and(|value| !value.is_empty() && value != "false"),
        };
        signup::complete(&state, &member, signup).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// Sandbox only: plays Facebook's signup dialog for a new sandbox number and returns its code.
#[server(prefix = "/api", endpoint = "start_sandbox_signup")]
pub async fn start_sandbox_signup() -> Result<SandboxSignup, AppError> {
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        require_member(&state, &[Role::Admin]).await?;
        let control = state
            .sandbox_control
            .as_ref()
            .ok_or_else(|| AppError::validation("sandbox", super::text::SANDBOX_OFF))?;
        let answer = control
            .call(reqwest::Method::POST, "/signup", serde_json::json!({}))
            .await?;
        serde_json::from_value(answer).map_err(AppError::internal)
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
