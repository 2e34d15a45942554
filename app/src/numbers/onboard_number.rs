//! Server function: an admin onboards a business number with its access token.

use super::domain::OnboardAnswer;
use crate::AppError;
use leptos::prelude::*;

/// Checks the token and the number's eligibility, then stores the number. The answer carries
/// WhatsApp's facts about the number and, when it was refused, why; never the token.
#[server(prefix = "/api", endpoint = "onboard_number")]
pub async fn onboard_number(
    phone_number_id: String,
    waba_id: String,
    access_token: String,
    sandbox: Option<String>,
) -> Result<OnboardAnswer, AppError> {
    use super::domain::{parse_pnid, parse_token, parse_waba};
    use super::service::{self, Onboarding};
    use crate::state::AppState;
    use crate::tenants::{Role, require_member};

    let result = async {
        let state = expect_context::<AppState>();
        let member = require_member(&state, &[Role::Admin]).await?;
        let input = Onboarding {
            phone_number_id: parse_pnid(&phone_number_id)?,
            waba_id: parse_waba(&waba_id)?,
            token: parse_token(access_token)?,
            sandbox: sandbox.is_some_and(|value| !value.is_empty() && value != "false"),
        };
        service::onboard(&state, &member, &input).await
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}
